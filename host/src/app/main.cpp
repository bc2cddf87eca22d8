// optout-guide-host: the browser's native-messaging host, and a small CLI for people.
#include <iostream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/args.hpp"
#include "app/process_setup.hpp"
#include "app/sandbox.hpp"
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "env/host_env.hpp"
#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "protocol/session.hpp"
#include "util/logging.hpp"
#include "util/messages.hpp"
#include "util/paths.hpp"

namespace {

int serve(const og::app::Launch& launch) {
    // Before the first byte from the browser is read: the host never needs the network.
    if (auto sandboxed = og::app::forbid_network(); !sandboxed)
        spdlog::warn("{}", sandboxed.error().message);
    spdlog::info("started by {} ({})", og::app::browser_name(launch.browser), launch.caller);
    const int frames_fd = og::app::take_stdout_for_frames();
    auto active = og::env::open_serving_catalog();
    const auto store_file = og::paths::store_file();
    og::store::OpenOnNeed store(store_file);
    og::protocol::HostContext ctx;
    ctx.source = active.source.get();
    ctx.override_error = active.override_error;
    ctx.confirm_catalog = std::move(active.confirm);
    ctx.open_store = &store;
    ctx.store_path = store_file.string();
    ctx.client = std::string(og::app::browser_name(launch.browser));
    ctx.override_dir = og::paths::catalog_override_dir();
    ctx.catalog_cache_dir = og::paths::catalog_cache_dir();
    og::protocol::Dispatcher dispatcher(std::move(ctx));
    og::protocol::FdSource in(0);  // stdin
    og::protocol::FdSink out(frames_fd);
    const int status = og::protocol::serve(in, out, dispatcher);
    spdlog::info("exiting with status {}", status);
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    og::app::prepare_process();
    const std::vector<std::string> args = og::app::utf8_arguments(argc, argv);
    const auto launch = og::app::parse_launch(args, og::app::stdin_is_terminal());
    const std::string lang = og::cli::language_from_env(std::nullopt);
    if (launch.mode == og::app::Mode::help) {
        og::cli::print_help(std::cout, lang);
        return 0;
    }
    const auto log_problem = og::logging::init(og::paths::log_file());
    try {
        switch (launch.mode) {
            case og::app::Mode::refuse:
                spdlog::warn("{}", og::messages::say("en", launch.reason));
                std::cerr << "optout-guide-host: " << og::messages::say(lang, launch.reason)
                          << "\n";
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
