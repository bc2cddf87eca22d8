// Benchmark driver: starts a native-messaging host over pipes exactly as a browser does and
// measures cold start, warm round trips and peak memory, each beside the same measurement of
// the minimal C echo host (bench/echo_host.c). Prints a Markdown table.
//   bench_host --host BIN --echo BIN --work DIR [--synthetic DIR --synthetic-url URL
//              --synthetic-procedure ID --synthetic-step ID] [--cold-runs N] [--warm N]
//              [--long N]
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;
namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

const char* kOrigin = "chrome-extension://omnfbkhdehonnbnncjmjhanaifpoafcj/";

struct Options {
    std::string host, echo, work;
    std::string synthetic, synthetic_url, synthetic_procedure, synthetic_step;
    int cold_runs = 101;
    int warm = 5000;
    int long_conversation = 20000;
};

std::string frame(const std::string& payload) {
    const auto n = static_cast<std::uint32_t>(payload.size());
    return std::string(reinterpret_cast<const char*>(&n), 4) + payload;
}

class Child {
  public:
    Child(const std::string& binary, const std::map<std::string, std::string>& env) {
        int in[2], out[2];
        if (::pipe2(in, O_CLOEXEC) || ::pipe2(out, O_CLOEXEC)) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, in[0], 0);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        std::vector<std::string> env_s;
        for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
        std::vector<char*> envp;
        for (auto& e : env_s) envp.push_back(e.data());
        envp.push_back(nullptr);
        std::string b = binary, origin = kOrigin;
        char* argv[] = {b.data(), origin.data(), nullptr};
        if (posix_spawn(&pid_, b.c_str(), &fa, nullptr, argv, envp.data()) != 0)
            throw std::runtime_error("cannot start " + binary);
        posix_spawn_file_actions_destroy(&fa);
        ::close(in[0]);
        ::close(out[1]);
        to_ = in[1];
        from_ = out[0];
    }
    ~Child() {
        if (to_ >= 0) finish();
    }

    std::string round_trip(const std::string& framed) {
        for (std::size_t done = 0; done < framed.size();) {
            const ssize_t n = ::write(to_, framed.data() + done, framed.size() - done);
            if (n <= 0) throw std::runtime_error("host stopped reading");
            done += static_cast<std::size_t>(n);
        }
        std::uint32_t length = 0;
        read_exact(reinterpret_cast<char*>(&length), 4);
        std::string reply(length, '\0');
        read_exact(reply.data(), length);
        return reply;
    }

    // Peak resident set of the running process (KiB). Read from /proc rather than wait4's
    // ru_maxrss: after posix_spawn that also counts the parent's memory from before exec.
    long peak_rss_kib() const {
        FILE* f = std::fopen(("/proc/" + std::to_string(pid_) + "/status").c_str(), "r");
        if (!f) return -1;
        char line[256];
        long kib = -1;
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
        std::fclose(f);
        return kib;
    }

    // Closes stdin and waits for a clean exit.
    void finish() {
        ::close(to_);
        to_ = -1;
        int status = 0;
        ::waitpid(pid_, &status, 0);
        ::close(from_);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw std::runtime_error("host exited abnormally: " + std::to_string(status));
    }

  private:
    void read_exact(char* p, std::size_t n) {
        while (n > 0) {
            const ssize_t r = ::read(from_, p, n);
            if (r <= 0) throw std::runtime_error("host closed stdout");
            p += r;
            n -= static_cast<std::size_t>(r);
        }
    }
    pid_t pid_ = -1;
    int to_ = -1, from_ = -1;
};

std::map<std::string, std::string> home_env(const fs::path& home, const std::string& config = {}) {
    fs::create_directories(home / "data");
    fs::create_directories(home / "state");
    return {{"HOME", home.string()},
            {"XDG_DATA_HOME", (home / "data").string()},
            {"XDG_STATE_HOME", (home / "state").string()},
            {"XDG_CONFIG_HOME", config.empty() ? (home / "config").string() : config},
            {"PATH", "/usr/bin:/bin"}};
}

