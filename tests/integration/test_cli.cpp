// The CLI against a real store that a browser conversation filled.

#include <catch2/catch.hpp>
#include <thread>
#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "host_process.hpp"
#include "support/portable.hpp"

using namespace og::test;

namespace {

const std::string kForm = "https://help.instagram.com/contact/233964459562201";

// What the CLI printed, with Windows' "\r\n" read as "\n" (text-mode streams there).
std::string lines(std::string text) {
    std::erase(text, '\r');
    return text;
}

// Plays the browser side of an objection up to the submitted form.
void object_through_browser(const TempHome& home) {
    HostProcess host(home, chromium_args());
    for (const auto& [id, type, step] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"cli-evt-0001", "step_completed", "open-form"},
             {"cli-evt-0002", "form_submitted", "submit-form"}}) {
        json event = {{"eventId", id},  {"procedureId", "test-objection"},
                      {"stepId", step}, {"type", type},
                      {"url", kForm},   {"client", "chromium"}};
        if (type == "form_submitted")
            event["evidence"] = {{"text", "We've received your request."}};
        const json r = host.request({{"id", id}, {"type", "reportEvent"}, {"event", event}});
        REQUIRE(r["ok"] == true);
    }
    REQUIRE(host.wait() == 0);
}

}  // namespace

TEST_CASE("status shows each procedure's state, step and dates") {
    TempHome home;
    home.install_catalog();
    const auto empty = run_cli(home, {"status", "--json"});
    REQUIRE(empty.exit_code == 0);
    const json before = json::parse(empty.out);
    REQUIRE(before.size() == 1);
    CHECK(before[0]["state"] == "not_started");

    object_through_browser(home);
    const auto text = run_cli(home, {"status"});
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out, Catch::Contains("test-objection"));
    CHECK_THAT(text.out, Catch::Contains("Instagram/default"));  // the catalog's name
    CHECK_THAT(text.out, Catch::Contains("submitted"));
    const json after = json::parse(run_cli(home, {"status", "--json"}).out);
    CHECK(after[0]["state"] == "submitted");
    CHECK(after[0]["stepIndex"] == 3);
    CHECK(after[0]["stepCount"] == 3);
    CHECK(after[0]["submittedAt"].is_string());
}

TEST_CASE("export: a dated record of what was objected to, when, and through which form") {
    TempHome home;
    home.install_catalog();
    object_through_browser(home);

    const auto j = run_cli(home, {"export", "--format", "json"});
    REQUIRE(j.exit_code == 0);
    const json record = json::parse(j.out);
    CHECK(record["generatedAt"].is_string());
    CHECK(record["catalog"]["version"] == 9000000001LL);
    REQUIRE(record["procedures"].size() == 1);
    const json& p = record["procedures"][0];
    CHECK(p["title"] == "Test objection");
    CHECK(p["state"] == "submitted");
    CHECK(p["submittedAt"].is_string());
    CHECK(p["formUrl"] == kForm);
    CHECK(p["formCatalogVersion"] == 9000000001LL);
    CHECK(record["events"].size() == 2);

    const fs::path file = home.root() / "record.html";
    const auto h =
        run_cli(home, {"export", "--format", "html", "-o", file.string(), "--lang", "fr"});
    REQUIRE(h.exit_code == 0);
    CHECK(h.out.empty());
    const std::string html = read_file(file);
    CHECK_THAT(html, Catch::StartsWith("<!doctype html>"));
    CHECK_THAT(html, Catch::Contains("<html lang=\"fr\">"));
    CHECK_THAT(html, Catch::Contains("Opposition envoyée"));
    CHECK_THAT(html, Catch::Contains("Opposition de test"));
    CHECK_THAT(html, Catch::Contains(kForm));
    CHECK_THAT(html, Catch::Contains("@media print"));
    // Self-contained: nothing is fetched when it is opened or printed.
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(og::test::is_private(file));

    SECTION("the language follows LANG when --lang is not given") {
        home.extra_env = {{"LANG", "fr_FR.UTF-8"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}};
        CHECK_THAT(run_cli(home, {"export", "--format", "html"}).out,
                   Catch::Contains("Relevé des oppositions"));
        home.extra_env = {{"LANG", "en_GB.UTF-8"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}};
        CHECK_THAT(run_cli(home, {"export", "--format", "html"}).out,
                   Catch::Contains("Record of objections"));
        home.extra_env = {{"LANG", "fr_FR.UTF-8"}, {"LC_ALL", "es_ES.UTF-8"}, {"LC_MESSAGES", ""}};
        CHECK_THAT(run_cli(home, {"export", "--format", "html"}).out,
                   Catch::Contains("Registro de oposiciones al entrenamiento"));
    }

    SECTION("status speaks the locale's language") {
        home.extra_env = {{"LANG", "fr_FR.UTF-8"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}};
        const auto fr = run_cli(home, {"status"});
        CHECK_THAT(fr.out, Catch::Contains("DÉMARCHE"));
        CHECK_THAT(fr.out, Catch::Contains("Opposition envoyée"));
        CHECK_THAT(fr.out, Catch::Contains("Catalogue "));
        home.extra_env = {{"LANG", ""}, {"LC_ALL", ""}, {"LC_MESSAGES", "de_DE.UTF-8"}};
        const auto de = run_cli(home, {"status"});
        CHECK_THAT(de.out, Catch::Contains("VERFAHREN"));
        CHECK_THAT(de.out, Catch::Contains("Widerspruch abgeschickt"));
        // The columns line up whatever the accents: "ÉTAT" is four characters, not five bytes.
        const auto header = fr.out.substr(fr.out.find("DÉMARCHE"));
        CHECK(header.find("COMPTE") == std::string("DÉMARCHE").size() + (34 - 8));
    }
}

