#include "util/messages.hpp"

#include <algorithm>
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

namespace {

// One pass over the template: a value is never searched for {names} itself, so a path or a
// program's output holding "{text}" stays as it is.
template <typename Values>
std::string fill(std::string_view templ, const Values& values) {
    std::string out;
    out.reserve(templ.size());
    size_t at = 0;
    while (at < templ.size()) {
        const size_t open = templ.find('{', at);
        const size_t close = open == std::string_view::npos ? open : templ.find('}', open);
        if (close == std::string_view::npos) break;
        const std::string_view name = templ.substr(open + 1, close - open - 1);
        out.append(templ.substr(at, open - at));
        auto it = std::find_if(values.begin(), values.end(),
                               [&](const auto& v) { return std::string_view(v.first) == name; });
        if (it == values.end()) {
            out.push_back('{');  // not a name of ours: kept, and what follows is read again
            at = open + 1;
        } else {
            out.append(it->second);
            at = close + 1;
        }
    }
    out.append(templ.substr(std::min(at, templ.size())));
    return out;
}

}  // namespace

std::string format(std::string_view lang, std::string_view key,
                   std::initializer_list<std::pair<std::string_view, std::string>> values) {
    return fill(text(lang, key), values);
}

Phrase verbatim(std::string words) {
    return {"", {{"", std::move(words)}}};
}

std::string say(std::string_view lang, const Phrase& phrase) {
    if (phrase.key.empty()) return phrase.values.empty() ? "" : phrase.values.front().second;
    return fill(text(lang, phrase.key), phrase.values);
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
