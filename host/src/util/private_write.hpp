#pragma once
// The one way the host writes a whole file (install manifests and record, `export -o`): a
// temporary file with an unpredictable name, created exclusively and never through a symbolic
// link, in the target's own folder, given its mode on the open descriptor, then renamed over
// the target. A link planted at the temporary or the final name is never written through: the
// rename replaces the link itself, and its target keeps its content and mode.
#include <filesystem>
#include <string_view>

#include "util/result.hpp"

namespace og::util {

// Error codes: permission_denied, io_error; the message names `file`.
Status write_file_replacing(const std::filesystem::path& file, std::string_view content,
                            unsigned mode);

}  // namespace og::util
