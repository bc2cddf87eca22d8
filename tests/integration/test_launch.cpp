// How the host reacts to who starts it: only the project's own extension is served.
#include <algorithm>

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
    const auto version = run_cli(home, {"--version"});
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, Catch::StartsWith(std::string("optout-guide-host ") + OG_VERSION));
}
