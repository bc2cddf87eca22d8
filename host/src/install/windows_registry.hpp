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

// The manifest file a registry value points at, relative to our folder: one per browser family,
// kept under %LOCALAPPDATA%\optout-guide (user) or %ProgramData%\optout-guide (system).
std::string windows_manifest_relpath(Family family, std::string_view host_name);

// HKLM keys exist twice on 64-bit Windows: 32-bit programs see SOFTWARE\WOW6432Node.
enum class RegistryView { v32, v64 };
struct RegistryLookup {
    std::string hive;
    RegistryView view;
};
// Where Chrome, Edge and Firefox look, in their order: HKCU then HKLM, in each the 32-bit
// view first, then the 64-bit one (a key found in an earlier place wins).
const std::vector<RegistryLookup>& registry_lookup_order();
std::string_view view_name(RegistryView view);  // "32-bit view" / "64-bit view"

#ifdef _WIN32
// Values are UTF-8 here, UTF-16 in the registry. HKLM writes and deletes go to both views.
// Tests only: OPTOUT_GUIDE_REGISTRY_ROOT=<key under HKCU> puts every key touched below it, as
// HKCU\<root>\HKCU\... and HKCU\<root>\HKLM\... (as OPTOUT_GUIDE_SYSTEM_ROOT does for files).
// Error codes: permission_denied, io_error; not_found from the reads.
Status registry_set_default(const std::string& hive, const std::string& key,
                            const std::string& value);
Result<std::string> registry_get_default(const std::string& hive, const std::string& key,
                                         RegistryView view);
Result<unsigned long> registry_get_dword(const std::string& hive, const std::string& key,
                                         const std::string& value_name);
Status registry_delete_key(const std::string& hive, const std::string& key);
#endif

}  // namespace og::install
