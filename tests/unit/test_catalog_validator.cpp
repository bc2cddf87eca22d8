// Each rule of docs/catalog.md: a valid catalog passes, and one mutation per rule is reported
// at exactly the JSON pointer of the field at fault.
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "catalog/validator.hpp"
#include "test_catalog_fixture.hpp"

using og::catalog::Problem;
using og::test::five;
using og::test::json;

namespace {

std::vector<Problem> check_procedure(const json& doc,
                                     const std::string& file = "procedures/test-objection.json",
                                     const json& header = og::test::header_json()) {
    std::vector<Problem> out;
    og::catalog::validate_procedure(doc, file, og::catalog::scope_of(header), out);
    return out;
}

std::vector<Problem> check_header(const json& doc,
                                  const og::catalog::Allowlist* trusted = nullptr) {
    std::vector<Problem> out;
    og::catalog::validate_header(doc, "catalog.json", out, trusted);
    return out;
}

std::set<std::string> pointers(const std::vector<Problem>& problems) {
    std::set<std::string> out;
    for (const auto& p : problems) out.insert(p.pointer);
    return out;
}

std::string describe(const std::vector<Problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += og::catalog::format_problem(p) + "\n";
    return out;
}

// A route of every counted step of the test procedure, then `extra`.
json route(const std::string& id, std::vector<std::string> extra) {
    std::vector<std::string> steps{"open-settings", "open-policy", "open-form", "submit-form",
                                   "wait-email"};
    steps.insert(steps.end(), extra.begin(), extra.end());
    return {{"id", id}, {"steps", steps}};
}

struct Mutation {
    const char* rule;
    std::function<void(json&)> mutate;
    const char* pointer;
};

}  // namespace

TEST_CASE("validator: the test catalog is valid as written", "[catalog][validator]") {
    auto problems = check_procedure(og::test::procedure_json());
    INFO(describe(problems));
    CHECK(problems.empty());
    std::vector<Problem> header;
    og::catalog::validate_header(og::test::header_json(), "catalog.json", header);
    CHECK(header.empty());
}

