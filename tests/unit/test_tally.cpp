// Progress moved on event by event (progress::Tally, what a host does as it writes) against
// the journal derived from scratch (what a fresh host reads): over random journals of every
// event type, answers and resets included, the two agree after every event.
#include <catch2/catch.hpp>

#include <random>

#include "progress/state.hpp"
#include "record/progress.hpp"
#include "test_catalog_fixture.hpp"

using og::store::Event;
using og::test::json;

namespace {

const og::catalog::Procedure& procedure() {
    static const auto cat = [] {
        json doc = og::test::procedure_json();
        doc["steps"].back()["answers"] = json::array(
            {json{{"id", "accepted"}}, json{{"id", "refused"}}, json{{"id", "more-info"}}});
        return og::test::load_catalog({doc});
    }();
    return cat.procedures.at(0);
}

// One random event of the journal, at minute `i`: any type, on any step (or none), answers of
// every kind, bare form_submitted events from before evidence was kept.
Event random_event(std::mt19937& rng, int i) {
    static const std::vector<std::string> kTypes = {
        "step_shown",      "step_completed", "step_skipped",          "step_completed",
        "form_submitted",  "form_submitted", "confirmation_received", "answer_received",
        "answer_received", "reset"};
    const auto& steps = procedure().steps;
    const std::string type = kTypes[rng() % kTypes.size()];
    const std::size_t pick = rng() % (steps.size() + 1);
    const std::string step = pick == steps.size() ? "" : steps[pick].id;
    char at[32];
    std::snprintf(at, sizeof at, "2026-12-%02dT%02d:%02d:00.000Z", 1 + i / 1440, i / 60 % 24,
                  i % 60);
    static const std::vector<std::string> kAnswers = {"accepted", "refused", "refused", "more-info",
                                                      ""};
    Event e = og::test::journal_event(
        type, step, at, type == "answer_received" ? kAnswers[rng() % kAnswers.size()] : "");
    if (type == "form_submitted" && rng() % 4 == 0) e.evidence.clear();
    e.url = "https://help.instagram.com/contact/" + std::to_string(i);
    return e;
}

std::string shown(const og::progress::Progress& p) {
    return og::record::progress_json(p).dump();
}

}  // namespace

TEST_CASE("tally: moving on by each event agrees with deriving the journal from scratch",
          "[state]") {
    std::mt19937 rng(20261201);
    int refusals_then_new_request = 0;
    for (int journal = 0; journal < 300; ++journal) {
        og::progress::Tally tally(procedure(), "default");
        std::vector<Event> events;
        const int length = 1 + static_cast<int>(rng() % 40);
        bool refused = false;
        for (int i = 0; i < length; ++i) {
            events.push_back(random_event(rng, i));
            tally.apply(procedure(), events.back());
            const auto step_by_step = tally.progress(procedure());
            const auto from_scratch = og::progress::derive(procedure(), "default", events);
            INFO("journal " << journal << ", event " << i << " (" << events.back().type << ")");
            REQUIRE(shown(step_by_step) == shown(from_scratch));
            if (step_by_step.state == og::progress::State::refused) refused = true;
            if (refused && !step_by_step.earlier.empty()) ++refusals_then_new_request;
        }
    }
    // The journals went through the states that make the fold hard, not only the easy ones.
    CHECK(refusals_then_new_request > 0);
}

TEST_CASE("tally: the steps a reached state implies go when a later answer takes it back",
          "[state]") {
    // Accepted makes every step done; told "more-info" after that, the request is only sent
    // again: the wait step is ahead once more, as a fresh host reading the journal shows it.
    og::progress::Tally tally(procedure(), "default");
    const auto tell = [&](const std::string& answer, const std::string& at) {
        tally.apply(procedure(),
                    og::test::journal_event("answer_received", "wait-email", at, answer));
        return tally.progress(procedure());
    };
    tally.apply(procedure(), og::test::journal_event("form_submitted", "submit-form",
                                                     "2026-12-01T10:00:00.000Z"));
    CHECK(tell("accepted", "2026-12-02T10:00:00.000Z").done_steps.count("wait-email") == 1);
    const auto p = tell("more-info", "2026-12-03T10:00:00.000Z");
    CHECK(p.state == og::progress::State::submitted);
    CHECK(p.done_steps.count("wait-email") == 0);
    CHECK(p.step_id == "wait-email");
}
