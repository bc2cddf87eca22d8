#pragma once
// Where each supported browser looks for native-messaging host manifests. Pure data: the
// installer, the doctor and the tests all read this one table.
#include <string>
#include <string_view>
#include <vector>

namespace og::install {

enum class Family { chromium, firefox };
std::string_view family_name(Family family);

// A user-level folder is relative to $HOME or to $XDG_CONFIG_HOME (default ~/.config).
enum class Base { home, config_home };

struct RelPath {
    Base base = Base::home;
    std::string rel;  // may hold '*' inside a component (Tor Browser's unpacked bundles)
};

// `presence` is the folder that proves this user runs the browser; `manifest_dir` is where the
// browser reads user-level manifests. They differ when a browser reads another one's folder
// (Opera reads Google Chrome's).
struct UserLocation {
    RelPath presence;
    RelPath manifest_dir;
};

struct Browser {
    std::string id;    // what `--browser` takes
    std::string name;  // for people
    Family family = Family::chromium;

    std::vector<UserLocation> linux_user;
    std::string linux_system_dir;                    // empty: the browser reads none
    std::vector<std::string> linux_system_presence;  // any existing one proves a system install
    std::vector<std::string> linux_policy_paths;     // managed-policy folders or policies.json

    std::vector<UserLocation> mac_user;
    std::string mac_system_dir;
    std::vector<std::string> mac_system_presence;

    // Under HKCU and HKLM, followed by "\<host name>"; its default value is the manifest's path.
    std::string windows_registry_key;

    std::string flatpak_app_id;  // ~/.var/app/<id>
    std::string snap_name;       // ~/snap/<name>
};

const std::vector<Browser>& all_browsers();
const Browser* find_browser(std::string_view id);
std::string known_browser_ids();  // "chrome, chromium, ..." for messages

}  // namespace og::install
