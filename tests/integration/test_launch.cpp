// How the host reacts to who starts it: only the project's own extension is served.
#include <algorithm>
#include <array>

#include <catch2/catch.hpp>

#include "host_process.hpp"

using namespace og::test;

TEST_CASE("Chromium's launch form, with the flags Chromium may add, is served") {
    TempHome home;
    auto args = chromium_args();
    args.push_back("--parent-window=0");
    HostProcess host(home, args);
    CHECK(host.request({{"id", 1}, {"type", "hello"}})["ok"] == true);
    CHECK(host.wait() == 0);
}

TEST_CASE("another Chromium extension is refused with a one-line reason") {
    TempHome home;
    const auto r = run_cli(home, {"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"});
    CHECK(r.exit_code != 0);
    CHECK(r.out.empty());  // nothing that a browser could take for a frame
    CHECK_THAT(r.err, Catch::Contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("another Firefox add-on is refused with a one-line reason") {
    TempHome home;
    const auto r = run_cli(home, {"/tmp/org.optoutguide.host.json", "someone-else@example.org"});
    CHECK(r.exit_code != 0);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("someone-else@example.org"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("no arguments and no terminal: refused, not a hang") {
    TempHome home;
    const auto r = run_cli(home, {});
    CHECK(r.exit_code != 0);
    CHECK_FALSE(r.err.empty());
}

TEST_CASE("--help and --version") {
    TempHome home;
    const auto help = run_cli(home, {"--help"});
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("optout-guide-host status"));
    // In the person's language, the commands and options as they are typed.
    const std::vector<std::array<std::string, 3>> languages = {
        {"en_GB.UTF-8", "Usage:", "the dated record of your objections"},
        {"fr_FR.UTF-8", "Utilisation\u00A0:", "le relevé daté de vos oppositions"},
        {"de_DE.UTF-8", "Aufruf:", "das datierte Protokoll deiner Widersprüche"},
        {"es_ES.UTF-8", "Uso:", "el registro fechado de tus oposiciones"},
        {"it_IT.UTF-8", "Uso:", "il registro datato delle tue opposizioni"}};
    for (const auto& [locale, usage, says] : languages) {
        INFO(locale);
        home.extra_env = {{"LC_ALL", locale}};
        const auto said = run_cli(home, {"--help"});
        CHECK(said.exit_code == 0);
        CHECK_THAT(said.out, Catch::Contains(usage));
        CHECK_THAT(said.out, Catch::Contains(says));
        CHECK_THAT(said.out,
                   Catch::Contains("  optout-guide-host export [--format json|html] [-o "));
    }
    home.extra_env = {{"LC_ALL", "C"}};
    const auto version = run_cli(home, {"--version"});
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, Catch::StartsWith(std::string("optout-guide-host ") + OG_VERSION));
    CHECK_THAT(version.out, Catch::Contains("(built in)"));
    // A French user reads the other two lines in French; the first stays for scripts.
    home.extra_env = {{"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANG", "fr_FR.UTF-8"}};
    const auto french = run_cli(home, {"--version"});
    CHECK_THAT(french.out, Catch::StartsWith(std::string("optout-guide-host ") + OG_VERSION));
    CHECK_THAT(french.out, Catch::Contains("protocole 1\ncatalogue "));
    CHECK_THAT(french.out, Catch::Contains("(intégré)"));
}
