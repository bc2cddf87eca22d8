// FdSource / FdSink over POSIX descriptors.
#include <poll.h>
#include <unistd.h>

#include <cerrno>

#include "protocol/framing.hpp"

namespace og::protocol {

std::ptrdiff_t FdSource::read_some(char* buffer, std::size_t size) {
    for (;;) {
        const ssize_t n = ::read(fd_, buffer, size);
        if (n >= 0) return n;
        if (errno != EINTR) return -1;
    }
}

bool FdSource::ready() {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
}

std::ptrdiff_t FdSink::write_some(const char* data, std::size_t size) {
    for (;;) {
        const ssize_t n = ::write(fd_, data, size);
        if (n > 0) return n;
        if (n == 0) {
            errno = EIO;
            return -1;
        }
        if (errno != EINTR) return -1;
    }
}

}  // namespace og::protocol
