#include "app/sandbox.hpp"

#include <seccomp.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace og::app {

namespace {

struct FilterDeleter {
    void operator()(scmp_filter_ctx* ctx) const {
        if (ctx) seccomp_release(*ctx);
        delete ctx;
    }
};

Error unavailable(const std::string& what, int rc) {
    // libseccomp returns negative errno values.
    return make_error("sandbox_unavailable",
                      "cannot forbid network system calls: " + what + ": " + std::strerror(-rc));
}

}  // namespace

const std::vector<const char*>& forbidden_network_calls() {
    // Creating or addressing a socket; io_uring because it can open and connect sockets
    // without going through these system calls at all.
    static const std::vector<const char*> calls = {
        "socket",  "socketpair", "connect", "bind",     "listen",         "accept",
        "accept4", "sendto",     "sendmsg", "sendmmsg", "io_uring_setup",
    };
    return calls;
}

Status forbid_network() {
    std::unique_ptr<scmp_filter_ctx, FilterDeleter> ctx(
        new scmp_filter_ctx(seccomp_init(SCMP_ACT_ALLOW)));
    if (*ctx == nullptr) return unavailable("seccomp_init", -ENOMEM);
    for (const char* name : forbidden_network_calls()) {
        const int nr = seccomp_syscall_resolve_name(name);
        // A call this architecture does not have cannot be made either.
        if (nr == __NR_SCMP_ERROR) continue;
        if (const int rc = seccomp_rule_add(*ctx, SCMP_ACT_ERRNO(EPERM), nr, 0); rc < 0)
            return unavailable(std::string("rule for ") + name, rc);
    }
    if (const int rc = seccomp_load(*ctx); rc < 0) return unavailable("seccomp_load", rc);
    return Ok{};
}

}  // namespace og::app
