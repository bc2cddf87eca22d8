// No network, ever: the host is traced through a whole conversation and makes no network
// system call at all; and the seccomp filter it installs really makes such calls fail.
#include <linux/io_uring.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "app/sandbox.hpp"
#include "child_host.hpp"
#include "conversation.hpp"

using namespace og::robust;

namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `probe` in a forked child after installing the filter; returns the child's exit code,
// which `probe` sets to the number of the first check that failed (0 = all held).
int in_sandboxed_child(int (*probe)()) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (!og::app::forbid_network()) ::_exit(100);
        ::_exit(probe());
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) return 200 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("a whole conversation under strace makes no network system call", "[network]") {
    HostHome home;
    const auto trace = home.root() / "strace.txt";
    SpawnOptions options;
    options.prefix = {"strace", "-f",          "-qq", "-e",          "trace=network",
                      "-e",     "signal=none", "-o",  trace.string()};
    ChildHost host(home, options);
    for (const auto& request : whole_conversation()) {
        const auto reply = host.call(request);
        INFO(request.dump() << " -> " << reply.dump().substr(0, 300));
        CHECK(reply["ok"] == true);
    }
    host.close_stdin();
    REQUIRE(host.wait() == 0);
    REQUIRE(std::filesystem::exists(trace));
    const std::string traced = read_file(trace);
    INFO("network system calls traced:\n" << traced);
    CHECK(traced.empty());
}

TEST_CASE("the host serves with the seccomp filter in place", "[network]") {
    HostHome home;
    ChildHost host(home);
    REQUIRE(host.call(hello(1))["ok"] == true);
    // Mode 2 is "filter": the host installed one before serving, in production, no flag needed.
    const std::string status = read_file("/proc/" + std::to_string(host.pid()) + "/status");
    CHECK(status.find("Seccomp:\t2") != std::string::npos);
    CHECK(status.find("NoNewPrivs:\t1") != std::string::npos);
    host.close_stdin();
    CHECK(host.wait() == 0);
}

TEST_CASE("under the filter, opening or addressing a socket fails with EPERM", "[network]") {
    CHECK(in_sandboxed_child([]() -> int {
              if (::socket(AF_INET, SOCK_STREAM, 0) != -1 || errno != EPERM) return 1;
              if (::socket(AF_INET6, SOCK_DGRAM, 0) != -1 || errno != EPERM) return 2;
              if (::socket(AF_UNIX, SOCK_STREAM, 0) != -1 || errno != EPERM) return 3;
              if (::socket(AF_NETLINK, SOCK_RAW, 0) != -1 || errno != EPERM) return 4;
              int pair[2];
              if (::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != -1 || errno != EPERM) return 5;
              if (::connect(0, nullptr, 0) != -1 || errno != EPERM) return 6;
              io_uring_params params{};
              if (::syscall(SYS_io_uring_setup, 4, &params) != -1 || errno != EPERM) return 7;
              return 0;
          }) == 0);
}

TEST_CASE("under the filter, files and pipes still work", "[network]") {
    CHECK(in_sandboxed_child([]() -> int {
              int p[2];
              if (::pipe(p) != 0) return 1;
              if (::write(p[1], "x", 1) != 1) return 2;
              char c = 0;
              if (::read(p[0], &c, 1) != 1 || c != 'x') return 3;
              FILE* f = std::tmpfile();
              if (!f || std::fputs("journal", f) < 0) return 4;
              std::fclose(f);
              return 0;
          }) == 0);
}

TEST_CASE("without the filter the same socket call succeeds (the probe can fail)", "[network]") {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(fd >= 0);
    if (fd >= 0) ::close(fd);
}
