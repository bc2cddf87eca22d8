#pragma once
// A path from UTF-8 text (an environment variable, an argument, a JSON value, a registry value).
// On Windows, libstdc++ reads a plain std::string as the ANSI code page, so "Zoé" would become
// "ZoÃ©"; through char8_t it is read as UTF-8. (path::string() already gives UTF-8 back.)
#include <filesystem>
#include <string>
#include <string_view>

namespace og {

inline std::filesystem::path utf8_path(std::string_view text) {
    return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

}  // namespace og
