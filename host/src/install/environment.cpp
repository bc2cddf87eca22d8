#include "install/environment.hpp"

#include "util/env_var.hpp"
#ifdef _WIN32
#include "util/known_folders_windows.hpp"
#endif
#include "util/paths.hpp"
#include "util/utf8_path.hpp"

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

fs::path Environment::windows_manifest_base(Scope scope) const {
    return scope == Scope::user ? data_dir() : program_data / "optout-guide";
}

fs::path Environment::install_record(Scope scope) const {
    if (scope == Scope::user) return data_dir() / "install-record.json";
    if (os == Os::windows) return windows_manifest_base(scope) / "install-record.json";
    return system("/var/lib/optout-guide/install-record.json");
}

fs::path Environment::data_dir() const {
    return paths::app_dir(data_home);
}
fs::path Environment::state_dir() const {
    return paths::app_dir(state_home);
}

Environment environment_from_process() {
    Environment e;
    e.os = current_os();
    e.home = paths::home_dir();
    e.config_home = paths::config_home();
    e.data_home = paths::data_home();
    e.state_home = paths::state_home();
    if (auto root = env_var::non_empty("OPTOUT_GUIDE_SYSTEM_ROOT"))
        e.system_root = utf8_path(*root);
#ifdef _WIN32
    e.program_data =
        e.system_root.empty() ? known_folders::program_data() : e.system_root / "ProgramData";
#endif
    return e;
}

}  // namespace og::install
