// Choosing the step to show from the page and the stored progress together.
#include <catch2/catch.hpp>

#include <map>

#include "catalog/matcher.hpp"
#include "guide/selector.hpp"
#include "test_catalog_fixture.hpp"

using og::store::Event;
using og::test::json;

namespace {

// A catalog plus a journal per procedure, as the dispatcher would hold them.
struct World {
    og::catalog::Catalog catalog;
    og::catalog::MatchIndex index;
    std::map<std::string, std::vector<Event>> journal;

    explicit World(std::initializer_list<json> procedures)
        : catalog(og::test::load_catalog(procedures)), index(catalog) {}

    void report(const std::string& procedure, const std::string& type, const std::string& step) {
        Event e;
        e.type = type;
        e.step_id = step;
        e.procedure_id = procedure;
        e.at = "2026-11-29T10:00:00.000Z";
        journal[procedure].push_back(e);
    }

    // "procedure/step" chosen for `url`, or "" when nothing fits.
    std::string next(const std::string& url, std::optional<std::string> hint = std::nullopt) {
        og::catalog::PageContext ctx;
        ctx.url = url;
        ctx.doc_lang = "en";
        auto sel = og::guide::select_step(
            index.candidates(ctx),
            [&](const og::catalog::Procedure& p) {
                return og::progress::derive(p, "default", journal[p.id]);
            },
            hint);
        return sel ? sel->procedure->id + "/" + sel->step->id : "";
    }
};

constexpr const char* kForm = "https://help.instagram.com/contact/233964459562201";
constexpr const char* kPolicy = "https://privacycenter.instagram.com/policy/";

// A procedure whose first two steps share one page (a menu, then an item in that menu).
json menu_procedure(const std::string& id, int priority = 0) {
    json p = og::test::procedure_json(id);
    p["priority"] = priority;
    p["steps"][1] = json{{"id", "click-settings"},
                         {"kind", "click"},
                         {"pages", {{{"hosts", {"www.instagram.com"}}, {"paths", {"/"}}}}},
                         {"targets", {{{"by", "css"}, {"selector", "nav a[href='/accounts/']"}}}},
                         {"instruction", og::test::five("Click Settings")}};
    p["steps"][0]["id"] = "open-menu";
    return p;
}

}  // namespace

TEST_CASE("selector: a user arriving on the form from an email link gets the form step",
          "[selector]") {
    World w({og::test::procedure_json()});
    CHECK(w.next(kForm) == "test-objection/submit-form");
    CHECK(w.next(std::string(kForm) + "/?ref=email") == "test-objection/submit-form");
}

TEST_CASE("selector: nothing fits an unrelated page", "[selector]") {
    World w({og::test::procedure_json()});
    CHECK(w.next("https://www.instagram.com/explore/").empty());
    CHECK(w.next("https://www.example.org/").empty());
}

TEST_CASE("selector: two steps on one page: the first not done, then the next", "[selector]") {
    World w({menu_procedure("test-objection")});
    CHECK(w.next("https://www.instagram.com/") == "test-objection/open-menu");
    w.report("test-objection", "step_completed", "open-menu");
    CHECK(w.next("https://www.instagram.com/") == "test-objection/click-settings");
    w.report("test-objection", "step_completed", "click-settings");
    // Both done and the user is back: stay on the furthest of them.
    CHECK(w.next("https://www.instagram.com/") == "test-objection/click-settings");
}

TEST_CASE("selector: a wrong-page step only explains the page it matches", "[selector]") {
    World w({og::test::procedure_json()});
    CHECK(w.next("https://help.instagram.com/contact/117037592428568") ==
          "test-objection/wrong-form");

    // When a counted step also fits the page, the counted step is shown.
    json p = og::test::procedure_json();
    p["steps"][3]["pages"][0]["paths"] = {"/contact/*"};
    World both({p});
    CHECK(both.next(kForm) == "test-objection/submit-form");
}

TEST_CASE("selector: which procedure wins a shared page", "[selector]") {
    // Both procedures have the Instagram policy page; "b" has the higher priority.
    World w({og::test::procedure_json("a-objection"), menu_procedure("b-objection", 10)});

    SECTION("priority when neither is in progress") {
        CHECK(w.next(kPolicy) == "b-objection/open-form");
    }
    SECTION("equal priority: catalog order") {
        World same(
            {og::test::procedure_json("a-objection"), og::test::procedure_json("b-objection")});
        CHECK(same.next(kPolicy) == "a-objection/open-form");
    }
    SECTION("the hinted one beats priority") {
        CHECK(w.next(kPolicy, "a-objection") == "a-objection/open-form");
    }
    SECTION("the one in progress beats the hint and priority") {
        w.report("a-objection", "step_completed", "open-settings");
        CHECK(w.next(kPolicy) == "a-objection/open-form");
        CHECK(w.next(kPolicy, "b-objection") == "a-objection/open-form");
    }
    SECTION("a confirmed procedure yields its page to one still to do") {
        w.report("b-objection", "confirmation_received", "");
        CHECK(w.next(kPolicy) == "a-objection/open-form");
    }
    SECTION("an unknown hint changes nothing") {
        CHECK(w.next(kPolicy, "no-such-procedure") == "b-objection/open-form");
    }
}

TEST_CASE("selector: no candidates, no selection", "[selector]") {
    auto sel = og::guide::select_step(
        {}, [](const og::catalog::Procedure&) { return og::progress::Progress{}; }, std::nullopt);
    CHECK_FALSE(sel);
}

TEST_CASE("selector: a step for the page's query comes before one for its path alone",
          "[guide][selector]") {
    json p = og::test::procedure_json("sub-objection");
    p["steps"][1] =
        json{{"id", "open-section"},
             {"kind", "click"},
             {"pages", {{{"hosts", {"privacycenter.instagram.com"}}, {"paths", {"/policy"}}}}},
             {"targets", {{{"by", "css"}, {"selector", "nav a"}}}},
             {"instruction", og::test::five("Click Object")}};
    p["steps"][2] = json{{"id", "open-link"},
                         {"kind", "click"},
                         {"pages",
                          {{{"hosts", {"privacycenter.instagram.com"}},
                            {"paths", {"/policy"}},
                            {"query", {{"subpage", "7.subpage.11-ObjectYouHaveThe"}}}}}},
                         {"targets", {{{"by", "css"}, {"selector", "main a"}}}},
                         {"instruction", og::test::five("Click right to object")}};
    World w({p});
    // Straight from a link to the sub-page, without the section step done: the sub-page's own.
    CHECK(w.next("https://privacycenter.instagram.com/policy/"
                 "?subpage=7.subpage.11-ObjectYouHaveThe") == "sub-objection/open-link");
    CHECK(w.next(kPolicy) == "sub-objection/open-section");
}