TEST_CASE("validator: each procedure rule is reported at its pointer", "[catalog][validator]") {
    const std::vector<Mutation> mutations = {
        {"id required", [](json& d) { d.erase("id"); }, "/id"},
        {"id must be a string", [](json& d) { d["id"] = 7; }, "/id"},
        {"id format", [](json& d) { d["id"] = "Test_Objection"; }, "/id"},
        {"id with double hyphen", [](json& d) { d["id"] = "test--objection"; }, "/id"},
        {"id equals the file name", [](json& d) { d["id"] = "other-objection"; }, "/id"},
        {"platform known", [](json& d) { d["platform"] = "tiktok"; }, "/platform"},
        {"platform type", [](json& d) { d["platform"] = 3; }, "/platform"},
        {"platform required", [](json& d) { d.erase("platform"); }, "/platform"},
        {"kind known", [](json& d) { d["kind"] = "quiz"; }, "/kind"},
        {"priority integer", [](json& d) { d["priority"] = "high"; }, "/priority"},
        {"minEngine at least 1", [](json& d) { d["minEngine"] = 0; }, "/minEngine"},
        {"minEngine integer", [](json& d) { d["minEngine"] = "1"; }, "/minEngine"},
        {"verified is a date", [](json& d) { d["verified"] = "29/11/2025"; }, "/verified"},
        {"verified month", [](json& d) { d["verified"] = "2025-13-01"; }, "/verified"},
        {"verified day", [](json& d) { d["verified"] = "2025-02-30"; }, "/verified"},
        {"title needs Italian", [](json& d) { d["title"].erase("it"); }, "/title/it"},
        {"title known languages", [](json& d) { d["title"]["xx"] = "?"; }, "/title/xx"},
        {"title values are strings", [](json& d) { d["title"]["fr"] = 1; }, "/title/fr"},
        {"title not empty", [](json& d) { d["title"]["de"] = ""; }, "/title/de"},
        {"title is an object", [](json& d) { d["title"] = "Object"; }, "/title"},
        {"summary required", [](json& d) { d.erase("summary"); }, "/summary"},
        {"summary needs German", [](json& d) { d["summary"].erase("de"); }, "/summary/de"},
        {"start required", [](json& d) { d.erase("start"); }, "/start"},
        {"start https only", [](json& d) { d["start"] = "http://www.instagram.com/"; }, "/start"},
        {"start domain suffix trick",
         [](json& d) { d["start"] = "https://facebook.com.evil.example/"; }, "/start"},
        {"start userinfo trick", [](json& d) { d["start"] = "https://facebook.com@evil.example/"; },
         "/start"},
        {"start missing scheme", [](json& d) { d["start"] = "www.facebook.com/privacy"; },
         "/start"},
        {"start upper case", [](json& d) { d["start"] = "HTTPS://WWW.FACEBOOK.COM/"; }, "/start"},
        {"start look-alike domain", [](json& d) { d["start"] = "https://notfacebook.com/"; },
         "/start"},
        {"start with port", [](json& d) { d["start"] = "https://www.facebook.com:8443/"; },
         "/start"},
        {"directLink query trick",
         [](json& d) { d["directLink"] = "https://evil.example/?facebook.com"; }, "/directLink"},
        {"directLink backslash trick",
         [](json& d) { d["directLink"] = "https://evil.example\\@www.facebook.com/"; },
         "/directLink"},
        {"sources is an array", [](json& d) { d["sources"] = "PGA"; }, "/sources"},
        {"sources are not links",
         [](json& d) { d["sources"][0] = "https://www.example.org/article"; }, "/sources/0"},
        {"steps required", [](json& d) { d.erase("steps"); }, "/steps"},
        {"steps not empty", [](json& d) { d["steps"] = json::array(); }, "/steps"},
        {"unknown top-level field", [](json& d) { d["titel"] = d["title"]; }, "/titel"},
        {"step must be an object", [](json& d) { d["steps"][1] = "open-policy"; }, "/steps/1"},
        {"step ids unique", [](json& d) { d["steps"][1]["id"] = "open-settings"; }, "/steps/1/id"},
        {"step id format", [](json& d) { d["steps"][1]["id"] = "Open Policy"; }, "/steps/1/id"},
        {"step kind known", [](json& d) { d["steps"][1]["kind"] = "hover"; }, "/steps/1/kind"},
        {"step kind required", [](json& d) { d["steps"][1].erase("kind"); }, "/steps/1/kind"},
        {"step unknown field",
         [](json& d) { d["steps"][0]["instructions"] = d["steps"][0]["instruction"]; },
         "/steps/0/instructions"},
        {"step instruction required", [](json& d) { d["steps"][1].erase("instruction"); },
         "/steps/1/instruction"},
        {"step instruction needs German", [](json& d) { d["steps"][1]["instruction"].erase("de"); },
         "/steps/1/instruction/de"},
        {"step warning needs Spanish", [](json& d) { d["steps"][3]["warning"].erase("es"); },
         "/steps/3/warning/es"},
        {"lookFor needs English",
         [](json& d) {
             d["steps"][2]["lookFor"] = {{"fr", "Un"}};
         },
         "/steps/2/lookFor/en"},
        {"marks values", [](json& d) { d["steps"][4]["marks"] = "done"; }, "/steps/4/marks"},
        {"wrong-page never marks", [](json& d) { d["steps"][3]["marks"] = "submitted"; },
         "/steps/3/marks"},
        {"step directLink allowlisted",
         [](json& d) { d["steps"][1]["directLink"] = "https://evil.example/"; },
         "/steps/1/directLink"},
        {"a shim to a foreign site is judged by its destination",
         [](json& d) {
             d["steps"][1]["directLink"] =
                 "https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2Fform";
         },
         "/steps/1/directLink"},
        {"a bare l.php leads nowhere",
         [](json& d) { d["steps"][1]["directLink"] = "https://www.facebook.com/l.php"; },
         "/steps/1/directLink"},
        {"apps.facebook.com serves third-party apps",
         [](json& d) { d["directLink"] = "https://apps.facebook.com/some-app/"; }, "/directLink"},
        {"no page on the shim's host",
         [](json& d) { d["steps"][0]["pages"][0]["hosts"][0] = "l.instagram.com"; },
         "/steps/0/pages/0/hosts/0"},
        {"no href pattern on the shim",
         [](json& d) {
             d["steps"][2]["targets"][0] = {{"by", "href"},
                                            {"patterns", {"https://l.facebook.com/l.php?u=*"}}};
         },
         "/steps/2/targets/0/patterns/0"},
        {"no href pattern on /l.php",
         [](json& d) {
             d["steps"][2]["targets"][0] = {{"by", "href"},
                                            {"patterns", {"https://www.facebook.com/l.php*"}}};
         },
         "/steps/2/targets/0/patterns/0"},
        {"unverified is a boolean", [](json& d) { d["steps"][1]["unverified"] = "yes"; },
         "/steps/1/unverified"},
        {"verified says on what date",
         [](json& d) {
             d["steps"][1]["verified"] = {{"on", "2026-13-01"}, {"against", "x"}};
         },
         "/steps/1/verified/on"},
        {"verified cites, not links",
         [](json& d) {
             d["steps"][1]["verified"] = {{"on", "2026-08-22"}, {"against", "https://x.example"}};
         },
         "/steps/1/verified/against"},
        {"verified or unverified, not both",
         [](json& d) {
             d["steps"][1]["verified"] = {{"on", "2026-08-22"}, {"against", "a snapshot"}};
             d["steps"][1]["unverified"] = true;
         },
         "/steps/1/verified"},
        {"fallback targets are href locators",
         [](json& d) {
             d["fallbackTargets"] = {{{"by", "css"}, {"selector", "a"}}};
         },
         "/fallbackTargets/0"},
        {"unknown-page never marks",
         [](json& d) {
             d["steps"][3]["kind"] = "unknown-page";
             d["steps"][3]["marks"] = "submitted";
         },
         "/steps/3/marks"},
        {"pages is an array", [](json& d) { d["steps"][1]["pages"] = json::object(); },
         "/steps/1/pages"},
        {"page hosts required", [](json& d) { d["steps"][0]["pages"][0].erase("hosts"); },
         "/steps/0/pages/0/hosts"},
        {"page host allowlisted",
         [](json& d) { d["steps"][0]["pages"][0]["hosts"][0] = "evil.example"; },
         "/steps/0/pages/0/hosts/0"},
        {"page host wildcard allowlisted",
         [](json& d) { d["steps"][0]["pages"][0]["hosts"][0] = "*.com"; },
         "/steps/0/pages/0/hosts/0"},
        {"page host suffix trick",
         [](json& d) { d["steps"][0]["pages"][0]["hosts"][0] = "instagram.com.evil.example"; },
         "/steps/0/pages/0/hosts/0"},
        {"page host lower case",
         [](json& d) { d["steps"][0]["pages"][0]["hosts"][0] = "WWW.INSTAGRAM.COM"; },
         "/steps/0/pages/0/hosts/0"},
        {"page host is a name, not a URL",
         [](json& d) { d["steps"][0]["pages"][0]["hosts"][0] = "https://www.instagram.com/"; },
         "/steps/0/pages/0/hosts/0"},
        {"page unknown field", [](json& d) { d["steps"][0]["pages"][0]["path"] = {"/"}; },
         "/steps/0/pages/0/path"},
        {"page path starts with a slash",
         [](json& d) { d["steps"][0]["pages"][0]["paths"][0] = "accounts"; },
         "/steps/0/pages/0/paths/0"},
        {"page path has no query",
         [](json& d) { d["steps"][0]["pages"][0]["paths"][0] = "/?next=1"; },
         "/steps/0/pages/0/paths/0"},
        {"page path has at most one **",
         [](json& d) { d["steps"][0]["pages"][0]["paths"][0] = "/**/x/**"; },
         "/steps/0/pages/0/paths/0"},
        {"page query values are strings",
         [](json& d) {
             d["steps"][0]["pages"][0]["query"] = {{"entry_point", 1}};
         },
         "/steps/0/pages/0/query/entry_point"},
        {"page headings need English",
         [](json& d) {
             d["steps"][0]["pages"][0]["headings"] = {{"fr", {"Paramètres"}}};
         },
         "/steps/0/pages/0/headings/en"},
        {"click needs targets", [](json& d) { d["steps"][0].erase("targets"); },
         "/steps/0/targets"},
        {"submit targets not empty", [](json& d) { d["steps"][4]["targets"] = json::array(); },
         "/steps/4/targets"},
        {"locator by known", [](json& d) { d["steps"][2]["targets"][0]["by"] = "xpath"; },
         "/steps/2/targets/0/by"},
        {"locator unknown field", [](json& d) { d["steps"][2]["targets"][0]["role"] = "link"; },
         "/steps/2/targets/0/role"},
        {"href pattern needs a literal origin",
         [](json& d) {
             d["steps"][2]["targets"][0]["patterns"][0] = "https://*.instagram.com/contact/*";
         },
         "/steps/2/targets/0/patterns/0"},
        {"href pattern origin must end with a slash",
         [](json& d) {
             d["steps"][2]["targets"][0]["patterns"][0] = "https://help.instagram.com*";
         },
         "/steps/2/targets/0/patterns/0"},
        {"href pattern https",
         [](json& d) {
             d["steps"][2]["targets"][0]["patterns"][0] = "http://help.instagram.com/*";
         },
         "/steps/2/targets/0/patterns/0"},
        {"href pattern allowlisted",
         [](json& d) {
             d["steps"][2]["targets"][0]["patterns"][0] =
                 "https://evil.example/help.instagram.com/";
         },
         "/steps/2/targets/0/patterns/0"},
        {"role locator needs a name", [](json& d) { d["steps"][0]["targets"][0].erase("name"); },
         "/steps/0/targets/0/name"},
        {"role names need English",
         [](json& d) { d["steps"][0]["targets"][0]["name"].erase("en"); },
         "/steps/0/targets/0/name/en"},
        {"role names are a list",
         [](json& d) { d["steps"][0]["targets"][0]["name"]["fr"] = "Paramètres"; },
         "/steps/0/targets/0/name/fr"},
        {"role names are not empty",
         [](json& d) { d["steps"][0]["targets"][0]["name"]["fr"] = {""}; },
         "/steps/0/targets/0/name/fr/0"},
        {"text locator within: no class selector",
         [](json& d) { d["steps"][2]["targets"][1]["within"] = "p.intro"; },
         "/steps/2/targets/1/within"},
        {"css: no class selector",
         [](json& d) { d["steps"][2]["targets"][2]["selector"] = "div.x1lliihq > a"; },
         "/steps/2/targets/2/selector"},
        {"css: no [class] attribute",
         [](json& d) { d["steps"][2]["targets"][2]["selector"] = "a[class*='x1n2']"; },
         "/steps/2/targets/2/selector"},
        {"css: no [ class ] with spaces",
         [](json& d) { d["steps"][2]["targets"][2]["selector"] = "div[ CLASS~=\"x\" ] a"; },
         "/steps/2/targets/2/selector"},
        {"css: unclosed bracket",
         [](json& d) { d["steps"][2]["targets"][2]["selector"] = "a[href*='x'"; },
         "/steps/2/targets/2/selector"},
        {"condition type known", [](json& d) { d["steps"][2]["complete"][0]["type"] = "clicked"; },
         "/steps/2/complete/0/type"},
        {"condition unknown field", [](json& d) { d["steps"][2]["complete"][2]["timeout"] = 5; },
         "/steps/2/complete/2/timeout"},
        {"urlMatches host allowlisted",
         [](json& d) { d["steps"][0]["complete"][0]["page"]["hosts"][0] = "evil.example"; },
         "/steps/0/complete/0/page/hosts/0"},
        {"urlMatches needs a page", [](json& d) { d["steps"][0]["complete"][0].erase("page"); },
         "/steps/0/complete/0/page"},
        {"elementAppears locator checked",
         [](json& d) { d["steps"][2]["complete"][0]["locator"]["selector"] = ".done"; },
         "/steps/2/complete/0/locator/selector"},
        {"textAppears needs English",
         [](json& d) {
             d["steps"][2]["complete"][1]["text"] = {{"fr", {"Objet"}}};
         },
         "/steps/2/complete/1/text/en"},
        {"formSubmitted selector structural",
         [](json& d) { d["steps"][4]["complete"][0]["selector"] = "form.objection"; },
         "/steps/4/complete/0/selector"},
        {"complete is an array", [](json& d) { d["steps"][4]["complete"] = "formSubmitted"; },
         "/steps/4/complete"},
        {"at least one counted step", [](json& d) { d["steps"] = json::array({d["steps"][3]}); },
         "/steps"},
        {"a route names steps of the procedure",
         [](json& d) { d["routes"] = json::array({route("a", {"nope"})}); }, "/routes/0/steps/5"},
        {"a wrong-page step is on no route",
         [](json& d) { d["routes"] = json::array({route("a", {"wrong-form"})}); },
         "/routes/0/steps/5"},
        {"a step is on a route once",
         [](json& d) { d["routes"] = json::array({route("a", {"open-form"})}); },
         "/routes/0/steps/5"},
        {"every counted step is on a route",
         [](json& d) {
             d["routes"] = json::array({route("a", {})});
             d["routes"][0]["steps"] = json::array({"open-settings"});
         },
         "/routes"},
        {"route ids unique",
         [](json& d) {
             d["routes"] = json::array({route("a", {}), route("a", {})});
         },
         "/routes/1/id"},
        {"route id format", [](json& d) { d["routes"] = json::array({route("A_b", {})}); },
         "/routes/0/id"},
        {"route fields known",
         [](json& d) {
             d["routes"] = json::array({route("a", {})});
             d["routes"][0]["name"] = "x";
         },
         "/routes/0/name"},
        {"routes not empty", [](json& d) { d["routes"] = json::array(); }, "/routes"},
    };
    for (const auto& m : mutations) {
        json doc = og::test::procedure_json();
        m.mutate(doc);
        auto problems = check_procedure(doc);
        INFO("rule: " << m.rule << "\n" << describe(problems));
        CHECK(pointers(problems) == std::set<std::string>{m.pointer});
    }
}

