// install / doctor / uninstall against the built host, in a temporary HOME where Chromium,
// Brave and Firefox have run and no other browser has.
#include <catch2/catch.hpp>

#include "support/portable.hpp"

#ifndef _WIN32
#include "og/identity.hpp"
#include "test_install_support.hpp"

using namespace og_test;
using nlohmann::json;

namespace {

const std::vector<std::string> kPresent = {".config/chromium",
                                           ".config/BraveSoftware/Brave-Browser", ".mozilla"};
const std::string kName(og::identity::kHostName);
const std::string kOrigin(og::identity::kChromiumOrigin);
const std::string kAddon(og::identity::kFirefoxAddonId);

std::string host_path() {
    return fs::canonical(OG_HOST_BINARY).string();
}

fs::path chromium_manifest(const Sandbox& s) {
    return s.home() / ".config/chromium/NativeMessagingHosts" / (kName + ".json");
}
fs::path brave_manifest(const Sandbox& s) {
    return s.home() / ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts" /
           (kName + ".json");
}
fs::path firefox_manifest(const Sandbox& s) {
    return s.home() / ".mozilla/native-messaging-hosts" / (kName + ".json");
}

void install_ok(const Sandbox& s, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"install"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = s.host(args);
    INFO("install stdout:\n" << r.out << "\nstderr:\n" << r.err);
    REQUIRE(r.status == 0);
}

json edit(const fs::path& manifest) {
    return json::parse(read_text(manifest));
}
void save(const fs::path& manifest, const json& j) {
    write_text(manifest, j.dump(2));
}

// The fix the doctor printed, run as printed (sudo dropped: the system root is ours here).
void apply_fix(const Sandbox& s, std::string fix) {
    if (fix.rfind("sudo ", 0) == 0) fix = fix.substr(5);
    auto r = s.shell(fix);
    INFO("fix: " << fix << "\n" << r.out << r.err);
    REQUIRE(r.status == 0);
}

}  // namespace

TEST_CASE("install writes a manifest for each browser present and nothing else", "[install]") {
    Sandbox s(kPresent);
    const auto before = tree(s.home());
    install_ok(s);

    auto after = tree(s.home());
    std::set<std::string> added;
    for (auto& p : after)
        if (!before.count(p)) added.insert(p);
    const std::set<std::string> expected = {
        ".config/chromium/NativeMessagingHosts/",
        ".config/chromium/NativeMessagingHosts/" + kName + ".json",
        ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts/",
        ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts/" + kName + ".json",
        ".mozilla/native-messaging-hosts/",
        ".mozilla/native-messaging-hosts/" + kName + ".json",
        ".local/share/",
        ".local/share/optout-guide/",
        ".local/share/optout-guide/install-record.json"};
    CHECK(added == expected);
    CHECK(tree(s.system_root()).empty());

    for (const auto& m : {chromium_manifest(s), brave_manifest(s)}) {
        const json j = edit(m);
        CHECK(j == json{{"name", kName},
                        {"description", std::string(og::identity::kHostDescription)},
                        {"path", host_path()},
                        {"type", "stdio"},
                        {"allowed_origins", {kOrigin}}});
    }
    const json f = edit(firefox_manifest(s));
    CHECK(f == json{{"name", kName},
                    {"description", std::string(og::identity::kHostDescription)},
                    {"path", host_path()},
                    {"type", "stdio"},
                    {"allowed_extensions", {kAddon}}});
    CHECK((fs::status(chromium_manifest(s)).permissions() & fs::perms::others_read) !=
          fs::perms::none);
}

TEST_CASE("install --dry-run prints the manifests and writes nothing", "[install]") {
    Sandbox s(kPresent);
    const auto before = tree(s.home());
    auto r = s.host({"install", "--dry-run"});
    REQUIRE(r.status == 0);
    CHECK(tree(s.home()) == before);
    CHECK(r.out.find(chromium_manifest(s).string()) != std::string::npos);
    CHECK(r.out.find(firefox_manifest(s).string()) != std::string::npos);
    CHECK(r.out.find(kOrigin) != std::string::npos);
    CHECK(r.out.find("\"" + kAddon + "\"") != std::string::npos);
}

