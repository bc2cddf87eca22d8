// "Step k of n" counts the route the user is on, on the built-in catalog's Facebook and
// Instagram procedures, whose 2025 and 2026 routes and their variants lead to the same form.
#include <catch2/catch.hpp>

#include "builtin/builtin.hpp"
#include "progress/route.hpp"
#include "progress/state.hpp"

using og::progress::current;
using og::progress::position_of;

namespace {

const og::catalog::Procedure& builtin(const std::string& id) {
    static const auto loaded = og::catalog::load_embedded();
    REQUIRE(loaded.catalog);
    for (const auto& p : loaded.catalog->procedures)
        if (p.id == id) return p;
    FAIL("no procedure " << id);
    throw std::logic_error("unreachable");
}

og::store::Event done(const std::string& step) {
    og::store::Event e;
    e.type = "step_completed";
    e.step_id = step;
    e.at = "2026-12-01T10:00:00.000Z";
    return e;
}

}  // namespace

TEST_CASE("route: the Facebook form after the 2025 settings route is step 5 of 6, not 11 of 12",
          "[route]") {
    const auto& fb = builtin("facebook-ai-objection");
    const std::set<std::string> walked{"open-account-menu", "open-settings-privacy",
                                       "open-privacy-center", "open-form"};
    const auto at = position_of(fb, "submit-form", walked);
    CHECK(at.index == 5);
    CHECK(at.count == 6);
    // The progress row (popup, status, record) says the same, and names the step.
    std::vector<og::store::Event> events;
    for (const auto& s : walked) events.push_back(done(s));
    const auto p = og::progress::derive(fb, "default", events);
    CHECK(p.step_index == 5);
    CHECK(p.step_count == 6);
    CHECK(p.step_id == "submit-form");
}

TEST_CASE("route: through Facebook's triage form the same form is 7 of 8", "[route]") {
    const auto& fb = builtin("facebook-ai-objection");
    const std::set<std::string> walked{"open-account-menu",   "open-settings-privacy",
                                       "open-privacy-center", "open-form",
                                       "triage-yes",          "triage-next"};
    const auto at = position_of(fb, "submit-form", walked);
    CHECK(at.index == 7);
    CHECK(at.count == 8);
}

TEST_CASE("route: on the 2026 policy route each step counts that route only", "[route]") {
    const auto& ig = builtin("instagram-ai-objection");
    CHECK(position_of(ig, "open-object-section", {}).index == 1);
    CHECK(position_of(ig, "open-object-section", {}).count == 5);
    const auto hub = position_of(ig, "find-ai-form", {"open-object-section", "open-object-link"});
    CHECK(hub.index == 3);
    CHECK(hub.count == 5);
    const auto form =
        position_of(ig, "submit-form", {"open-object-section", "open-object-link", "find-ai-form"});
    CHECK(form.index == 4);
    CHECK(form.count == 5);
}

TEST_CASE("route: a new user is at step 1 of the first route, a wrong page at 0 of it", "[route]") {
    const auto& ig = builtin("instagram-ai-objection");
    const auto start = current(ig, {});
    CHECK(start.index == 1);
    CHECK(start.count == 7);
    CHECK(start.step_id == "open-more-menu");
    const auto wrong = position_of(ig, "generic-form", {});
    CHECK(wrong.index == 0);
    CHECK(wrong.count == 7);
}

TEST_CASE("route: a procedure naming no routes counts every counted step", "[route]") {
    const auto& advice = builtin("meta-ai-advice");
    REQUIRE(advice.routes.size() == 1);
    CHECK(current(advice, {}).count == advice.counted_steps());
}
