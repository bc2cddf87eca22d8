// A catalog fix that reaches users without a new host build: the extension offers the catalog
// it carries (offerCatalog), the real host validates it like an override folder, keeps it as
// the user's override and serves it; a broken one is refused with its reason and the catalog
// in use keeps serving. And "This isn't what I see" reports, stored and exported by the CLI.
#include <catch2/catch.hpp>

#include "host_process.hpp"
#include "support/portable.hpp"

using namespace og::test;

namespace {

const fs::path kBuiltin = source_dir() / "host/catalog";
const std::string kPolicy = "https://privacycenter.instagram.com/policy/";

json read_json(const fs::path& p) {
    return json::parse(read_file(p));
}

// The built-in catalog as the extension carries it, one version ahead, with `edit` applied.
json offered(const std::function<void(json& header, json& procedures)>& edit = {}) {
    json header = read_json(kBuiltin / "catalog.json");
    json procedures = json::array();
    for (const auto& e : fs::directory_iterator(kBuiltin / "procedures"))
        procedures.push_back(read_json(e.path()));
    header["version"] = header["version"].get<std::int64_t>() + 1;
    if (edit) edit(header, procedures);
    return {{"header", header}, {"procedures", procedures}};
}

json& procedure(json& procedures, const std::string& id) {
    for (auto& p : procedures)
        if (p["id"] == id) return p;
    throw std::runtime_error("no procedure " + id);
}

json& step(json& p, const std::string& id) {
    for (auto& s : p["steps"])
        if (s["id"] == id) return s;
    throw std::runtime_error("no step " + id);
}

json next_step(HostProcess& host, const std::string& url) {
    return host.request({{"id", 9},
                         {"type", "nextStep"},
                         {"context",
                          {{"url", url},
                           {"title", "Privacy Policy"},
                           {"docLang", "en"},
                           {"uiLang", "en"},
                           {"signals", {{"headings", json::array()}}}}}});
}

const std::int64_t kBuiltinVersion = read_json(kBuiltin / "catalog.json")["version"];

}  // namespace

TEST_CASE("a newer catalog offered by the extension is kept as the override and serves at once") {
    TempHome home;
    const json catalog = offered([](json&, json& procedures) {
        step(procedure(procedures, "instagram-ai-objection"),
             "open-object-section")["instruction"]["en"] =
            "Click Object (fixed by the extension's catalog).";
    });
    {
        HostProcess host(home, chromium_args());
        REQUIRE(host.request({{"id", 1}, {"type", "hello"}})["catalog"]["version"] ==
                kBuiltinVersion);
        const json reply =
            host.request({{"id", 2}, {"type", "offerCatalog"}, {"catalog", catalog}});
        INFO(reply.dump());
        REQUIRE(reply["ok"] == true);
        CHECK(reply["accepted"] == true);
        CHECK(reply["serving"] == kBuiltinVersion + 1);
        const json hello = host.request({{"id", 3}, {"type", "hello"}});
        CHECK(hello["catalog"]["version"] == kBuiltinVersion + 1);
        CHECK(hello["catalog"]["source"] == home.catalog_override().string());
        const json next = next_step(host, kPolicy);
        CHECK(next["match"]["instruction"] == "Click Object (fixed by the extension's catalog).");
        // Offering it again changes nothing: it is no longer newer.
        const json again =
            host.request({{"id", 4}, {"type", "offerCatalog"}, {"catalog", catalog}});
        CHECK(again["ok"] == true);
        CHECK(again["accepted"] == false);
    }
    // Kept: the next host (another browser, the next day) starts with it.
    CHECK(fs::exists(home.catalog_override() / "catalog.json"));
    CHECK(is_private(home.catalog_override(), true));
    CHECK(is_private(home.catalog_override() / "procedures" / "instagram-ai-objection.json"));
    // Validated once, when offered: its pack is already in the cache, which the next host
    // reads rather than validating the folder again (the entry is not rewritten).
    std::vector<fs::path> packs;
    for (const auto& e : fs::directory_iterator(home.catalog_cache())) packs.push_back(e.path());
    REQUIRE(packs.size() == 1);
    CHECK(is_private(packs.front()));
    const auto written = fs::last_write_time(packs.front());
    HostProcess later(home, firefox_args(home));
    CHECK(later.request({{"id", 1}, {"type", "hello"}})["catalog"]["version"] ==
          kBuiltinVersion + 1);
    if (owner_only_detectable()) CHECK(fs::last_write_time(packs.front()) == written);
    CHECK(run_cli(home, {"catalog", "check", home.catalog_override().string()}).exit_code == 0);
}

