#pragma once
// Files that are the user's own: the progress store, its logs and an exported record say what a
// person objected to, so only their owner may read them, whatever the umask (POSIX: modes 0700
// and 0600) or the inherited ACL (Windows: a protected DACL that grants the current user alone).
#include <filesystem>
#include <string_view>

#include "util/result.hpp"

namespace og::private_fs {

// Creates `dir` with its missing parents; when `dir` itself had to be created, only its owner
// may use it. Error code "io", message "cannot create folder ...: why".
Status create_private_dir(const std::filesystem::path& dir);

// Creates `file` when missing and makes it its owner's only. Error code "io".
Status create_private_file(const std::filesystem::path& file);

// Makes an existing file its owner's only; nothing when it does not exist.
void restrict_existing_file(const std::filesystem::path& file);

// Writes `text` to `file` (created or truncated), its owner's only. Error code "io".
Status write_private_file(const std::filesystem::path& file, std::string_view text);

// True when nobody but the owner may read `path` (what the functions above ensure).
bool owner_only(const std::filesystem::path& path);

}  // namespace og::private_fs
