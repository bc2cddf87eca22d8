// Meta's answers at a wait step (docs/catalog.md, "Answers"): what the validator accepts and
// where it points when it does not, and the state each answer the user tells leads to.
#include <catch2/catch.hpp>

#include "catalog/validator.hpp"
#include "progress/state.hpp"
#include "test_catalog_fixture.hpp"

using og::progress::State;
using og::store::Event;
using og::test::five;
using og::test::json;

namespace {

// The test procedure whose wait step (the last one) declares `answers`.
json with_answers(const json& answers) {
    json doc = og::test::procedure_json();
    doc["steps"].back()["answers"] = answers;
    return doc;
}

json all_answers() {
    return json::array({json{{"id", "accepted"}},
                        json{{"id", "refused"}, {"advice", five("Send a new request")}},
                        json{{"id", "more-info"}, {"advice", five("Answer Meta's email")}}});
}

std::vector<og::catalog::Problem> check(const json& doc) {
    std::vector<og::catalog::Problem> out;
    og::catalog::validate_procedure(doc, "procedures/test-objection.json",
                                    og::catalog::scope_of(og::test::header_json()), out);
    return out;
}

// The one problem, as "pointer: message".
std::string only_problem(const json& doc) {
    const auto problems = check(doc);
    std::string all;
    for (const auto& p : problems) all += p.pointer + ": " + p.message + "\n";
    INFO(all);
    REQUIRE(problems.size() == 1);
    return problems[0].pointer + ": " + problems[0].message;
}

const og::catalog::Procedure& procedure() {
    static const auto cat = og::test::load_catalog({with_answers(all_answers())});
    return cat.procedures.at(0);
}

Event ev(const std::string& type, const std::string& step, const std::string& at) {
    return og::test::journal_event(type, step, at);
}

Event told(const std::string& answer, const std::string& at) {
    return og::test::journal_event("answer_received", "wait-email", at, answer);
}

const std::string kSent = "2026-12-01T10:00:00.000Z";
const std::string kRefused = "2026-12-05T09:00:00.000Z";

}  // namespace

TEST_CASE("answers: a wait step declaring Meta's answers is valid and loaded", "[answers]") {
    CHECK(check(with_answers(all_answers())).empty());
    const auto* wait = procedure().answer_step();
    REQUIRE(wait != nullptr);
    CHECK(wait->id == "wait-email");
    REQUIRE(wait->answers.size() == 3);
    CHECK(wait->find_answer("refused")->advice.at("fr") == "Send a new request (fr)");
    CHECK(wait->find_answer("accepted")->advice.empty());
    CHECK(wait->find_answer("maybe") == nullptr);
}

TEST_CASE("answers: each rule is reported at its pointer", "[answers]") {
    CHECK(only_problem(
              with_answers(json::array({json{{"id", "accepted"}}, json{{"id", "ignored"}}}))) ==
          "/steps/5/answers/1/id: unknown answer \"ignored\" (known: accepted, refused, "
          "more-info)");
    CHECK(only_problem(with_answers(json::array(
              {json{{"id", "accepted"}}, json{{"id", "refused"}}, json{{"id", "refused"}}}))) ==
          "/steps/5/answers/2/id: answer \"refused\" is declared twice");
    CHECK_THAT(only_problem(with_answers(json::array({json{{"id", "refused"}}}))),
               Catch::StartsWith("/steps/5/answers: the answers must include \"accepted\""));
    CHECK(only_problem(with_answers(json::array())) == "/steps/5/answers: must not be empty");
    CHECK(only_problem(
              with_answers(json::array({json{{"id", "accepted"}, {"advise", five("x")}}}))) ==
          "/steps/5/answers/0/advise: unknown field \"advise\"");
    json no_it = five("Try again");
    no_it.erase("it");
    CHECK_THAT(
        only_problem(with_answers(json::array({json{{"id", "accepted"}, {"advice", no_it}}}))),
        Catch::StartsWith("/steps/5/answers/0/advice/it: missing translation"));
    CHECK(only_problem(with_answers(json::array({"accepted"}))) ==
          "/steps/5/answers/0: an answer must be an object {\"id\": …, \"advice\": {…}}");
    // Only the step that waits for Meta's answer has answers.
    json on_form = og::test::procedure_json();
    on_form["steps"][4]["answers"] = json::array({json{{"id", "accepted"}}});
    CHECK(only_problem(on_form) ==
          "/steps/4/answers: only a wait step marking \"confirmed\" declares Meta's answers");
    json odd_marks = with_answers(json::array({json{{"id", "accepted"}}}));
    odd_marks["steps"].back()["marks"] = 5;  // reported once, at marks; answers say why
    CHECK(check(odd_marks).size() == 2);
}

