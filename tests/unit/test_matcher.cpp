// Which catalog steps fit a page: URL parsing, globs, host/path/query/headings rules, and the
// host index.
#include <catch2/catch.hpp>

#include "catalog/matcher.hpp"
#include "test_catalog_fixture.hpp"

using og::catalog::glob_match;
using og::catalog::PageContext;
using og::catalog::PageMatcher;
using og::catalog::ParsedUrl;
using og::test::json;

namespace {

bool fits(const PageMatcher& m, const std::string& url, const PageContext& base = {}) {
    ParsedUrl u;
    if (!og::catalog::parse_url(url, u)) return false;
    PageContext ctx = base;
    ctx.url = url;
    return og::catalog::page_matches(m, u, ctx);
}

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

TEST_CASE("matcher: globs", "[matcher]") {
    // Paths: `*` within one segment, `**` any rest.
    CHECK(glob_match("/policy/*", "/policy/cookies", true));
    CHECK_FALSE(glob_match("/policy/*", "/policy/a/b", true));
    CHECK(glob_match("/help/**", "/help/a/b/c", true));
    CHECK(glob_match("/a/*/c", "/a/b/c", true));
    CHECK_FALSE(glob_match("/a/*/c", "/a/b/x/c", true));
    CHECK(glob_match("/a/**/c", "/a/b/x/c", true));
    CHECK(glob_match("/contact/*", "/contact/233964459562201", true));
    CHECK_FALSE(glob_match("/contact", "/contact/1", true));
    CHECK_FALSE(glob_match("/contact/1", "/contact/12", true));
    // href patterns: `*` is any run, slashes included.
    CHECK(glob_match("https://help.instagram.com/contact/233964459562201*",
                     "https://help.instagram.com/contact/233964459562201?ref=policy", false));
    CHECK(glob_match("https://www.facebook.com/*/contact/*",
                     "https://www.facebook.com/help/x/contact/1", false));
    CHECK_FALSE(glob_match("https://help.instagram.com/contact/2*",
                           "https://help.instagram.com/contact/1", false));
}

TEST_CASE("matcher: page rules", "[matcher]") {
    PageMatcher m;
    m.hosts = {"www.facebook.com", "*.facebook.com"};
    m.paths = {"/privacy/center", "/help/contact/*"};

    SECTION("hosts: exact and any subdomain, never look-alikes") {
        CHECK(fits(m, "https://www.facebook.com/privacy/center"));
        CHECK(fits(m, "https://fr-fr.facebook.com/privacy/center"));
        CHECK(fits(m, "https://a.b.facebook.com/privacy/center"));
        CHECK_FALSE(fits(m, "https://facebook.com/privacy/center"));  // not the bare domain
        CHECK_FALSE(fits(m, "https://evilfacebook.com/privacy/center"));
        CHECK_FALSE(fits(m, "https://www.facebook.com.evil.example/privacy/center"));
        CHECK_FALSE(fits(m, "https://evil.example/privacy/center?h=www.facebook.com"));
        CHECK(fits(m, "https://www.facebook.com@evil.example/privacy/center") == false);
        CHECK(fits(m, "https://evil.example@www.facebook.com/privacy/center"));  // host is facebook
    }
    SECTION("paths: trailing slash ignored, globs per segment") {
        CHECK(fits(m, "https://www.facebook.com/privacy/center/"));
        CHECK(fits(m, "https://www.facebook.com/privacy/center?entry=x"));
        CHECK(fits(m, "https://www.facebook.com/help/contact/6359191084165019"));
        CHECK(fits(m, "https://www.facebook.com/help/contact/6359191084165019/"));
        CHECK_FALSE(fits(m, "https://www.facebook.com/privacy/centers"));
        CHECK_FALSE(fits(m, "https://www.facebook.com/help/contact/1/2"));
        CHECK_FALSE(fits(m, "https://www.facebook.com/"));
    }
    SECTION("no paths: any path") {
        m.paths.clear();
        CHECK(fits(m, "https://www.facebook.com/"));
        CHECK(fits(m, "https://www.facebook.com/anything/at/all"));
    }
    SECTION("`/x/**` covers `/x` itself") {
        m.paths = {"/settings/**"};
        CHECK(fits(m, "https://www.facebook.com/settings"));
        CHECK(fits(m, "https://www.facebook.com/settings/"));
        CHECK(fits(m, "https://www.facebook.com/settings/privacy/ai"));
        CHECK_FALSE(fits(m, "https://www.facebook.com/settingsx"));
    }
    SECTION("query: named parameters present, `*` any value, otherwise exact") {
        m.paths.clear();
        m.query = {{"entry_point", "*"}, {"tab", "ai"}};
        CHECK(fits(m, "https://www.facebook.com/?entry_point=x&tab=ai"));
        CHECK(fits(m, "https://www.facebook.com/?tab=ai&entry_point="));
        CHECK_FALSE(fits(m, "https://www.facebook.com/?tab=ai"));
        CHECK_FALSE(fits(m, "https://www.facebook.com/?entry_point=x&tab=AI"));
        CHECK_FALSE(fits(m, "https://www.facebook.com/#tab=ai&entry_point=1"));
    }
    SECTION("headings: page language or English, case and white space folded, exact") {
        m.paths.clear();
        m.headings = {{"en", {"How we use info for AI at Meta"}},
                      {"de", {"So verwenden wir Informationen für KI bei Meta"}}};
        PageContext ctx;
        ctx.doc_lang = "de-DE";
        ctx.headings = {"Datenschutz", "  so VERWENDEN wir\u00a0Informationen FÜR KI bei Meta "};
        CHECK(fits(m, "https://www.facebook.com/", ctx));
        ctx.headings = {"How we use INFO for AI at Meta"};
        CHECK(fits(m, "https://www.facebook.com/", ctx));  // English always accepted
        ctx.headings = {"How we use info for AI at Meta and more"};
        CHECK_FALSE(fits(m, "https://www.facebook.com/", ctx));
        ctx.headings = {};
        CHECK_FALSE(fits(m, "https://www.facebook.com/", ctx));
        ctx.doc_lang = "fr";
        ctx.headings = {
            "So verwenden wir Informationen für KI bei Meta"};  // not the page's language
        CHECK_FALSE(fits(m, "https://www.facebook.com/", ctx));
    }
}

TEST_CASE("matcher: text folding", "[matcher]") {
    using og::catalog::fold_text;
    CHECK(fold_text("  Politique   de\u00a0CONFIDENTIALITÉ\n") == "politique de confidentialité");
    CHECK(fold_text("ŁÓDŹ ŻÓŁW") == "łódź żółw");
    CHECK(fold_text("Objections") != fold_text("object"));
    CHECK(fold_text("") == "");
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
