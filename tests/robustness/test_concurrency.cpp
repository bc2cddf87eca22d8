// Several browsers at once: 8 host processes share one store, each reporting 500 events for
// interleaved procedures and accounts. Nothing may be lost, doubled or refused, and the
// progress every host derives afterwards must be what the events say.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "catalog_facts.hpp"
#include "child_host.hpp"
#include "conversation.hpp"
#include "store/store.hpp"
#include "store_probe.hpp"

using namespace og::robust;
using nlohmann::json;

namespace {

constexpr int kHosts = 8;
constexpr int kEventsPerHost = 500;
const std::vector<std::string> kAccounts = {"default", "work", "family", "old"};

struct Planned {
    json request;
    std::string event_id;
};

struct Outcome {
    int failed = 0;
    int duplicates = 0;
    std::set<std::string> capped;  // acknowledged with stored: false (the store's cap)
    std::vector<std::string> failures;
};

using Key = std::pair<std::string, std::string>;  // procedure, account

}  // namespace

TEST_CASE("8 hosts writing 500 events each to one store lose and double nothing", "[concurrency]") {
    const auto procedures = objection_procedures();
    REQUIRE(!procedures.empty());
    HostHome home;

    // Which (procedure, account) pairs end submitted or confirmed: decided up front, so the
    // expected states do not depend on how the writers interleave.
    std::map<Key, std::string> expected_state;
    std::map<Key, std::set<std::string>> expected_done;
    std::vector<std::vector<Planned>> plans(kHosts);
    for (int h = 0; h < kHosts; ++h) {
        for (int i = 0; i < kEventsPerHost; ++i) {
            const auto& proc = procedures[static_cast<std::size_t>(i + h) % procedures.size()];
            const auto& account = kAccounts[static_cast<std::size_t>(i / 3 + h) % kAccounts.size()];
            const auto& step =
                proc.plain_steps[static_cast<std::size_t>(i / 7 + h) % proc.plain_steps.size()];
            const Key key{proc.id, account};
            std::string type = (i % 2 == 0) ? "step_shown" : "step_completed";
            const bool last_for_pair = i >= kEventsPerHost - 24;
            if (last_for_pair && h == 0 && account == "work") type = "form_submitted";
            if (last_for_pair && h == 1 && account == "family")
                type = proc.asks_answer ? "answer_received" : "confirmation_received";
            const std::string id = "host" + std::to_string(h) + "-event-" + std::to_string(i);
            Planned p{
                report(i, id, proc.id, type.rfind("step_", 0) == 0 ? step : "", type, account), id};
            if (type == "answer_received") p.request["event"]["answer"] = "accepted";
            plans[static_cast<std::size_t>(h)].push_back(p);
            auto& state = expected_state[key];
            if (type == "confirmation_received" || type == "answer_received")
                state = "confirmed";
            else if (type == "form_submitted" && state != "confirmed")
                state = "submitted";
            else if (state.empty())
                state = "in_progress";
            if (type == "step_completed") expected_done[key].insert(step);
        }
    }

    // Spawn every host before any thread starts: fork from a single-threaded process only.
    std::vector<std::unique_ptr<ChildHost>> hosts;
    for (int h = 0; h < kHosts; ++h) hosts.push_back(std::make_unique<ChildHost>(home));
    for (auto& host : hosts) REQUIRE(host->call(store_health(0))["store"]["ok"] == true);

    std::vector<Outcome> outcomes(kHosts);
    std::vector<std::thread> writers;
    for (int h = 0; h < kHosts; ++h) {
        writers.emplace_back([&, h] {
            auto& host = *hosts[static_cast<std::size_t>(h)];
            auto& out = outcomes[static_cast<std::size_t>(h)];
            const auto& plan = plans[static_cast<std::size_t>(h)];
            for (std::size_t i = 0; i < plan.size(); ++i) {
                // Every tenth event is sent twice, as a browser retrying after a lost reply would.
                const int copies = i % 10 == 9 ? 2 : 1;
                for (int c = 0; c < copies; ++c) {
                    json reply;
                    try {
                        reply = host.call(plan[i].request);
                    } catch (const std::exception& e) {
                        ++out.failed;
                        out.failures.push_back(e.what());
                        return;
                    }
                    if (reply["ok"] != true) {
                        ++out.failed;
                        if (out.failures.size() < 5) out.failures.push_back(reply.dump());
                    } else if (reply["duplicate"] == true) {
                        ++out.duplicates;
                    } else if (reply["stored"] == false) {
                        out.capped.insert(plan[i].event_id);
                    }
                }
            }
        });
    }
    for (auto& t : writers) t.join();

    for (int h = 0; h < kHosts; ++h) {
        INFO("host " << h << " failures: "
                     << (outcomes[h].failures.empty() ? "" : outcomes[h].failures[0]));
        CHECK(outcomes[h].failed == 0);
        CHECK(outcomes[h].duplicates == kEventsPerHost / 10);  // exactly the retries
    }

    // Every host, not only the one that wrote an event, now sees the same progress.
    for (int h = 0; h < kHosts; h += 3) {
        for (const auto& [key, state] : expected_state) {
            const json reply = hosts[static_cast<std::size_t>(h)]->call({{"id", 1},
                                                                         {"type", "getProgress"},
                                                                         {"procedureId", key.first},
                                                                         {"account", key.second}});
            REQUIRE(reply["ok"] == true);
            REQUIRE(reply["progress"].size() == 1);
            const json& p = reply["progress"][0];
            INFO("host " << h << " " << key.first << "/" << key.second << ": " << p.dump());
            CHECK(p["state"] == state);
            if (state == "in_progress") {
                std::set<std::string> done;
                for (const auto& s : p["doneSteps"]) done.insert(s.get<std::string>());
                CHECK(done == expected_done[key]);
            }
        }
    }
    for (auto& host : hosts) {
        host->close_stdin();
        CHECK(host->wait() == 0);
    }

    // Repetitive events past the store's cap per (account, procedure, type) are acknowledged
    // with stored: false and not kept: however the writers interleave, exactly the planned
    // overflow is, and every other event is kept once.
    std::map<Key, int> repetitive;  // step_shown events planned per (procedure, account)
    for (const auto& plan : plans)
        for (const auto& p : plan)
            if (const json& e = p.request["event"]; e["type"] == "step_shown")
                ++repetitive[{e["procedureId"].get<std::string>(),
                              e["account"].get<std::string>()}];
    std::size_t overflow = 0;
    for (const auto& [key, n] : repetitive)
        if (n > og::store::kMaxRepetitiveEvents)
            overflow += static_cast<std::size_t>(n - og::store::kMaxRepetitiveEvents);
    std::set<std::string> capped;
    for (const auto& o : outcomes) capped.insert(o.capped.begin(), o.capped.end());
    CHECK(capped.size() == overflow);

    const JournalView journal = read_journal(home.store_file());
    CHECK(journal.integrity == "ok");
    CHECK(journal.rows == kHosts * kEventsPerHost - static_cast<int>(capped.size()));
    int missing = 0, doubled = 0, kept_capped = 0;
    for (const auto& plan : plans)
        for (const auto& p : plan) {
            const auto it = journal.count_by_event.find(p.event_id);
            if (capped.count(p.event_id))
                kept_capped += it != journal.count_by_event.end();
            else if (it == journal.count_by_event.end())
                ++missing;
            else if (it->second != 1)
                ++doubled;
        }
    CHECK(missing == 0);
    CHECK(doubled == 0);
    CHECK(kept_capped == 0);
}
