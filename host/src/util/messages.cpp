#include "util/messages.hpp"

#include <array>

#include "util/lang.hpp"

namespace og::messages {
namespace {

constexpr size_t kLanguageCount = 5;

struct Row {
    std::string_view key;
    std::array<std::string_view, kLanguageCount> text;
};

#include "og/locale_table.inc"

static_assert(kLanguages.size() == kLanguageCount);

size_t index_of(std::string_view lang) {
    for (size_t i = 0; i < kLanguages.size(); ++i)
        if (kLanguages[i] == lang) return i;
    return 0;  // the reference language, English
}

}  // namespace

std::string pick_language(std::string_view requested) {
    const std::string base = lang::base(requested);
    for (const auto l : kLanguages)
        if (l == base) return base;
    return std::string(kLanguages[0]);
}

std::string_view text(std::string_view lang, std::string_view key) {
    for (const auto& row : kRows)
        if (row.key == key) return row.text[index_of(lang)];
    return key;
}

std::string format(std::string_view lang, std::string_view key,
                   std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string out(text(lang, key));
    for (const auto& [name, value] : values) {
        // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "{" + std::string(name).
        std::string token(1, '{');
        token.append(name).push_back('}');
        for (size_t at = out.find(token); at != std::string::npos;
             at = out.find(token, at + value.size()))
            out.replace(at, token.size(), value);
    }
    return out;
}

std::string pad(std::string_view text, size_t width) {
    size_t points = 0;
    for (const unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++points;
    std::string out(text);
    out.append(points < width ? width - points : 1, ' ');
    return out;
}

}  // namespace og::messages
