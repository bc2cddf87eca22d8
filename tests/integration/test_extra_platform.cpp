// The catalog engine's promise, kept: a platform nobody coded for (a made-up "horizon" on a
// made-up Meta subdomain) is added by a catalog folder alone, and the real host binary guides,
// records, reports and exports it over real pipes and from the terminal.
#include <catch2/catch.hpp>

#include <algorithm>

#include "host_process.hpp"

using namespace og::test;

namespace {

const fs::path kCatalog = source_dir() / "tests/fixtures/extra-platform-catalog";
const std::string kSettings = "https://www.horizon.meta.com/settings/privacy";
const std::string kForm = "https://www.horizon.meta.com/help/contact/4242";

json page(const std::string& url, const std::string& lang) {
    return {{"url", url},
            {"title", "Horizon"},
            {"docLang", lang},
            {"uiLang", lang},
            {"signals", {{"headings", json::array()}}}};
}

json event(const std::string& id, const std::string& type, const std::string& step,
           const std::string& url) {
    json e = {{"eventId", id},  {"procedureId", "horizon-ai-objection"},
              {"stepId", step}, {"type", type},
              {"url", url},     {"client", "chromium"}};
    if (type == "form_submitted") e["evidence"] = {{"text", "Your objection was received."}};
    return e;
}

bool find_by_value(const json& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

const json* find_by(const json& list, const std::string& key, const std::string& value) {
    auto it =
        std::find_if(list.begin(), list.end(), [&](const json& x) { return x[key] == value; });
    return it == list.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a made-up platform added by catalog data alone is guided, recorded and exported") {
    TempHome home;
    home.install_catalog(kCatalog);
    home.extra_env.emplace_back("LC_ALL", "C");  // the CLI's texts in English

    // The folder is a valid catalog as it stands, built-in allowlist included.
    const auto check = run_cli(home, {"catalog", "check", kCatalog.string()});
    INFO(check.out);
    REQUIRE(check.exit_code == 0);

    {
        HostProcess host(home, chromium_args());
        const json hello = host.request({{"id", 1}, {"type", "hello"}, {"client", "chromium"}});
        REQUIRE(hello["ok"] == true);
        CHECK(hello["catalog"]["version"] == 9000000002LL);
        CHECK(hello["catalog"]["overrideError"].is_null());
        const json* horizon = find_by(hello["catalog"]["platforms"], "id", "horizon");
        REQUIRE(horizon);
        CHECK((*horizon)["name"]["fr"] == "Mondes Horizon");
        CHECK((*horizon)["hosts"] == json({"horizon.meta.com", "*.horizon.meta.com"}));
        CHECK(hello["catalog"]["platforms"].back()["id"] == "horizon");  // catalog order
        // A new platform on an allowed domain leaves the domains as they were; the hosts its
        // steps name join the allowlist.
        CHECK(hello["catalog"]["domains"] ==
              json({"facebook.com", "instagram.com", "messenger.com", "meta.com", "threads.com",
                    "threads.net", "whatsapp.com"}));
        CHECK(find_by_value(hello["catalog"]["allowlist"], "*.horizon.meta.com"));
        CHECK(!find_by_value(hello["catalog"]["allowlist"], "apps.facebook.com"));

        const json first =
            host.request({{"id", 2}, {"type", "nextStep"}, {"context", page(kSettings, "fr")}});
        REQUIRE(first["match"].is_object());
        CHECK(first["match"]["procedureId"] == "horizon-ai-objection");
        CHECK(first["match"]["platform"] == "horizon");
        CHECK(first["match"]["stepId"] == "open-form");
        CHECK(first["match"]["instruction"] == "Cliquez sur « M’opposer ».");

        const json opened = host.request(
            {{"id", 3},
             {"type", "reportEvent"},
             {"event", event("horizon-evt-0001", "step_completed", "open-form", kSettings)}});
        REQUIRE(opened["ok"] == true);
        CHECK(opened["progress"]["platform"] == "horizon");
        CHECK(opened["progress"]["state"] == "in_progress");

        const json form =
            host.request({{"id", 4}, {"type", "nextStep"}, {"context", page(kForm, "en")}});
        CHECK(form["match"]["stepId"] == "submit-form");
        const json sent = host.request(
            {{"id", 5},
             {"type", "reportEvent"},
             {"event", event("horizon-evt-0002", "form_submitted", "submit-form", kForm)}});
        CHECK(sent["progress"]["state"] == "submitted");

        const json progress =
            host.request({{"id", 6}, {"type", "getProgress"}, {"platform", "horizon"}});
        REQUIRE(progress["ok"] == true);
        REQUIRE(progress["progress"].size() == 1);
        CHECK(progress["progress"][0]["procedureId"] == "horizon-ai-objection");
        CHECK(progress["progress"][0]["state"] == "submitted");

        // A platform the catalog does not declare is refused, naming the ones it does.
        const json unknown =
            host.request({{"id", 7}, {"type", "getProgress"}, {"platform", "tiktok"}});
        CHECK(unknown["error"]["code"] == "invalid_value");
        CHECK_THAT(unknown["error"]["message"].get<std::string>(),
                   Catch::Contains("instagram, facebook, meta, horizon"));

        const json accounts = host.request({{"id", 8}, {"type", "listAccounts"}});
        const json* def = find_by(accounts["accounts"], "platform", "horizon");
        REQUIRE(def);
        CHECK((*def)["account"] == "default");
        CHECK((*def)["isDefault"] == true);
        const json work = host.request(
            {{"id", 9}, {"type", "setAccount"}, {"platform", "horizon"}, {"account", "work"}});
        REQUIRE(work["ok"] == true);
        CHECK(std::count_if(work["accounts"].begin(), work["accounts"].end(),
                            [](const json& a) { return a["platform"] == "horizon"; }) == 2);
        CHECK(host.wait() == 0);
    }

    const auto status = run_cli(home, {"status"});
    REQUIRE(status.exit_code == 0);
    CHECK_THAT(status.out, Catch::Contains("horizon-ai-objection"));
    CHECK_THAT(status.out, Catch::Contains("Horizon Worlds/default"));
    CHECK_THAT(status.out, Catch::Contains("submitted"));
    const json rows = json::parse(run_cli(home, {"status", "--json"}).out);
    const json* row = find_by(rows, "account", "default");
    REQUIRE(row);
    CHECK((*row)["platform"] == "horizon");
    CHECK((*row)["state"] == "submitted");

    const auto exported = run_cli(home, {"export", "--format", "json", "--lang", "fr"});
    REQUIRE(exported.exit_code == 0);
    const json record = json::parse(exported.out);
    const json* named = find_by(record["platforms"], "id", "horizon");
    REQUIRE(named);
    CHECK((*named)["name"] == "Mondes Horizon");
    REQUIRE(record["procedures"].size() == 1);
    CHECK(record["procedures"][0]["platform"] == "horizon");
    CHECK(record["procedures"][0]["formUrl"] == kForm);
    REQUIRE(record["events"].size() == 2);
    CHECK(record["events"][1]["platform"] == "horizon");

    const auto html = run_cli(home, {"export", "--format", "html", "--lang", "fr"});
    REQUIRE(html.exit_code == 0);
    CHECK_THAT(html.out, Catch::Contains("Mondes Horizon / default"));
    CHECK_THAT(html.out, Catch::Contains(kForm));
    const auto html_en = run_cli(home, {"export", "--format", "html", "--lang", "en"});
    CHECK_THAT(html_en.out, Catch::Contains("Horizon Worlds / default"));
}

TEST_CASE("a user catalog that widens the allowlist is refused, and hello says which domain") {
    TempHome home;
    home.install_catalog(kCatalog);
    // The same folder with the made-up platform moved to a domain the built-in catalog lacks.
    const fs::path header = home.catalog_override() / "catalog.json";
    json doc = json::parse(read_file(header));
    doc["platforms"].back()["domains"] = {"example.com"};
    doc["platforms"].back()["hosts"] = {"www.example.com"};
    { std::ofstream(header) << doc.dump(2); }

    HostProcess host(home, chromium_args());
    const json hello = host.request({{"id", 1}, {"type", "hello"}});
    CHECK(hello["catalog"]["source"] == "builtin");
    REQUIRE(hello["catalog"]["overrideError"].is_string());
    const std::string why = hello["catalog"]["overrideError"];
    CHECK_THAT(why, Catch::Contains("/platforms/3/domains/0"));
    CHECK_THAT(why, Catch::Contains("\"example.com\""));
    CHECK(std::find(hello["catalog"]["allowlist"].begin(), hello["catalog"]["allowlist"].end(),
                    "example.com") == hello["catalog"]["allowlist"].end());
    CHECK(find_by(hello["catalog"]["platforms"], "id", "horizon") == nullptr);
    CHECK(host.wait() == 0);
}
