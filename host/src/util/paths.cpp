#include "util/paths.hpp"

#ifdef _WIN32
#include "util/known_folders_windows.hpp"
#else
#include <pwd.h>
#include <unistd.h>
#endif

#include "util/env_var.hpp"
#include "util/utf8_path.hpp"

namespace og::paths {
namespace {

std::filesystem::path xdg(const char* variable, const char* fallback) {
#ifdef __APPLE__
    // macOS has one place for an application's own files, whatever XDG variables a shell sets:
    // store, logs and catalog override all live in ~/Library/Application Support/optout-guide.
    (void)variable;
    (void)fallback;
    return home_dir() / "Library" / "Application Support";
#else
    // The spec says relative values are invalid and must be ignored. Windows has no XDG homes,
    // but an absolute one is honoured there too, so tests can move everything the same way.
    if (auto value = env_var::non_empty(variable)) {
        const std::filesystem::path p = utf8_path(*value);
        if (p.is_absolute()) return p;
    }
#ifdef _WIN32
    // Config, data, cache and logs all belong in the user's local application data.
    (void)fallback;
    return known_folders::local_app_data();
#else
    return home_dir() / fallback;
#endif
#endif
}

}  // namespace

std::filesystem::path home_dir() {
#ifdef _WIN32
    return known_folders::profile();
#else
    if (auto home = env_var::non_empty("HOME")) return utf8_path(*home);
    if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_dir != nullptr)
        return std::filesystem::path(pw->pw_dir);
    return std::filesystem::path("/");
#endif
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