TEST_CASE("validator: accepted URL and selector forms", "[catalog][validator]") {
    const og::catalog::Allowlist allowlist =
        og::catalog::scope_of(og::test::header_json()).allowlist;
    auto url_allowed = [&](const std::string& url) { return allowlist.allows_url(url); };
    CHECK(url_allowed("https://www.facebook.com/help/contact/6359191084165019"));
    CHECK(url_allowed("https://facebook.com"));
    CHECK(url_allowed("https://fr-fr.facebook.com/privacy/center/?entry_point=x"));
    CHECK(url_allowed("https://accountscenter.meta.com/"));
    CHECK(url_allowed("https://www.threads.net/"));
    CHECK(url_allowed("https://www.threads.com/"));
    CHECK(url_allowed("https://faq.whatsapp.com/"));
    CHECK(url_allowed("https://www.messenger.com/"));
    CHECK_FALSE(url_allowed("https://evil-facebook.com/"));
    CHECK_FALSE(url_allowed("https://facebook.co/"));
    CHECK_FALSE(url_allowed("https:///facebook.com/"));
    CHECK_FALSE(url_allowed("https://facebook.com /"));
    CHECK_FALSE(url_allowed("//www.facebook.com/"));
    CHECK_FALSE(url_allowed("javascript:alert(1)//facebook.com"));

    // A shim to a Meta page counts as that page.
    json shimmed = og::test::procedure_json();
    shimmed["steps"][1]["directLink"] =
        "https://l.instagram.com/?u=https%3A%2F%2Fhelp.instagram.com%2Fcontact%2F233964459562201";
    shimmed["fallbackTargets"] = {
        {{"by", "href"}, {"patterns", {"https://help.instagram.com/contact/233964459562201*"}}}};
    shimmed["steps"][1]["verified"] = {{"on", "2026-08-22"}, {"against", "pga-snapshots 7108c8ad"}};
    auto shim_problems = check_procedure(shimmed);
    INFO(describe(shim_problems));
    CHECK(shim_problems.empty());

    // A dot inside an attribute value or a quoted string is not a class selector.
    json doc = og::test::procedure_json();
    doc["steps"][2]["targets"][2]["selector"] =
        "a[href*='facebook.com/help'] > span[aria-label=\"a.b\"]";
    auto problems = check_procedure(doc);
    INFO(describe(problems));
    CHECK(problems.empty());
}

