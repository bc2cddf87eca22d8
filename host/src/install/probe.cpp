#include "install/probe.hpp"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "install/browser_errors.hpp"
#include "util/child_process.hpp"
#include "util/env_var.hpp"
#include "util/utf8_path.hpp"

namespace og::install {

std::vector<std::string> browser_argv(Family family, const std::string& host_path,
                                      const std::string& manifest_file,
                                      const std::string& chromium_origin,
                                      const std::string& addon_id) {
#ifdef _WIN32
    // Chrome on Windows adds the window it was called from; 0 from a service worker.
    if (family == Family::chromium) return {host_path, chromium_origin, "--parent-window=0"};
#else
    if (family == Family::chromium) return {host_path, chromium_origin};
#endif
    return {host_path, manifest_file, addon_id};
}

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxReply = 1024 * 1024;

// How a host that never answered ended, said in the reader's language later: the numbers are
// the platform's (a signal on POSIX, an NTSTATUS crash code on Windows), the words are not.
messages::Phrase how_it_ended(process::ExitCode status) {
#ifdef _WIN32
    if (static_cast<unsigned>(status) >= 0xC0000000u) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%08X", static_cast<unsigned>(status));
        return {"probe.host_crashed", {{"code", hex}}};
    }
#else
    if (status > 128) return {"probe.host_killed", {{"signal", std::to_string(status - 128)}}};
#endif
    return {"probe.host_exited", {{"code", std::to_string(status)}}};
}

process::Options launch_options(Family family, const std::vector<std::string>& argv) {
    process::Options o;
    o.argv = argv;
    // Browsers start hosts in the binary's folder with stdin and stdout as pipes.
    o.working_dir = utf8_path(argv[0]).parent_path();
    o.in = process::Redirect::pipe();
    o.out = process::Redirect::pipe();
    o.err = process::Redirect::pipe();
#ifdef _WIN32
    // Chrome starts a host through cmd.exe ("%COMSPEC% /d /c ..."), so a path cmd.exe
    // misreads (an '&' in it, say) fails for Chrome: it must fail here too. Firefox starts
    // an .exe directly.
    if (family == Family::chromium) {
        const std::string comspec =
            env_var::non_empty("COMSPEC").value_or("C:\\Windows\\System32\\cmd.exe");
        std::string line = "\"" + argv[0] + "\"";
        for (std::size_t i = 1; i < argv.size(); ++i) line += " " + argv[i];
        o.argv = {comspec};
        o.windows_command_line = "\"" + comspec + "\" /d /c \"" + line + "\"";
    }
#else
    (void)family;
#endif
    return o;
}

}  // namespace

ProbeResult probe_host(Family family, const std::vector<std::string>& argv,
                       std::chrono::milliseconds timeout) {
    ProbeResult r;
    if (argv.empty()) {
        r.code = "start_failed";
        r.message = {"probe.no_program"};
        return r;
    }
    const auto start = Clock::now();
    auto child = process::Child::start(launch_options(family, argv));
    if (!child) {
        r.code = "start_failed";
        r.message = {"probe.start_failed",
                     {{"error", child.error().message},
                      {"symptom", std::string(browser_error::kFailedToStart)}}};
        return r;
    }

    const std::string client = family == Family::chromium ? "chromium" : "firefox";
    const nlohmann::json hello = {
        {"id", "doctor"}, {"type", "hello"}, {"client", client}, {"extensionVersion", OG_VERSION}};
    const std::string body = hello.dump();
    const uint32_t len = static_cast<uint32_t>(body.size());
    std::string frame(reinterpret_cast<const char*>(&len), 4);
    frame += body;
    // The host may have died already; what it left on stdout says how.
    (void)child->write_all(frame);

    auto have_reply = [](const std::string& out) {
        if (out.size() < 4) return false;
        uint32_t n;
        std::memcpy(&n, out.data(), 4);
        return n > kMaxReply || out.size() >= 4 + static_cast<size_t>(n);
    };
    std::string out, err;
    const bool in_time = child->collect(out, err, start + timeout, have_reply);
    r.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    const bool replied = have_reply(out);
    // Closing stdin is how browsers end a session; a host that ignores it is killed like they do.
    child->close_stdin();
    auto status = child->wait_for(std::chrono::seconds(3));
    if (!status) {
        child->kill();
        status = child->wait();
    }
    // Pick up what the host said on stderr on its way out.
    std::string rest;
    child->collect(rest, err, Clock::now() + std::chrono::milliseconds(500),
                   [](const std::string&) { return false; });
    r.stderr_tail = err.size() > 2000 ? err.substr(err.size() - 2000) : err;

    if (!replied) {
        if (in_time) {
            r.code = "host_exited";
            r.message = how_it_ended(*status);
            r.message.values.emplace_back("symptom", std::string(browser_error::kHostExited));
        } else {
            r.code = "timeout";
            r.message = {"probe.timeout", {{"seconds", std::to_string(timeout.count() / 1000)}}};
        }
        return r;
    }
    uint32_t n;
    std::memcpy(&n, out.data(), 4);
    if (n > kMaxReply) {
        r.code = "bad_frame";
        r.message = {"probe.bad_frame",
                     {{"bytes", std::to_string(n)},
                      {"symptom", std::string(browser_error::kCommunication)}}};
        return r;
    }
    try {
        const auto reply = nlohmann::json::parse(out.substr(4, n));
        if (reply.value("ok", false) != true || reply.value("protocol", 0) != 1) {
            r.code = "bad_reply";
            r.message = {"probe.bad_reply", {{"reply", reply.dump()}}};
            return r;
        }
        r.host_version = reply.value("hostVersion", "");
    } catch (const nlohmann::json::exception& e) {
        r.code = "bad_reply";
        r.message = {"probe.reply_not_json", {{"error", e.what()}}};
        return r;
    }
    r.ok = true;
    return r;
}

}  // namespace og::install
