// How the host reads its command line: each browser's launch form, refusals, CLI commands.
#include <catch2/catch.hpp>

#include "app/args.hpp"
#include "cli/install_common.hpp"
#include "cli/options.hpp"
#include "og/identity.hpp"

using namespace og::app;

namespace {
const std::string kOrigin(og::identity::kChromiumOrigin);
const std::string kAddon(og::identity::kFirefoxAddonId);
}  // namespace

TEST_CASE("Chromium: the extension origin, with or without the flags Chromium adds") {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {kOrigin},
             {kOrigin, "--parent-window=0"},
             {kOrigin, "--parent-window=1234", "--reconnect-command=e30="},
             {kOrigin.substr(0, kOrigin.size() - 1)},  // MDN's form, without the slash
         }) {
        INFO(args.size());
        const Launch l = parse_launch(args, false);
        CHECK(l.mode == Mode::serve);
        CHECK(l.browser == Browser::chromium);
    }
}

TEST_CASE("Chromium: another extension is refused with a one-line reason") {
    const Launch l = parse_launch({"chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/"}, false);
    CHECK(l.mode == Mode::refuse);
    CHECK_THAT(og::messages::say("en", l.reason),
               Catch::Contains("aaaabbbbccccddddeeeeffffgggghhhh"));
    CHECK(og::messages::say("en", l.reason).find('\n') == std::string::npos);

    const Launch extra = parse_launch({kOrigin, "stray"}, false);
    CHECK(extra.mode == Mode::refuse);
    CHECK_THAT(og::messages::say("en", extra.reason), Catch::Contains("stray"));
}

TEST_CASE("Firefox: the manifest path and the add-on ID") {
    const Launch l = parse_launch(
        {"/home/me/.mozilla/native-messaging-hosts/org.optoutguide.host.json", kAddon}, false);
    CHECK(l.mode == Mode::serve);
    CHECK(l.browser == Browser::firefox);
    CHECK(l.caller == kAddon);
}

TEST_CASE("Firefox: another add-on is refused") {
    for (const std::string other : {"evil@example.org", "{0f1e2d3c-aaaa-bbbb-cccc-000000000000}"}) {
        const Launch l = parse_launch({"/x/org.optoutguide.host.json", other}, false);
        CHECK(l.mode == Mode::refuse);
        CHECK_THAT(og::messages::say("en", l.reason), Catch::Contains(other));
    }
}

TEST_CASE("other extension schemes are refused") {
    CHECK(parse_launch({"moz-extension://1234/"}, false).mode == Mode::refuse);
    CHECK(parse_launch({"safari-web-extension://x/"}, false).mode == Mode::refuse);
}

TEST_CASE("no arguments: help at a terminal, refusal from anything else") {
    CHECK(parse_launch({}, true).mode == Mode::help);
    const Launch piped = parse_launch({}, false);
    CHECK(piped.mode == Mode::refuse);
    CHECK_FALSE(og::messages::say("en", piped.reason).empty());
}

TEST_CASE("CLI commands are never mistaken for callers") {
    CHECK(parse_launch({"status"}, false).mode == Mode::cli);
    CHECK(parse_launch({"reset", "x", "--account", "a@b"}, false).mode == Mode::cli);
    CHECK(parse_launch({"catalog", "check", "f.json"}, false).mode == Mode::cli);
    CHECK(parse_launch({"--version"}, false).mode == Mode::cli);
    CHECK(parse_launch({"--help"}, false).mode == Mode::help);
    const Launch typo = parse_launch({"stauts"}, true);
    CHECK(typo.mode == Mode::refuse);
    CHECK_THAT(og::messages::say("en", typo.reason), Catch::Contains("stauts"));
    // Said in the person's language, naming the word that was not understood.
    CHECK(og::messages::say("fr", typo.reason) ==
          "commande ou appelant inconnu «\u202Fstauts\u202F» (voir --help)");
    CHECK(og::messages::say("de", typo.reason) ==
          "unbekannter Befehl oder Aufrufer „stauts“ (siehe --help)");
}

TEST_CASE("CLI options: values, aliases, and unknown options named") {
    using namespace og::cli;
    const OptionSpec spec{{"--json"}, {"--format", "-o"}, {{"--output", "-o"}}};
    auto o = parse_options({"--format=html", "--output", "rec.html", "--json", "pos"}, spec);
    REQUIRE(o.ok());
    CHECK(o->value("--format") == "html");
    CHECK(o->value("-o") == "rec.html");
    CHECK(o->has("--json"));
    CHECK(o->positional == std::vector<std::string>{"pos"});

    auto bad = parse_options({"--colour"}, spec);
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error().message, Catch::Contains("--colour"));
    CHECK_FALSE(parse_options({"--format"}, spec).ok());
    CHECK_FALSE(parse_options({"--json=1"}, spec).ok());
    // In the person's language, still naming the option.
    CHECK(parse_options({"--colour"}, spec, "fr").error().message == "option inconnue --colour");
    CHECK(parse_options({"--format"}, spec, "it").error().message == "--format richiede un valore");
    CHECK(parse_options({"--json=1"}, spec, "de").error().message == "--json nimmt keinen Wert");
    CHECK(parse_options({"--json=1"}, spec, "es").error().message == "--json no admite valor");
}

TEST_CASE("install options: lists, --help, and what a command does not take", "[install]") {
    using namespace og::cli;
    const OptionSpec spec{{"--dry-run"}, {"--host-path"}, {}, {"--browser"}};
    auto o = command_options(
        {"--browser", "firefox,chromium", "--browser=brave", "--dry-run", "--host-path", "/opt/h"},
        spec);
    REQUIRE(o.ok());
    CHECK(o->list("--browser") == std::vector<std::string>{"firefox", "chromium", "brave"});
    CHECK(o->has("--dry-run"));
    CHECK(o->value("--host-path") == "/opt/h");
    CHECK(command_options({}, spec)->list("--browser").empty());

    auto unknown = command_options({"--purge"}, {{"--json"}});
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.error().message, Catch::Contains("--purge"));
    auto stray = command_options({"firefox"}, spec);
    REQUIRE_FALSE(stray.ok());
    CHECK_THAT(stray.error().message, Catch::Contains("firefox"));
    CHECK_FALSE(command_options({"--browser"}, spec).ok());
    CHECK_FALSE(command_options({"--browser="}, spec).ok());
    CHECK_FALSE(command_options({"--dry-run=yes"}, spec).ok());
    CHECK(command_options({"-h"}, {})->has("--help"));
    CHECK(command_options({"--help"}, {})->has("--help"));
}

TEST_CASE("the record's language comes from --lang, else the locale") {
    using og::cli::language_from_env;
    CHECK(language_from_env(std::string("fr")) == "fr");
    CHECK(language_from_env(std::string("fr_CA.UTF-8")) == "fr");
    CHECK(language_from_env(std::string("de")) == "de");
    CHECK(language_from_env(std::string("es_ES.UTF-8")) == "es");
    CHECK(language_from_env(std::string("it")) == "it");
    CHECK(language_from_env(std::string("nl")) == "en");  // no Dutch table: English
    CHECK(language_from_env(std::string("C")) == "en");
}