TEST_CASE("validator: every problem is collected, not only the first", "[catalog][validator]") {
    json doc = og::test::procedure_json();
    doc["platform"] = "tiktok";
    doc["steps"][0]["pages"][0]["hosts"][0] = "evil.example";
    doc["steps"][4]["marks"] = "done";
    auto problems = check_procedure(doc);
    CHECK(pointers(problems) ==
          std::set<std::string>{"/platform", "/steps/0/pages/0/hosts/0", "/steps/4/marks"});
    for (const auto& p : problems) CHECK(p.file == "procedures/test-objection.json");
    CHECK(og::catalog::format_problem(problems.front())
              .rfind("procedures/test-objection.json: /", 0) == 0);
}

TEST_CASE("validator: parts needing a newer engine are not errors", "[catalog][validator]") {
    json doc = og::test::procedure_json();
    // A future step kind with fields this engine does not know.
    doc["steps"][1] =
        json{{"id", "hover-menu"}, {"kind", "hover"}, {"minEngine", 2}, {"hoverTarget", "nav"}};
    auto problems = check_procedure(doc);
    INFO(describe(problems));
    CHECK(problems.empty());

    json future = og::test::procedure_json();
    future["minEngine"] = 3;
    future["platform"] = "threads";
    future["newField"] = true;
    CHECK(check_procedure(future).empty());
}

