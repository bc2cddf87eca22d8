// The popup saves the "This isn't what I see" notes through listReports: the built host over
// real pipes answers with the same file `report --export` writes, page by page.

#include <catch2/catch.hpp>

#include "host_process.hpp"

using namespace og::test;

TEST_CASE("listReports gives the popup the file report --export writes") {
    TempHome home;
    HostProcess host(home, chromium_args());
    const json empty = host.request({{"id", 1}, {"type", "listReports"}, {"cursor", 0}});
    REQUIRE(empty["ok"] == true);
    CHECK(empty["reports"].empty());
    CHECK(empty["nextCursor"].is_null());

    for (int i = 0; i < 2; ++i) {
        const json report = {{"procedureId", "third-party-ai-objection"},
                             {"stepId", "choose-object"},
                             {"host", "www.facebook.com"},
                             {"path", "/help/contact/1266025207620918"},
                             {"pageLang", "fr"},
                             {"locators", {{{"index", 0}, {"by", "role"}, {"matched", i}}}}};
        REQUIRE(host.request(
                    {{"id", 2 + i}, {"type", "reportMismatch"}, {"report", report}})["ok"] == true);
    }
    const json listed = host.request({{"id", 4}, {"type", "listReports"}, {"cursor", 0}});
    REQUIRE(listed["ok"] == true);
    REQUIRE(listed["reports"].size() == 2);
    CHECK(listed["reports"][1]["report"]["locators"][0]["matched"] == 1);
    CHECK(listed["catalogVersion"].is_number_integer());
    CHECK_THAT(listed["about"].get<std::string>(), Catch::Contains("no query, no page text"));
    CHECK(host.request({{"id", 5}, {"type", "listReports"}, {"cursor", -1}})["error"]["field"] ==
          "/cursor");
    // The popup asks in its own language: a French user's file says what it holds in French.
    const json french =
        host.request({{"id", 6}, {"type", "listReports"}, {"cursor", 0}, {"uiLang", "fr-FR"}});
    REQUIRE(french["ok"] == true);
    CHECK_THAT(french["about"].get<std::string>(), Catch::Contains("sans paramètres ni texte"));
    CHECK(french["reports"] == listed["reports"]);

    const auto file = home.root() / "reports.json";
    CliResult cli = run_cli(home, {"report", "--export", file.string()});
    REQUIRE(cli.exit_code == 0);
    const json written = json::parse(read_file(file));
    CHECK(written["reports"] == listed["reports"]);
    CHECK(written["about"] == listed["about"]);
    CHECK(written["catalogVersion"] == listed["catalogVersion"]);
}