double micros(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// spawn → first reply, interleaved with the echo host so both see the same machine noise.
std::pair<double, double> cold(const Options& o, const std::map<std::string, std::string>& env,
                               const std::string& request) {
    const std::string framed = frame(request);
    std::vector<double> host_t, echo_t;
    for (int i = 0; i < o.cold_runs + 3; ++i) {
        for (int which = 0; which < 2; ++which) {
            const auto t0 = Clock::now();
            Child c(which == 0 ? o.host : o.echo, env);
            const std::string reply = c.round_trip(framed);
            const auto t1 = Clock::now();
            c.finish();
            if (which == 0 && reply.find("\"ok\":true") == std::string::npos)
                throw std::runtime_error("cold request failed: " + reply.substr(0, 300));
            if (i >= 3) (which == 0 ? host_t : echo_t).push_back(micros(t1 - t0));
        }
    }
    return {percentile(host_t, 0.5), percentile(echo_t, 0.5)};
}

struct Latency {
    double p50, p99;
};

// Round trips over one long-lived port; `make(i)` builds request i.
std::pair<Latency, Latency> warm(const Options& o, const std::map<std::string, std::string>& env,
                                 const std::function<std::string(int)>& make) {
    Child host(o.host, env), echo(o.echo, env);
    std::vector<double> host_t, echo_t;
    for (int i = -200; i < o.warm; ++i) {
        const std::string framed = frame(make(i));
        auto t0 = Clock::now();
        const std::string reply = host.round_trip(framed);
        auto t1 = Clock::now();
        echo.round_trip(framed);
        auto t2 = Clock::now();
        if (reply.find("\"ok\":true") == std::string::npos)
            throw std::runtime_error("warm request failed: " + reply.substr(0, 300));
        if (i >= 0) {
            host_t.push_back(micros(t1 - t0));
            echo_t.push_back(micros(t2 - t1));
        }
    }
    host.finish();
    echo.finish();
    return {{percentile(host_t, 0.5), percentile(host_t, 0.99)},
            {percentile(echo_t, 0.5), percentile(echo_t, 0.99)}};
}

std::string next_step(const std::string& url, int id) {
    return json{{"id", id},
                {"type", "nextStep"},
                {"context", {{"url", url}, {"title", "t"}, {"docLang", "en"}, {"uiLang", "fr"}}}}
        .dump();
}

std::string report(const std::string& tag, int i, const std::string& procedure,
                   const std::string& step) {
    // Ten accounts, so each (account, procedure) journal stays the size a person makes.
    return json{{"id", i},
                {"type", "reportEvent"},
                {"event",
                 {{"eventId", "bench-" + tag + "-" + std::to_string(i + 1000)},
                  {"procedureId", procedure},
                  {"stepId", step},
                  {"type", i % 2 ? "step_completed" : "step_shown"},
                  {"account", "acct" + std::to_string((i + 1000) % 10)},
                  {"url", "https://privacycenter.instagram.com/policy/"}}}}
        .dump();
}

// A long conversation of every kind of request; returns peak RSS (KiB) of host and echo host.
// `distinct_events`: how many different events it reports (the rest are the resends a browser
// makes), i.e. how large the journal grows.
std::pair<long, long> long_conversation(const Options& o,
                                        const std::map<std::string, std::string>& env,
                                        const std::string& tag, int distinct_events) {
    const std::vector<std::string> urls = {"https://privacycenter.instagram.com/policy/",
                                           "https://www.instagram.com/",
                                           "https://help.instagram.com/contact/233964459562201",
                                           "https://www.facebook.com/privacy/center",
                                           "https://www.facebook.com/help/contact/6359191084165019",
                                           "https://accountscenter.facebook.com/"};
    Child host(o.host, env), echo(o.echo, env);
    for (int i = 0; i < o.long_conversation; ++i) {
        std::string request;
        switch (i % 8) {
            case 0:
            case 1:
            case 2:
                request = next_step(urls[static_cast<std::size_t>(i) % urls.size()], i);
                break;
            case 3:
            case 4:
                request = report(tag + "-long", i % (2 * distinct_events), "instagram-ai-objection",
                                 "open-form");
                break;
            case 5:
                request = json{{"id", i}, {"type", "getProgress"}}.dump();
                break;
            case 6:
                request = json{{"id", i}, {"type", "listProcedures"}, {"uiLang", "de"}}.dump();
                break;
            default:
                request = i % 400 == 7
                              ? json{{"id", i}, {"type", "exportRecord"}, {"format", "html"}}.dump()
                              : json{{"id", i}, {"type", "hello"}}.dump();
        }
        const std::string framed = frame(request);
        host.round_trip(framed);
        echo.round_trip(framed);
    }
    const std::pair<long, long> peaks{host.peak_rss_kib(), echo.peak_rss_kib()};
    host.finish();
    echo.finish();
    return peaks;
}

void row(const std::string& what, double value, double base, const std::string& unit,
         const std::string& target) {
    std::printf("| %s | %.1f %s | %.1f %s | %.2f× | %s |\n", what.c_str(), value, unit.c_str(),
                base, unit.c_str(), value / base, target.c_str());
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--host")
            o.host = v;
        else if (k == "--echo")
            o.echo = v;
        else if (k == "--work")
            o.work = v;
        else if (k == "--synthetic")
            o.synthetic = v;
        else if (k == "--synthetic-url")
            o.synthetic_url = v;
        else if (k == "--synthetic-procedure")
            o.synthetic_procedure = v;
        else if (k == "--synthetic-step")
            o.synthetic_step = v;
        else if (k == "--cold-runs")
            o.cold_runs = std::stoi(v);
        else if (k == "--warm")
            o.warm = std::stoi(v);
        else if (k == "--long")
            o.long_conversation = std::stoi(v);
        else {
            std::cerr << "unknown option " << k << "\n";
            return 2;
        }
    }
    if (o.host.empty() || o.echo.empty() || o.work.empty()) {
        std::cerr << "usage: bench_host --host BIN --echo BIN --work DIR [...]\n";
        return 2;
    }
    try {
        const fs::path work = o.work;
        fs::remove_all(work);
        const auto real = home_env(work / "real");
        const std::string policy = "https://privacycenter.instagram.com/policy/";

        std::printf("| measurement | optout-guide-host | C echo host | ratio | target |\n");
        std::printf("|---|---:|---:|---:|---|\n");
        // The store exists from the first run on, as on a user's machine.
        auto [hello_host, hello_echo] = cold(o, real, json{{"id", 1}, {"type", "hello"}}.dump());
        row("cold start: spawn → `hello` reply (median)", hello_host, hello_echo, "µs", "≤ 1.5×");
        auto [ns_host, ns_echo] = cold(o, real, next_step(policy, 1));
        row("cold start: spawn → first `nextStep` reply (median)", ns_host, ns_echo, "µs", "≤ 3×");

        auto [w_ns, w_ns_echo] = warm(o, real, [&](int i) { return next_step(policy, i); });
        row("warm `nextStep` p50, real catalog", w_ns.p50, w_ns_echo.p50, "µs", "");
        row("warm `nextStep` p99, real catalog", w_ns.p99, w_ns_echo.p99, "µs", "");
        auto [w_re, w_re_echo] = warm(o, real, [&](int i) {
            return report("real", i, "instagram-ai-objection", i % 3 ? "open-form" : "submit-form");
        });
        row("warm `reportEvent` p50, real catalog, WAL on disk", w_re.p50, w_re_echo.p50, "µs", "");
        row("warm `reportEvent` p99, real catalog, WAL on disk", w_re.p99, w_re_echo.p99, "µs",
            "≤ 2000 µs");

        if (!o.synthetic.empty()) {
            const fs::path config = work / "synthetic-config";
            fs::create_directories(config / "optout-guide");
            fs::create_symlink(fs::absolute(o.synthetic), config / "optout-guide" / "catalog");
            const auto syn = home_env(work / "synthetic", config.string());
            {
                Child probe(o.host, syn);
                const json h =
                    json::parse(probe.round_trip(frame(json{{"id", 1}, {"type", "hello"}}.dump())));
                probe.finish();
                if (h["catalog"]["source"] == "builtin")
                    throw std::runtime_error("the synthetic catalog was not used: " +
                                             h["catalog"].dump());
                std::fprintf(stderr, "synthetic catalog: %s procedures\n",
                             h["catalog"]["procedures"].dump().c_str());
            }
            auto [s_ns, s_ns_echo] =
                warm(o, syn, [&](int i) { return next_step(o.synthetic_url, i); });
            row("warm `nextStep` p50, 1,000 procedures", s_ns.p50, s_ns_echo.p50, "µs", "");
            row("warm `nextStep` p99, 1,000 procedures", s_ns.p99, s_ns_echo.p99, "µs", "≤ 100 µs");
            auto [s_re, s_re_echo] = warm(o, syn, [&](int i) {
                return report("syn", i, o.synthetic_procedure, o.synthetic_step);
            });
            row("warm `reportEvent` p50, 1,000 procedures, WAL on disk", s_re.p50, s_re_echo.p50,
                "µs", "");
            row("warm `reportEvent` p99, 1,000 procedures, WAL on disk", s_re.p99, s_re_echo.p99,
                "µs", "≤ 2000 µs");
            Options few = o;
            few.cold_runs = std::max(5, o.cold_runs / 10);
            auto [sc_host, sc_echo] = cold(few, syn, next_step(o.synthetic_url, 1));
            row("cold start: spawn → first `nextStep`, 1,000 procedures (median)", sc_host, sc_echo,
                "µs", "");
        }

        for (const int distinct : {200, o.long_conversation / 4}) {
            auto [rss_host, rss_echo] = long_conversation(
                o, home_env(work / ("rss-" + std::to_string(distinct))), "rss", distinct);
            row("peak RSS, " + std::to_string(o.long_conversation) +
                    "-request conversation, journal of " + std::to_string(distinct) + " events",
                static_cast<double>(rss_host) / 1024.0, static_cast<double>(rss_echo) / 1024.0,
                "MiB", "≤ 8 MiB");
        }
    } catch (const std::exception& e) {
        std::cerr << "bench_host: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
