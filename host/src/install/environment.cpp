#include "install/environment.hpp"

#include <cstdlib>

namespace og::install {

namespace fs = std::filesystem;

std::string_view scope_name(Scope scope) {
    return scope == Scope::user ? "user" : "system";
}

Os current_os() {
#if defined(_WIN32)
    return Os::windows;
#elif defined(__APPLE__)
    return Os::macos;
#else
    return Os::linux_like;
#endif
}

fs::path Environment::user(const RelPath& p) const {
    return (p.base == Base::home ? home : config_home) / p.rel;
}

fs::path Environment::system(std::string_view absolute) const {
    if (system_root.empty()) return fs::path(absolute);
    std::string_view rel = absolute;
    while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
    return system_root / rel;
}

fs::path Environment::install_record(Scope scope) const {
    if (scope == Scope::user) return data_dir() / "install-record.json";
    return system("/var/lib/optout-guide/install-record.json");
}

fs::path Environment::data_dir() const {
    return data_home / "optout-guide";
}
fs::path Environment::state_dir() const {
    return state_home / "optout-guide";
}

namespace {

// XDG says a relative value is invalid and must be ignored.
fs::path xdg(const char* var, const fs::path& fallback) {
    const char* v = std::getenv(var);
    if (v && *v && v[0] == '/') return fs::path(v);
    return fallback;
}

}  // namespace

Environment environment_from_process() {
    Environment e;
    e.os = current_os();
    const char* home = std::getenv("HOME");
#ifdef _WIN32
    if (!home || !*home) home = std::getenv("USERPROFILE");
#endif
    e.home = fs::path(home && *home ? home : "/");
    e.config_home = xdg("XDG_CONFIG_HOME", e.home / ".config");
    e.data_home = xdg("XDG_DATA_HOME", e.home / ".local/share");
    e.state_home = xdg("XDG_STATE_HOME", e.home / ".local/state");
#ifdef _WIN32
    if (const char* la = std::getenv("LOCALAPPDATA"); la && *la) {
        e.data_home = fs::path(la);
        e.state_home = fs::path(la);
    }
#endif
    if (const char* root = std::getenv("OPTOUT_GUIDE_SYSTEM_ROOT"); root && *root)
        e.system_root = fs::path(root);
    return e;
}

}  // namespace og::install
