#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "util/private_fs.hpp"

namespace og::private_fs {

namespace fs = std::filesystem;

namespace {

Error io(const std::string& what, const fs::path& p, const std::string& why) {
    return make_error("io", "cannot " + what + " " + p.string() + ": " + why);
}

}  // namespace

Status create_private_dir(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) return Ok{};
    fs::create_directories(dir, ec);
    if (ec) return io("create folder", dir, ec.message());
    if (::chmod(dir.c_str(), 0700) != 0) return io("restrict folder", dir, std::strerror(errno));
    return Ok{};
}

Status create_private_file(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return io("open for writing", file, std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 0777) != 0600) ::fchmod(fd, 0600);
    ::close(fd);
    return Ok{};
}

void restrict_existing_file(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 0777) != 0600) ::chmod(file.c_str(), 0600);
}

Status write_private_file(const fs::path& file, std::string_view text) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return io("write", file, std::strerror(errno));
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string why = std::strerror(errno);
            ::close(fd);
            return io("write", file, why);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return io("write", file, std::strerror(errno));
    return Ok{};
}

bool owner_only(const fs::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) == 0;
}

}  // namespace og::private_fs
