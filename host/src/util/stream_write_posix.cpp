#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

#include "util/stream_write.hpp"

namespace og::util {

std::optional<Status> write_to_stream_file(const std::filesystem::path& file,
                                           std::string_view content) {
    auto failed = [&](int err) -> Status {
        return make_error("io_error", "cannot write " + file.string() + ": " + std::strerror(err));
    };
    // Opened first and then examined, so what is written is what was examined. Without
    // O_CREAT or O_TRUNC, opening a regular file here changes nothing.
    const int fd = ::open(file.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return std::nullopt;
        return failed(errno);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISREG(st.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return failed(err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0 && errno != EINTR) return failed(errno);
    return Status(Ok{});
}

}  // namespace og::util
