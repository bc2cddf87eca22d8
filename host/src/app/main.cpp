// optout-guide-host: the browser's native-messaging host, and a small CLI for people.
#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/args.hpp"
#include "app/sandbox.hpp"
#include "cli/cli.hpp"
#include "env/host_env.hpp"
#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "protocol/session.hpp"
#include "util/logging.hpp"
#include "util/paths.hpp"

namespace {

// stdout carries frames only. Keep a private descriptor for frames and point fd 1 at
// /dev/null, so a stray write from any library can never corrupt the stream.
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

int serve(const og::app::Launch& launch) {
    // Before the first byte from the browser is read: the host never needs the network.
    if (auto sandboxed = og::app::forbid_network(); !sandboxed)
        spdlog::warn("{}", sandboxed.error().message);
    spdlog::info("started by {} ({})", og::app::browser_name(launch.browser), launch.caller);
    const int frames_fd = take_stdout_for_frames();
    auto active = og::env::open_serving_catalog();
    og::store::OpenOnNeed store(og::paths::store_file());
    og::protocol::HostContext ctx;
    ctx.source = active.source.get();
    ctx.override_error = active.override_error;
    ctx.open_store = &store;
    ctx.client = std::string(og::app::browser_name(launch.browser));
    ctx.override_dir = og::paths::catalog_override_dir();
    ctx.catalog_cache_dir = og::paths::catalog_cache_dir();
    og::protocol::Dispatcher dispatcher(std::move(ctx));
    og::protocol::FdSource in(STDIN_FILENO);
    og::protocol::FdSink out(frames_fd);
    const int status = og::protocol::serve(in, out, dispatcher);
    spdlog::info("exiting with status {}", status);
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    // A browser that goes away closes our stdout; that must be a write error we handle, not a
    // signal that kills us mid-commit.
    std::signal(SIGPIPE, SIG_IGN);
    const std::vector<std::string> args(argv + 1, argv + argc);
    const auto launch = og::app::parse_launch(args, ::isatty(STDIN_FILENO) == 1);
    if (launch.mode == og::app::Mode::help) {
        og::cli::print_help(std::cout);
        return 0;
    }
    const auto log_problem = og::logging::init(og::paths::log_file());
    try {
        switch (launch.mode) {
            case og::app::Mode::refuse:
                spdlog::warn("{}", launch.reason);
                std::cerr << "optout-guide-host: " << launch.reason << "\n";
                return 1;
            case og::app::Mode::cli:
                if (log_problem) std::cerr << "optout-guide-host: note: " << *log_problem << "\n";
                return og::cli::run(launch.arguments, std::cout, std::cerr);
            case og::app::Mode::serve:
                return serve(launch);
            case og::app::Mode::help:
                break;
        }
    } catch (const std::exception& e) {
        spdlog::critical("fatal: {}", e.what());
        std::cerr << "optout-guide-host: internal error: " << e.what() << "\n";
        return 70;
    }
    return 0;
}
