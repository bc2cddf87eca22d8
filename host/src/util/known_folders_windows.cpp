#include "util/known_folders_windows.hpp"

#include <windows.h>
// windows.h first: shlobj.h needs its types.
#include <shlobj.h>

#include "util/env_var.hpp"
#include "util/utf8_path.hpp"

namespace og::known_folders {
namespace {

// The environment variable only when the shell cannot answer (a service account without a
// profile, for instance).
std::filesystem::path known(const KNOWNFOLDERID& id, const char* fallback_variable) {
    PWSTR raw = nullptr;
    std::filesystem::path found;
    if (SUCCEEDED(SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, nullptr, &raw)) && raw != nullptr)
        found = std::filesystem::path(raw);
    CoTaskMemFree(raw);
    if (found.empty())
        if (auto value = env_var::non_empty(fallback_variable)) found = utf8_path(*value);
    return found;
}

}  // namespace

std::filesystem::path local_app_data() {
    return known(FOLDERID_LocalAppData, "LOCALAPPDATA");
}
std::filesystem::path profile() {
    return known(FOLDERID_Profile, "USERPROFILE");
}
std::filesystem::path program_data() {
    return known(FOLDERID_ProgramData, "ProgramData");
}

}  // namespace og::known_folders
