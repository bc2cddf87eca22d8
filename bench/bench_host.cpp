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
#include <cstdlib>
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
    std::string synthetic_count = "1000";
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
    // `wrapper`: a command the host is started under (strace and its options), or none.
    Child(const std::string& binary, const std::map<std::string, std::string>& env,
          const std::vector<std::string>& wrapper = {}) {
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
        std::vector<std::string> args = wrapper;
        args.push_back(binary);
        args.push_back(kOrigin);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawnp(&pid_, args[0].c_str(), &fa, nullptr, argv.data(), envp.data()) != 0)
            throw std::runtime_error("cannot start " + args[0]);
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
        send(framed);
        return receive();
    }
    void send(const std::string& framed) {
        for (std::size_t done = 0; done < framed.size();) {
            const ssize_t n = ::write(to_, framed.data() + done, framed.size() - done);
            if (n <= 0) throw std::runtime_error("host stopped reading");
            done += static_cast<std::size_t>(n);
        }
    }
    std::string receive() {
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

    // CPU time the process has run so far (ns; the scheduler's own account, exact to the
    // nanosecond whatever the load, unlike wall time).
    double cpu_ns() const {
        FILE* f = std::fopen(("/proc/" + std::to_string(pid_) + "/schedstat").c_str(), "r");
        if (!f) return -1;
        double ns = -1;
        if (std::fscanf(f, "%lf", &ns) != 1) ns = -1;
        std::fclose(f);
        return ns;
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

// A sample summed up: the median and the spread (10th to 90th percentile), plus p99.
struct Stats {
    double p50 = 0, p10 = 0, p90 = 0, p99 = 0;
};
Stats stats_of(const std::vector<double>& v) {
    return {percentile(v, 0.5), percentile(v, 0.1), percentile(v, 0.9), percentile(v, 0.99)};
}

// The least a durable write can cost on this disk: append 200 bytes to a file beside the store
// and fdatasync it. Measured interleaved with the host's writes, so both see the same disk.
class BareSync {
  public:
    explicit BareSync(const fs::path& dir) {
        fs::create_directories(dir);
        fd_ = ::open((dir / "bare-fdatasync").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                     0600);
        if (fd_ < 0) throw std::runtime_error("cannot create the fdatasync baseline file");
    }
    ~BareSync() { ::close(fd_); }
    double once() {
        static const std::string line(199, 'x');
        const auto t0 = Clock::now();
        if (::write(fd_, (line + "\n").data(), 200) != 200 || ::fdatasync(fd_) != 0)
            throw std::runtime_error("fdatasync baseline failed");
        return micros(Clock::now() - t0);
    }

  private:
    int fd_ = -1;
};

// spawn → first reply, interleaved with the echo host so both see the same machine noise.
std::pair<Stats, Stats> cold(const Options& o, const std::map<std::string, std::string>& env,
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
    return {stats_of(host_t), stats_of(echo_t)};
}

using Latency = Stats;

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
    return {stats_of(host_t), stats_of(echo_t)};
}

// reportEvent round trips interleaved with the bare fdatasync baseline (one each per turn).
std::pair<Latency, Latency> warm_writes(const Options& o,
                                        const std::map<std::string, std::string>& env,
                                        const fs::path& disk_dir,
                                        const std::function<std::string(int)>& make) {
    Child host(o.host, env);
    BareSync bare(disk_dir);
    std::vector<double> host_t, bare_t;
    const int n = std::max(200, o.warm / 5);  // each costs a sync: fewer samples, same spread
    for (int i = -20; i < n; ++i) {
        const std::string framed = frame(make(i));
        const auto t0 = Clock::now();
        const std::string reply = host.round_trip(framed);
        const auto t1 = Clock::now();
        const double b = bare.once();
        if (reply.find("\"ok\":true") == std::string::npos)
            throw std::runtime_error("write failed: " + reply.substr(0, 300));
        if (i >= 0) {
            host_t.push_back(micros(t1 - t0));
            bare_t.push_back(b);
        }
    }
    host.finish();
    return {stats_of(host_t), stats_of(bare_t)};
}

// Bursts of `size` reportEvents written at once (as the extension reports a page's events),
// timed until the last reply; beside one bare fdatasync. Group commit makes a burst cost
// about one sync. What the wall time is made of is measured too: the host's CPU per event
// (its scheduler account over the timed bursts) and, in a separate untimed run under strace,
// the syncs each burst costs.
struct BurstCost {
    Latency host, bare;
    Stats cpu_per_event;          // µs
    double syncs_per_burst = -1;  // -1: strace not available
};

// Sends `rounds` bursts to `host`; returns the wall time of each and the host's CPU per event.
void send_bursts(Child& host, int rounds, int size, int& next,
                 const std::function<std::string(int)>& make, BareSync* bare,
                 std::vector<double>* host_t, std::vector<double>* bare_t,
                 std::vector<double>* cpu_t) {
    for (int round = bare ? -3 : 0; round < rounds; ++round) {
        std::string batch;
        for (int i = 0; i < size; ++i) batch += frame(make(next++));
        const double cpu0 = host.cpu_ns();
        const auto t0 = Clock::now();
        host.send(batch);
        for (int i = 0; i < size; ++i)
            if (host.receive().find("\"ok\":true") == std::string::npos)
                throw std::runtime_error("burst write failed");
        const auto t1 = Clock::now();
        const double cpu1 = host.cpu_ns();
        if (bare == nullptr) continue;
        const double b = bare->once();
        if (round >= 0) {
            host_t->push_back(micros(t1 - t0));
            bare_t->push_back(b);
            cpu_t->push_back((cpu1 - cpu0) / 1e3 / size);
        }
    }
}

// fdatasync/fsync calls of a host answering `rounds` bursts, start and exit included.
long syncs_of(const Options& o, const std::map<std::string, std::string>& env,
              const fs::path& trace, int rounds, int size, int& next,
              const std::function<std::string(int)>& make) {
    {
        Child host(o.host, env,
                   {"strace", "-f", "-qq", "-e", "trace=fsync,fdatasync", "-o", trace.string()});
        send_bursts(host, rounds, size, next, make, nullptr, nullptr, nullptr, nullptr);
        host.finish();
    }
    FILE* f = std::fopen(trace.c_str(), "r");
    if (!f) return -1;
    long n = 0;
    char line[512];
    while (std::fgets(line, sizeof line, f))
        if (std::strstr(line, "sync(")) ++n;
    std::fclose(f);
    return n;
}

BurstCost bursts(const Options& o, const std::map<std::string, std::string>& env,
                 const fs::path& disk_dir, int size, const std::function<std::string(int)>& make) {
    BurstCost cost;
    int next = 0;
    {
        Child host(o.host, env);
        BareSync bare(disk_dir);
        std::vector<double> host_t, bare_t, cpu_t;
        send_bursts(host, std::max(30, o.warm / 50), size, next, make, &bare, &host_t, &bare_t,
                    &cpu_t);
        host.finish();
        cost.host = stats_of(host_t);
        cost.bare = stats_of(bare_t);
        cost.cpu_per_event = stats_of(cpu_t);
    }
    if (std::system("strace -V >/dev/null 2>&1") == 0) {
        constexpr int kTraced = 10;
        const fs::path trace = disk_dir / "bench-strace.txt";
        const long without = syncs_of(o, env, trace, 0, size, next, make);
        const long with = syncs_of(o, env, trace, kTraced, size, next, make);
        if (without >= 0 && with >= 0)
            cost.syncs_per_burst = static_cast<double>(with - without) / kTraced;
    }
    return cost;
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

// "met", or by how much a target ("≤ 1.5×" on the ratio, "≤ 8 MiB" on the figure) is missed.
std::string verdict(double value, double ratio, const std::string& target) {
    const std::string le = "\u2264 ";
    if (target.rfind(le, 0) != 0) return "";
    const double limit = std::strtod(target.c_str() + le.size(), nullptr);
    const bool on_ratio = target.find("\u00d7") != std::string::npos;
    const double measured = on_ratio ? ratio : value;
    if (limit <= 0) return "";
    if (measured <= limit) return "met";
    char buf[64];
    std::snprintf(buf, sizeof buf, "missed by %.0f %%", (measured / limit - 1) * 100);
    return buf;
}

void row(const std::string& what, double value, double base, const std::string& unit,
         const std::string& target) {
    std::printf("| %s | %.1f %s | %.1f %s | %.2f× | %s | %s |\n", what.c_str(), value, unit.c_str(),
                base, unit.c_str(), value / base, target.c_str(),
                verdict(value, value / base, target).c_str());
    std::fflush(stdout);
}

// The median with its spread (p10–p90) on both sides.
void row_spread(const std::string& what, const Stats& value, const Stats& base,
                const std::string& target) {
    std::printf("| %s | %.1f µs (%.1f–%.1f) | %.1f µs (%.1f–%.1f) | %.2f× | %s | %s |\n",
                what.c_str(), value.p50, value.p10, value.p90, base.p50, base.p10, base.p90,
                value.p50 / base.p50, target.c_str(),
                verdict(value.p50, value.p50 / base.p50, target).c_str());
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
        else if (k == "--synthetic-count")
            o.synthetic_count = v;
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

        std::printf(
            "Each figure beside its baseline, measured in the same run and interleaved "
            "with it; medians with the spread (10th–90th percentile) in brackets.\n\n");
        std::printf("| measurement | optout-guide-host | baseline | ratio | target | |\n");
        std::printf("|---|---:|---:|---:|---|---|\n");
        // The store exists from the first run on, as on a user's machine.
        auto [hello_host, hello_echo] = cold(o, real, json{{"id", 1}, {"type", "hello"}}.dump());
        row_spread("cold start: spawn → `hello` reply; baseline: C echo host", hello_host,
                   hello_echo, "≤ 1.5×");
        auto [ns_host, ns_echo] = cold(o, real, next_step(policy, 1));
        row_spread("cold start: spawn → first `nextStep` reply; baseline: C echo host", ns_host,
                   ns_echo, "≤ 3×");

        auto [w_ns, w_ns_echo] = warm(o, real, [&](int i) { return next_step(policy, i); });
        row_spread("warm `nextStep`, real catalog; baseline: echo round trip", w_ns, w_ns_echo, "");
        row("warm `nextStep` p99, real catalog; baseline: echo round trip p99", w_ns.p99,
            w_ns_echo.p99, "µs", "≤ 3×");
        const fs::path disk = work / "real" / "data";
        auto [w_re, w_re_bare] = warm_writes(o, real, disk, [&](int i) {
            return report("real", i, "instagram-ai-objection", i % 3 ? "open-form" : "submit-form");
        });
        row_spread("warm `reportEvent`, WAL on disk; baseline: bare 200-byte append + fdatasync",
                   w_re, w_re_bare, "≤ 1.5×");
        row("warm `reportEvent` p99; baseline: bare append + fdatasync p99", w_re.p99,
            w_re_bare.p99, "µs", "");
        const BurstCost burst = bursts(o, real, disk, 20, [&](int i) {
            return report("burst", i, "instagram-ai-objection",
                          i % 3 ? "open-form" : "submit-form");
        });
        row_spread(
            "burst of 20 `reportEvent`s sent at once, to the last reply; baseline: one bare "
            "append + fdatasync",
            burst.host, burst.bare, "≈ 1 sync");
        // What the burst's wall time is made of: syncs (disk) and the host's CPU.
        std::printf(
            "| … of which: syncs per burst (strace, separate untimed run) | %s | 1 | | "
            "1 | |\n",
            burst.syncs_per_burst < 0
                ? "strace not available"
                : (std::to_string(burst.syncs_per_burst).substr(0, 4)).c_str());
        std::printf(
            "| … of which: host CPU per event (scheduler's account), and per burst | %.1f µs "
            "(%.1f–%.1f); %.0f µs per burst | one bare sync %.1f µs | %.2f× per burst | | |\n",
            burst.cpu_per_event.p50, burst.cpu_per_event.p10, burst.cpu_per_event.p90,
            burst.cpu_per_event.p50 * 20, burst.bare.p50,
            burst.cpu_per_event.p50 * 20 / burst.bare.p50);
        std::fflush(stdout);

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
            Options few = o;
            few.cold_runs = std::max(11, o.cold_runs / 5);
            auto [sh_host, sh_echo] = cold(few, syn, json{{"id", 1}, {"type", "hello"}}.dump());
            row_spread("cold start: spawn → `hello`, " + o.synthetic_count +
                           " procedures; baseline: C echo host",
                       sh_host, sh_echo, "≤ 1.5×");
            auto [sc_host, sc_echo] = cold(few, syn, next_step(o.synthetic_url, 1));
            row_spread("cold start: spawn → first `nextStep`, " + o.synthetic_count +
                           " procedures; baseline: C echo host",
                       sc_host, sc_echo, "≤ 5×");
            auto [s_ns, s_ns_echo] =
                warm(o, syn, [&](int i) { return next_step(o.synthetic_url, i); });
            row_spread(
                "warm `nextStep`, " + o.synthetic_count + " procedures; baseline: echo round trip",
                s_ns, s_ns_echo, "");
            row("warm `nextStep` p99, " + o.synthetic_count +
                    " procedures; baseline: echo round trip p99",
                s_ns.p99, s_ns_echo.p99, "µs", "≤ 3×");
            auto [s_re, s_re_bare] = warm_writes(o, syn, work / "synthetic" / "data", [&](int i) {
                return report("syn", i, o.synthetic_procedure, o.synthetic_step);
            });
            row_spread("warm `reportEvent`, " + o.synthetic_count +
                           " procedures; baseline: bare append + fdatasync",
                       s_re, s_re_bare, "≤ 1.5×");
        }

        for (const int distinct : {200, o.long_conversation / 4}) {
            auto [rss_host, rss_echo] = long_conversation(
                o, home_env(work / ("rss-" + std::to_string(distinct))), "rss", distinct);
            row("peak RSS, " + std::to_string(o.long_conversation) +
                    "-request conversation, journal of " + std::to_string(distinct) +
                    " events; baseline: C echo host",
                static_cast<double>(rss_host) / 1024.0, static_cast<double>(rss_echo) / 1024.0,
                "MiB", "≤ 8 MiB");
        }
    } catch (const std::exception& e) {
        std::cerr << "bench_host: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
