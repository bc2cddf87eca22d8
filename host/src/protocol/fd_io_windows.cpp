// FdSource / FdSink on Windows: straight to the pipe's HANDLE, because the C runtime maps a
// pipe whose reader is gone (ERROR_NO_DATA) to EINVAL, which would read as a host bug rather
// than "the browser closed the port", and it would translate line ends in text mode.
#include <io.h>
#include <windows.h>

#include <algorithm>
#include <cerrno>

#include "protocol/framing.hpp"

namespace og::protocol {

namespace {

HANDLE handle_of(int fd) {
    return reinterpret_cast<HANDLE>(::_get_osfhandle(fd));
}

// Large writes to a pipe are split by the system anyway; a bounded chunk keeps DWORD casts safe.
constexpr std::size_t kMaxChunk = 1 << 20;

}  // namespace

std::ptrdiff_t FdSource::read_some(char* buffer, std::size_t size) {
    DWORD got = 0;
    const DWORD want = static_cast<DWORD>(std::min(size, kMaxChunk));
    if (ReadFile(handle_of(fd_), buffer, want, &got, nullptr)) return got;
    switch (GetLastError()) {
        case ERROR_BROKEN_PIPE:  // the writer closed its end: end of stream
        case ERROR_HANDLE_EOF:
            return 0;
        default:
            errno = EIO;
            return -1;
    }
}

// Bytes waiting in the pipe can be read without blocking. Not a pipe (a file, a console): no
// claim, so each request is then served alone.
bool FdSource::ready() {
    DWORD available = 0;
    return PeekNamedPipe(handle_of(fd_), nullptr, 0, nullptr, &available, nullptr) && available > 0;
}

std::ptrdiff_t FdSink::write_some(const char* data, std::size_t size) {
    DWORD done = 0;
    const DWORD want = static_cast<DWORD>(std::min(size, kMaxChunk));
    if (WriteFile(handle_of(fd_), data, want, &done, nullptr) && done > 0) return done;
    switch (GetLastError()) {
        case ERROR_NO_DATA:  // "the pipe is being closed": the reader went away
        case ERROR_BROKEN_PIPE:
            errno = EPIPE;
            return -1;
        default:
            errno = EIO;
            return -1;
    }
}

}  // namespace og::protocol
