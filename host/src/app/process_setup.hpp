#pragma once
// What main() needs from the operating system before it can speak native messaging: the
// platform halves are process_setup_posix.cpp and process_setup_windows.cpp.
#include <string>
#include <vector>

namespace og::app {

// First thing in main. POSIX: a browser that goes away closes our stdout; that must be a write
// error we handle, not a SIGPIPE that kills us mid-commit. Windows: stdin/stdout in binary mode
// (text mode turns a 0x0A length byte into 0x0D 0x0A), and no error dialog box that a hidden
// host would wait on forever.
void prepare_process();

// The command line as UTF-8 (Windows: from the wide command line, not the ANSI code page).
std::vector<std::string> utf8_arguments(int argc, char** argv);

bool stdin_is_terminal();

// stdout carries frames only. Returns a private descriptor for frames and points descriptor 1
// at the null device, so a stray write from any library can never corrupt the stream.
int take_stdout_for_frames();

}  // namespace og::app