#ifndef _WIN32
TEST_CASE("export -o writes to a pipe or /dev/stdout as it is, a regular file owner-only") {
    TempHome home;
    home.install_catalog();
    object_through_browser(home);
    const std::string whole = run_cli(home, {"export"}).out;
    REQUIRE(json::parse(whole)["procedures"].size() == 1);

    // stdout is the test's pipe here: the record arrives there, not in a file beside /dev.
    const auto piped = run_cli(home, {"export", "-o", "/dev/stdout"});
    REQUIRE(piped.exit_code == 0);
    CHECK(json::parse(piped.out)["procedures"] == json::parse(whole)["procedures"]);

    // A named pipe another program reads.
    const fs::path fifo = home.root() / "record.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] { received = read_file(fifo); });
    const auto to_fifo = run_cli(home, {"export", "--format", "html", "-o", fifo.string()});
    // Had the host never opened the pipe, the reader would wait for ever: a writer releases it.
    if (const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK); fd >= 0) ::close(fd);
    reader.join();
    CHECK(to_fifo.exit_code == 0);
    CHECK_THAT(received, Catch::StartsWith("<!doctype html>"));
    CHECK(fs::is_fifo(fifo));

    // A link to a regular file is still replaced, never written through.
    const fs::path target = home.root() / "someone-elses.txt";
    { std::ofstream(target) << "keep"; }
    const fs::path link = home.root() / "record.json";
    fs::create_symlink(target, link);
    REQUIRE(run_cli(home, {"export", "-o", link.string()}).exit_code == 0);
    CHECK(read_file(target) == "keep");
    CHECK(!fs::is_symlink(link));
    CHECK(og::test::is_private(link));
}
#endif

TEST_CASE("reset starts a procedure again and keeps its history") {
    TempHome home;
    home.install_catalog();
    object_through_browser(home);
    home.extra_env = {{"LC_ALL", "C"}};
    const auto r = run_cli(home, {"reset", "test-objection", "--account", "default"});
    REQUIRE(r.exit_code == 0);
    CHECK(lines(r.out) ==
          "test-objection (Instagram/default) restarted; now: Not started. The history "
          "stays in the record.\n");
    CHECK(json::parse(run_cli(home, {"status", "--json"}).out)[0]["state"] == "not_started");
    const json record = json::parse(run_cli(home, {"export"}).out);
    REQUIRE(record["events"].size() == 3);
    CHECK(record["events"][2]["type"] == "reset");
    CHECK(record["events"][2]["client"] == "cli");

    const auto unknown = run_cli(home, {"reset", "no-such-procedure"});
    CHECK(unknown.exit_code == 1);
    CHECK_THAT(unknown.err, Catch::Contains("no-such-procedure"));
    home.extra_env = {{"LC_ALL", "fr_FR.UTF-8"}};
    const auto fr = run_cli(home, {"reset", "test-objection"});
    CHECK_THAT(fr.out, Catch::Contains("recommencée\u202F; état\u00A0: Non commencée."));
}

