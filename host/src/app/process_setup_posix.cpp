#include <fcntl.h>
#include <unistd.h>

#include <csignal>

#include "app/process_setup.hpp"

namespace og::app {

void prepare_process() {
    std::signal(SIGPIPE, SIG_IGN);
}

std::vector<std::string> utf8_arguments(int argc, char** argv) {
    return std::vector<std::string>(argv + 1, argv + argc);
}

bool stdin_is_terminal() {
    return ::isatty(STDIN_FILENO) == 1;
}

int take_stdout_for_frames() {
    const int frames = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (frames < 0) return STDOUT_FILENO;
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) {
        ::dup2(null, STDOUT_FILENO);
        ::close(null);
    }
    return frames;
}

}  // namespace og::app
