#include "util/env_var.hpp"

namespace og::env_var {

std::optional<std::string> non_empty(const char* name) {
    auto value = get(name);
    if (value && value->empty()) return std::nullopt;
    return value;
}

}  // namespace og::env_var
