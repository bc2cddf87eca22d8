#pragma once
// Small file-system operations with errors as values naming the path at fault.
#include <filesystem>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace og::install {

// Error codes: not_found, io_error, permission_denied.
Result<std::string> read_file(const std::filesystem::path& file);
// Writes beside the target then renames, so a browser never reads half a manifest; never
// through a planted link (util/private_write.hpp).
Status write_file_atomic(const std::filesystem::path& file, const std::string& content,
                         unsigned mode);
// Creates the missing folders of `dir`; returns those it created, outermost first.
Result<std::vector<std::filesystem::path>> create_dirs(const std::filesystem::path& dir,
                                                       unsigned mode);
bool is_executable_file(const std::filesystem::path& file);
// Quoted for the shell a person pastes it into, when it needs to be: a POSIX shell, or on
// Windows cmd.exe / PowerShell.
std::string shell_quote(const std::string& s);

}  // namespace og::install