TEST_CASE("install run twice leaves the same files", "[install]") {
    Sandbox s(kPresent);
    install_ok(s);
    const auto first = tree(s.home());
    const auto record = read_text(s.data_dir() / "install-record.json");
    const auto manifest = read_text(chromium_manifest(s));
    install_ok(s);
    CHECK(tree(s.home()) == first);
    CHECK(read_text(s.data_dir() / "install-record.json") == record);
    CHECK(read_text(chromium_manifest(s)) == manifest);
}

TEST_CASE("install --browser writes only the browsers named, and refuses absent ones",
          "[install]") {
    Sandbox s(kPresent);
    install_ok(s, {"--browser", "firefox"});
    CHECK(fs::exists(firefox_manifest(s)));
    CHECK_FALSE(fs::exists(chromium_manifest(s)));

    const auto before = tree(s.home());
    auto r = s.host({"install", "--browser", "vivaldi"});
    CHECK(r.status == 1);
    CHECK(r.err.find((s.home() / ".config/vivaldi").string()) != std::string::npos);
    CHECK(tree(s.home()) == before);

    auto bad = s.host({"install", "--browser", "netscape"});
    CHECK(bad.status == 2);
    CHECK(bad.err.find("netscape") != std::string::npos);
}

TEST_CASE("install finds no browser in an empty home and says so", "[install]") {
    Sandbox s({});
    auto r = s.host({"install"});
    CHECK(r.status == 1);
    CHECK(r.err.find("no supported browser") != std::string::npos);
    CHECK(tree(s.home()).empty());
    auto d = s.doctor_json(1);
    CHECK(d["browsers"].empty());
    CHECK(d["problems"][0]["code"] == "no_browser");
}

TEST_CASE("doctor passes after install and completes hello through each manifest",
          "[install][doctor]") {
    Sandbox s(kPresent);
    install_ok(s);
    const json d = s.doctor_json(0);
    CHECK(d["ok"] == true);
    REQUIRE(d["browsers"].size() == 3);
    for (const char* id : {"chromium", "brave", "firefox"}) {
        const json* b = browser_entry(d, id);
        REQUIRE(b);
        CHECK((*b)["ready"] == true);
        CHECK((*b)["problems"].empty());
        CHECK((*b)["hello"]["ok"] == true);
        CHECK((*b)["hello"]["milliseconds"].get<double>() > 0);
        CHECK((*b)["scope"] == "user");
    }
    CHECK((*browser_entry(d, "firefox"))["manifest"] == firefox_manifest(s).string());
    auto text = s.host({"doctor"});
    CHECK(text.status == 0);
    CHECK(text.out.find("3 of 3 browser(s) ready") != std::string::npos);
    // In the user's language (LANG, LC_MESSAGES, LC_ALL like every command).
    auto de = s.shell(std::string("LANG=de_DE.UTF-8 '") + OG_HOST_BINARY + "' doctor");
    CHECK(de.status == 0);
    CHECK(de.out.find("3 von 3 Browsern bereit.") != std::string::npos);
    CHECK(de.out.find(": bereit\n") != std::string::npos);
    auto fr = s.shell(std::string("LC_ALL=fr_FR.UTF-8 '") + OG_HOST_BINARY + "' doctor");
    CHECK(fr.out.find("Navigateurs prêts\u00A0: 3 sur 3.") != std::string::npos);
}

