#pragma once
// The real host binary in a child process, started as Chromium starts it (origin argument,
// stdin/stdout pipes), with its own HOME and XDG folders so every test has a private store.
// Plain fork/exec rather than a process library: the tests need SIGKILL at arbitrary moments,
// closing one pipe end alone, and a hook run in the child before exec (rlimits, signals).
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace og::robust {

std::string host_binary();  // $OG_HOST_BINARY, else the one this build made
inline constexpr const char* kChromiumOrigin =
    "chrome-extension://omnfbkhdehonnbnncjmjhanaifpoafcj/";

// A private home: HOME and the three XDG folders under one temporary directory, removed when
// the object goes (unless OG_KEEP_TEST_DIRS is set, for looking at a failure).
class HostHome {
  public:
    HostHome();
    ~HostHome();
    HostHome(const HostHome&) = delete;
    HostHome& operator=(const HostHome&) = delete;

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path data_dir() const { return root_ / "data" / "optout-guide"; }
    std::filesystem::path store_file() const { return data_dir() / "progress.db"; }
    std::filesystem::path override_dir() const {
        return root_ / "config" / "optout-guide" / "catalog";
    }
    std::map<std::string, std::string> environment() const;

  private:
    std::filesystem::path root_;
};

struct SpawnOptions {
    std::vector<std::string> prefix;  // e.g. {"strace", "-f", ...}: run the host under it
    std::vector<std::string> args = {kChromiumOrigin};
    std::function<void()> in_child;  // runs after fork, before exec (async-signal-safe calls)
};

class ChildHost {
  public:
    ChildHost(const HostHome& home, SpawnOptions options = {});
    ~ChildHost();  // kills a host still running
    ChildHost(const ChildHost&) = delete;
    ChildHost& operator=(const ChildHost&) = delete;

    pid_t pid() const { return pid_; }

    // False when the host no longer reads (EPIPE).
    bool send(const nlohmann::json& message);
    bool send_raw(const std::string& bytes);
    // The next reply; nullopt at EOF. A host silent for `patience` is a failed test, not a hang.
    std::optional<nlohmann::json> receive(
        std::chrono::seconds patience = std::chrono::seconds(120));
    // Reads up to `size` bytes of the reply stream (for leaving a reply half-read).
    std::string receive_bytes(std::size_t size);
    // send + receive; throws std::runtime_error when the host went away.
    nlohmann::json call(const nlohmann::json& message);

    void close_stdin();
    void close_stdout();  // our read end: the host's next write fails
    void kill(int signal);
    // Exit status, or 128 + signal number when a signal ended it.
    int wait();

  private:
    pid_t pid_ = -1;
    int to_host_ = -1;
    int from_host_ = -1;
    std::optional<int> status_;
};

// Frames as docs/protocol.md says: native-endian 32-bit length + JSON.
std::string frame(const std::string& payload);

}  // namespace og::robust
