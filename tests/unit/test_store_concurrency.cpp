// Several host processes (two browsers, several ports) writing one store at once.
#include <catch2/catch.hpp>

#include <map>

#include "support/portable.hpp"

#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.hpp"
#include "test_catalog_fixture.hpp"
#include "test_store_fixture.hpp"

using og::store::AppendOutcome;
using og::store::Event;
using og::store::Store;

namespace {

constexpr int kProcesses = 4;
constexpr int kOwnEvents = 250;
constexpr int kSharedEvents = 50;  // reported by every process: must be stored once

// Of a state-changing type: the store caps repetitive ones (step_shown) per procedure.
Event make_event(const std::string& id, int process) {
    Event e = og::test::make_event(id, "step_completed");
    e.client = process % 2 ? "firefox" : "chromium";
    return e;
}

// Exit codes: 0 ok; 10 open failed; 11 append error; 12 wrong outcome.
int writer(const std::filesystem::path& file, int process) {
    auto r = Store::open(file);
    if (!r.ok()) return 10;
    auto& store = *r.value();
    for (int i = 0; i < kOwnEvents; ++i) {
        Event e = make_event(
            og::test::numbered(og::test::numbered("p", process) + "-own-", 1000 + i), process);
        auto a = store.append(e);
        if (!a.ok()) return 11;
        if (*a != AppendOutcome::inserted) return 12;
        if (i % 5 == 0) {
            Event s = make_event(og::test::numbered("shared-event-", 1000 + i / 5), process);
            if (!store.append(s).ok()) return 11;
        }
    }
    return 0;
}

}  // namespace

TEST_CASE("store: concurrent writer processes lose nothing and never see BUSY",
          "[store][concurrency]") {
    og::test::TempDir tmp;
    auto file = tmp / "shared/progress.db";
    std::vector<pid_t> children;
    // The processes also race to create and migrate the file: none exists yet.
    for (int p = 0; p < kProcesses; ++p) {
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) _exit(writer(file, p));
        children.push_back(pid);
    }
    std::vector<int> codes;
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status));
    }
    CHECK(codes == std::vector<int>(kProcesses, 0));

    auto r = Store::open(file);
    REQUIRE(r.ok());
    auto events = r.value()->events();
    REQUIRE(events.ok());
    std::map<std::string, int> seen;
    for (const auto& e : *events) ++seen[e.event_id];
    CHECK(events->size() == kProcesses * kOwnEvents + kSharedEvents);
    CHECK(seen.size() == events->size());  // each exactly once
    for (int p = 0; p < kProcesses; ++p)
        for (int i = 0; i < kOwnEvents; i += 97)
            CHECK(seen.count(og::test::numbered(og::test::numbered("p", p) + "-own-", 1000 + i)) ==
                  1);
    CHECK(r.value()->accounts()->size() == 1);  // one account, however many writers named it
}
#else
OG_SKIPPED_TEST("store: concurrent writer processes lose nothing and never see BUSY",
                "POSIX by nature: fork; two hosts sharing one store is an integration test")
#endif
