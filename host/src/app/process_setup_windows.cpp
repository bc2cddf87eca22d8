#include <fcntl.h>
#include <io.h>
#include <windows.h>
// windows.h first: shellapi.h needs its types.
#include <shellapi.h>

#include <cstdio>

#include "app/process_setup.hpp"
#include "util/wide_windows.hpp"

namespace og::app {

void prepare_process() {
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    ::_setmode(::_fileno(stdin), _O_BINARY);
    ::_setmode(::_fileno(stdout), _O_BINARY);
}

std::vector<std::string> utf8_arguments(int argc, char** argv) {
    int count = 0;
    LPWSTR* wide_argv = CommandLineToArgvW(GetCommandLineW(), &count);
    if (wide_argv == nullptr) return std::vector<std::string>(argv + 1, argv + argc);
    std::vector<std::string> out;
    for (int i = 1; i < count; ++i) out.push_back(wide::to_utf8(wide_argv[i]));
    LocalFree(wide_argv);
    return out;
}

// _isatty() is also true for the NUL device; only a console has a console mode.
bool stdin_is_terminal() {
    DWORD mode = 0;
    return GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &mode) != 0;
}

int take_stdout_for_frames() {
    const int frames = ::_dup(::_fileno(stdout));
    if (frames < 0) return ::_fileno(stdout);
    ::_setmode(frames, _O_BINARY);
    // Children must not inherit the frame pipe (there are none today; this keeps it so).
    SetHandleInformation(reinterpret_cast<HANDLE>(::_get_osfhandle(frames)), HANDLE_FLAG_INHERIT,
                         0);
    const int null = ::_open("NUL", _O_WRONLY | _O_BINARY);
    if (null >= 0) {
        ::_dup2(null, ::_fileno(stdout));
        ::_close(null);
    }
    return frames;
}

}  // namespace og::app
