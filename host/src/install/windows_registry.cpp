#include "install/windows_registry.hpp"

#include <algorithm>

#ifdef _WIN32
#include <windows.h>
#endif

namespace og::install {

std::vector<RegistryEntry> registry_entries(Scope scope, std::string_view host_name) {
    std::vector<RegistryEntry> out;
    const std::string hive = scope == Scope::user ? "HKCU" : "HKLM";
    for (const auto& b : all_browsers()) {
        const std::string key = b.windows_registry_key + "\\" + std::string(host_name);
        auto it = std::find_if(out.begin(), out.end(), [&](auto& e) { return e.key == key; });
        if (it != out.end()) {
            it->browser_ids.push_back(b.id);
            continue;
        }
        out.push_back({hive, key, b.family, {b.id}});
    }
    return out;
}

std::string registry_entry_name(const RegistryEntry& e) {
    return e.hive + "\\" + e.key;
}

std::string windows_manifest_relpath(Family family, std::string_view host_name) {
    return std::string("optout-guide\\native-messaging\\") + std::string(family_name(family)) +
           "\\" + std::string(host_name) + ".json";
}

#ifdef _WIN32

namespace {

HKEY root_of(const std::string& hive) {
    return hive == "HKLM" ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER;
}

std::wstring widen(const std::string& s) {
    if (s.empty()) return {};
    int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
    std::wstring w(static_cast<size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
    return w;
}

Error win_error(const std::string& what, const std::string& hive, const std::string& key,
                LSTATUS status) {
    return make_error(status == ERROR_ACCESS_DENIED ? "permission_denied" : "io_error",
                      "cannot " + what + " registry key " + hive + "\\" + key + " (error " +
                          std::to_string(status) + ")");
}

}  // namespace

// Both registry views are written for HKLM: 32-bit browsers read the WOW6432Node one.
Status registry_set_default(const std::string& hive, const std::string& key,
                            const std::wstring& value) {
    const REGSAM views[] = {KEY_WOW64_64KEY, KEY_WOW64_32KEY};
    const int count = hive == "HKLM" ? 2 : 1;
    for (int i = 0; i < count; ++i) {
        HKEY h = nullptr;
        LSTATUS s = RegCreateKeyExW(root_of(hive), widen(key).c_str(), 0, nullptr, 0,
                                    KEY_SET_VALUE | views[i], nullptr, &h, nullptr);
        if (s != ERROR_SUCCESS) return win_error("create", hive, key, s);
        s = RegSetValueExW(h, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()),
                           static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
        RegCloseKey(h);
        if (s != ERROR_SUCCESS) return win_error("write", hive, key, s);
    }
    return Ok{};
}

Result<std::wstring> registry_get_default(const std::string& hive, const std::string& key) {
    wchar_t buf[32768];
    DWORD size = sizeof(buf);
    LSTATUS s = RegGetValueW(root_of(hive), widen(key).c_str(), nullptr, RRF_RT_REG_SZ, nullptr,
                             buf, &size);
    if (s == ERROR_FILE_NOT_FOUND)
        return make_error("not_found", hive + "\\" + key + " does not exist");
    if (s != ERROR_SUCCESS) return win_error("read", hive, key, s);
    return std::wstring(buf);
}

Status registry_delete_key(const std::string& hive, const std::string& key) {
    const REGSAM views[] = {KEY_WOW64_64KEY, KEY_WOW64_32KEY};
    const int count = hive == "HKLM" ? 2 : 1;
    for (int i = 0; i < count; ++i) {
        LSTATUS s = RegDeleteKeyExW(root_of(hive), widen(key).c_str(), views[i], 0);
        if (s != ERROR_SUCCESS && s != ERROR_FILE_NOT_FOUND)
            return win_error("delete", hive, key, s);
    }
    return Ok{};
}

#endif

}  // namespace og::install
