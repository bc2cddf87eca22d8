#include <cstdlib>

#include "util/env_var.hpp"

namespace og::env_var {

std::optional<std::string> get(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
}

}  // namespace og::env_var
