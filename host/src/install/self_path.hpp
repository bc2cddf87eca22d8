#pragma once
// The absolute path of the running program, which is what a manifest's "path" must name.
#include <filesystem>

#include "util/result.hpp"

namespace og::install {

Result<std::filesystem::path> self_executable_path();

}  // namespace og::install
