#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace og::utf8 {

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or nullopt when all of `text` is well-formed.
std::optional<std::size_t> first_invalid(std::string_view text);

// The largest n ≤ max such that text[0, n) ends on a character boundary (for cutting chunks).
std::size_t boundary_at_most(std::string_view text, std::size_t max);

}  // namespace og::utf8
