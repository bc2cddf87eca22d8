// URL parsing and the host index. The matching rules themselves (globs, hosts, paths, query,
// headings, folding) are cases of tests/conformance/rules.json, run by test_conformance.cpp.
#include <catch2/catch.hpp>

#include "catalog/matcher.hpp"
#include "test_catalog_fixture.hpp"

using og::catalog::PageContext;
using og::catalog::ParsedUrl;
using og::test::json;

namespace {

std::vector<std::string> candidate_ids(const og::catalog::MatchIndex& index, const std::string& url,
                                       std::vector<std::string> headings = {},
                                       std::string doc_lang = "en") {
    PageContext ctx;
    ctx.url = url;
    ctx.doc_lang = std::move(doc_lang);
    ctx.headings = std::move(headings);
    std::vector<std::string> out;
    for (const auto& ref : index.candidates(ctx))
        out.push_back(ref.procedure->id + "/" + ref.step->id);
    return out;
}

}  // namespace

TEST_CASE("matcher: URL parsing", "[matcher]") {
    ParsedUrl u;
    REQUIRE(og::catalog::parse_url(
        "HTTPS://user:secret@FR-FR.Facebook.COM:443/help/contact/?entry_point=a%20b&x=1+2&flag#top",
        u));
    CHECK(u.scheme == "https");
    CHECK(u.host == "fr-fr.facebook.com");
    CHECK(u.path == "/help/contact/");
    REQUIRE(u.query.size() == 3);
    CHECK(u.query[0] == std::pair<std::string, std::string>{"entry_point", "a b"});
    CHECK(u.query[1] == std::pair<std::string, std::string>{"x", "1 2"});
    CHECK(u.query[2] == std::pair<std::string, std::string>{"flag", ""});

    REQUIRE(og::catalog::parse_url("https://www.instagram.com", u));
    CHECK(u.path == "/");
    CHECK(u.query.empty());
    REQUIRE(og::catalog::parse_url("https://www.facebook.com.?a=1", u));
    CHECK(u.host == "www.facebook.com");
    CHECK(u.path == "/");

    CHECK_FALSE(og::catalog::parse_url("www.facebook.com/help", u));
    CHECK_FALSE(og::catalog::parse_url("https:///help", u));
    CHECK_FALSE(og::catalog::parse_url("javascript:alert(1)", u));
    CHECK_FALSE(og::catalog::parse_url("", u));
}

TEST_CASE("matcher: the index finds the steps of a page, once each, in catalog order",
          "[matcher]") {
    json a = og::test::procedure_json("a-objection");
    json b = og::test::procedure_json("b-objection", "facebook");
    b["steps"][0]["pages"] = {{{"hosts", {"*.facebook.com"}}, {"paths", {"/settings"}}},
                              {{"hosts", {"www.facebook.com"}}, {"paths", {"/settings/**"}}}};
    b["steps"][0]["complete"] = json::array();
    b["steps"][1]["pages"] = {{{"hosts", {"*.facebook.com"}}, {"paths", {"/settings"}}}};
    json c = og::test::procedure_json("c-objection", "facebook");
    c["steps"][1]["pages"] = {{{"hosts", {"www.facebook.com"}}, {"paths", {"/*/privacy"}}}};
    auto cat = og::test::load_catalog({a, b, c});
    og::catalog::MatchIndex index(cat);

    // A glob in the first segment still fits any first segment.
    CHECK(candidate_ids(index, "https://www.facebook.com/me/privacy/") ==
          std::vector<std::string>{"c-objection/open-policy"});

    CHECK(candidate_ids(index, "https://privacycenter.instagram.com/policy/") ==
          std::vector<std::string>{"a-objection/open-form", "b-objection/open-form",
                                   "c-objection/open-form"});
    CHECK(candidate_ids(index, "https://privacycenter.instagram.com/policy/cookies") ==
          std::vector<std::string>{"a-objection/open-form", "b-objection/open-form",
                                   "c-objection/open-form"});
    // Two pages of one step both fit: the step is listed once.
    CHECK(candidate_ids(index, "https://www.facebook.com/settings") ==
          std::vector<std::string>{"b-objection/open-settings", "b-objection/open-policy"});
    CHECK(candidate_ids(index, "https://de-de.facebook.com/settings/") ==
          std::vector<std::string>{"b-objection/open-settings", "b-objection/open-policy"});
    CHECK(candidate_ids(index, "https://help.instagram.com/contact/117037592428568") ==
          std::vector<std::string>{"a-objection/wrong-form", "b-objection/wrong-form",
                                   "c-objection/wrong-form"});
    CHECK(candidate_ids(index, "https://facebook.com/settings").empty());
    CHECK(candidate_ids(index, "http://privacycenter.instagram.com/policy/").empty());
    CHECK(candidate_ids(index, "not a url").empty());
    CHECK(candidate_ids(index, "https://evil.example/policy").empty());
}

TEST_CASE("matcher: the index at 1,000 procedures returns exactly the fitting steps", "[matcher]") {
    std::vector<json> procs;
    for (int i = 0; i < 1000; ++i) {
        json p = og::test::procedure_json(og::test::numbered("p", 1000 + i));
        // Each procedure gets a form of its own; all share the Instagram pages.
        p["steps"][4]["pages"][0]["paths"][0] = og::test::numbered("/contact/", 1000 + i);
        procs.push_back(std::move(p));
    }
    auto cat = og::test::load_catalog(procs);
    og::catalog::MatchIndex index(cat);
    CHECK(candidate_ids(index, "https://help.instagram.com/contact/1500") ==
          std::vector<std::string>{"p1500/submit-form"});
    CHECK(candidate_ids(index, "https://privacycenter.instagram.com/policy").size() == 1000);
}
