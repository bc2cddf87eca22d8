#include "util/private_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <random>
#include <string>
#include <system_error>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

namespace og::util {

namespace fs = std::filesystem;

namespace {

Error io_error(const std::string& what, const fs::path& p, int err) {
    const bool denied = err == EACCES || err == EPERM || err == EROFS;
    return make_error(
        denied ? "permission_denied" : "io_error",
        "cannot " + what + " " + p.string() + ": " + std::generic_category().message(err));
}

// A name nobody can plant in advance: 64 random bits from the system's generator.
fs::path temporary_beside(const fs::path& file) {
    static thread_local std::random_device source;
    const unsigned long long bits = (static_cast<unsigned long long>(source()) << 32) ^
                                    static_cast<unsigned long long>(source());
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".%016llx.tmp", bits);
    std::string name(1, '.');
    name.append(file.filename().string()).append(suffix);
    return file.parent_path() / name;
}

#ifdef _WIN32
constexpr int kCreateFlags = O_WRONLY | O_CREAT | O_EXCL | O_BINARY;
int fd_close(int fd) {
    return ::_close(fd);
}
long fd_write(int fd, const char* data, std::size_t n) {
    return ::_write(fd, data, static_cast<unsigned>(n));
}
int fd_finish(int, unsigned) {
    return 0;
}  // Windows has no POSIX modes to give
#else
constexpr int kCreateFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
int fd_close(int fd) {
    return ::close(fd);
}
long fd_write(int fd, const char* data, std::size_t n) {
    return ::write(fd, data, n);
}
// The mode is given to the descriptor, not to a name someone could swap meanwhile, and the
// content reaches the disk before the rename makes it the file.
int fd_finish(int fd, unsigned mode) {
    if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) return -1;
    return ::fsync(fd);
}
#endif

}  // namespace

Status write_file_replacing(const fs::path& file, std::string_view content, unsigned mode) {
    fs::path tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        tmp = temporary_beside(file);
        fd = ::open(tmp.string().c_str(), kCreateFlags, 0600);
        if (fd < 0 && errno != EEXIST) return io_error("write", file, errno);
    }
    if (fd < 0) return io_error("write", file, EEXIST);

    int failure = 0;
    for (std::size_t done = 0; done < content.size() && failure == 0;) {
        const long n = fd_write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            failure = errno;
        else
            done += static_cast<std::size_t>(n);
    }
    if (failure == 0 && fd_finish(fd, mode) != 0) failure = errno;
    if (fd_close(fd) != 0 && failure == 0) failure = errno;
    std::error_code ec;
    if (failure == 0) {
        fs::rename(tmp, file, ec);
        if (ec) failure = ec.value();
    }
    if (failure != 0) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        return io_error("write", file, failure);
    }
    return Ok{};
}

}  // namespace og::util
