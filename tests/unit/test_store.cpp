// The progress store on a real SQLite file: journal, idempotency, accounts, permissions,
// migrations, corruption and unavailable storage.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#ifndef _WIN32
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <csignal>
#include <cstdlib>
#include <fstream>

#include "store/store.hpp"
#include "support/portable.hpp"
#include "test_catalog_fixture.hpp"
#include "test_store_fixture.hpp"
#include "util/paths.hpp"
#ifdef _WIN32
#include "util/known_folders_windows.hpp"
#endif

using og::store::AppendOutcome;
using og::store::Event;
using og::store::Store;
using og::test::make_event;
using og::test::open_ok;
namespace fs = std::filesystem;

namespace {

#ifndef _WIN32
// Runs `fn` in a child process (as user `nobody` when we are root, so file permissions
// apply) and returns its exit status.
int in_child(const std::function<int()>& fn, bool drop_root) {
    pid_t pid = fork();
    if (pid == 0) {
        if (drop_root && geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(90);
        int code = 91;
        try {
            code = fn();
        } catch (...) {
        }
        _exit(code);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

#endif

void exec_sql(const fs::path& file, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.string().c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("store: a new store is private, migrated, and lists only accounts it was given",
          "[store]") {
    og::test::TempDir tmp;
    auto file = tmp / "data/optout-guide/progress.db";
#ifndef _WIN32
    mode_t old = umask(0);  // the most permissive umask must not leak the user's progress
#endif
    auto store = open_ok(file);
    Event e = make_event("evt-00000001");
    REQUIRE(store->append(e).ok());
#ifndef _WIN32
    umask(old);
#endif

    CHECK(og::test::is_private(file.parent_path(), true));
    CHECK(og::test::is_private(file));
    CHECK(og::test::is_private(file.string() + "-wal"));
    CHECK(og::test::is_private(file.string() + "-shm"));

    const auto& h = store->health();
    CHECK(h.ok);
    CHECK(h.path == file.string());
    CHECK(h.schema_version == og::store::kSchemaVersion);
    CHECK_FALSE(h.recovered);
    CHECK_FALSE(h.error);

    // A new store seeds no platform: each catalog platform's default account is implied by
    // whoever lists accounts. It knows the one account its event named.
    auto accounts = store->accounts();
    REQUIRE(accounts.ok());
    REQUIRE(accounts->size() == 1);
    CHECK(accounts->front().platform == "instagram");
    CHECK(accounts->front().account == "default");
    CHECK(accounts->front().is_default);
}

TEST_CASE("store: the journal keeps every event, in order, across reopening", "[store]") {
    og::test::TempDir tmp;
    auto file = tmp / "progress.db";
    {
        auto store = open_ok(file);
        Event a = make_event("evt-aaaaaaaa", "step_shown");
        Event b = make_event("evt-bbbbbbbb", "step_completed");
        auto ra = store->append(a);
        auto rb = store->append(b);
        REQUIRE(ra.ok());
        REQUIRE(rb.ok());
        CHECK(*ra == AppendOutcome::inserted);
        CHECK(a.seq > 0);
        CHECK(b.seq > a.seq);
        CHECK(a.at.size() == 24);  // 2026-11-29T10:00:00.123Z
        CHECK(a.at.back() == 'Z');
    }
    auto store = open_ok(file);
    auto events = store->events();
    REQUIRE(events.ok());
    REQUIRE(events->size() == 2);
    CHECK((*events)[0].event_id == "evt-aaaaaaaa");
    CHECK((*events)[0].type == "step_shown");
    CHECK((*events)[1].event_id == "evt-bbbbbbbb");
    CHECK((*events)[1].url == "https://privacycenter.instagram.com/policy/");
    CHECK((*events)[1].client == "chromium");
    CHECK((*events)[1].catalog_version == 2025112901);
}

TEST_CASE("store: reporting an event twice is harmless, reusing its ID is a conflict", "[store]") {
    og::test::TempDir tmp;
    auto store = open_ok(tmp / "progress.db");
    Event first = make_event("evt-12345678");
    REQUIRE(*store->append(first) == AppendOutcome::inserted);

    Event again = make_event("evt-12345678");
    again.client = "firefox";  // the same event relayed by another browser
    auto r = store->append(again);
    REQUIRE(r.ok());
    CHECK(*r == AppendOutcome::duplicate);
    CHECK(again.seq == first.seq);
    CHECK(again.at == first.at);

    Event other = make_event("evt-12345678", "form_submitted", "submit-form");
    other.evidence = R"({"text":"We've received your request."})";
    auto c = store->append(other);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == "event_conflict");
    CHECK_THAT(c.error().message, Catch::Contains("evt-12345678"));

    auto events = store->events();
    REQUIRE(events.ok());
    CHECK(events->size() == 1);
}

TEST_CASE("store: filters and accounts", "[store]") {
    og::test::TempDir tmp;
    auto store = open_ok(tmp / "progress.db");
    Event a = make_event("evt-account-1");
    Event b = make_event("evt-account-2");
    b.account = "work";
    Event c = make_event("evt-account-3");
    c.platform = "facebook";
    c.procedure_id = "facebook-ai-objection";
    for (Event* e : {&a, &b, &c}) REQUIRE(store->append(*e).ok());

    og::store::EventFilter f;
    f.platform = "instagram";
    CHECK(store->events(f)->size() == 2);
    f.account = "work";
    REQUIRE(store->events(f)->size() == 1);
    CHECK(store->events(f)->front().event_id == "evt-account-2");
    og::store::EventFilter byproc;
    byproc.procedure_id = "facebook-ai-objection";
    CHECK(store->events(byproc)->size() == 1);

    // An event for a new account makes the account known.
    auto has = [&](const std::string& platform, const std::string& account) {
        auto all = store->accounts();  // kept alive: the loop reads into it
        for (const auto& x : *all)
            if (x.platform == platform && x.account == account) return true;
        return false;
    };
    CHECK(has("instagram", "work"));

    REQUIRE(store->set_account({"instagram", "work", "Work account", false}).ok());
    REQUIRE(store->set_account({"instagram", "work", "Work (renamed)", false}).ok());
    int found = 0;
    auto all = store->accounts();
    REQUIRE(all.ok());
    for (const auto& x : *all)
        if (x.platform == "instagram" && x.account == "work") {
            ++found;
            CHECK(x.label == "Work (renamed)");
            CHECK_FALSE(x.is_default);
        }
    CHECK(found == 1);
    // The store keeps whatever platform the caller checked against its catalog.
    REQUIRE(store->set_account({"horizon", "x", "", false}).ok());
    CHECK(has("horizon", "x"));
    auto bad = store->set_account({"instagram", "", "", false});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "invalid_value");
    CHECK(bad.error().field.empty());  // the protocol's pointer is the dispatcher's to add
}

TEST_CASE("store: the journal cannot be rewritten", "[store]") {
    og::test::TempDir tmp;
    auto file = tmp / "progress.db";
    {
        auto store = open_ok(file);
        Event e = make_event("evt-immutable");
        REQUIRE(store->append(e).ok());
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.string().c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE events SET type = 'reset'", nullptr, nullptr, nullptr) !=
          SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM events", nullptr, nullptr, nullptr) != SQLITE_OK);
    sqlite3_close(db);
    CHECK(open_ok(file)->events()->size() == 1);
}

TEST_CASE("store: migrations upgrade older files", "[store]") {
    og::test::TempDir tmp;
    auto file = tmp / "progress.db";
    SECTION("an empty file (version 0)") {
        og::test::write_file(file, "");
    }
    SECTION("a version-0 database with unrelated content") {
        exec_sql(file, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('kept');");
    }
    auto store = open_ok(file);
    CHECK(store->health().schema_version == og::store::kSchemaVersion);
    CHECK_FALSE(store->health().recovered);
    Event e = make_event("evt-migrated");
    REQUIRE(store->append(e).ok());
    CHECK(store->accounts()->size() == 1);  // the event's account, nothing seeded
}

TEST_CASE("store: a store from a newer host is left alone", "[store]") {
    og::test::TempDir tmp;
    auto file = tmp / "progress.db";
    exec_sql(file, "CREATE TABLE future (x); PRAGMA user_version = 99;");
    auto r = Store::open(file);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "store_unavailable");
    CHECK_THAT(r.error().message, Catch::Contains("newer"));
    CHECK_THAT(r.error().message, Catch::Contains(file.string()));
    CHECK(fs::exists(file));
}

TEST_CASE("store: a corrupt file is kept aside and a fresh store starts", "[store]") {
    og::test::TempDir tmp;
    auto file = tmp / "progress.db";
    std::string garbage;
    SECTION("not a database at all") {
        garbage = std::string(8192, '\x5a') + "this is not sqlite";
        og::test::write_file(file, garbage);
    }
    SECTION("a database with damaged pages") {
        {
            auto store = open_ok(file);
            for (int i = 0; i < 400; ++i) {
                Event e = make_event(og::test::numbered("evt-fill-", 100000 + i));
                e.url = std::string(200, 'u');
                REQUIRE(store->append(e).ok());
            }
        }
        exec_sql(file, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
        REQUIRE(fs::file_size(file) > 8 * 4096);
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096 * 3);
        std::string noise(4096 * 4, '\xA7');
        f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
        f.close();
        garbage = read_all(file);
    }
    auto store = open_ok(file);
    const auto& h = store->health();
    REQUIRE(h.recovered);
    CHECK(h.ok);
    CHECK_THAT(*h.recovered, Catch::StartsWith(file.string() + ".corrupt-"));
    CHECK(read_all(*h.recovered) == garbage);  // kept byte for byte
    Event e = make_event("evt-after-recovery");
    REQUIRE(store->append(e).ok());
    CHECK(store->events()->size() == 1);
    CHECK(og::test::is_private(file));

    // The next start finds a healthy store and recovers nothing.
    store.reset();
    auto again = open_ok(file);
    CHECK_FALSE(again->health().recovered);
    CHECK(again->events()->size() == 1);
}

#ifndef _WIN32
TEST_CASE("store: a read-only folder is a clear error, not a crash", "[store]") {
    og::test::TempDir tmp;
    auto dir = tmp / "readonly";
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                             fs::perms::group_exec | fs::perms::others_read |
                             fs::perms::others_exec);
    fs::permissions(tmp.path(), fs::perms::others_exec | fs::perms::group_exec,
                    fs::perm_options::add);
    auto file = dir / "progress.db";
    // 0: error as expected; 1: opened anyway; 2: wrong code; 3: message lacks the path.
    int status = in_child(
        [&] {
            auto r = Store::open(file);
            if (r.ok()) return 1;
            if (r.error().code != "store_unavailable") return 2;
            if (r.error().message.find(file.string()) == std::string::npos) return 3;
            return 0;
        },
        true);
    CHECK(status == 0);
}

TEST_CASE("store: a full disk refuses writes without losing committed events", "[store]") {
    og::test::TempDir tmp;
    auto file = tmp / "progress.db";
    { open_ok(file); }
    int pipefd[2];
    REQUIRE(pipe(pipefd) == 0);
    // The child may only grow files to 256 KiB: writes fail as on a full disk.
    int status = in_child(
        [&] {
            std::signal(SIGXFSZ, SIG_IGN);
            rlimit lim{256 * 1024, 256 * 1024};
            setrlimit(RLIMIT_FSIZE, &lim);
            auto r = Store::open(file);
            if (!r.ok()) return 2;
            int committed = 0;
            for (int i = 0; i < 5000; ++i) {
                Event e = make_event(og::test::numbered("evt-full-", 100000 + i));
                e.url = std::string(500, 'x');
                auto a = r.value()->append(e);
                if (!a.ok()) {
                    if (a.error().code != "store_unavailable") return 3;
                    if (a.error().message.find(file.string()) == std::string::npos) return 4;
                    // SQLite's own reason, not that of the clean-up after it.
                    if (a.error().message.find("SQLite code") == std::string::npos ||
                        a.error().message.find("rollback") != std::string::npos)
                        return 6;
                    // The host keeps serving: another attempt fails the same way, cleanly.
                    Event retry = make_event("evt-full-retry");
                    retry.url = std::string(500, 'x');
                    auto again = r.value()->append(retry);
                    if (again.ok() && *again == AppendOutcome::inserted) ++committed;
                    if (write(pipefd[1], &committed, sizeof committed) != sizeof committed)
                        return 5;
                    return 0;
                }
                ++committed;
            }
            return 1;  // never hit the limit
        },
        false);
    close(pipefd[1]);
    int committed = -1;
    REQUIRE(read(pipefd[0], &committed, sizeof committed) == sizeof committed);
    close(pipefd[0]);
    REQUIRE(status == 0);
    REQUIRE(committed > 0);
    auto store = open_ok(file);
    CHECK(store->events()->size() == static_cast<std::size_t>(committed));
}

#else
OG_SKIPPED_TEST("store: a read-only folder is a clear error, not a crash",
                "POSIX by nature: drops root with setuid in a forked child")
OG_SKIPPED_TEST("store: a full disk refuses writes without losing committed events",
                "POSIX by nature: RLIMIT_FSIZE in a forked child")
#endif

#ifdef _WIN32
TEST_CASE("store: the default location is the local application data, XDG_DATA_HOME moves it",
          "[store]") {
    og::test::set_env("XDG_DATA_HOME", "C:\\srv\\data");
    CHECK(og::paths::store_file() == fs::path("C:\\srv\\data\\optout-guide\\progress.db"));
    og::test::set_env("XDG_DATA_HOME", "relative\\path");  // not absolute: ignored
    const fs::path local = og::known_folders::local_app_data();
    REQUIRE(local.is_absolute());
    CHECK(og::paths::store_file() == local / "optout-guide" / "progress.db");
    CHECK(og::paths::log_file() == local / "optout-guide" / "host.log");
    og::test::set_env("XDG_DATA_HOME", "");
}
#else
TEST_CASE("store: default location follows XDG_DATA_HOME", "[store]") {
    const char* old_xdg = std::getenv("XDG_DATA_HOME");
    const char* old_home = std::getenv("HOME");
    std::string saved_xdg = old_xdg ? old_xdg : "", saved_home = old_home ? old_home : "";

    setenv("XDG_DATA_HOME", "/srv/data", 1);
    CHECK(og::paths::store_file() == fs::path("/srv/data/optout-guide/progress.db"));
    setenv("HOME", "/home/someone", 1);
    unsetenv("XDG_DATA_HOME");
    CHECK(og::paths::store_file() ==
          fs::path("/home/someone/.local/share/optout-guide/progress.db"));
    setenv("XDG_DATA_HOME", "relative/path", 1);  // invalid per the XDG spec: ignored
    CHECK(og::paths::store_file() ==
          fs::path("/home/someone/.local/share/optout-guide/progress.db"));

    if (old_xdg)
        setenv("XDG_DATA_HOME", saved_xdg.c_str(), 1);
    else
        unsetenv("XDG_DATA_HOME");
    if (old_home)
        setenv("HOME", saved_home.c_str(), 1);
    else
        unsetenv("HOME");
}
#endif

TEST_CASE("store: repetitive events are capped per procedure, state-changing ones never are",
          "[store]") {
    og::test::TempDir tmp;
    auto store = open_ok(tmp / "progress.db");
    const std::int64_t over = og::store::kMaxRepetitiveEvents + 25;
    int capped = 0;
    for (std::int64_t i = 0; i < over; ++i) {
        Event shown = make_event("shown-" + std::to_string(i) + "-0000", "step_shown");
        auto r = store->append(shown);
        REQUIRE(r.ok());
        if (*r == og::store::AppendOutcome::capped) ++capped;
        Event done = make_event("done-" + std::to_string(i) + "-0000", "step_completed");
        auto d = store->append(done);
        REQUIRE(d.ok());
        CHECK(*d == og::store::AppendOutcome::inserted);
    }
    CHECK(capped == 25);
    Event sent = make_event("sent-00000001", "form_submitted", "submit-form");
    sent.evidence = R"({"text":"We've received your request."})";
    REQUIRE(*store->append(sent) == og::store::AppendOutcome::inserted);
    auto events = store->events();
    REQUIRE(events.ok());
    std::int64_t shown = 0, done = 0;
    for (const auto& e : *events) {
        if (e.type == "step_shown") ++shown;
        if (e.type == "step_completed") ++done;
    }
    CHECK(shown == og::store::kMaxRepetitiveEvents);
    CHECK(done == over);
    CHECK(events->back().evidence == sent.evidence);
    // Another procedure has its own allowance.
    Event elsewhere = make_event("other-proc-0001", "step_shown");
    elsewhere.procedure_id = "facebook-ai-objection";
    CHECK(*store->append(elsewhere) == og::store::AppendOutcome::inserted);
}
