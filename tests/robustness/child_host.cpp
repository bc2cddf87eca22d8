#include "child_host.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace og::robust {

namespace fs = std::filesystem;

std::string host_binary() {
    if (const char* env = std::getenv("OG_HOST_BINARY"); env && *env) return env;
    return OG_HOST_BINARY;
}

HostHome::HostHome() {
    std::string templ = (fs::temp_directory_path() / "og-robust-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = templ;
    for (const char* sub : {"home", "data", "config", "state"}) fs::create_directories(root_ / sub);
}

HostHome::~HostHome() {
    if (std::getenv("OG_KEEP_TEST_DIRS")) return;
    std::error_code ec;
    fs::remove_all(root_, ec);
}

std::map<std::string, std::string> HostHome::environment() const {
    std::map<std::string, std::string> env;
    env["HOME"] = (root_ / "home").string();
    env["XDG_DATA_HOME"] = (root_ / "data").string();
    env["XDG_CONFIG_HOME"] = (root_ / "config").string();
    env["XDG_STATE_HOME"] = (root_ / "state").string();
    env["PATH"] = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
    env["OPTOUT_GUIDE_LOG"] = "info";
    return env;
}

std::string frame(const std::string& payload) {
    const auto length = static_cast<std::uint32_t>(payload.size());
    std::string out(reinterpret_cast<const char*>(&length), sizeof length);
    return out + payload;
}

ChildHost::ChildHost(const HostHome& home, SpawnOptions options) {
    // Everything the child needs is built before fork: after it, only async-signal-safe calls.
    std::vector<std::string> argv_s = options.prefix;
    argv_s.push_back(host_binary());
    argv_s.insert(argv_s.end(), options.args.begin(), options.args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_s;
    for (const auto& [k, v] : home.environment()) env_s.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string program = argv_s[0];
    if (program.find('/') == std::string::npos) program = "/usr/bin/" + program;

    int in_pipe[2], out_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::dup2(in_pipe[0], STDIN_FILENO);
        ::dup2(out_pipe[1], STDOUT_FILENO);
        ::signal(SIGPIPE, SIG_DFL);
        if (options.in_child) options.in_child();
        ::execve(program.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    to_host_ = in_pipe[1];
    from_host_ = out_pipe[0];
}

ChildHost::~ChildHost() {
    if (!status_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        wait();
    }
    if (to_host_ >= 0) ::close(to_host_);
    if (from_host_ >= 0) ::close(from_host_);
}

bool ChildHost::send_raw(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(to_host_, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool ChildHost::send(const nlohmann::json& message) {
    return send_raw(frame(message.dump()));
}

namespace {
// Reads exactly `size` bytes; false at EOF. Throws when nothing comes for `patience`.
bool read_exact(int fd, char* out, std::size_t size, std::chrono::seconds patience) {
    std::size_t done = 0;
    while (done < size) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(patience.count() * 1000));
        if (ready == 0)
            throw std::runtime_error("the host sent nothing for " +
                                     std::to_string(patience.count()) + " s");
        if (ready < 0 && errno == EINTR) continue;
        const ssize_t n = ::read(fd, out + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}
}  // namespace

std::optional<nlohmann::json> ChildHost::receive(std::chrono::seconds patience) {
    std::uint32_t length = 0;
    if (!read_exact(from_host_, reinterpret_cast<char*>(&length), sizeof length, patience))
        return std::nullopt;
    std::string payload(length, '\0');
    if (!read_exact(from_host_, payload.data(), length, patience)) return std::nullopt;
    return nlohmann::json::parse(payload);
}

std::string ChildHost::receive_bytes(std::size_t size) {
    std::string out(size, '\0');
    if (!read_exact(from_host_, out.data(), size, std::chrono::seconds(120))) return {};
    return out;
}

nlohmann::json ChildHost::call(const nlohmann::json& message) {
    if (!send(message)) throw std::runtime_error("the host stopped reading");
    auto reply = receive();
    if (!reply)
        throw std::runtime_error("the host closed stdout without replying to " + message.dump());
    return *reply;
}

void ChildHost::close_stdin() {
    if (to_host_ >= 0) ::close(to_host_);
    to_host_ = -1;
}

void ChildHost::close_stdout() {
    if (from_host_ >= 0) ::close(from_host_);
    from_host_ = -1;
}

void ChildHost::kill(int signal) {
    if (!status_) ::kill(pid_, signal);
}

int ChildHost::wait() {
    if (status_) return *status_;
    int raw = 0;
    while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
    }
    status_ = WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : WEXITSTATUS(raw);
    return *status_;
}

}  // namespace og::robust
