#pragma once
// Runs the built host's install / uninstall / doctor commands in a throw-away HOME and system
// root, the way a person would run them, and reads what they left on disk.
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace og_test {

namespace fs = std::filesystem;

struct Run {
    int status = -1;
    std::string out;
    std::string err;
};

inline Run run_program(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& env) {
    int out_pipe[2], err_pipe[2];
    REQUIRE(::pipe(out_pipe) == 0);
    REQUIRE(::pipe(err_pipe) == 0);
    std::vector<std::string> env_strings;
    for (auto& [k, v] : env) env_strings.push_back(k + "=" + v);
    std::vector<char*> cenv, cargv;
    for (auto& s : env_strings) cenv.push_back(s.data());
    cenv.push_back(nullptr);
    std::vector<std::string> args = argv;
    for (auto& a : args) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int devnull = ::open("/dev/null", O_RDONLY);  // not a terminal: nothing may prompt
        ::dup2(devnull, 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        ::execve(cargv[0], cargv.data(), cenv.data());
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    Run r;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_count = 2;
    while (open_count > 0) {
        if (::poll(fds, 2, -1) < 0) continue;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[8192];
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
            } else {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

inline std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_text(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

// Every file and folder below `root`, relative, folders with a trailing '/'. The host's own log
// ($XDG_STATE_HOME, written by every run of the program, whatever the command) is left out:
// it belongs to the host, not to what install writes for the browsers; so does ".local".
inline std::set<std::string> tree(const fs::path& root) {
    std::set<std::string> out;
    if (!fs::exists(root)) return out;
    for (auto& e : fs::recursive_directory_iterator(root)) {
        auto rel = fs::relative(e.path(), root).string();
        if (rel == ".local" || rel == ".local/state" || rel.rfind(".local/state/", 0) == 0)
            continue;
        out.insert(e.is_directory() ? rel + "/" : rel);
    }
    return out;
}

class Sandbox {
  public:
    // `browsers_present`: folders (relative to HOME) that a browser's first run would create.
    explicit Sandbox(const std::vector<std::string>& browsers_present) {
        std::string tmpl = (fs::temp_directory_path() / "og-install-test-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        root_ = tmpl;
        fs::create_directories(home());
        fs::create_directories(system_root());
        for (const auto& b : browsers_present) fs::create_directories(home() / b);
    }
    ~Sandbox() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    fs::path home() const { return root_ / "home"; }
    fs::path system_root() const { return root_ / "sysroot"; }
    fs::path data_dir() const { return home() / ".local/share/optout-guide"; }
    fs::path root() const { return root_; }

    std::map<std::string, std::string> env() const {
        std::map<std::string, std::string> e{
            {"HOME", home().string()},
            {"XDG_CONFIG_HOME", (home() / ".config").string()},
            {"XDG_DATA_HOME", (home() / ".local/share").string()},
            {"XDG_STATE_HOME", (home() / ".local/state").string()},
            {"OPTOUT_GUIDE_SYSTEM_ROOT", system_root().string()},
            {"PATH", "/usr/bin:/bin"},
            {"OPTOUT_GUIDE_LOG", "error"},
        };
        return e;
    }

    Run host(std::vector<std::string> args) const {
        args.insert(args.begin(), OG_HOST_BINARY);
        return run_program(args, env());
    }
    Run shell(const std::string& command) const {
        return run_program({"/bin/sh", "-c", command}, env());
    }

    nlohmann::json doctor_json(int expected_status) const {
        auto r = host({"doctor", "--json"});
        INFO("doctor stdout:\n" << r.out << "\nstderr:\n" << r.err);
        REQUIRE(r.status == expected_status);
        return nlohmann::json::parse(r.out);
    }

  private:
    fs::path root_;
};

inline const nlohmann::json* browser_entry(const nlohmann::json& report, const std::string& id,
                                           const std::string& variant = "") {
    for (const auto& b : report["browsers"])
        if (b["browser"] == id &&
            (variant.empty() ? b["variant"].is_null() : b["variant"] == variant))
            return &b;
    return nullptr;
}

inline const nlohmann::json* problem(const nlohmann::json& entry, const std::string& code) {
    for (const auto& p : entry["problems"])
        if (p["code"] == code) return &p;
    return nullptr;
}

}  // namespace og_test