TEST_CASE("doctor explains each broken setup and its fix repairs it", "[install][doctor]") {
    Sandbox s(kPresent);
    install_ok(s);

    struct Case {
        const char* what;
        const char* browser;
        const char* code;
        const char* says;
        bool fix_repairs;
    };
    Case c{};
    SECTION("wrong extension ID") {
        auto j = edit(chromium_manifest(s));
        j["allowed_origins"] = {"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"};
        save(chromium_manifest(s), j);
        c = {"wrong id", "chromium", "extension_id_mismatch", "is forbidden", true};
    }
    SECTION("origin without trailing slash") {
        auto j = edit(brave_manifest(s));
        j["allowed_origins"] = {kOrigin.substr(0, kOrigin.size() - 1)};
        save(brave_manifest(s), j);
        c = {"no slash", "brave", "extension_id_mismatch", "trailing slash", true};
    }
    SECTION("wrong add-on ID") {
        auto j = edit(firefox_manifest(s));
        j["allowed_extensions"] = {"someone-else@example.org"};
        save(firefox_manifest(s), j);
        c = {"wrong addon", "firefox", "extension_id_mismatch", "No such native application", true};
    }
    SECTION("relative path") {
        auto j = edit(chromium_manifest(s));
        j["path"] = "bin/optout-guide-host";
        save(chromium_manifest(s), j);
        c = {"relative", "chromium", "path_relative", "relative", true};
    }
    SECTION("missing binary") {
        auto j = edit(firefox_manifest(s));
        j["path"] = (s.root() / "gone/optout-guide-host").string();
        save(firefox_manifest(s), j);
        c = {"missing", "firefox", "binary_missing", "does not exist", true};
    }
    SECTION("binary not executable") {
        const auto copy = s.root() / "noexec/optout-guide-host";
        write_text(copy, read_text(OG_HOST_BINARY));
        fs::permissions(copy, fs::perms::owner_read | fs::perms::owner_write);
        auto j = edit(chromium_manifest(s));
        j["path"] = copy.string();
        save(chromium_manifest(s), j);
        c = {"noexec", "chromium", "binary_not_executable", "Failed to start", true};
    }
    SECTION("host that exits at once") {
        auto j = edit(chromium_manifest(s));
        j["path"] = "/bin/false";
        save(chromium_manifest(s), j);
        c = {"exits", "chromium", "hello_failed", "Native host has exited", false};
    }
    SECTION("bad JSON") {
        auto text = read_text(firefox_manifest(s));
        write_text(firefox_manifest(s), text.substr(0, text.size() / 2));
        c = {"bad json", "firefox", "invalid_json", "not valid JSON", true};
    }
    SECTION("wrong file name") {
        fs::rename(chromium_manifest(s), chromium_manifest(s).parent_path() / "optout-guide.json");
        c = {"file name", "chromium", "manifest_wrong_file_name", "optout-guide.json", true};
    }
    SECTION("uppercase name") {
        auto j = edit(brave_manifest(s));
        j["name"] = "Org.OptoutGuide.Host";
        save(brave_manifest(s), j);
        c = {"uppercase", "brave", "name_invalid", "Invalid native messaging host name", true};
    }
    SECTION("empty description") {
        auto j = edit(chromium_manifest(s));
        j["description"] = "";
        save(chromium_manifest(s), j);
        c = {"description", "chromium", "description_empty", "description", true};
    }
    SECTION("Firefox manifest in the Chromium folder") {
        write_text(chromium_manifest(s), read_text(firefox_manifest(s)));
        c = {"family", "chromium", "wrong_browser_family", "allowed_origins", true};
    }
    SECTION("manifest in another browser's folder") {
        const auto chrome_dir = s.home() / ".config/google-chrome/NativeMessagingHosts";
        fs::create_directories(chrome_dir);
        fs::rename(chromium_manifest(s), chrome_dir / (kName + ".json"));
        c = {"other folder", "chromium", "manifest_in_other_browser_folder", "google-chrome", true};
    }
    SECTION("policy forbids user-level hosts") {
        fs::create_directories(s.system_root() / "usr/lib/chromium");  // the installed browser
        write_text(s.system_root() / "etc/chromium/policies/managed/corp.json",
                   R"({"NativeMessagingUserLevelHosts": false})");
        c = {"policy", "chromium", "policy_blocks_user_hosts", "NativeMessagingUserLevelHosts",
             true};
    }
    SECTION("policy blocklist") {
        write_text(s.system_root() / "etc/chromium/policies/managed/corp.json",
                   R"({"NativeMessagingBlocklist": ["*"]})");
        c = {"blocklist", "chromium", "policy_blocklist", "forbidden", false};
    }
    SECTION("Firefox policy blocks the add-on") {
        write_text(
            s.system_root() / "etc/firefox/policies/policies.json",
            R"({"policies": {"ExtensionSettings": {"*": {"installation_mode": "blocked"}}}})");
        c = {"ff policy", "firefox", "policy_blocks_extension", "blocks the add-on", false};
    }

    INFO("case: " << c.what);
    const json d = s.doctor_json(1);
    CHECK(d["ok"] == false);
    const json* b = browser_entry(d, c.browser);
    REQUIRE(b);
    CHECK((*b)["ready"] == false);
    const json* p = problem(*b, c.code);
    INFO((*b).dump(2));
    REQUIRE(p);
    CHECK((*p)["message"].get<std::string>().find(c.says) != std::string::npos);
    CHECK_FALSE((*p)["fix"].get<std::string>().empty());
    // The other browsers are unaffected.
    for (const char* other : {"chromium", "brave", "firefox"})
        if (std::string(other) != c.browser) CHECK((*browser_entry(d, other))["ready"] == true);

    if (c.fix_repairs) {
        apply_fix(s, (*p)["fix"].get<std::string>());
        s.doctor_json(0);
    }
}

