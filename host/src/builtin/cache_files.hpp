#pragma once
// The file-system half of the override cache (builtin.cpp), per platform: the walk that
// fingerprints the override folder, and reading a cached pack only when it is the user's own.
// cache_files_posix.cpp, cache_files_windows.cpp.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace og::catalog {

// Appends one line for every entry below `dir` (sub-folders 16 deep at most): its relative name
// and what changes with any edit (size, modification time, inode where there is one, type).
// False when a folder cannot be listed.
bool list_entries(const std::filesystem::path& dir, std::vector<std::string>& lines);

struct Bytes {
    std::string_view view;
    std::shared_ptr<const void> keep;  // holds what `view` points into
};

// The cached file, when it is not a link, is this user's and nobody else may write it (a pack
// is trusted without validation). nullopt otherwise, or when it is empty.
std::optional<Bytes> read_private_cache(const std::filesystem::path& file);

}  // namespace og::catalog
