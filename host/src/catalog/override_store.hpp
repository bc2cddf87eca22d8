#pragma once
// Keeping a catalog as the user's override folder (docs/catalog.md, "A fix without a new host
// build"): the files are written into a fresh private folder beside it, then put in its place
// by rename, so a reader never sees half a catalog and a failed write leaves the old one.
#include <filesystem>
#include <vector>

#include "catalog/loader.hpp"
#include "util/result.hpp"

namespace og::catalog {

// `files` must have passed load_from_files. Folders are 0700, files 0600; nothing is followed
// through a symbolic link.
Status save_override(const std::filesystem::path& dir, const std::vector<SourceFile>& files);

}  // namespace og::catalog
