// Faults a user's machine produces: a read-only or full disk, a store file replaced by
// garbage, a broken catalog override, a browser that closes the port mid-reply. Each gives the
// documented error (docs/protocol.md), the host keeps serving, and nothing committed is lost.
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "catalog_facts.hpp"
#include "child_host.hpp"
#include "conversation.hpp"
#include "scratch_mount.hpp"
#include "store_probe.hpp"

using namespace og::robust;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    return s;
}

const ProcedureFacts& some_procedure() {
    static const auto procedures = objection_procedures();
    return procedures.at(0);
}

json report_plain(int id, const std::string& event_id, const std::string& url = kPolicyUrl) {
    const auto& p = some_procedure();
    json r = report(id, event_id, p.id, p.plain_steps.at(0), "step_completed");
    r["event"]["url"] = url;
    return r;
}

// Ends the conversation the way a browser does and expects a clean exit.
void finish(ChildHost& host) {
    host.close_stdin();
    CHECK(host.wait() == 0);
}

}  // namespace

TEST_CASE("a read-only data folder gives store_unavailable and loses nothing", "[faults]") {
    HostHome home;
    ScratchMount mount(home.root() / "data", 4 << 20);
    if (!mount.mounted()) {
        WARN("skipped: " << mount.why_not());
        return;
    }
    {
        ChildHost host(home);
        for (int i = 0; i < 5; ++i)
            REQUIRE(host.call(report_plain(i, "before-ro-" + std::to_string(i)))["ok"] == true);
        finish(host);
    }
    REQUIRE(mount.set_read_only(true));
    {
        ChildHost host(home);
        const json h = host.call(hello(1));
        REQUIRE(h["ok"] == true);
        const json r = host.call(report_plain(2, "during-ro-0"));
        INFO(r.dump());
        CHECK(r["ok"] == false);
        CHECK(r["error"]["code"] == "store_unavailable");
        CHECK(!r["error"]["message"].get<std::string>().empty());
        // Still serving, and still answering from the catalog.
        CHECK(host.call(next_step(3, kPolicyUrl))["match"].is_object());
        CHECK(host.call(hello(4))["ok"] == true);
        finish(host);
    }
    REQUIRE(mount.set_read_only(false));
    ChildHost host(home);
    CHECK(host.call(report_plain(1, "after-ro-0"))["ok"] == true);
    finish(host);
    const JournalView j = read_journal(home.store_file());
    CHECK(j.integrity == "ok");
    for (int i = 0; i < 5; ++i)
        CHECK(j.count_by_event.count("before-ro-" + std::to_string(i)) == 1);
    CHECK(j.count_by_event.count("after-ro-0") == 1);
}

TEST_CASE("a full disk gives store_unavailable, then the retry succeeds", "[faults]") {
    HostHome home;
    ScratchMount mount(home.root() / "data", 1 << 20);
    if (!mount.mounted()) {
        WARN("skipped: " << mount.why_not());
        return;
    }
    ChildHost host(home);
    REQUIRE(host.call(store_health(0))["store"]["ok"] == true);
    REQUIRE(host.call(report_plain(1, "before-full-0"))["ok"] == true);

    // Fill what is left of the small disk.
    const fs::path filler = home.root() / "data" / "filler";
    {
        std::ofstream out(filler, std::ios::binary);
        const std::string block(4096, 'x');
        while (out.write(block.data(), block.size())) {
        }
    }
    // Long evidence URLs make each event big enough that the journal must grow.
    const std::string long_url = std::string(kPolicyUrl) + "?q=" + std::string(8000, 'a');
    std::vector<std::string> acknowledged = {"before-full-0"};
    std::string refused;
    for (int i = 0; i < 400 && refused.empty(); ++i) {
        const std::string id = "while-full-" + std::to_string(i);
        const json r = host.call(report_plain(10 + i, id, long_url));
        if (r["ok"] == true) {
            acknowledged.push_back(id);
        } else {
            INFO(r.dump());
            CHECK(r["error"]["code"] == "store_unavailable");
            refused = id;
        }
    }
    REQUIRE(!refused.empty());
    CHECK(host.call(hello(500))["ok"] == true);
    CHECK(host.call({{"id", 501}, {"type", "getProgress"}})["ok"] == true);

    // Space comes back: the same event, sent again, is stored once.
    fs::remove(filler);
    const json retry = host.call(report_plain(502, refused, long_url));
    INFO(retry.dump());
    CHECK(retry["ok"] == true);
    CHECK(retry["duplicate"] == false);
    acknowledged.push_back(refused);
    finish(host);

    const JournalView j = read_journal(home.store_file());
    CHECK(j.integrity == "ok");
    for (const auto& id : acknowledged) CHECK(j.count_by_event.count(id) == 1);
}

