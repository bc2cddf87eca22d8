#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

#include "util/child_process.hpp"

extern char** environ;

namespace og::process {

namespace {

struct Fd {
    int fd = -1;
    Fd() = default;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    void reset() {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
};

bool make_pipe(Fd& r, Fd& w) {
    int p[2];
#ifdef __APPLE__
    // No pipe2 on macOS. A thread forking in between could leak these two descriptors into
    // its child: only the test harness starts children from several threads, and it has no
    // macOS build.
    if (::pipe(p) != 0) return false;
    ::fcntl(p[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(p[1], F_SETFD, FD_CLOEXEC);
#else
    if (::pipe2(p, O_CLOEXEC) != 0) return false;
#endif
    r.fd = p[0];
    w.fd = p[1];
    return true;
}

Error start_failed(const std::string& program, int error) {
    return make_error("start_failed", "cannot start " + program + ": " + std::strerror(error));
}

// The child's end of one redirected stream, or -1 to inherit ours. Pipes keep our end.
bool child_end(const Redirect& r, bool input, Fd& ours, Fd& theirs) {
    switch (r.kind) {
        case Redirect::Kind::inherit:
            return true;
        case Redirect::Kind::null:
            theirs.fd = ::open("/dev/null", (input ? O_RDONLY : O_WRONLY) | O_CLOEXEC);
            return theirs.fd >= 0;
        case Redirect::Kind::file:
            theirs.fd = ::open(r.file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            return theirs.fd >= 0;
        case Redirect::Kind::pipe:
            return input ? make_pipe(theirs, ours) : make_pipe(ours, theirs);
    }
    return false;
}

ExitCode decode(int status) {
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

struct Child::Impl {
    pid_t pid = -1;
    Fd in, out, err;
    std::optional<ExitCode> exit;
};

// Here, where Impl is complete.
Child::Child(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Child::Child(Child&&) noexcept = default;
Child& Child::operator=(Child&&) noexcept = default;

Result<Child> Child::start(const Options& o) {
    if (o.argv.empty()) return make_error("start_failed", "no program to start");
    std::signal(SIGPIPE, SIG_IGN);
    auto impl = std::make_unique<Impl>();
    Fd in_child, out_child, err_child, exec_r, exec_w;
    if (!child_end(o.in, true, impl->in, in_child) ||
        !child_end(o.out, false, impl->out, out_child) ||
        !child_end(o.err, false, impl->err, err_child) || !make_pipe(exec_r, exec_w))
        return start_failed(o.argv[0], errno);

    std::vector<std::string> env_strings;
    if (o.inherit_env) {
        for (char** e = environ; *e != nullptr; ++e) {
            const std::string entry(*e);
            const auto eq = entry.find('=');
            if (o.env.count(entry.substr(0, eq)) == 0) env_strings.push_back(entry);
        }
    }
    for (const auto& [name, value] : o.env) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp, argv;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = o.argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string dir = o.working_dir.string();

    impl->pid = ::fork();
    if (impl->pid < 0) return start_failed(o.argv[0], errno);
    if (impl->pid == 0) {
        // Only async-signal-safe calls from here on. dup2 clears close-on-exec on the copies.
        if (in_child.fd >= 0) ::dup2(in_child.fd, 0);
        if (out_child.fd >= 0) ::dup2(out_child.fd, 1);
        if (err_child.fd >= 0) ::dup2(err_child.fd, 2);
        if (dir.empty() || ::chdir(dir.c_str()) == 0) ::execve(argv[0], argv.data(), envp.data());
        const int e = errno;
        (void)!::write(exec_w.fd, &e, sizeof e);
        ::_exit(127);
    }
    exec_w.reset();
    int exec_errno = 0;
    if (::read(exec_r.fd, &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
        int status = 0;
        ::waitpid(impl->pid, &status, 0);
        return start_failed(o.argv[0], exec_errno);
    }
    return Child(std::move(impl));
}

Child::~Child() {
    if (impl_) finish();
}

void Child::close_pipes() {
    impl_->in.reset();
    impl_->out.reset();
    impl_->err.reset();
}

bool Child::write_all(std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(impl_->in.fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

void Child::close_stdin() {
    impl_->in.reset();
}
void Child::close_stdout() {
    impl_->out.reset();
}

std::ptrdiff_t Child::read_stdout(char* buffer, std::size_t size) {
    for (;;) {
        const ssize_t n = ::read(impl_->out.fd, buffer, size);
        if (n >= 0 || errno != EINTR) return n;
    }
}

bool Child::collect(std::string& out, std::string& err,
                    std::chrono::steady_clock::time_point deadline,
                    const std::function<bool(const std::string&)>& enough) {
    pollfd fds[2] = {{impl_->out.fd, POLLIN, 0}, {impl_->err.fd, POLLIN, 0}};
    std::string* into[2] = {&out, &err};
    while (!enough(out) && (fds[0].fd >= 0 || fds[1].fd >= 0)) {
        int timeout = -1;
        if (deadline != std::chrono::steady_clock::time_point::max()) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  deadline - std::chrono::steady_clock::now())
                                  .count();
            if (left <= 0) return false;
            timeout = static_cast<int>(left);
        }
        if (::poll(fds, 2, timeout) < 0) {
            if (errno == EINTR) continue;
            return true;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[8192];
            const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0)
                into[i]->append(buf, static_cast<std::size_t>(n));
            else if (n == 0 || errno != EINTR)
                fds[i].fd = -1;
        }
    }
    return true;
}

ExitCode Child::wait() {
    if (impl_->exit) return *impl_->exit;
    int status = 0;
    while (::waitpid(impl_->pid, &status, 0) < 0 && errno == EINTR) {
    }
    impl_->exit = decode(status);
    return *impl_->exit;
}

std::optional<ExitCode> Child::wait_for(std::chrono::milliseconds timeout) {
    if (impl_->exit) return impl_->exit;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(impl_->pid, &status, WNOHANG);
        if (r == impl_->pid) {
            impl_->exit = decode(status);
            return impl_->exit;
        }
        if (r < 0 && errno != EINTR) return -1;
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void Child::kill() {
    if (!impl_->exit) ::kill(impl_->pid, SIGKILL);
}

std::string describe(ExitCode status) {
    if (status > 128) return "killed by signal " + std::string(::strsignal(status - 128));
    return "exit status " + std::to_string(status);
}

}  // namespace og::process