TEST_CASE("doctor says what is broken in the person's language, with the same codes",
          "[install][doctor]") {
    Sandbox s(kPresent);
    install_ok(s);
    auto j = edit(chromium_manifest(s));
    j["allowed_origins"] = {"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"};
    save(chromium_manifest(s), j);
    auto f = edit(firefox_manifest(s));
    f["path"] = (s.root() / "gone/optout-guide-host").string();
    save(firefox_manifest(s), f);
    const std::string wrong = "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/";
    const std::string forbidden = "Access to the specified native messaging host is forbidden";

    struct Case {
        const char* env;
        std::string id_sentence;       // the wrong-ID problem, with that language's quotation marks
        std::string missing_sentence;  // the missing-program problem
        std::string frame;             // how that language introduces a problem
    };
    const std::vector<Case> cases = {
        {"LANG=en_GB.UTF-8",
         "does not contain “" + kOrigin + "” (the extension’s ID); Chromium answers “" + forbidden +
             "”.",
         "which does not exist; Firefox reports “No such native application”.", "problem: "},
        {"LANG=fr_FR.UTF-8",
         "ne contient pas «\u202F" + kOrigin +
             "\u202F» (l’identifiant de l’extension)\u202F; Chromium répond «\u202F" + forbidden +
             "\u202F».",
         "qui n’existe pas\u202F; Firefox signale «\u202FNo such native application\u202F».",
         "problème\u00A0: "},
        {"LC_MESSAGES=de_DE.UTF-8",
         "enthält nicht „" + kOrigin + "“ (die ID der Erweiterung); Chromium antwortet „" +
             forbidden + "“.",
         "das es nicht gibt; Firefox meldet „No such native application“.", "Problem: "},
        {"LC_ALL=es_ES.UTF-8",
         "no contiene «" + kOrigin + "» (el ID de la extensión); Chromium responde «" + forbidden +
             "».",
         "que no existe; Firefox indica «No such native application».", "problema: "},
        {"LANG=it_IT.UTF-8",
         "non contiene «" + kOrigin + "» (l’ID dell’estensione); Chromium risponde «" + forbidden +
             "».",
         "che non esiste; Firefox segnala «No such native application».", "problema: "},
    };
    for (const auto& c : cases) {
        INFO(c.env);
        const auto run = s.shell(std::string(c.env) + " '" + OG_HOST_BINARY + "' doctor --json");
        REQUIRE(run.status == 1);
        const json d = json::parse(run.out);
        const json* id = problem(*browser_entry(d, "chromium"), "extension_id_mismatch");
        REQUIRE(id);
        const std::string id_message = (*id)["message"];
        CHECK_THAT(id_message, Catch::Contains(c.id_sentence));
        CHECK_THAT(id_message, Catch::Contains(wrong));  // the list found, as it is in the file
        CHECK_THAT((*id)["fix"].get<std::string>(), Catch::EndsWith(" install --browser chromium"));
        const json* gone = problem(*browser_entry(d, "firefox"), "binary_missing");
        REQUIRE(gone);
        CHECK_THAT((*gone)["message"].get<std::string>(), Catch::Contains(c.missing_sentence));
        CHECK_THAT((*gone)["message"].get<std::string>(),
                   Catch::StartsWith(firefox_manifest(s).string()));

        const auto text = s.shell(std::string(c.env) + " '" + OG_HOST_BINARY + "' doctor");
        CHECK_THAT(text.out, Catch::Contains("  " + c.frame + (*id)["message"].get<std::string>()));
    }
}

