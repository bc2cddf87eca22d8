// Deriving a procedure's progress from its journal of events.
#include <catch2/catch.hpp>

#include "progress/state.hpp"
#include "test_catalog_fixture.hpp"

using og::progress::State;
using og::store::Event;

namespace {

Event ev(const std::string& type, const std::string& step, const std::string& at) {
    return og::test::journal_event(type, step, at);
}

const og::catalog::Procedure& procedure() {
    static const auto cat = og::test::load_catalog({og::test::procedure_json()});
    return cat.procedures.at(0);
}

}  // namespace

TEST_CASE("state: nothing reported means not started at step 1", "[state]") {
    auto p = og::progress::derive(procedure(), "default", {});
    CHECK(p.state == State::not_started);
    CHECK(to_string(p.state) == "not_started");
    CHECK(p.step_index == 1);
    CHECK(p.step_count == 5);
    CHECK(p.procedure_id == "test-objection");
    CHECK(p.platform == "instagram");
    CHECK(p.account == "default");
    CHECK_FALSE(p.started_at);
    CHECK_FALSE(p.updated_at);
}

TEST_CASE("state: steps move the user forward", "[state]") {
    std::vector<Event> events{ev("step_shown", "open-settings", "2026-11-29T10:00:00.000Z")};
    auto p = og::progress::derive(procedure(), "default", events);
    CHECK(p.state == State::in_progress);
    CHECK(p.step_index == 1);
    CHECK(p.started_at == "2026-11-29T10:00:00.000Z");

    events.push_back(ev("step_completed", "open-settings", "2026-11-29T10:01:00.000Z"));
    events.push_back(ev("step_skipped", "open-policy", "2026-11-29T10:02:00.000Z"));
    p = og::progress::derive(procedure(), "default", events);
    CHECK(p.state == State::in_progress);
    CHECK(p.step_index == 3);
    CHECK(p.done_steps == std::set<std::string>{"open-settings", "open-policy"});
    CHECK(p.updated_at == "2026-11-29T10:02:00.000Z");
    CHECK_FALSE(p.submitted_at);

    // The wrong-page step between open-form (3) and submit-form (4) is never current.
    events.push_back(ev("step_completed", "open-form", "2026-11-29T10:03:00.000Z"));
    p = og::progress::derive(procedure(), "default", events);
    CHECK(p.step_index == 4);
}

TEST_CASE("state: the current step is the first one not done, in catalog order", "[state]") {
    auto p = og::progress::derive(
        procedure(), "default", {ev("step_completed", "open-policy", "2026-11-29T10:00:00.000Z")});
    CHECK(p.step_index == 1);
    CHECK(p.state == State::in_progress);
}

TEST_CASE("state: submitting the form", "[state]") {
    SECTION("form_submitted, straight from an email link") {
        auto p =
            og::progress::derive(procedure(), "default",
                                 {ev("step_shown", "submit-form", "2026-11-29T10:00:00.000Z"),
                                  ev("form_submitted", "submit-form", "2026-11-29T10:05:00.000Z")});
        CHECK(p.state == State::submitted);
        CHECK(p.submitted_at == "2026-11-29T10:05:00.000Z");
        CHECK_FALSE(p.confirmed_at);
        CHECK(p.step_index == 5);  // the steps up to the form are behind the user
    }
    SECTION("the record keeps what Meta showed, dated, and the page it was on") {
        Event sent = ev("form_submitted", "submit-form", "2026-11-29T10:05:00.000Z");
        sent.url = "https://help.instagram.com/contact/233964459562201";
        auto p = og::progress::derive(procedure(), "default", {sent});
        REQUIRE(p.sent_evidence);
        CHECK_THAT(*p.sent_evidence, Catch::Contains("We've received your request."));
        CHECK(p.sent_url == sent.url);
    }
    SECTION("a bare form_submitted (no evidence, as older journals hold) proves nothing") {
        Event bare = ev("form_submitted", "submit-form", "2026-11-29T10:05:00.000Z");
        bare.evidence.clear();
        auto p = og::progress::derive(procedure(), "default", {bare});
        CHECK(p.state == State::in_progress);
        CHECK_FALSE(p.submitted_at);
    }
    SECTION("pressing Done on the form step is not sending it") {
        auto p =
            og::progress::derive(procedure(), "default",
                                 {ev("step_completed", "submit-form", "2026-11-29T10:05:00.000Z")});
        CHECK(p.state == State::in_progress);
        CHECK_FALSE(p.submitted_at);
        CHECK_FALSE(p.done_steps.contains("submit-form"));
    }
    SECTION("skipping it does not") {
        auto p =
            og::progress::derive(procedure(), "default",
                                 {ev("step_skipped", "submit-form", "2026-11-29T10:05:00.000Z")});
        CHECK(p.state == State::in_progress);
    }
}

