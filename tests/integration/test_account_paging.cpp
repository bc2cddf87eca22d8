// A person (or a runaway script) with very many accounts still gets every one of them from the
// real host: listAccounts pages below the frame limit, and setAccount answers the first page
// instead of committing and then failing to reply.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <set>

#include "host_process.hpp"
#include "store/store.hpp"
#include "util/logging.hpp"

using namespace og::test;

namespace {

constexpr int kAccounts = 12000;

// Many accounts written straight into a real store file in one transaction, as years of use
// (or a hostile page that got them past the extension) would leave them.
void seed_accounts(const fs::path& store, int count) {
    og::logging::silence();  // the store logs its migrations; not this test's output
    REQUIRE(og::store::Store::open(store));  // the schema, as the host creates it
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(store.string().c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db,
                               "INSERT INTO accounts (platform, account, label, is_default, "
                               "created_at) VALUES ('instagram', ?1, ?2, 0, "
                               "'2026-01-01T00:00:00.000Z')",
                               -1, &st, nullptr) == SQLITE_OK);
    for (int i = 0; i < count; ++i) {
        const std::string name = "account-" + std::to_string(i);
        const std::string label =
            "A label long enough to fill pages quickly, number " + std::to_string(i);
        sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, label.c_str(), -1, SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(st) == SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    REQUIRE(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

// Every account the host lists, following nextCursor from `first` to the end.
std::set<std::string> all_pages(HostProcess& host, json page, int& pages) {
    std::set<std::string> seen;
    int id = 100;
    for (pages = 1;; ++pages) {
        INFO("page " << pages << ": " << page.dump().substr(0, 300));
        REQUIRE(page["ok"] == true);
        for (const auto& a : page["accounts"])
            seen.insert(a["platform"].get<std::string>() + "/" + a["account"].get<std::string>());
        if (page["nextCursor"].is_null()) break;
        REQUIRE(pages < 1000);
        page =
            host.request({{"id", ++id}, {"type", "listAccounts"}, {"cursor", page["nextCursor"]}});
    }
    return seen;
}

}  // namespace

TEST_CASE("12,000 accounts are all listed, page by page, by the real host", "[accounts][limits]") {
    TempHome home;
    seed_accounts(home.store_path(), kAccounts);
    HostProcess host(home, chromium_args());

    int pages = 0;
    const auto seen = all_pages(host, host.request({{"id", 1}, {"type", "listAccounts"}}), pages);
    CHECK(pages > 1);
    for (int i : {0, 1, kAccounts / 2, kAccounts - 1})
        CHECK(seen.count("instagram/account-" + std::to_string(i)) == 1);
    CHECK(seen.count("instagram/default") == 1);
    CHECK(seen.count("facebook/default") == 1);
    int ours = 0;
    for (const auto& s : seen) ours += s.rfind("instagram/account-", 0) == 0;
    CHECK(ours == kAccounts);
    CHECK(host.wait() == 0);
}

TEST_CASE("setAccount among 12,000 accounts answers the first page, and the new one is listed",
          "[accounts][limits]") {
    TempHome home;
    seed_accounts(home.store_path(), kAccounts);
    HostProcess host(home, chromium_args());

    const json reply = host.request({{"id", 1},
                                     {"type", "setAccount"},
                                     {"platform", "facebook"},
                                     {"account", "work"},
                                     {"label", "Work"}});
    INFO(reply.dump().substr(0, 300));
    REQUIRE(reply["ok"] == true);
    CHECK(reply["accounts"].is_array());
    CHECK_FALSE(reply["nextCursor"].is_null());
    int pages = 0;
    const auto seen = all_pages(host, reply, pages);
    CHECK(seen.count("facebook/work") == 1);
    CHECK(seen.size() >= static_cast<std::size_t>(kAccounts) + 2);
    CHECK(host.wait() == 0);
}
