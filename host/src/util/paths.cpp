#include "util/paths.hpp"

#ifndef _WIN32
#include <pwd.h>
#include <unistd.h>
#endif

#include <cstdlib>
#include <string_view>

namespace og::paths {
namespace {

const char* non_empty_env(const char* variable) {
    const char* value = std::getenv(variable);
    return value != nullptr && value[0] != '\0' ? value : nullptr;
}

std::filesystem::path xdg(const char* variable, const char* fallback) {
#ifdef __APPLE__
    // macOS has one place for an application's own files, whatever XDG variables a shell sets:
    // store, logs and catalog override all live in ~/Library/Application Support/optout-guide.
    (void)variable;
    (void)fallback;
    return home_dir() / "Library" / "Application Support";
#endif
    const char* value = std::getenv(variable);
    // The spec says relative values are invalid and must be ignored.
    if (value != nullptr && value[0] == '/') return std::filesystem::path(value);
#ifdef _WIN32
    // Windows has no XDG homes; per-user data and logs belong in the local application data.
    if (std::string_view(variable) != "XDG_CONFIG_HOME")
        if (const char* local = non_empty_env("LOCALAPPDATA")) return std::filesystem::path(local);
#endif
    return home_dir() / fallback;
}

}  // namespace

std::filesystem::path home_dir() {
    if (const char* home = non_empty_env("HOME")) return std::filesystem::path(home);
#ifdef _WIN32
    if (const char* profile = non_empty_env("USERPROFILE")) return std::filesystem::path(profile);
#else
    if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_dir != nullptr)
        return std::filesystem::path(pw->pw_dir);
#endif
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
std::filesystem::path cache_home() {
    return xdg("XDG_CACHE_HOME", ".cache");
}

std::filesystem::path app_dir(const std::filesystem::path& xdg_home) {
    return xdg_home / "optout-guide";
}
std::filesystem::path config_dir() {
    return app_dir(config_home());
}
std::filesystem::path state_dir() {
    return app_dir(state_home());
}
std::filesystem::path data_dir() {
    return app_dir(data_home());
}

std::filesystem::path log_file() {
    return state_dir() / "host.log";
}
std::filesystem::path catalog_override_dir() {
    return config_dir() / "catalog";
}
std::filesystem::path store_file() {
    return data_dir() / "progress.db";
}
std::filesystem::path catalog_cache_dir() {
    return app_dir(cache_home()) / "catalog";
}

}  // namespace og::paths
