#include "install/windows_registry.hpp"

#include <algorithm>

#ifdef _WIN32
#include <windows.h>

#include "util/env_var.hpp"
#include "util/wide_windows.hpp"
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
    return std::string("native-messaging\\") + std::string(family_name(family)) + "\\" +
           std::string(host_name) + ".json";
}

const std::vector<RegistryLookup>& registry_lookup_order() {
    static const std::vector<RegistryLookup> order = {{"HKCU", RegistryView::v32},
                                                      {"HKCU", RegistryView::v64},
                                                      {"HKLM", RegistryView::v32},
                                                      {"HKLM", RegistryView::v64}};
    return order;
}

std::string_view view_name(RegistryView view) {
    return view == RegistryView::v32 ? "32-bit view" : "64-bit view";
}

#ifdef _WIN32

namespace {

struct Location {
    HKEY root;
    std::wstring key;
};

// The real hive, or the tests' stand-in below HKCU.
Location locate(const std::string& hive, const std::string& key) {
    if (auto root = env_var::non_empty("OPTOUT_GUIDE_REGISTRY_ROOT"))
        return {HKEY_CURRENT_USER, wide::from_utf8(*root + "\\" + hive + "\\" + key)};
    return {hive == "HKLM" ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER, wide::from_utf8(key)};
}

REGSAM view_flag(RegistryView view) {
    return view == RegistryView::v32 ? KEY_WOW64_32KEY : KEY_WOW64_64KEY;
}

std::vector<RegistryView> write_views(const std::string& hive) {
    if (hive == "HKLM") return {RegistryView::v64, RegistryView::v32};
    return {RegistryView::v64};  // HKCU\Software is one key for both
}

Error win_error(const std::string& what, const std::string& hive, const std::string& key,
                LSTATUS status) {
    const bool denied = status == ERROR_ACCESS_DENIED;
    return make_error(
        denied ? "permission_denied" : "io_error",
        "cannot " + what + " registry key " + hive + "\\" + key + ": " +
            (denied ? std::string("access denied") : "Windows error " + std::to_string(status)));
}

}  // namespace

Status registry_set_default(const std::string& hive, const std::string& key,
                            const std::string& value) {
    const Location at = locate(hive, key);
    const std::wstring data = wide::from_utf8(value);
    for (RegistryView view : write_views(hive)) {
        HKEY h = nullptr;
        LSTATUS s = RegCreateKeyExW(at.root, at.key.c_str(), 0, nullptr, 0,
                                    KEY_SET_VALUE | view_flag(view), nullptr, &h, nullptr);
        if (s != ERROR_SUCCESS) return win_error("create", hive, key, s);
        s = RegSetValueExW(h, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(data.c_str()),
                           static_cast<DWORD>((data.size() + 1) * sizeof(wchar_t)));
        RegCloseKey(h);
        if (s != ERROR_SUCCESS) return win_error("write", hive, key, s);
    }
    return Ok{};
}

Result<std::string> registry_get_default(const std::string& hive, const std::string& key,
                                         RegistryView view) {
    const Location at = locate(hive, key);
    std::wstring buffer(32768, L'\0');
    DWORD size = static_cast<DWORD>(buffer.size() * sizeof(wchar_t));
    const LSTATUS s = RegGetValueW(
        at.root, at.key.c_str(), nullptr,
        RRF_RT_REG_SZ | (view == RegistryView::v32 ? RRF_SUBKEY_WOW6432KEY : RRF_SUBKEY_WOW6464KEY),
        nullptr, buffer.data(), &size);
    if (s == ERROR_FILE_NOT_FOUND)
        return make_error("not_found", hive + "\\" + key + " does not exist");
    if (s != ERROR_SUCCESS) return win_error("read", hive, key, s);
    buffer.resize(size / sizeof(wchar_t));
    while (!buffer.empty() && buffer.back() == L'\0') buffer.pop_back();
    return wide::to_utf8(buffer);
}

Result<unsigned long> registry_get_dword(const std::string& hive, const std::string& key,
                                         const std::string& value_name) {
    const Location at = locate(hive, key);
    DWORD value = 0, size = sizeof value;
    const LSTATUS s = RegGetValueW(at.root, at.key.c_str(), wide::from_utf8(value_name).c_str(),
                                   RRF_RT_REG_DWORD, nullptr, &value, &size);
    if (s == ERROR_FILE_NOT_FOUND)
        return make_error("not_found", hive + "\\" + key + "\\" + value_name + " does not exist");
    if (s != ERROR_SUCCESS) return win_error("read", hive, key, s);
    return static_cast<unsigned long>(value);
}

Status registry_delete_key(const std::string& hive, const std::string& key) {
    const Location at = locate(hive, key);
    for (RegistryView view : write_views(hive)) {
        const LSTATUS s = RegDeleteKeyExW(at.root, at.key.c_str(), view_flag(view), 0);
        if (s != ERROR_SUCCESS && s != ERROR_FILE_NOT_FOUND)
            return win_error("delete", hive, key, s);
    }
    return Ok{};
}

#endif

}  // namespace og::install