TEST_CASE("doctor names Flatpak and Snap builds and what they mean", "[install][doctor]") {
    Sandbox s(kPresent);
    install_ok(s);
    SECTION("Flatpak Chromium cannot reach the host") {
        fs::create_directories(s.home() / ".var/app/org.chromium.Chromium");
        const json d = s.doctor_json(1);
        const json* b = browser_entry(d, "chromium", "flatpak");
        REQUIRE(b);
        CHECK((*b)["ready"] == false);
        REQUIRE(problem(*b, "sandbox_flatpak"));
        CHECK((*browser_entry(d, "chromium"))["ready"] == true);
    }
    SECTION("Snap Firefox works through the portal: a warning, not a failure") {
        fs::create_directories(s.home() / "snap/firefox");
        const json d = s.doctor_json(0);
        const json* b = browser_entry(d, "firefox", "snap");
        REQUIRE(b);
        const json* p = problem(*b, "sandbox_snap_portal");
        REQUIRE(p);
        CHECK((*p)["severity"] == "warning");
    }
}

TEST_CASE("uninstall removes exactly what install wrote and keeps the progress store",
          "[install][uninstall]") {
    Sandbox s(kPresent);
    fs::create_directories(s.home() / ".config/chromium/Default");  // the browser's own data
    const auto before = tree(s.home());
    install_ok(s);
    s.doctor_json(0);  // the host ran, as it does for the browser
    const auto store = s.data_dir() / "progress.db";
    if (!fs::exists(store)) write_text(store, "progress kept by the user");
    const auto store_bytes = read_text(store);
    const auto with_store = tree(s.home());

    auto r = s.host({"uninstall"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    for (const auto& m : {chromium_manifest(s), brave_manifest(s), firefox_manifest(s)})
        CHECK_FALSE(fs::exists(m));
    CHECK_FALSE(fs::exists(s.data_dir() / "install-record.json"));
    CHECK(read_text(store) == store_bytes);

    // Nothing of ours remains beyond the store and logs; everything that was there stays.
    for (const auto& p : tree(s.home())) {
        INFO(p);
        CHECK((before.count(p) || p.rfind(".local/", 0) == 0));
        CHECK(p.find("NativeMessagingHosts") == std::string::npos);
        CHECK(p.find("native-messaging-hosts") == std::string::npos);
    }
    for (const auto& p : before) CHECK(fs::exists(s.home() / p));
    CHECK(r.out.find("stays in") != std::string::npos);

    auto again = s.host({"uninstall"});
    CHECK(again.status == 0);
    CHECK(again.out.find("No install record") != std::string::npos);
    (void)with_store;
}

TEST_CASE("uninstall keeps a manifest someone else has since written", "[install][uninstall]") {
    Sandbox s(kPresent);
    install_ok(s);
    write_text(firefox_manifest(s), R"({"name": "com.other.host"})");
    REQUIRE(s.host({"uninstall"}).status == 0);
    CHECK(fs::exists(firefox_manifest(s)));
    CHECK_FALSE(fs::exists(chromium_manifest(s)));
}

TEST_CASE("uninstall --purge needs confirmation and then deletes the store",
          "[install][uninstall]") {
    Sandbox s(kPresent);
    install_ok(s);
    write_text(s.data_dir() / "progress.db", "data");

    auto refused = s.host({"uninstall", "--purge"});
    CHECK(refused.status == 2);
    CHECK(refused.err.find("--yes") != std::string::npos);
    CHECK(fs::exists(chromium_manifest(s)));
    CHECK(fs::exists(s.data_dir() / "progress.db"));

    auto r = s.host({"uninstall", "--purge", "--yes"});
    REQUIRE(r.status == 0);
    CHECK_FALSE(fs::exists(s.data_dir()));
    CHECK_FALSE(fs::exists(chromium_manifest(s)));
}

TEST_CASE("system-wide install and uninstall use the system folders", "[install][system]") {
    Sandbox s({});
    fs::create_directories(s.system_root() / "usr/lib/chromium");
    fs::create_directories(s.system_root() / "usr/lib/firefox-esr");
    install_ok(s, {"--system"});
    const auto chromium =
        s.system_root() / "etc/chromium/native-messaging-hosts" / (kName + ".json");
    const auto firefox =
        s.system_root() / "usr/lib/mozilla/native-messaging-hosts" / (kName + ".json");
    REQUIRE(fs::exists(chromium));
    REQUIRE(fs::exists(firefox));
    CHECK(edit(chromium)["allowed_origins"] == json{kOrigin});
    CHECK(edit(firefox)["allowed_extensions"] == json{kAddon});
    CHECK(fs::exists(s.system_root() / "var/lib/optout-guide/install-record.json"));
    CHECK(tree(s.home()).empty());

    const json d = s.doctor_json(0);
    CHECK((*browser_entry(d, "chromium"))["scope"] == "system");

    REQUIRE(s.host({"uninstall", "--system"}).status == 0);
    CHECK_FALSE(fs::exists(chromium));
    CHECK_FALSE(fs::exists(firefox));
    CHECK_FALSE(fs::exists(s.system_root() / "etc/chromium"));
    CHECK(fs::exists(s.system_root() / "usr/lib/chromium"));
}

TEST_CASE("Opera gets Google Chrome's folder without Chrome appearing installed", "[install]") {
    Sandbox s({".config/opera"});
    install_ok(s);
    const auto manifest =
        s.home() / ".config/google-chrome/NativeMessagingHosts" / (kName + ".json");
    REQUIRE(fs::exists(manifest));
    CHECK(edit(manifest)["allowed_origins"] == json{kOrigin});
    const json d = s.doctor_json(0);
    REQUIRE(d["browsers"].size() == 1);
    CHECK(d["browsers"][0]["browser"] == "opera");
    install_ok(s);  // still only Opera: the folder install made is no proof of Chrome
    CHECK(s.doctor_json(0)["browsers"].size() == 1);
    REQUIRE(s.host({"uninstall"}).status == 0);
    CHECK_FALSE(fs::exists(s.home() / ".config/google-chrome"));
    CHECK(fs::exists(s.home() / ".config/opera"));
}
#else
OG_SKIPPED_TEST("install/doctor/uninstall with manifest folders (every [install] test above)",
                "Linux and macOS register by files; Windows by registry: test_install_windows.cpp")
#endif
