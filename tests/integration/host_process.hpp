#pragma once
// Test helper: start the BUILT optout-guide-host exactly as a browser does (arguments, working
// directory = the binary's folder, stdin/stdout pipes) inside a throw-away HOME, and talk to it
// in native-messaging frames. Reusable by any integration test (protocol, CLI, installer).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
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

#include <boost/process.hpp>
#include <nlohmann/json.hpp>

#include "og/identity.hpp"

namespace og::test {

namespace bp = boost::process;
namespace fs = std::filesystem;
using nlohmann::json;

inline fs::path host_binary() {
    return fs::path(OG_HOST_BINARY);
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
    TempHome() {
        std::random_device rd;
        root_ = fs::temp_directory_path() /
                ("og-home-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
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
    fs::path store_path() const { return data_home() / "optout-guide/progress.db"; }
    fs::path log_path() const { return state_home() / "optout-guide/host.log"; }
    fs::path catalog_override() const { return config_home() / "optout-guide/catalog"; }
    fs::path cache_home() const { return root_ / "cache"; }
    fs::path catalog_cache() const { return cache_home() / "optout-guide/catalog"; }

    // Copies a catalog folder to where the host looks for a user's newer catalog.
    void install_catalog(const fs::path& from = test_catalog_dir()) const {
        fs::create_directories(catalog_override());
        fs::copy(from, catalog_override(),
                 fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }

    bp::environment environment() const {
        bp::environment env = boost::this_process::environment();
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
        : err_file_(home.root() / ("stderr-" + std::to_string(++counter()) + ".txt")) {
        // A host that exits while we write must give us EPIPE, not kill the test.
        std::signal(SIGPIPE, SIG_IGN);
        // Our ends must not leak into other children (a second host would keep this one's
        // stdin open); the child gets its ends through dup2, which clears close-on-exec.
        for (int fd :
             {in_.native_sink(), in_.native_source(), out_.native_sink(), out_.native_source()})
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        child_ = bp::child(bp::exe = host_binary().string(), bp::args = args,
                           bp::start_dir = host_binary().parent_path().string(),
                           bp::std_in<in_, bp::std_out> out_, bp::std_err > err_file_.string(),
                           home.environment());
    }
    ~HostProcess() {
        close_stdin();
        if (child_.running()) {
            std::error_code ec;
            child_.wait(ec);
        }
    }
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    // False when the host no longer reads (EPIPE).
    bool send_raw(std::string_view bytes) {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(in_.native_sink(), bytes.data() + done, bytes.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                return false;
            }
            done += static_cast<std::size_t>(n);
        }
        return true;
    }
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

    void close_stdin() { in_.close(); }
    void close_stdout() { out_.close(); }

    // Waits for the exit; the exit status, or 128 + signal when a signal killed it.
    int wait() {
        close_stdin();
        child_.wait();
        const int status = child_.native_exit_code();
        if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
        return WEXITSTATUS(status);
    }

    std::string stderr_text() const { return read_file(err_file_); }

  private:
    static int& counter() {
        static int n = 0;
        return n;
    }
    bool read_exact(char* buffer, std::size_t size) {
        std::size_t got = 0;
        while (got < size) {
            const ssize_t n = ::read(out_.native_source(), buffer + got, size - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                if (got == 0) return false;
                throw std::runtime_error("host stdout ended mid-frame");
            }
            got += static_cast<std::size_t>(n);
        }
        return true;
    }

    bp::pipe in_, out_;
    fs::path err_file_;
    bp::child child_;
};

struct CliResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs the host as a person would from a terminal (stdin from /dev/null).
inline CliResult run_cli(const TempHome& home, const std::vector<std::string>& args) {
    static int n = 0;
    const fs::path out = home.root() / ("cli-out-" + std::to_string(++n) + ".txt");
    const fs::path err = home.root() / ("cli-err-" + std::to_string(n) + ".txt");
    bp::child c(bp::exe = host_binary().string(), bp::args = args,
                bp::std_in<bp::null, bp::std_out> out.string(), bp::std_err > err.string(),
                home.environment());
    c.wait();
    const int status = c.native_exit_code();
    CliResult r;
    r.exit_code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

}  // namespace og::test