TEST_CASE("a store file replaced by garbage is kept aside and a fresh store starts", "[faults]") {
    const bool looks_like_sqlite = GENERATE(false, true);
    HostHome home;
    {
        ChildHost host(home);
        REQUIRE(host.call(report_plain(1, "before-garbage-0"))["ok"] == true);
        finish(host);
    }
    std::string garbage = random_bytes(64 * 1024, looks_like_sqlite ? 2 : 1);
    if (looks_like_sqlite) garbage.replace(0, 16, std::string("SQLite format 3\0", 16));
    fs::remove(home.store_file().string() + "-wal");
    fs::remove(home.store_file().string() + "-shm");
    write_file(home.store_file(), garbage);

    ChildHost host(home);
    const json h = host.call(store_health(1));
    INFO(h.dump());
    CHECK(h["store"]["ok"] == true);
    REQUIRE(h["store"]["recovered"].is_string());
    const fs::path kept = h["store"]["recovered"].get<std::string>();
    CHECK(fs::exists(kept));
    CHECK(slurp(kept) == garbage);  // the bytes are kept for a person to look at, untouched
    CHECK(host.call(report_plain(2, "after-garbage-0"))["ok"] == true);
    finish(host);
    const JournalView j = read_journal(home.store_file());
    CHECK(j.integrity == "ok");
    CHECK(j.count_by_event.count("after-garbage-0") == 1);
}

TEST_CASE("a corrupt catalog override is reported and the built-in catalog serves", "[faults]") {
    const int variant = GENERATE(0, 1);
    HostHome home;
    const auto& proc = some_procedure();
    if (variant == 0) {
        write_file(home.override_dir() / "catalog.json",
                   "{\"format\": 1, \"version\": 9999999999,");
        write_file(home.override_dir() / "procedures" / (proc.id + ".json"), "\x01\xff not json");
    } else {
        // Valid JSON, newer, but it would send the user off Meta's sites.
        const fs::path src = fs::path(OG_SOURCE_DIR) / "host" / "catalog";
        json header = json::parse(slurp(src / "catalog.json"));
        header["version"] = header["version"].get<long long>() + 1000;
        write_file(home.override_dir() / "catalog.json", header.dump());
        json p = json::parse(slurp(src / "procedures" / (proc.id + ".json")));
        p["directLink"] = "https://meta-ai-optout.example.com/form";
        write_file(home.override_dir() / "procedures" / (proc.id + ".json"), p.dump());
    }
    ChildHost host(home);
    const json h = host.call(hello(1));
    INFO(h.dump());
    CHECK(h["catalog"]["source"] == "builtin");
    REQUIRE(h["catalog"]["overrideError"].is_string());
    CHECK(h["catalog"]["overrideError"].get<std::string>().find(
              variant == 0 ? "catalog.json" : "directLink") != std::string::npos);
    const json step = host.call(next_step(2, kPolicyUrl));
    REQUIRE(step["match"].is_object());
    CHECK(step.dump().find("example.com") == std::string::npos);
    CHECK(host.call(report_plain(3, "with-bad-override"))["ok"] == true);
    finish(host);
}

TEST_CASE("the browser closing stdout mid-reply stops the host cleanly, nothing lost", "[faults]") {
    HostHome home;
    const std::string long_url = std::string(kPolicyUrl) + "?q=" + std::string(7000, 'b');
    {
        ChildHost host(home);
        for (int i = 0; i < 60; ++i)
            REQUIRE(host.call(report_plain(i, "big-record-" + std::to_string(i), long_url))["ok"] ==
                    true);
        // The record is well over a pipe's 64 KiB, so its reply cannot be written in one go.
        const json whole = host.call({{"id", 100}, {"type", "exportRecord"}, {"format", "json"}});
        REQUIRE(whole["ok"] == true);
        REQUIRE(whole["chunk"].get<std::string>().size() > 256 * 1024);
        finish(host);
    }
    SECTION("closed after the start of a large reply") {
        ChildHost host(home);
        REQUIRE(host.call(report_plain(1, "just-before-close"))["ok"] == true);
        REQUIRE(host.send({{"id", 2}, {"type", "exportRecord"}, {"format", "html"}}));
        CHECK(host.receive_bytes(1000).size() == 1000);
        host.close_stdout();
        CHECK(host.wait() == 0);  // a clean exit, not death by SIGPIPE
    }
    SECTION("closed before the reply to a write arrives") {
        ChildHost host(home);
        host.close_stdout();
        REQUIRE(host.send(report_plain(1, "reply-never-read")));
        CHECK(host.wait() == 0);
        // The event was committed before the reply was written; it is not lost.
        CHECK(read_journal(home.store_file()).count_by_event.count("reply-never-read") == 1);
    }
    const JournalView j = read_journal(home.store_file());
    CHECK(j.integrity == "ok");
    for (int i = 0; i < 60; ++i)
        CHECK(j.count_by_event.count("big-record-" + std::to_string(i)) == 1);
}
