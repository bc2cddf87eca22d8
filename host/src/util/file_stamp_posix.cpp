#include "util/file_stamp_posix.hpp"

#include "util/file_stamp.hpp"

namespace og::util {

std::string file_stamp(const struct stat& st) {
#ifdef __APPLE__
    const auto& mtime = st.st_mtimespec;
#else
    const auto& mtime = st.st_mtim;
#endif
    return std::to_string(st.st_dev) + " " + std::to_string(st.st_ino) + " " +
           std::to_string(st.st_size) + " " + std::to_string(mtime.tv_sec) + "." +
           std::to_string(mtime.tv_nsec);
}

std::optional<std::string> file_stamp(const std::filesystem::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return std::nullopt;
    return file_stamp(st);
}

}  // namespace og::util