TEST_CASE("a broken catalog from the extension is refused with its reason, the old one serves") {
    TempHome home;
    HostProcess host(home, chromium_args());
    const json broken = offered([](json&, json& procedures) {
        step(procedure(procedures, "instagram-ai-objection"), "open-object-link")["directLink"] =
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2F";
    });
    const json reply = host.request({{"id", 1}, {"type", "offerCatalog"}, {"catalog", broken}});
    INFO(reply.dump());
    REQUIRE(reply["ok"] == false);
    CHECK(reply["error"]["code"] == "invalid_catalog");
    const std::string message = reply["error"]["message"];
    CHECK(message.find("procedures/instagram-ai-objection.json") != std::string::npos);
    CHECK(message.find("/directLink") != std::string::npos);
    CHECK(message.find("keeps serving") != std::string::npos);
    const json hello = host.request({{"id", 2}, {"type", "hello"}});
    CHECK(hello["catalog"]["version"] == kBuiltinVersion);
    CHECK(hello["catalog"]["source"] == "builtin");
    CHECK(next_step(host, kPolicy)["match"]["stepId"] == "open-object-section");
    CHECK_FALSE(fs::exists(home.catalog_override()));

    // Nor may it widen the allowlist, however valid otherwise.
    const json wider = offered(
        [](json& header, json&) { header["platforms"][2]["domains"].push_back("example.com"); });
    const json refused = host.request({{"id", 3}, {"type", "offerCatalog"}, {"catalog", wider}});
    CHECK(refused["error"]["code"] == "invalid_catalog");
    CHECK(refused["error"]["message"].get<std::string>().find("example.com") != std::string::npos);
    // A malformed message is the message's error, not the catalog's.
    const json bad =
        host.request({{"id", 4}, {"type", "offerCatalog"}, {"catalog", {{"header", 1}}}});
    CHECK(bad["error"]["code"] == "wrong_type");
    CHECK(bad["error"]["field"] == "/catalog/header");
}

TEST_CASE("'This isn't what I see' reports are kept locally and exported by the CLI") {
    TempHome home;
    home.extra_env.emplace_back("LC_ALL", "C");
    {
        HostProcess host(home, chromium_args());
        const json report = {
            {"procedureId", "instagram-ai-objection"},
            {"stepId", "open-object-link"},
            {"host", "privacycenter.instagram.com"},
            {"path", "/policy/"},
            {"pageLang", "fr-FR"},
            {"locators",
             {{{"index", 0}, {"by", "href"}, {"matched", 0}},
              {{"index", 2}, {"by", "role"}, {"matched", 3}, {"fallback", false}}}}};
        const json r = host.request({{"id", 1}, {"type", "reportMismatch"}, {"report", report}});
        INFO(r.dump());
        REQUIRE(r["ok"] == true);
        CHECK(r["reportId"] == 1);
        json with_query = report;
        with_query["path"] = "/policy/?subpage=7&email=me@example.org";
        const json q =
            host.request({{"id", 2}, {"type", "reportMismatch"}, {"report", with_query}});
        CHECK(q["error"]["code"] == "invalid_value");
        CHECK(q["error"]["field"] == "/report/path");
        json unknown = report;
        unknown["stepId"] = "nope";
        CHECK(host.request(
                  {{"id", 3}, {"type", "reportMismatch"}, {"report", unknown}})["error"]["code"] ==
              "unknown_step");
    }
    const fs::path file = home.root() / "reports.json";
    const auto cli = run_cli(home, {"report", "--export", file.string()});
    INFO(cli.err);
    REQUIRE(cli.exit_code == 0);
    CHECK(cli.out.find("1 report(s) written to") != std::string::npos);
    const json exported = json::parse(read_file(file));
    REQUIRE(exported["reports"].size() == 1);
    const json& got = exported["reports"][0]["report"];
    CHECK(got["procedureId"] == "instagram-ai-objection");
    CHECK(got["path"] == "/policy/");
    CHECK(got["pageLang"] == "fr");
    CHECK(got["catalogVersion"] == kBuiltinVersion);
    CHECK(got["client"] == "chromium");
    CHECK(got["locators"][1]["matched"] == 3);
    CHECK(exported["reports"][0]["at"].get<std::string>().size() >= 20);
    CHECK(is_private(file));
    CHECK(run_cli(home, {"report"}).exit_code == 2);
}
