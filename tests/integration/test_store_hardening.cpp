// The real host against links planted in place of its progress store and log, loosened modes,
// and an override catalog too big to read: refused with the path named, nothing written
// through, modes put back.
#include <catch2/catch.hpp>

#include "host_process.hpp"
#include "support/portable.hpp"

using namespace og::test;

#ifndef _WIN32
#include <sys/stat.h>

namespace {

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

void write_private(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
    fs::permissions(p, static_cast<fs::perms>(0600), fs::perm_options::replace);
}

}  // namespace

TEST_CASE("a link in place of the progress store is refused, naming it, and not written through",
          "[store][hardening]") {
    TempHome home;
    const auto victim = home.root() / "victim.txt";
    write_private(victim, "not a database");
    fs::create_directories(home.store_path().parent_path());
    fs::create_symlink(victim, home.store_path());

    const auto r = run_cli(home, {"export"});
    INFO(r.out << r.err);
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Catch::Contains(home.store_path().string()));
    CHECK_THAT(r.err, Catch::Contains("symbolic link"));
    CHECK(read_file(victim) == "not a database");
    CHECK(mode_of(victim) == 0600);

    // The browser's host says so too, and still starts.
    HostProcess host(home, chromium_args());
    const json health = host.request({{"id", 1}, {"type", "storeHealth"}});
    CHECK(health["store"]["ok"] == false);
    CHECK_THAT(health["store"]["error"].get<std::string>(), Catch::Contains("symbolic link"));
    CHECK(host.wait() == 0);
    CHECK(read_file(victim) == "not a database");
}

TEST_CASE("a link beside the store where SQLite writes its journal is refused",
          "[store][hardening]") {
    TempHome home;
    REQUIRE(run_cli(home, {"export"}).exit_code == 0);  // a real SQLite store now exists
    const auto victim = home.root() / "victim.txt";
    write_private(victim, "mine");
    const fs::path wal = home.store_path().string() + "-wal";
    std::error_code ec;
    fs::remove(wal, ec);
    fs::create_symlink(victim, wal);

    const auto r = run_cli(home, {"export"});
    INFO(r.out << r.err);
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Catch::Contains(wal.string() + " is a symbolic link"));
    CHECK(read_file(victim) == "mine");
    CHECK(mode_of(victim) == 0600);
}

TEST_CASE("a symlinked store folder is refused, naming it", "[store][hardening]") {
    TempHome home;
    const auto elsewhere = home.root() / "elsewhere";
    fs::create_directories(elsewhere);
    fs::create_directories(home.data_home());
    fs::create_symlink(elsewhere, home.store_path().parent_path());

    const auto r = run_cli(home, {"export"});
    INFO(r.out << r.err);
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err,
               Catch::Contains(home.store_path().parent_path().string() + " is a symbolic link"));
    CHECK(fs::is_empty(elsewhere));
}

TEST_CASE("loosened store modes are tightened again on every open", "[store][hardening]") {
    TempHome home;
    REQUIRE(run_cli(home, {"export"}).exit_code == 0);  // a real SQLite store now exists
    const auto dir = home.store_path().parent_path();
    REQUIRE(mode_of(home.store_path()) == 0600);
    fs::permissions(home.store_path(), static_cast<fs::perms>(0644), fs::perm_options::replace);
    fs::permissions(dir, static_cast<fs::perms>(0755), fs::perm_options::replace);

    const auto r = run_cli(home, {"export"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(mode_of(home.store_path()) == 0600);
    CHECK(mode_of(dir) == 0700);
}

TEST_CASE("a link in place of the log is not written through, and the CLI says why",
          "[log][hardening]") {
    TempHome home;
    const auto victim = home.root() / "victim.txt";
    write_private(victim, "mine");
    fs::create_directories(home.log_path().parent_path());
    fs::create_symlink(victim, home.log_path());

    const auto r = run_cli(home, {"status"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);  // the log is not worth failing the command over
    CHECK_THAT(r.err, Catch::Contains(home.log_path().string() + " is a symbolic link"));
    {
        HostProcess host(home, chromium_args());
        CHECK(host.request({{"id", 1}, {"type", "hello"}})["ok"] == true);
        CHECK(host.wait() == 0);
    }
    CHECK(read_file(victim) == "mine");
    CHECK(mode_of(victim) == 0600);
}

TEST_CASE("a loosened log folder is made private again", "[log][hardening]") {
    TempHome home;
    REQUIRE(run_cli(home, {"status"}).exit_code == 0);
    const auto dir = home.log_path().parent_path();
    fs::permissions(dir, static_cast<fs::perms>(0755), fs::perm_options::replace);
    REQUIRE(run_cli(home, {"status"}).exit_code == 0);
    CHECK(mode_of(dir) == 0700);
    CHECK(mode_of(home.log_path()) == 0600);
}

#else
OG_SKIPPED_TEST(
    "links planted in place of the store, its journal, its folder and the log; "
    "loosened store and log modes",
    "POSIX by nature: symbolic links need a privilege on Windows, and files have "
    "ACLs, not modes (wine keeps none)")
#endif

TEST_CASE("an override catalog too big to be one is refused unread, with a clear overrideError",
          "[catalog][hardening]") {
    TempHome home;
    home.install_catalog();
    // 300 MB that takes no disk: the host must refuse it on its size, not read it.
    const auto big = home.catalog_override() / "procedures" / "huge.json";
    { std::ofstream(big, std::ios::binary) << ""; }
    fs::resize_file(big, 300LL << 20);

    HostProcess host(home, chromium_args());
    const json hello = host.request({{"id", 1}, {"type", "hello"}});
    REQUIRE(hello["ok"] == true);
    REQUIRE(hello["catalog"]["overrideError"].is_string());
    const std::string why = hello["catalog"]["overrideError"];
    // Named as the system writes paths: procedures\huge.json on Windows.
    CHECK_THAT(why, Catch::Contains((fs::path("procedures") / "huge.json").string()));
    CHECK_THAT(why, Catch::Contains("MiB a catalog may take"));
    CHECK(hello["catalog"]["source"] == "builtin");
    CHECK(host.wait() == 0);
}

TEST_CASE("a store repaired while the host serves is opened on the next event, by the same host",
          "[store][hardening]") {
    TempHome home;
    fs::create_directories(home.store_path());  // a folder where the database file should be
    HostProcess host(home, chromium_args());
    const json event = {{"eventId", "event-repair-0001"},
                        {"procedureId", "instagram-ai-objection"},
                        {"stepId", "open-form"},
                        {"type", "step_completed"}};
    const json down = host.request({{"id", 1}, {"type", "reportEvent"}, {"event", event}});
    INFO(down.dump());
    REQUIRE(down["ok"] == false);
    CHECK(down["error"]["code"] == "store_unavailable");
    // Opened (and refused) by the reportEvent, so hello reports it as storeHealth does.
    CHECK(host.request({{"id", 2}, {"type", "hello"}})["store"]["ok"] == false);

    fs::remove(home.store_path());
    const json up = host.request({{"id", 3}, {"type", "reportEvent"}, {"event", event}});
    INFO(up.dump());
    CHECK(up["ok"] == true);
    CHECK(host.request({{"id", 4}, {"type", "storeHealth"}})["store"]["ok"] == true);
    CHECK(host.wait() == 0);
    const auto r = run_cli(home, {"status", "--json"});
    CHECK_THAT(r.out, Catch::Contains("\"in_progress\""));
}
