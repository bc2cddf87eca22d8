// The progress a reportEvent reply carries is moved on in memory by the event the host wrote
// (progress::Tally), not read back from the journal. What a user would see if that went wrong:
// a card or popup showing another state than a fresh browser's host shows for the same file,
// or a host that missed what another browser's host wrote meanwhile.
#include <catch2/catch.hpp>

#include <random>

#include "host_process.hpp"

using namespace og::test;

namespace {

const std::string kProcedure = "third-party-ai-objection";
const std::string kForm = "https://www.facebook.com/help/contact/1266025207620918";

json event(const std::string& id, const std::string& type, const std::string& step,
           const std::string& account, const std::string& said = "") {
    json e = {{"eventId", id},
              {"procedureId", kProcedure},
              {"type", type},
              {"account", account},
              {"url", kForm}};
    if (!step.empty()) e["stepId"] = step;
    if (type == "form_submitted")
        e["evidence"] = {{"text", "We've received your request."}, {"how", "form_replaced"}};
    if (!said.empty()) e["answer"] = said;
    return e;
}

json report_request(const json& e) {
    return {{"id", e["eventId"]}, {"type", "reportEvent"}, {"event", e}};
}

// A person's journal, seeded: steps in and out of order, the form sent, answers of every kind
// (a refusal, then a second request), a reset now and then, on two accounts.
std::vector<json> journal(unsigned seed, int length) {
    static const std::vector<std::string> kSteps = {"open-form",       "choose-object",
                                                    "fill-details",    "fill-prompts",
                                                    "attach-evidence", "submit-form"};
    std::mt19937 rng(seed);
    std::vector<json> out;
    for (int i = 0; i < length; ++i) {
        const std::string id = "tally-" + std::to_string(seed) + "-" + std::to_string(i);
        const std::string account = rng() % 3 ? "default" : "work";
        const auto roll = rng() % 20;
        if (roll < 9)
            out.push_back(event(id, rng() % 2 ? "step_completed" : "step_shown",
                                kSteps[rng() % kSteps.size()], account));
        else if (roll < 11)
            out.push_back(event(id, "step_skipped", kSteps[rng() % kSteps.size()], account));
        else if (roll < 14)
            out.push_back(event(id, "form_submitted", "submit-form", account));
        else if (roll < 19) {
            static const std::vector<std::string> kSaid = {"refused", "refused", "accepted",
                                                           "more-info"};
            out.push_back(
                event(id, "answer_received", "wait-reply", account, kSaid[rng() % kSaid.size()]));
        } else {
            out.push_back({{"reset", account}});  // resetProcedure, sent as its own request
        }
    }
    return out;
}

json request_of(const json& item, int n) {
    if (item.contains("reset"))
        return {{"id", "reset-" + std::to_string(n)},
                {"type", "resetProcedure"},
                {"procedureId", kProcedure},
                {"account", item["reset"]}};
    return report_request(item);
}

std::string account_of(const json& item) {
    return item.contains("reset") ? item["reset"].get<std::string>()
                                  : item["account"].get<std::string>();
}

// The progress as the user sees it, without the clock: two stores written at different times
// agree on everything else.
json without_times(json p) {
    for (const char* k : {"startedAt", "submittedAt", "confirmedAt", "updatedAt"})
        p[k] = p[k].is_null() ? json(nullptr) : json("set");
    if (p["sentEvidence"].is_object()) p["sentEvidence"].erase("at");
    if (p["answer"].is_object()) p["answer"].erase("at");
    for (auto& e : p["earlierRequests"]) {
        e["submittedAt"] = e["submittedAt"].is_null() ? json(nullptr) : json("set");
        e["answer"].erase("at");
    }
    return p;
}

json progress_of(HostProcess& host, const std::string& account) {
    const json r = host.request({{"id", "p"},
                                 {"type", "getProgress"},
                                 {"procedureId", kProcedure},
                                 {"account", account},
                                 {"cursor", 0}});
    REQUIRE(r["ok"] == true);
    REQUIRE(r["progress"].size() == 1);
    return r["progress"][0];
}

}  // namespace

