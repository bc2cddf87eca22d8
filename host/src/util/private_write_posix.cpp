#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "util/private_write.hpp"
#include "util/private_write_detail.hpp"

namespace og::util {

namespace fs = std::filesystem;

namespace {

Error errno_error(const std::string& what, const fs::path& p, int err) {
    const bool denied = err == EACCES || err == EPERM || err == EROFS;
    return detail::file_error(denied, what, p, std::generic_category().message(err));
}

}  // namespace

Status write_file_replacing(const fs::path& file, std::string_view content, unsigned mode) {
    fs::path tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        tmp = detail::temporary_beside(file);
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) return errno_error("write", file, errno);
    }
    if (fd < 0) return errno_error("write", file, EEXIST);

    int failure = 0;
    for (std::size_t done = 0; done < content.size() && failure == 0;) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            failure = errno;
        else
            done += static_cast<std::size_t>(n);
    }
    // The mode is given to the descriptor, not to a name someone could swap meanwhile, and the
    // content reaches the disk before the rename makes it the file.
    if (failure == 0 && (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0))
        failure = errno;
    if (::close(fd) != 0 && failure == 0) failure = errno;
    if (failure == 0 && ::rename(tmp.c_str(), file.c_str()) != 0) failure = errno;
    if (failure != 0) {
        ::unlink(tmp.c_str());
        return errno_error("write", file, failure);
    }
    return Ok{};
}

Status make_private_dir(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) return errno_error("create folder", dir, ec.value());
    }
    if (::chmod(dir.c_str(), 0700) != 0) return errno_error("restrict folder", dir, errno);
    return Ok{};
}

Status make_private_file(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno == ELOOP)
        return make_error("symlink", file.string() + " is a symbolic link");
    if (fd < 0) return errno_error("open for writing", file, errno);
    struct stat st {};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 0777) != 0600) ::fchmod(fd, 0600);
    ::close(fd);
    return Ok{};
}

void restrict_existing_file(const fs::path& file) {
    struct stat st {};
    if (::lstat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) != 0600)
        ::chmod(file.c_str(), 0600);
}

void make_new_files_private() {
    ::umask(077);
}

bool owner_only(const fs::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) == 0;
}

}  // namespace og::util
