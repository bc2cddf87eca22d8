#pragma once
// Environment variables as UTF-8, whatever the platform: on Windows getenv gives the ANSI code
// page, which loses a user name such as "Zoé" in a path.
#include <optional>
#include <string>

namespace og::env_var {

// The value, or nullopt when the variable is not set (an empty value is returned as such).
std::optional<std::string> get(const char* name);

// The value when set and not empty.
std::optional<std::string> non_empty(const char* name);

}  // namespace og::env_var
