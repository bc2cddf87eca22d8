#pragma once
// UTF-8 <-> UTF-16 for the wide-character Win32 calls (Windows builds only).
#include <string>
#include <string_view>

namespace og::wide {

std::wstring from_utf8(std::string_view text);
std::string to_utf8(std::wstring_view text);

}  // namespace og::wide
