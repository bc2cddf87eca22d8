#pragma once
// What util/private_write's platform halves share (private_write_<platform>.cpp).
#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace og::util::detail {

// The temporary name write_file_replacing creates beside `file`: unpredictable, in its folder.
std::filesystem::path temporary_beside(const std::filesystem::path& file);

// permission_denied when `denied`, else io_error: "cannot <what> <p>: <why>".
Error file_error(bool denied, const std::string& what, const std::filesystem::path& p,
                 const std::string& why);

}  // namespace og::util::detail
