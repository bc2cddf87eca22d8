#pragma once
// file_stamp's line from a stat result a caller already holds, so that a walk over a folder
// costs one fstatat per entry, not two. POSIX only: file_stamp_posix.cpp.
#include <sys/stat.h>

#include <string>

namespace og::util {

std::string file_stamp(const struct stat& st);

}  // namespace og::util
