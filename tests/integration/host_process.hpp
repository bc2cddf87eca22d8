#pragma once
// Test helper: start the BUILT optout-guide-host exactly as a browser does (arguments, working
// directory = the binary's folder, stdin/stdout pipes) inside a throw-away HOME, and talk to it
// in native-messaging frames. Reusable by any integration test (protocol, CLI, installer).
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <map>
#include <nlohmann/json.hpp>

#include "og/identity.hpp"
#include "util/child_process.hpp"
#include "util/utf8_path.hpp"

namespace og::test {

namespace fs = std::filesystem;
using nlohmann::json;

inline fs::path host_binary() {
    // Under wine the build's POSIX path ("/work/...") is read on the current drive; made absolute
    // it is the "Z:\work\..." the host sees for itself.
    return fs::absolute(fs::path(OG_HOST_BINARY)).lexically_normal();
}
inline fs::path source_dir() {
    return fs::path(OG_SOURCE_DIR);
}
inline fs::path test_catalog_dir() {
    return source_dir() / "tests/fixtures/host-catalog";
}

inline std::string frame_bytes(std::string_view payload) {
    const auto n = static_cast<std::uint32_t>(payload.size());
    std::string out(4, '\0');
    std::memcpy(out.data(), &n, 4);  // native byte order, as browsers write it
    out.append(payload);
    return out;
}
inline std::string frame_json(const json& message) {
    const std::string text = message.dump();
    return frame_bytes(std::string_view(text));
}
// Just a length header, for frames whose header lies about what follows.
inline std::string length_header(std::uint32_t n) {
    std::string h(4, '\0');
    std::memcpy(h.data(), &n, 4);
    return h;
}

inline std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A private HOME with XDG_CONFIG_HOME / XDG_DATA_HOME / XDG_STATE_HOME inside it; removed on
// destruction. Everything the host writes during a test lands here.
class TempHome {
  public:
    // `name`: a part of the folder's name (say, non-ASCII letters a user name may hold).
    explicit TempHome(const std::string& name = "") {
        std::random_device rd;
        root_ =
            fs::temp_directory_path() /
            fs::path(reinterpret_cast<const char8_t*>(
                ("og-home-" + name + std::to_string(rd()) + "-" + std::to_string(rd())).c_str()));
        fs::create_directories(root_);
    }
    ~TempHome() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    TempHome(const TempHome&) = delete;
    TempHome& operator=(const TempHome&) = delete;

    const fs::path& root() const { return root_; }
    fs::path config_home() const { return root_ / "config"; }
    fs::path data_home() const { return root_ / "data"; }
    fs::path state_home() const { return root_ / "state"; }
    fs::path store_path() const { return data_home() / "optout-guide" / "progress.db"; }
    fs::path log_path() const { return state_home() / "optout-guide" / "host.log"; }
    fs::path catalog_override() const { return config_home() / "optout-guide" / "catalog"; }
    fs::path cache_home() const { return root_ / "cache"; }
    fs::path catalog_cache() const { return cache_home() / "optout-guide" / "catalog"; }

