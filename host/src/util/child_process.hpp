#pragma once
// Starting another program with pipes, on POSIX (fork/exec) and Windows (CreateProcessW), for
// the doctor (which starts the host as a browser does) and for the test suites (which start the
// built host over real pipes). Only what those need: stdin/stdout/stderr each inherited, the
// null device, a pipe or a file; an environment; a working folder; waiting with a deadline.
// On POSIX, starting a child ignores SIGPIPE in this process: a child that stops reading must
// make our write fail, not kill us.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace og::process {

struct Redirect {
    enum class Kind { inherit, null, pipe, file } kind = Kind::inherit;
    std::filesystem::path file;  // Kind::file: created or truncated
    static Redirect null() { return {Kind::null, {}}; }
    static Redirect pipe() { return {Kind::pipe, {}}; }
    static Redirect to_file(std::filesystem::path f) { return {Kind::file, std::move(f)}; }
};

struct Options {
    std::vector<std::string> argv;           // argv[0]: the program's path (PATH is not searched)
    std::filesystem::path working_dir;       // empty: ours
    bool inherit_env = true;                 // false: `env` is the whole environment
    std::map<std::string, std::string> env;  // set on top of ours, or the whole of it
    Redirect in, out, err;
    // Windows only: the command line exactly as given (for "cmd.exe /d /c ..." as Chrome
    // starts hosts); argv[0] is then still the program started.
    std::optional<std::string> windows_command_line;
};

// What ended the child: its exit status, or on POSIX 128 + the signal that killed it.
using ExitCode = int;

class Child {
  public:
    // Error code "start_failed", with the reason (missing program, not executable, ...).
    static Result<Child> start(const Options& options);

    Child(Child&&) noexcept;
    Child& operator=(Child&&) noexcept;
    ~Child();  // closes our pipe ends, then waits (a child that ignores that is killed)

    // stdin pipe. False when the child no longer reads.
    bool write_all(std::string_view bytes);
    void close_stdin();

    // stdout pipe: bytes read, 0 at its end, -1 on an error. Blocks until some bytes come.
    std::ptrdiff_t read_stdout(char* buffer, std::size_t size);
    void close_stdout();

    // Reads the stdout and stderr pipes (those that are pipes) into `out` and `err` until
    // `enough(out)` holds, both have ended, or the deadline passes. True unless the deadline
    // passed first.
    bool collect(std::string& out, std::string& err, std::chrono::steady_clock::time_point deadline,
                 const std::function<bool(const std::string&)>& enough);

    ExitCode wait();
    std::optional<ExitCode> wait_for(std::chrono::milliseconds timeout);
    void kill();

    struct Impl;

  private:
    explicit Child(std::unique_ptr<Impl> impl);
    void close_pipes();
    void finish();  // what the destructor does: close our ends, wait, kill a child that stays
    std::unique_ptr<Impl> impl_;
};

// A finished run with stdout and stderr as pipes (unless redirected elsewhere in `options`).
struct Finished {
    ExitCode status = -1;
    std::string out, err;
};
Result<Finished> run(Options options);

// "exit status 3", "killed by signal 9"
std::string describe(ExitCode status);

}  // namespace og::process
