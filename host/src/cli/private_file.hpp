#pragma once
// Files the CLI writes for the person at the terminal (the record, mismatch reports): they say
// what a person objected to or where they went, so like the store only their owner may read
// them.
#include <string>

#include "util/result.hpp"

namespace og::cli {

Status write_private_file(const std::string& path, const std::string& text);

}  // namespace og::cli
