#pragma once
// The user's folders as Windows itself names them (SHGetKnownFolderPath), so a redirected or
// non-ASCII profile ("C:\Users\Zoé") is found as Explorer finds it (Windows builds only).
#include <filesystem>

namespace og::known_folders {

std::filesystem::path local_app_data();  // %LOCALAPPDATA%, e.g. C:\Users\Zoé\AppData\Local
std::filesystem::path profile();         // %USERPROFILE%
std::filesystem::path program_data();    // %ProgramData%, e.g. C:\ProgramData

}  // namespace og::known_folders