TEST_CASE("catalog list and catalog check") {
    TempHome home;
    home.install_catalog();
    const auto list = run_cli(home, {"catalog", "list"});
    CHECK(list.exit_code == 0);
    CHECK_THAT(list.out, Catch::Contains("test-objection"));
    CHECK_THAT(list.out, Catch::Contains("9000000001"));

    const auto good = run_cli(home, {"catalog", "check", test_catalog_dir().string()});
    CHECK(good.exit_code == 0);
    CHECK_THAT(good.out, Catch::Contains("no problems"));
    home.extra_env = {{"LC_ALL", "it_IT.UTF-8"}};
    CHECK_THAT(lines(run_cli(home, {"catalog", "check", test_catalog_dir().string()}).out),
               Catch::EndsWith(": nessun problema\n"));
    CHECK_THAT(run_cli(home, {"catalog", "list"}).out, Catch::Contains(" passi "));
    home.extra_env = {};

    // A procedure with two faults: both are reported, each with its file and JSON pointer.
    json proc = json::parse(read_file(test_catalog_dir() / "procedures/test-objection.json"));
    proc["start"] = "https://example.org/";
    proc["steps"][0]["kind"] = "teleport";
    const fs::path bad = home.root() / "test-objection.json";
    { std::ofstream(bad) << proc.dump(2); }
    const auto checked = run_cli(home, {"catalog", "check", bad.string()});
    CHECK(checked.exit_code == 1);
    CHECK_THAT(checked.out, Catch::Contains("/start"));
    CHECK_THAT(checked.out, Catch::Contains("/steps/0/kind"));
}

TEST_CASE("CLI usage errors name what was wrong") {
    TempHome home;
    const auto bad_option = run_cli(home, {"status", "--colour"});
    CHECK(bad_option.exit_code == 2);
    CHECK_THAT(bad_option.err, Catch::Contains("--colour"));
    const auto bad_format = run_cli(home, {"export", "--format", "pdf"});
    CHECK(bad_format.exit_code == 2);
    CHECK_THAT(bad_format.err, Catch::Contains("pdf"));
    const auto no_proc = run_cli(home, {"reset"});
    CHECK(no_proc.exit_code == 2);

    // In the person's language, still naming the argument and showing the usage.
    home.extra_env = {{"LC_ALL", "fr_FR.UTF-8"}};
    const auto fr = run_cli(home, {"status", "--colour"});
    CHECK(fr.exit_code == 2);
    CHECK(lines(fr.err) ==
          "optout-guide-host status: option inconnue --colour\n"
          "utilisation\u00A0: optout-guide-host status [--json]\n");
    home.extra_env = {{"LC_ALL", "es_ES.UTF-8"}};
    const auto es = run_cli(home, {"export", "--format", "pdf"});
    CHECK(es.exit_code == 2);
    CHECK_THAT(lines(es.err), Catch::Contains("--format debe ser json o html, no pdf\nuso: "));
    home.extra_env = {{"LC_ALL", "de_DE.UTF-8"}};
    const auto de = run_cli(home, {"reset", "a", "b"});
    CHECK(de.exit_code == 2);
    CHECK_THAT(lines(de.err), Catch::Contains("nur ein Verfahren auf einmal\nAufruf: "));
    home.extra_env = {{"LC_ALL", "it_IT.UTF-8"}};
    const auto it = run_cli(home, {"stauts"});
    CHECK(it.exit_code != 0);
    CHECK_THAT(it.err, Catch::Contains("comando o chiamante sconosciuto «stauts»"));
    const auto unknown = run_cli(home, {"install", "--browser", "netscape"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("browser sconosciuto «netscape» (noti: "));
}
