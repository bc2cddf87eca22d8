#pragma once
// Runs the built host's install / uninstall / doctor commands in a throw-away HOME and system
// root, the way a person would run them, and reads what they left on disk.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "util/child_process.hpp"

namespace og_test {

namespace fs = std::filesystem;

struct Run {
    int status = -1;
    std::string out;
    std::string err;
};

// `env` is the whole environment; stdin is the null device (not a terminal: nothing may prompt).
inline Run run_program(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& env) {
    og::process::Options o;
    o.argv = argv;
    o.inherit_env = false;
    o.env = env;
    o.in = og::process::Redirect::null();
    auto done = og::process::run(o);
    INFO("starting " << argv.front());
    REQUIRE(done.ok());
    return {done->status, std::move(done->out), std::move(done->err)};
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
        std::random_device rd;
        root_ = fs::temp_directory_path() /
                ("og-install-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        REQUIRE(fs::create_directory(root_));
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
