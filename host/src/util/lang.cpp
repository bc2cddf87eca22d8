#include "util/lang.hpp"

namespace og::lang {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string base(std::string_view tag) {
    while (!tag.empty() && is_space(tag.front())) tag.remove_prefix(1);
    while (!tag.empty() && is_space(tag.back())) tag.remove_suffix(1);
    // BCP 47 separates subtags with "-"; POSIX locales use "_", then ".codeset" and "@modifier".
    const std::string_view primary = tag.substr(0, tag.find_first_of("-_.@"));
    if (primary.size() < 2 || primary.size() > 3) return {};
    std::string out;
    for (char c : primary) {
        if (!is_letter(c)) return {};
        out += static_cast<char>(c | 0x20);
    }
    return out;
}

}  // namespace og::lang
