#pragma once
// What tells a file's edits apart without reading it: its size and modification time at the
// finest resolution the system keeps (std::filesystem's is whole seconds on Windows), and on
// POSIX its device and inode. file_stamp_posix.cpp, file_stamp_windows.cpp.
#include <filesystem>
#include <optional>
#include <string>

namespace og::util {

// One line of text, equal for two looks at an unchanged file; nullopt when it cannot be read.
std::optional<std::string> file_stamp(const std::filesystem::path& file);

}  // namespace og::util