    // Copies a catalog folder to where the host looks for a user's newer catalog.
    void install_catalog(const fs::path& from = test_catalog_dir()) const {
        fs::create_directories(catalog_override());
        fs::copy(from, catalog_override(),
                 fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }

    // Set on top of the test's own environment.
    std::map<std::string, std::string> environment() const {
        std::map<std::string, std::string> env;
        env["HOME"] = root_.string();
        env["XDG_CONFIG_HOME"] = config_home().string();
        env["XDG_DATA_HOME"] = data_home().string();
        env["XDG_STATE_HOME"] = state_home().string();
        env["XDG_CACHE_HOME"] = cache_home().string();
        env["OPTOUT_GUIDE_LOG"] = "debug";
        for (const auto& [name, value] : extra_env) env[name] = value;
        return env;
    }

    std::vector<std::pair<std::string, std::string>> extra_env;

  private:
    fs::path root_;
};

inline std::vector<std::string> chromium_args() {
    // What Chromium passes on Linux; --parent-window comes on Windows only, but is accepted.
    return {std::string(identity::kChromiumOrigin)};
}
inline std::vector<std::string> firefox_args(const TempHome& home) {
    return {(home.root() / ".mozilla/native-messaging-hosts" /
             (std::string(identity::kHostName) + ".json"))
                .string(),
            std::string(identity::kFirefoxAddonId)};
}

// One running host process with its stdin and stdout as pipes.
class HostProcess {
  public:
    HostProcess(const TempHome& home, const std::vector<std::string>& args)
        : err_file_(home.root() / ("stderr-" + std::to_string(++counter()) + ".txt")),
          child_(start(home, args, err_file_)) {}
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    // False when the host no longer reads (EPIPE, or on Windows ERROR_NO_DATA).
    bool send_raw(std::string_view bytes) { return child_.write_all(bytes); }
    bool send(const json& message) { return send_raw(frame_json(message)); }

    // The next frame's payload; nullopt when stdout ended (cleanly, between frames).
    std::optional<std::string> receive_raw() {
        char header[4];
        if (!read_exact(header, 4)) return std::nullopt;
        std::uint32_t n = 0;
        std::memcpy(&n, header, 4);
        if (n > 1024 * 1024) throw std::runtime_error("host sent an oversize frame");
        std::string payload(n, '\0');
        if (!read_exact(payload.data(), n)) throw std::runtime_error("host stdout ended mid-frame");
        return payload;
    }
    std::optional<json> receive() {
        auto raw = receive_raw();
        if (!raw) return std::nullopt;
        return json::parse(*raw);
    }
    json request(const json& message) {
        if (!send(message)) throw std::runtime_error("host closed its stdin");
        auto reply = receive();
        if (!reply) throw std::runtime_error("host closed stdout; stderr: " + stderr_text());
        return *reply;
    }

    void close_stdin() { child_.close_stdin(); }
    void close_stdout() { child_.close_stdout(); }

    // Waits for the exit; the exit status, or 128 + signal when a signal killed it.
    int wait() {
        close_stdin();
        return child_.wait();
    }

    std::string stderr_text() const { return read_file(err_file_); }

  private:
    static int& counter() {
        static int n = 0;
        return n;
    }
    static process::Child start(const TempHome& home, const std::vector<std::string>& args,
                                const fs::path& err_file) {
        process::Options o;
        o.argv = {host_binary().string()};
        o.argv.insert(o.argv.end(), args.begin(), args.end());
        o.working_dir = host_binary().parent_path();
        o.env = home.environment();
        o.in = process::Redirect::pipe();
        o.out = process::Redirect::pipe();
        o.err = process::Redirect::to_file(err_file);
        auto child = process::Child::start(o);
        if (!child) throw std::runtime_error(child.error().message);
        return std::move(*child);
    }
    bool read_exact(char* buffer, std::size_t size) {
        std::size_t got = 0;
        while (got < size) {
            const std::ptrdiff_t n = child_.read_stdout(buffer + got, size - got);
            if (n <= 0) {
                if (got == 0) return false;
                throw std::runtime_error("host stdout ended mid-frame");
            }
            got += static_cast<std::size_t>(n);
        }
        return true;
    }

    fs::path err_file_;
    process::Child child_;
};

struct CliResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs the host as a person would from a terminal (stdin from the null device).
inline CliResult run_cli(const TempHome& home, const std::vector<std::string>& args) {
    process::Options o;
    o.argv = {host_binary().string()};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.env = home.environment();
    o.in = process::Redirect::null();
    auto done = process::run(o);
    if (!done) throw std::runtime_error(done.error().message);
    return {done->status, std::move(done->out), std::move(done->err)};
}

}  // namespace og::test
