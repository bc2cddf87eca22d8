#pragma once
// Writing to something that is not a regular file: a pipe, a terminal, /dev/stdout, the null
// device. There is no folder to put a temporary file in and nothing to rename, so
// write_file_replacing (private_write.hpp) cannot serve them; they are written in place. A
// regular file, or a path that does not exist, is left to write_file_replacing, which makes it
// owner-only and never writes through a link.
#include <filesystem>
#include <optional>
#include <string_view>

#include "util/result.hpp"

namespace og::util {

// nullopt when `file` is a regular file (through links) or missing: nothing was written.
// Otherwise the outcome of writing `content` to it, opened without creating or truncating
// anything. Error code io_error; the message names `file`.
std::optional<Status> write_to_stream_file(const std::filesystem::path& file,
                                           std::string_view content);

}  // namespace og::util
