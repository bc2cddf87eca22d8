// The catalog's rules (tests/conformance/rules.json) against the host's implementation
// (host/src/catalog, util/lang). tests/js/conformance.test.mjs runs the same cases against the
// extension's, so the two cannot drift apart.
#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "catalog/conditions.hpp"
#include "catalog/link.hpp"
#include "catalog/loader.hpp"
#include "catalog/matcher.hpp"
#include "catalog/text.hpp"
#include "progress/account.hpp"
#include "util/lang.hpp"

using nlohmann::json;
namespace cat = og::catalog;

namespace {

json load_cases() {
    std::ifstream in(OG_SOURCE_DIR "/tests/conformance/rules.json", std::ios::binary);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str()).at("cases");
}

cat::PageSnapshot snapshot(const json& c) {
    cat::PageSnapshot s;
    s.url = c.at("url").get<std::string>();
    s.doc_lang = c.value("docLang", "");
    s.headings = c.value("headings", std::vector<std::string>{});
    s.page_text = c.value("pageText", "");
    return s;
}

json verdict(cat::Verdict v) {
    if (v == cat::Verdict::undecided) return nullptr;
    return v == cat::Verdict::met;
}

const std::map<std::string, std::function<json(const json&)>> kRun = {
    {"fold", [](const json& c) { return json(cat::fold_text(c.at("text").get<std::string>())); }},
    {"lang", [](const json& c) { return json(og::lang::base(c.at("tag").get<std::string>())); }},
    {"candidates",
     [](const json& c) {
         return json(cat::localized_candidates(c.at("list").get<cat::LocalizedList>(),
                                               c.at("docLang").get<std::string>()));
     }},
    {"path",
     [](const json& c) {
         return json(cat::path_matches(c.at("pattern").get<std::string>(),
                                       c.at("path").get<std::string>()));
     }},
    {"href",
     [](const json& c) {
         return json(cat::glob_match(c.at("pattern").get<std::string>(),
                                     c.at("href").get<std::string>(), false));
     }},
    {"page",
     [](const json& c) {
         const cat::PageSnapshot s = snapshot(c);
         cat::ParsedUrl url;
         if (!cat::parse_url(s.url, url)) return json(false);
         cat::PageContext ctx;
         ctx.url = s.url;
         ctx.doc_lang = s.doc_lang;
         ctx.headings = s.headings;
         return json(cat::page_matches(cat::page_matcher_of(c.at("matcher")), url, ctx));
     }},
    {"condition",
     [](const json& c) { return verdict(cat::evaluate(c.at("condition"), snapshot(c))); }},
    {"account",
     [](const json& c) {
         return json(og::progress::valid_account_name(c.at("name").get<std::string>()));
     }},
    {"name",
     [](const json& c) {
         return json(
             cat::name_matches(c.at("name").get<std::string>(),
                               cat::localized_candidates(c.at("list").get<cat::LocalizedList>(),
                                                         c.at("docLang").get<std::string>())));
     }},
    {"destination",
     [](const json& c) {
         auto d = cat::link_destination(c.at("url").get<std::string>());
         return d ? json(*d) : json(nullptr);
     }},
    {"allowed",
     [](const json& c) {
         return json(cat::link_allowed(c.at("url").get<std::string>(),
                                       c.at("hosts").get<std::vector<std::string>>()));
     }},
};

}  // namespace

TEST_CASE("conformance: the host follows every case of tests/conformance/rules.json",
          "[conformance]") {
    const json cases = load_cases();
    REQUIRE(cases.size() >= 80);
    for (const auto& entry : kRun) {
        // Not a structured binding: clang 14 (the fuzzing build) cannot capture one in a lambda.
        const std::string& kind = entry.first;
        INFO("kind " << kind);
        CHECK(std::any_of(cases.begin(), cases.end(),
                          [&](const json& c) { return c.at("kind") == kind; }));
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const json& c = cases[i];
        INFO("case #" << i << " " << c.dump());
        auto run = kRun.find(c.at("kind").get<std::string>());
        REQUIRE(run != kRun.end());
        CHECK(run->second(c) == c.at("expect"));
    }
}

TEST_CASE("conformance: first_met picks the first condition the snapshot meets", "[conformance]") {
    const json conditions = json::parse(R"([
        {"type": "userConfirms"},
        {"type": "textAppears", "text": {"en": ["Request sent"]}},
        {"type": "urlMatches", "page": {"hosts": ["help.instagram.com"], "paths": ["/contact/*"]}}
    ])");
    cat::PageSnapshot page;
    page.url = "https://help.instagram.com/contact/1";
    page.page_text = "Nothing yet.";
    CHECK(cat::first_met(conditions, page) == std::optional<std::size_t>(2));
    page.page_text = "Request  SENT.";
    CHECK(cat::first_met(conditions, page) == std::optional<std::size_t>(1));
    page.url = "https://help.instagram.com/";
    page.page_text = "";
    CHECK(cat::first_met(conditions, page) == std::nullopt);
}
