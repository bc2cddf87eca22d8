#pragma once
// The roots every location hangs from, read once from the process environment so that tests
// (and the doctor's fix commands) can point them anywhere:
//   HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME as util/paths reads them;
//   OPTOUT_GUIDE_SYSTEM_ROOT (tests only) is prefixed to every system-wide path (/etc, /usr,
//   /opt, /var, /Library, /Applications; Windows: %ProgramData%) so system installs and policies
//   can be exercised without root; OPTOUT_GUIDE_REGISTRY_ROOT (tests only, Windows) does the same
//   for registry keys (install/windows_registry.hpp).
#include <filesystem>
#include <string>

#include "install/browsers.hpp"

namespace og::install {

enum class Os { linux_like, macos, windows };
enum class Scope { user, system };
std::string_view scope_name(Scope scope);

struct Environment {
    Os os = Os::linux_like;
    std::filesystem::path home;
    std::filesystem::path config_home;
    std::filesystem::path data_home;
    std::filesystem::path state_home;
    std::filesystem::path system_root;  // empty: the real root
    // Windows: %ProgramData% (or <system_root>\ProgramData), for system-wide manifests.
    std::filesystem::path program_data;

    std::filesystem::path user(const RelPath& p) const;
    std::filesystem::path system(std::string_view absolute) const;
    // Windows: where install keeps the manifests the registry points at (our own folder).
    std::filesystem::path windows_manifest_base(Scope scope) const;
    // Where install remembers what it wrote, so uninstall removes exactly that.
    std::filesystem::path install_record(Scope scope) const;
    std::filesystem::path data_dir() const;   // the progress store's folder
    std::filesystem::path state_dir() const;  // the host's logs
};

Os current_os();
Environment environment_from_process();

}  // namespace og::install