TEST_CASE("validator: the header's rules", "[catalog][validator]") {
    const std::vector<Mutation> mutations = {
        {"format supported", [](json& d) { d["format"] = 2; }, "/format"},
        {"format integer", [](json& d) { d["format"] = "1"; }, "/format"},
        {"version positive", [](json& d) { d["version"] = 0; }, "/version"},
        {"version required", [](json& d) { d.erase("version"); }, "/version"},
        {"verified is a date", [](json& d) { d["verified"] = "2025-11-31"; }, "/verified"},
        {"description required", [](json& d) { d.erase("description"); }, "/description"},
        {"unknown field", [](json& d) { d["versoin"] = 3; }, "/versoin"},
        {"must be an object", [](json& d) { d = json::array(); }, ""},
    };
    for (const auto& m : mutations) {
        json doc = og::test::header_json();
        m.mutate(doc);
        std::vector<Problem> problems;
        og::catalog::validate_header(doc, "catalog.json", problems);
        INFO("rule: " << m.rule << "\n" << describe(problems));
        CHECK(pointers(problems) == std::set<std::string>{m.pointer});
    }
}

TEST_CASE("validator: each platform rule is reported at its pointer", "[catalog][validator]") {
    const std::vector<Mutation> mutations = {
        {"platforms required", [](json& d) { d.erase("platforms"); }, "/platforms"},
        {"platforms is an array", [](json& d) { d["platforms"] = json::object(); }, "/platforms"},
        {"platforms not empty", [](json& d) { d["platforms"] = json::array(); }, "/platforms"},
        {"platform is an object", [](json& d) { d["platforms"][1] = "facebook"; }, "/platforms/1"},
        {"platform unknown field", [](json& d) { d["platforms"][0]["domain"] = "x.com"; },
         "/platforms/0/domain"},
        {"platform id required", [](json& d) { d["platforms"][0].erase("id"); }, "/platforms/0/id"},
        {"platform id format", [](json& d) { d["platforms"][0]["id"] = "Insta gram"; },
         "/platforms/0/id"},
        {"platform ids unique", [](json& d) { d["platforms"][2]["id"] = "instagram"; },
         "/platforms/2/id"},
        {"platform name needs Italian", [](json& d) { d["platforms"][1]["name"].erase("it"); },
         "/platforms/1/name/it"},
        {"platform name required", [](json& d) { d["platforms"][1].erase("name"); },
         "/platforms/1/name"},
        {"platform hosts required", [](json& d) { d["platforms"][0].erase("hosts"); },
         "/platforms/0/hosts"},
        {"platform hosts not empty", [](json& d) { d["platforms"][0]["hosts"] = json::array(); },
         "/platforms/0/hosts"},
        {"platform host is a pattern",
         [](json& d) { d["platforms"][0]["hosts"][1] = "https://www.instagram.com/"; },
         "/platforms/0/hosts/1"},
        {"platform host lower case",
         [](json& d) { d["platforms"][0]["hosts"][0] = "Instagram.com"; }, "/platforms/0/hosts/0"},
        {"platform host within its own domains",
         [](json& d) { d["platforms"][0]["hosts"][1] = "*.facebook.com"; }, "/platforms/0/hosts/1"},
        {"platform host suffix trick",
         [](json& d) { d["platforms"][0]["hosts"][1] = "evilinstagram.com"; },
         "/platforms/0/hosts/1"},
        {"platform domains required", [](json& d) { d["platforms"][2].erase("domains"); },
         "/platforms/2/domains"},
        {"platform domains not empty",
         [](json& d) { d["platforms"][2]["domains"] = json::array(); }, "/platforms/2/domains"},
        {"domain is a string", [](json& d) { d["platforms"][2]["domains"][1] = 7; },
         "/platforms/2/domains/1"},
        {"domain has no wildcard",
         [](json& d) { d["platforms"][2]["domains"][1] = "*.threads.net"; },
         "/platforms/2/domains/1"},
        {"domain has no scheme",
         [](json& d) { d["platforms"][2]["domains"][1] = "https://threads.net"; },
         "/platforms/2/domains/1"},
        {"domain lower case", [](json& d) { d["platforms"][2]["domains"][1] = "Threads.net"; },
         "/platforms/2/domains/1"},
        {"domain is not a bare suffix", [](json& d) { d["platforms"][2]["domains"][1] = "net"; },
         "/platforms/2/domains/1"},
        {"domain is not an address", [](json& d) { d["platforms"][2]["domains"][1] = "10.0.0.1"; },
         "/platforms/2/domains/1"},
        {"domain listed once", [](json& d) { d["platforms"][2]["domains"][1] = "meta.com"; },
         "/platforms/2/domains/1"},
    };
    for (const auto& m : mutations) {
        json doc = og::test::header_json();
        m.mutate(doc);
        auto problems = check_header(doc);
        INFO("rule: " << m.rule << "\n" << describe(problems));
        CHECK(pointers(problems) == std::set<std::string>{m.pointer});
    }
}

