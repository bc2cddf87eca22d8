#pragma once
// The modification time of a stat result to the nanosecond, under the name each system gives it:
// Linux's st_mtim is macOS's st_mtimespec.
#include <sys/stat.h>

#include <string>

namespace og::util {

inline std::string modification_time_ns(const struct stat& st) {
#ifdef __APPLE__
    const timespec& t = st.st_mtimespec;
#else
    const timespec& t = st.st_mtim;
#endif
    return std::to_string(t.tv_sec) + "." + std::to_string(t.tv_nsec);
}

}  // namespace og::util
