#include "install/browsers.hpp"

namespace og::install {

std::string_view family_name(Family family) {
    return family == Family::chromium ? "chromium" : "firefox";
}

namespace {

UserLocation same(Base base, std::string presence, std::string manifest_sub) {
    return {{base, presence}, {base, presence + "/" + manifest_sub}};
}

constexpr const char* kChromeKey = R"(SOFTWARE\Google\Chrome\NativeMessagingHosts)";
constexpr const char* kMozillaKey = R"(SOFTWARE\Mozilla\NativeMessagingHosts)";
constexpr const char* kMacAppSupport = "Library/Application Support/";

std::vector<Browser> make_table() {
    const std::string as = kMacAppSupport;
    std::vector<Browser> t;

    t.push_back({.id = "chrome",
                 .name = "Google Chrome",
                 .family = Family::chromium,
                 .linux_user = {same(Base::config_home, "google-chrome", "NativeMessagingHosts")},
                 .linux_system_dir = "/etc/opt/chrome/native-messaging-hosts",
                 .linux_system_presence = {"/opt/google/chrome"},
                 .linux_policy_paths = {"/etc/opt/chrome/policies/managed"},
                 .mac_user = {same(Base::home, as + "Google/Chrome", "NativeMessagingHosts")},
                 .mac_system_dir = "/Library/Google/Chrome/NativeMessagingHosts",
                 .mac_system_presence = {"/Applications/Google Chrome.app"},
                 .windows_registry_key = kChromeKey,
                 .flatpak_app_id = "com.google.Chrome",
                 .snap_name = ""});
    t.push_back({.id = "chromium",
                 .name = "Chromium",
                 .family = Family::chromium,
                 .linux_user = {same(Base::config_home, "chromium", "NativeMessagingHosts")},
                 .linux_system_dir = "/etc/chromium/native-messaging-hosts",
                 .linux_system_presence = {"/usr/lib/chromium", "/usr/lib/chromium-browser",
                                           "/usr/bin/chromium"},
                 .linux_policy_paths = {"/etc/chromium/policies/managed"},
                 .mac_user = {same(Base::home, as + "Chromium", "NativeMessagingHosts")},
                 .mac_system_dir = "/Library/Application Support/Chromium/NativeMessagingHosts",
                 .mac_system_presence = {"/Applications/Chromium.app"},
                 .windows_registry_key = R"(SOFTWARE\Chromium\NativeMessagingHosts)",
                 .flatpak_app_id = "org.chromium.Chromium",
                 .snap_name = "chromium"});
    t.push_back({.id = "edge",
                 .name = "Microsoft Edge",
                 .family = Family::chromium,
                 .linux_user = {same(Base::config_home, "microsoft-edge", "NativeMessagingHosts")},
                 .linux_system_dir = "/etc/opt/edge/native-messaging-hosts",
                 .linux_system_presence = {"/opt/microsoft/msedge"},
                 .linux_policy_paths = {"/etc/opt/edge/policies/managed"},
                 .mac_user = {same(Base::home, as + "Microsoft Edge", "NativeMessagingHosts")},
                 .mac_system_dir = "/Library/Microsoft/Edge/NativeMessagingHosts",
                 .mac_system_presence = {"/Applications/Microsoft Edge.app"},
                 .windows_registry_key = R"(SOFTWARE\Microsoft\Edge\NativeMessagingHosts)",
                 .flatpak_app_id = "com.microsoft.Edge",
                 .snap_name = ""});
    t.push_back(
        {.id = "brave",
         .name = "Brave",
         .family = Family::chromium,
         .linux_user = {same(Base::config_home, "BraveSoftware/Brave-Browser",
                             "NativeMessagingHosts")},
         // Brave reads Google Chrome's system folder (what browserpass and KeePassXC rely on).
         .linux_system_dir = "/etc/opt/chrome/native-messaging-hosts",
         .linux_system_presence = {"/opt/brave.com/brave"},
         .linux_policy_paths = {"/etc/brave/policies/managed"},
         .mac_user = {same(Base::home, as + "BraveSoftware/Brave-Browser", "NativeMessagingHosts")},
         .mac_system_dir = "/Library/Google/Chrome/NativeMessagingHosts",
         .mac_system_presence = {"/Applications/Brave Browser.app"},
         .windows_registry_key = kChromeKey,
         .flatpak_app_id = "com.brave.Browser",
         .snap_name = "brave"});
    t.push_back({.id = "vivaldi",
                 .name = "Vivaldi",
                 .family = Family::chromium,
                 .linux_user = {same(Base::config_home, "vivaldi", "NativeMessagingHosts")},
                 .linux_system_dir = "/etc/opt/vivaldi/native-messaging-hosts",
                 .linux_system_presence = {"/opt/vivaldi"},
                 .linux_policy_paths = {"/etc/opt/vivaldi/policies/managed"},
                 .mac_user = {same(Base::home, as + "Vivaldi", "NativeMessagingHosts")},
                 .mac_system_dir = "/Library/Application Support/Vivaldi/NativeMessagingHosts",
                 .mac_system_presence = {"/Applications/Vivaldi.app"},
                 .windows_registry_key = kChromeKey,
                 .flatpak_app_id = "com.vivaldi.Vivaldi",
                 .snap_name = ""});
    // Opera keeps its profile in its own folder but reads host manifests from Google Chrome's.
    t.push_back({.id = "opera",
                 .name = "Opera",
                 .family = Family::chromium,
                 .linux_user = {{{Base::config_home, "opera"},
                                 {Base::config_home, "google-chrome/NativeMessagingHosts"}}},
                 .linux_system_dir = "/etc/opt/chrome/native-messaging-hosts",
                 .linux_system_presence = {"/usr/lib/x86_64-linux-gnu/opera", "/usr/bin/opera"},
                 .linux_policy_paths = {},
                 .mac_user = {{{Base::home, as + "com.operasoftware.Opera"},
                               {Base::home, as + "Google/Chrome/NativeMessagingHosts"}}},
                 .mac_system_dir = "/Library/Google/Chrome/NativeMessagingHosts",
                 .mac_system_presence = {"/Applications/Opera.app"},
                 .windows_registry_key = kChromeKey,
                 .flatpak_app_id = "com.opera.Opera",
                 .snap_name = "opera"});
    // Firefox 147+ may keep its profile under $XDG_CONFIG_HOME/mozilla, but still reads host
    // manifests from ~/.mozilla/native-messaging-hosts only.
    t.push_back({.id = "firefox",
                 .name = "Firefox",
                 .family = Family::firefox,
                 .linux_user = {same(Base::home, ".mozilla", "native-messaging-hosts"),
                                {{Base::config_home, "mozilla/firefox"},
                                 {Base::home, ".mozilla/native-messaging-hosts"}}},
                 .linux_system_dir = "/usr/lib/mozilla/native-messaging-hosts",
                 .linux_system_presence = {"/usr/lib/firefox", "/usr/lib/firefox-esr",
                                           "/usr/bin/firefox", "/usr/bin/firefox-esr"},
                 .linux_policy_paths = {"/etc/firefox/policies/policies.json",
                                        "/usr/lib/firefox/distribution/policies.json",
                                        "/usr/lib/firefox-esr/distribution/policies.json"},
                 .mac_user = {{{Base::home, as + "Firefox"},
                               {Base::home, as + "Mozilla/NativeMessagingHosts"}}},
                 .mac_system_dir = "/Library/Application Support/Mozilla/NativeMessagingHosts",
                 .mac_system_presence = {"/Applications/Firefox.app"},
                 .windows_registry_key = kMozillaKey,
                 .flatpak_app_id = "org.mozilla.firefox",
                 .snap_name = "firefox"});
    t.push_back({.id = "librewolf",
                 .name = "LibreWolf",
                 .family = Family::firefox,
                 .linux_user = {same(Base::home, ".librewolf", "native-messaging-hosts")},
                 .linux_system_dir = "/usr/lib/librewolf/native-messaging-hosts",
                 .linux_system_presence = {"/usr/lib/librewolf", "/usr/share/librewolf"},
                 .linux_policy_paths = {"/usr/lib/librewolf/distribution/policies.json"},
                 .mac_user = {{{Base::home, as + "librewolf"},
                               {Base::home, as + "LibreWolf/NativeMessagingHosts"}}},
                 .mac_system_dir = "/Library/Application Support/LibreWolf/NativeMessagingHosts",
                 .mac_system_presence = {"/Applications/LibreWolf.app"},
                 .windows_registry_key = kMozillaKey,
                 .flatpak_app_id = "io.gitlab.librewolf-community",
                 .snap_name = ""});
    t.push_back({.id = "waterfox",
                 .name = "Waterfox",
                 .family = Family::firefox,
                 .linux_user = {same(Base::home, ".waterfox", "native-messaging-hosts")},
                 .linux_system_dir = "/usr/lib/waterfox/native-messaging-hosts",
                 .linux_system_presence = {"/usr/lib/waterfox", "/opt/waterfox"},
                 .linux_policy_paths = {"/usr/lib/waterfox/distribution/policies.json"},
                 .mac_user = {same(Base::home, as + "Waterfox", "NativeMessagingHosts")},
                 .mac_system_dir = "/Library/Application Support/Waterfox/NativeMessagingHosts",
                 .mac_system_presence = {"/Applications/Waterfox.app"},
                 .windows_registry_key = kMozillaKey,
                 .flatpak_app_id = "net.waterfox.waterfox",
                 .snap_name = ""});
    // Tor Browser is an unpacked bundle that sets HOME to its own data folder; torbrowser-launcher
    // keeps it under ~/.local/share/torbrowser, a manual download usually sits in ~.
    const std::string tbb_data = "Browser/TorBrowser/Data/Browser";
    t.push_back(
        {.id = "tor-browser",
         .name = "Tor Browser",
         .family = Family::firefox,
         .linux_user = {same(Base::home, ".local/share/torbrowser/tbb/*/tor-browser/" + tbb_data,
                             ".mozilla/native-messaging-hosts"),
                        same(Base::home, ".local/share/torbrowser/tbb/*/tor-browser_*/" + tbb_data,
                             ".mozilla/native-messaging-hosts"),
                        same(Base::home, "tor-browser/" + tbb_data,
                             ".mozilla/native-messaging-hosts"),
                        same(Base::home, "tor-browser_*/" + tbb_data,
                             ".mozilla/native-messaging-hosts")},
         .linux_system_dir = "",
         .linux_system_presence = {},
         .linux_policy_paths = {},
         .mac_user = {same(Base::home, as + "TorBrowser-Data/Browser",
                           "Mozilla/NativeMessagingHosts")},
         .mac_system_dir = "",
         .mac_system_presence = {},
         .windows_registry_key = kMozillaKey,
         .flatpak_app_id = "org.torproject.torbrowser-launcher",
         .snap_name = ""});
    return t;
}

}  // namespace

const std::vector<Browser>& all_browsers() {
    static const std::vector<Browser> table = make_table();
    return table;
}

const Browser* find_browser(std::string_view id) {
    for (const auto& b : all_browsers())
        if (b.id == id) return &b;
    return nullptr;
}

std::string known_browser_ids() {
    std::string out;
    for (const auto& b : all_browsers()) {
        if (!out.empty()) out += ", ";
        out += b.id;
    }
    return out;
}

}  // namespace og::install
