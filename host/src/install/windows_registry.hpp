#pragma once
// Windows registration: browsers find hosts through a registry key whose default value is the
// absolute path of the manifest file. The table is portable (unit-tested everywhere); the
// registry calls exist only in _WIN32 builds.
#include <string>
#include <vector>

#include "install/browsers.hpp"
#include "install/environment.hpp"
#include "util/result.hpp"

namespace og::install {

struct RegistryEntry {
    std::string hive;  // "HKCU" (user scope) or "HKLM" (system scope)
    std::string key;   // e.g. SOFTWARE\Google\Chrome\NativeMessagingHosts\org.optoutguide.host
    Family family = Family::chromium;
    std::vector<std::string> browser_ids;  // every browser that reads this key
};

// One entry per distinct key (Chrome, Brave, Vivaldi and Opera share Chrome's), in table order.
std::vector<RegistryEntry> registry_entries(Scope scope, std::string_view host_name);
std::string registry_entry_name(const RegistryEntry& e);  // "HKCU\\SOFTWARE\\...\\<name>"

// The manifest file a registry value points at: one per browser family, kept under
// %LOCALAPPDATA%\optout-guide (user) or %ProgramData%\optout-guide (system).
std::string windows_manifest_relpath(Family family, std::string_view host_name);

#ifdef _WIN32
Status registry_set_default(const std::string& hive, const std::string& key,
                            const std::wstring& value);
Result<std::wstring> registry_get_default(const std::string& hive, const std::string& key);
Status registry_delete_key(const std::string& hive, const std::string& key);
#endif

}  // namespace og::install