TEST_CASE("answers: what each answer the user tells makes of the request", "[answers]") {
    const auto derive = [](const std::vector<Event>& events) {
        return og::progress::derive(procedure(), "default", events);
    };
    const Event sent = ev("form_submitted", "submit-form", kSent);

    SECTION("refused is not confirmed, and trying again starts from the first step") {
        auto p = derive({sent, told("refused", kRefused)});
        CHECK(p.state == State::refused);
        CHECK(to_string(p.state) == "refused");
        CHECK_FALSE(p.confirmed_at);
        REQUIRE(p.answer);
        CHECK(p.answer->answer == "refused");
        CHECK(p.answer->at == kRefused);
        CHECK(p.submitted_at == kSent);
        CHECK(p.done_steps.empty());
        CHECK(p.step_index == 1);
        CHECK(p.step_id == "open-settings");
        // Steps walked again count; the state stays refused until a new request is sent.
        p = derive({sent, told("refused", kRefused),
                    ev("step_completed", "open-settings", "2026-12-06T10:00:00.000Z")});
        CHECK(p.state == State::refused);
        CHECK(p.step_index == 2);
    }
    SECTION("a new request after a refusal is sent again; the refused one is kept") {
        const std::string again = "2026-12-07T10:00:00.000Z";
        auto p =
            derive({sent, told("refused", kRefused), ev("form_submitted", "submit-form", again)});
        CHECK(p.state == State::submitted);
        CHECK(p.submitted_at == again);
        CHECK_FALSE(p.answer);
        REQUIRE(p.earlier.size() == 1);
        CHECK(p.earlier[0].submitted_at == kSent);
        CHECK(p.earlier[0].answer.answer == "refused");
        CHECK(p.earlier[0].answer.at == kRefused);
        CHECK(p.step_id == "wait-email");

        p = derive({sent, told("refused", kRefused), ev("form_submitted", "submit-form", again),
                    told("accepted", "2026-12-09T10:00:00.000Z")});
        CHECK(p.state == State::confirmed);
        CHECK(p.confirmed_at == "2026-12-09T10:00:00.000Z");
        CHECK(p.earlier.size() == 1);
    }
    SECTION("accepted confirms; more information keeps the request open at the wait step") {
        auto p = derive({sent, told("accepted", kRefused)});
        CHECK(p.state == State::confirmed);
        CHECK(p.confirmed_at == kRefused);
        p = derive({sent, told("more-info", kRefused)});
        CHECK(p.state == State::submitted);
        CHECK(p.answer->answer == "more-info");
        CHECK_FALSE(p.confirmed_at);
        CHECK(p.step_id == "wait-email");
    }
    SECTION("the latest answer stands: a wrong button pressed is corrected by the next") {
        auto p =
            derive({sent, told("accepted", kRefused), told("refused", "2026-12-05T09:01:00.000Z")});
        CHECK(p.state == State::refused);
        CHECK_FALSE(p.confirmed_at);
    }
    SECTION("a reset cuts the answers off, as it does every state") {
        Event reset = ev("reset", "", "2026-12-08T10:00:00.000Z");
        auto p = derive({sent, told("refused", kRefused), reset});
        CHECK(p.state == State::not_started);
        CHECK_FALSE(p.answer);
        CHECK(p.earlier.empty());
    }
}