TEST_CASE("validator: a procedure's platform is one the header declares", "[catalog][validator]") {
    json header = og::test::header_json();
    header["platforms"].push_back(og::test::platform_json("horizon", "Horizon", {"meta.com"}));
    json doc = og::test::procedure_json("test-objection", "horizon");
    INFO(describe(check_procedure(doc, "procedures/test-objection.json", header)));
    CHECK(check_procedure(doc, "procedures/test-objection.json", header).empty());

    // Without the declaration the same procedure is refused, and the message lists the ids.
    auto problems = check_procedure(doc);
    REQUIRE(pointers(problems) == std::set<std::string>{"/platform"});
    CHECK_THAT(problems[0].message, Catch::Contains("\"horizon\""));
    CHECK_THAT(problems[0].message, Catch::Contains("instagram, facebook, meta"));
}

TEST_CASE("validator: every URL is checked against the union of the platforms' domains",
          "[catalog][validator]") {
    // An Instagram procedure may link to any platform's domain: the allowlist is the union.
    json doc = og::test::procedure_json();
    doc["start"] = "https://www.threads.net/";
    doc["steps"][0]["pages"][0]["hosts"][0] = "www.messenger.com";
    CHECK(check_procedure(doc).empty());

    // Without the platforms declaring them, threads.net and messenger.com are off the list:
    // start, directLink, page hosts, href patterns and urlMatches pages alike.
    json header = og::test::header_json();
    header["platforms"] = json::array({header["platforms"][0]});
    json all = og::test::procedure_json();
    all["start"] = "https://www.threads.net/";
    all["directLink"] = "https://www.messenger.com/t/1";
    all["steps"][0]["pages"][0]["hosts"][0] = "*.messenger.com";
    all["steps"][0]["complete"][0]["page"]["hosts"][0] = "www.threads.net";
    all["steps"][2]["targets"][0]["patterns"][0] = "https://www.facebook.com/help/*";
    all["steps"][1]["directLink"] = "https://facebook.com/privacy";
    auto problems = check_procedure(all, "procedures/test-objection.json", header);
    CHECK(pointers(problems) ==
          std::set<std::string>{"/start", "/directLink", "/steps/0/pages/0/hosts/0",
                                "/steps/0/complete/0/page/hosts/0", "/steps/2/targets/0/patterns/0",
                                "/steps/1/directLink"});
    for (const auto& p : problems)
        CHECK_THAT(p.message, Catch::Contains("platforms: instagram.com)"));
}

TEST_CASE("validator: an override may not widen the built-in allowlist", "[catalog][validator]") {
    const og::catalog::Allowlist builtin = og::catalog::scope_of(og::test::header_json()).allowlist;

    // A new platform on a domain already allowed is fine: it widens nothing.
    json narrower = og::test::header_json();
    narrower["platforms"].push_back(og::test::platform_json("horizon", "Horizon", {"meta.com"}));
    CHECK(check_header(narrower, &builtin).empty());

    json wider = og::test::header_json();
    wider["platforms"].push_back(
        og::test::platform_json("example", "Example", {"meta.com", "example.com"}));
    auto problems = check_header(wider, &builtin);
    REQUIRE(pointers(problems) == std::set<std::string>{"/platforms/3/domains/1"});
    CHECK_THAT(problems[0].message, Catch::Contains("\"example.com\""));
    CHECK_THAT(problems[0].message, Catch::Contains("built-in catalog's allowlist"));
    CHECK_THAT(problems[0].message, Catch::Contains("cannot widen"));
    // The built-in catalog itself is the trust root: without a floor the same header passes.
    CHECK(check_header(wider).empty());
}
