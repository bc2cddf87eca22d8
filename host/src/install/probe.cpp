#include "install/probe.hpp"

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#ifndef _WIN32
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace og::install {

std::vector<std::string> browser_argv(Family family, const std::string& host_path,
                                      const std::string& manifest_file,
                                      const std::string& chromium_origin,
                                      const std::string& addon_id) {
    if (family == Family::chromium) return {host_path, chromium_origin};
    return {host_path, manifest_file, addon_id};
}

#ifdef _WIN32

ProbeResult probe_host(Family, const std::vector<std::string>&, std::chrono::milliseconds) {
    ProbeResult r;
    r.code = "not_supported";
    r.message = "starting the host from the doctor is not implemented on Windows yet";
    return r;
}

#else

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxReply = 1024 * 1024;

struct Fd {
    int fd = -1;
    Fd() = default;
    explicit Fd(int f) : fd(f) {}
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
    // No pipe2 on macOS; the doctor is single-threaded, so nothing can fork in between.
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

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("signal ") + ::strsignal(WTERMSIG(status));
    return "unknown status";
}

// Closing stdin is how browsers end a session; a host that ignores it is killed like they do.
int reap(pid_t pid) {
    int status = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(3);
    while (Clock::now() < deadline) {
        pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return status;
        if (r < 0) return 0;
        ::usleep(10 * 1000);
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return status;
}

}  // namespace

ProbeResult probe_host(Family family, const std::vector<std::string>& argv,
                       std::chrono::milliseconds timeout) {
    ProbeResult r;
    if (argv.empty()) {
        r.code = "start_failed";
        r.message = "no program to start";
        return r;
    }
    ::signal(SIGPIPE, SIG_IGN);

    Fd in_r, in_w, out_r, out_w, err_r, err_w, exec_r, exec_w;
    if (!make_pipe(in_r, in_w) || !make_pipe(out_r, out_w) || !make_pipe(err_r, err_w) ||
        !make_pipe(exec_r, exec_w)) {
        r.code = "start_failed";
        r.message = std::string("cannot create pipes: ") + std::strerror(errno);
        return r;
    }
    const std::string dir = std::filesystem::path(argv[0]).parent_path().string();
    std::vector<char*> cargv;
    for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);

    const auto start = Clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        r.code = "start_failed";
        r.message = std::string("fork failed: ") + std::strerror(errno);
        return r;
    }
    if (pid == 0) {
        // Browsers start hosts in the binary's folder with only stdin/stdout redirected.
        if (!dir.empty() && ::chdir(dir.c_str()) != 0) {
            int e = errno;
            (void)!::write(exec_w.fd, &e, sizeof e);
            ::_exit(127);
        }
        ::dup2(in_r.fd, 0);
        ::dup2(out_w.fd, 1);
        ::dup2(err_w.fd, 2);
        ::execv(cargv[0], cargv.data());
        int e = errno;
        (void)!::write(exec_w.fd, &e, sizeof e);
        ::_exit(127);
    }
    in_r.reset();
    out_w.reset();
    err_w.reset();
    exec_w.reset();

    int exec_errno = 0;
    if (::read(exec_r.fd, &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
        reap(pid);
        r.code = "start_failed";
        r.message = "cannot start " + argv[0] + ": " + std::strerror(exec_errno) +
                    " (the browser reports \"Failed to start native messaging host\")";
        return r;
    }

    const std::string client = family == Family::chromium ? "chromium" : "firefox";
    const nlohmann::json hello = {
        {"id", "doctor"}, {"type", "hello"}, {"client", client}, {"extensionVersion", OG_VERSION}};
    const std::string body = hello.dump();
    const uint32_t len = static_cast<uint32_t>(body.size());
    std::string frame(reinterpret_cast<const char*>(&len), 4);
    frame += body;
    if (::write(in_w.fd, frame.data(), frame.size()) != static_cast<ssize_t>(frame.size())) {
        // The host may have died already; the read below says how.
    }

    std::string out, err;
    bool out_eof = false, err_eof = false;
    const auto deadline = start + timeout;
    auto have_reply = [&] {
        if (out.size() < 4) return false;
        uint32_t n;
        std::memcpy(&n, out.data(), 4);
        return n > kMaxReply || out.size() >= 4 + static_cast<size_t>(n);
    };
    while (!have_reply() && !out_eof) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) break;
        pollfd fds[2] = {{out_r.fd, POLLIN, 0}, {err_eof ? -1 : err_r.fd, POLLIN, 0}};
        if (::poll(fds, 2, static_cast<int>(left)) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        char buf[8192];
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = ::read(out_r.fd, buf, sizeof buf);
            if (n > 0)
                out.append(buf, static_cast<size_t>(n));
            else
                out_eof = true;
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = ::read(err_r.fd, buf, sizeof buf);
            if (n > 0)
                err.append(buf, static_cast<size_t>(n));
            else
                err_eof = true;
        }
    }
    r.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    const bool replied = have_reply();
    in_w.reset();
    const int status = reap(pid);
    // Pick up what the host said on stderr on its way out.
    for (char buf[4096];;) {
        ssize_t n = ::read(err_r.fd, buf, sizeof buf);
        if (n <= 0) break;
        err.append(buf, static_cast<size_t>(n));
    }
    r.stderr_tail = err.size() > 2000 ? err.substr(err.size() - 2000) : err;

    if (!replied) {
        if (out_eof) {
            r.code = "host_exited";
            r.message = "the host exited (" + describe_status(status) +
                        ") without answering hello; the browser reports \"Native host has "
                        "exited\"";
        } else {
            r.code = "timeout";
            r.message = "the host did not answer hello within " +
                        std::to_string(timeout.count() / 1000) + " s";
        }
        return r;
    }
    uint32_t n;
    std::memcpy(&n, out.data(), 4);
    if (n > kMaxReply) {
        r.code = "bad_frame";
        r.message = "the host's first bytes announce a " + std::to_string(n) +
                    "-byte message: it prints something other than protocol frames on stdout; "
                    "the browser reports \"Error when communicating with the native messaging "
                    "host\"";
        return r;
    }
    try {
        const auto reply = nlohmann::json::parse(out.substr(4, n));
        if (reply.value("ok", false) != true || reply.value("protocol", 0) != 1) {
            r.code = "bad_reply";
            r.message = "the host answered hello with " + reply.dump();
            return r;
        }
        r.host_version = reply.value("hostVersion", "");
    } catch (const nlohmann::json::exception& e) {
        r.code = "bad_reply";
        r.message = std::string("the host's answer to hello is not JSON: ") + e.what();
        return r;
    }
    r.ok = true;
    return r;
}

#endif

}  // namespace og::install
