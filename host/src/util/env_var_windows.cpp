#include <windows.h>

#include "util/env_var.hpp"
#include "util/wide_windows.hpp"

namespace og::env_var {

std::optional<std::string> get(const char* name) {
    const std::wstring wname = wide::from_utf8(name);
    const DWORD size = GetEnvironmentVariableW(wname.c_str(), nullptr, 0);
    if (size == 0) {
        if (GetLastError() == ERROR_ENVVAR_NOT_FOUND) return std::nullopt;
        return std::string();
    }
    std::wstring value(size, L'\0');
    const DWORD n = GetEnvironmentVariableW(wname.c_str(), value.data(), size);
    value.resize(n);
    return wide::to_utf8(value);
}

}  // namespace og::env_var
