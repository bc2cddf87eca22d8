#include "util/paths.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace og::paths {
namespace {

constexpr const char* kAppDir = "optout-guide";

std::filesystem::path xdg(const char* variable, const char* fallback) {
    const char* value = std::getenv(variable);
    // The spec says relative values are invalid and must be ignored.
    if (value != nullptr && value[0] == '/') return std::filesystem::path(value);
    return home_dir() / fallback;
}

}  // namespace

std::filesystem::path home_dir() {
    const char* home = std::getenv("HOME");
    if (home != nullptr && home[0] != '\0') return std::filesystem::path(home);
    if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_dir != nullptr)
        return std::filesystem::path(pw->pw_dir);
    return std::filesystem::path("/");
}

std::filesystem::path config_home() {
    return xdg("XDG_CONFIG_HOME", ".config");
}
std::filesystem::path state_home() {
    return xdg("XDG_STATE_HOME", ".local/state");
}
std::filesystem::path data_home() {
    return xdg("XDG_DATA_HOME", ".local/share");
}

std::filesystem::path config_dir() {
    return config_home() / kAppDir;
}
std::filesystem::path state_dir() {
    return state_home() / kAppDir;
}
std::filesystem::path data_dir() {
    return data_home() / kAppDir;
}

std::filesystem::path log_file() {
    return state_dir() / "host.log";
}
std::filesystem::path catalog_override_dir() {
    return config_dir() / "catalog";
}

}  // namespace og::paths