TEST_CASE("state: confirmation", "[state]") {
    SECTION("confirmation_received") {
        auto p =
            og::progress::derive(procedure(), "default",
                                 {ev("form_submitted", "submit-form", "2026-11-29T10:05:00.000Z"),
                                  ev("confirmation_received", "", "2026-11-29T11:00:00.000Z"),
                                  ev("step_shown", "open-form", "2026-11-29T12:00:00.000Z")});
        CHECK(p.state == State::confirmed);  // later visits do not undo it
        CHECK(p.submitted_at == "2026-11-29T10:05:00.000Z");
        CHECK(p.confirmed_at == "2026-11-29T11:00:00.000Z");
        CHECK(p.step_index == p.step_count);
    }
    SECTION("completing the wait step is not the user's word that the email arrived") {
        auto p =
            og::progress::derive(procedure(), "default",
                                 {ev("step_completed", "wait-email", "2026-11-29T11:00:00.000Z")});
        CHECK(p.state == State::in_progress);
        CHECK_FALSE(p.confirmed_at);
    }
}

TEST_CASE("state: a reset cuts the history off", "[state]") {
    std::vector<Event> events{
        ev("step_completed", "open-settings", "2026-11-29T10:00:00.000Z"),
        ev("form_submitted", "submit-form", "2026-11-29T10:05:00.000Z"),
        ev("reset", "", "2026-11-29T10:10:00.000Z"),
    };
    auto p = og::progress::derive(procedure(), "default", events);
    CHECK(p.state == State::not_started);
    CHECK(p.step_index == 1);
    CHECK(p.done_steps.empty());
    CHECK_FALSE(p.started_at);
    CHECK_FALSE(p.submitted_at);
    CHECK(p.updated_at == "2026-11-29T10:10:00.000Z");

    events.push_back(ev("step_completed", "open-settings", "2026-11-29T10:20:00.000Z"));
    p = og::progress::derive(procedure(), "default", events);
    CHECK(p.state == State::in_progress);
    CHECK(p.started_at == "2026-11-29T10:20:00.000Z");
    CHECK(p.step_index == 2);
}

TEST_CASE("state: every step done leaves the index on the last step", "[state]") {
    std::vector<Event> events;
    for (const char* s : {"open-settings", "open-policy", "open-form", "submit-form"})
        events.push_back(ev("step_skipped", s, "2026-11-29T10:00:00.000Z"));
    events.push_back(ev("step_skipped", "wait-email", "2026-11-29T10:00:00.000Z"));
    auto p = og::progress::derive(procedure(), "default", events);
    CHECK(p.step_index == 5);
    CHECK(p.state == State::in_progress);
}

TEST_CASE("state: a refused or never-sent form leaves the state where it was", "[state]") {
    // The user pressed Send, the page refused it: the extension reports nothing, so the journal
    // holds only what led there.
    auto p = og::progress::derive(procedure(), "default",
                                  {ev("step_completed", "open-form", "2026-11-29T10:00:00.000Z"),
                                   ev("step_shown", "submit-form", "2026-11-29T10:01:00.000Z")});
    CHECK(p.state == State::in_progress);
    CHECK_FALSE(p.submitted_at);
    CHECK_FALSE(p.sent_evidence);
}
