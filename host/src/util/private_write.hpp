#pragma once
// The user's own files: the progress store, its logs, the install manifests and an exported
// record say what a person objected to. The one place the host creates them and makes them its
// owner's only, whatever the umask (POSIX: modes 0700 and 0600) or the inherited ACL (Windows: a
// protected DACL granting the current user alone, which files created inside inherit).
//
// A whole file is written one way (install manifests and record, `export -o`, the store's clean
// marker): a temporary file with an unpredictable name, created exclusively and never through a
// symbolic link, in the target's own folder, given its mode (or ACL) as it is created, synced,
// then renamed over the target. A link planted at the temporary or the final name is never
// written through: the rename replaces the link itself, and its target keeps its content.
#include <filesystem>
#include <string_view>

#include "util/result.hpp"

namespace og::util {

// `mode` without group or other bits is owner-only on Windows too; otherwise the file takes its
// folder's ACL there. Error codes: permission_denied, io_error; the message names `file`.
Status write_file_replacing(const std::filesystem::path& file, std::string_view content,
                            unsigned mode);

// Creates `dir` with its missing parents and makes it its owner's only, every time (a mode or
// ACL loosened since is tightened). Error codes as above; "cannot create/restrict folder ...".
Status make_private_dir(const std::filesystem::path& dir);

// Opens `file`, creating it when missing, never through a symbolic link (error code "symlink"),
// and makes it its owner's only. Other error codes as above.
Status make_private_file(const std::filesystem::path& file);

// Makes an existing regular file its owner's only; nothing for a missing file or a link.
void restrict_existing_file(const std::filesystem::path& file);

// Files this process creates from now on without an explicit mode (a library's, such as the
// log's rotation) are its owner's only. POSIX: umask 077; Windows: they inherit the owner-only
// ACL of a folder made by make_private_dir, so nothing to do.
void make_new_files_private();

// True when nobody but the owner may read or write `path` (what the functions above ensure).
bool owner_only(const std::filesystem::path& path);

}  // namespace og::util