TEST_CASE("a burst's replies and getProgress agree with hosts deriving the journal afresh") {
    for (const unsigned seed : {1u, 2u, 3u}) {
        INFO("journal seed " << seed);
        const std::vector<json> items = journal(seed, 40);

        // The burst: every request written at once, as a page's events are.
        TempHome burst_home;
        std::vector<json> burst_replies;
        {
            HostProcess host(burst_home, chromium_args());
            std::string bytes;
            for (std::size_t i = 0; i < items.size(); ++i)
                bytes += frame_json(request_of(items[i], static_cast<int>(i)));
            REQUIRE(host.send_raw(bytes));
            for (std::size_t i = 0; i < items.size(); ++i) {
                auto reply = host.receive();
                REQUIRE(reply);
                INFO("request " << i << ": " << request_of(items[i], 0).dump());
                REQUIRE((*reply)["ok"] == true);
                burst_replies.push_back(*reply);
            }
            // The same host asked afterwards, and a fresh one reading its file: the same.
            for (const std::string account : {"default", "work"}) {
                const json own = progress_of(host, account);
                HostProcess fresh(burst_home, chromium_args());
                CHECK(progress_of(fresh, account) == own);
                fresh.close_stdin();
                CHECK(fresh.wait() == 0);
            }
            host.close_stdin();
            CHECK(host.wait() == 0);
        }

        // The reference: each request sent to a host started for it alone, which holds nothing
        // in memory and so derives the pair's progress from the whole journal.
        TempHome one_home;
        for (std::size_t i = 0; i < items.size(); ++i) {
            HostProcess host(one_home, chromium_args());
            const json reply = host.request(request_of(items[i], static_cast<int>(i)));
            host.close_stdin();
            CHECK(host.wait() == 0);
            INFO("request " << i << ": " << request_of(items[i], 0).dump());
            REQUIRE(reply["ok"] == true);
            CHECK(without_times(burst_replies[i]["progress"]) == without_times(reply["progress"]));
            CHECK(burst_replies[i]["progress"]["account"] == account_of(items[i]));
        }
    }
}

TEST_CASE("a host sees what another browser's host wrote to the same store meanwhile") {
    TempHome home;
    HostProcess chromium(home, chromium_args());
    HostProcess firefox(home, firefox_args(home));
    const auto report = [](HostProcess& host, const json& e) {
        const json r = host.request(report_request(e));
        REQUIRE(r["ok"] == true);
        return r["progress"];
    };
    // Chromium's host holds the pair's progress in memory from here on.
    CHECK(report(chromium, event("share-1-xxxx", "step_completed", "open-form",
                                 "default"))["state"] == "in_progress");
    // Firefox's host sends the form and then hears Meta refused it.
    CHECK(report(firefox, event("share-2-xxxx", "form_submitted", "submit-form",
                                "default"))["state"] == "submitted");
    CHECK(report(firefox, event("share-3-xxxx", "answer_received", "wait-reply", "default",
                                "refused"))["state"] == "refused");
    // Chromium's next event, on the same pair, stands on both: the refusal, then a new request.
    const json after =
        report(chromium, event("share-4-xxxx", "form_submitted", "submit-form", "default"));
    CHECK(after["state"] == "submitted");
    REQUIRE(after["earlierRequests"].size() == 1);
    CHECK(after["earlierRequests"][0]["answer"]["answer"] == "refused");
    // And each host's getProgress shows the same, whichever wrote last.
    CHECK(progress_of(firefox, "default") == progress_of(chromium, "default"));
    chromium.close_stdin();
    firefox.close_stdin();
    CHECK(chromium.wait() == 0);
    CHECK(firefox.wait() == 0);
}
