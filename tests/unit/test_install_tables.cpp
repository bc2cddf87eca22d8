// The installer's pure parts: the browser table, the Windows registry table, manifest
// rendering (same as the templates in manifests/), manifest checks, options and policies.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "install/browsers.hpp"
#include "install/environment.hpp"
#include "install/install_record.hpp"
#include "install/manifest.hpp"
#include "install/policy.hpp"
#include "install/sandbox.hpp"
#include "install/targets.hpp"
#include "install/windows_registry.hpp"
#include "og/identity.hpp"

using namespace og::install;
using nlohmann::json;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
        s.replace(p, from.size(), to);
    return s;
}

Environment test_env(Os os = Os::linux_like) {
    Environment e;
    e.os = os;
    e.home = "/home/ann";
    e.config_home = "/home/ann/.config";
    e.data_home = "/home/ann/.local/share";
    e.state_home = "/home/ann/.local/state";
    e.system_root = "/nonexistent-root";
    return e;
}

Problems check(const std::string& text, Family f = Family::chromium) {
    return check_manifest_text(text, f, product_identity(), "Chromium", "m.json",
                               og::messages::verbatim("fix"))
        .problems;
}

bool has(const Problems& ps, const std::string& code) {
    for (auto& p : ps)
        if (p.code == code) return true;
    return false;
}

}  // namespace

TEST_CASE("every supported browser is in the table with complete locations", "[install]") {
    const std::set<std::string> expected = {"chrome",   "chromium",   "edge",    "brave",
                                            "vivaldi",  "opera",      "firefox", "librewolf",
                                            "waterfox", "tor-browser"};
    std::set<std::string> ids;
    for (const auto& b : all_browsers()) {
        INFO(b.id);
        ids.insert(b.id);
        CHECK_FALSE(b.name.empty());
        CHECK_FALSE(b.linux_user.empty());
        CHECK_FALSE(b.mac_user.empty());
        CHECK_FALSE(b.windows_registry_key.empty());
        for (const auto& loc : b.linux_user) {
            CHECK(loc.manifest_dir.rel.find(b.family == Family::chromium
                                                ? "NativeMessagingHosts"
                                                : "native-messaging-hosts") != std::string::npos);
            CHECK(loc.presence.rel.front() != '/');
        }
        if (!b.linux_system_dir.empty()) CHECK(b.linux_system_dir.front() == '/');
    }
    CHECK(ids == expected);
    CHECK(find_browser("firefox")->family == Family::firefox);
    CHECK(find_browser("tor-browser")->family == Family::firefox);
    CHECK(find_browser("edge")->family == Family::chromium);
    CHECK(find_browser("netscape") == nullptr);
}

TEST_CASE("user and system manifest folders follow each browser's documented location",
          "[install]") {
    const auto env = test_env();
    auto user_dir = [&](const char* id) {
        return candidate_targets(*find_browser(id), env, Scope::user)
            .front()
            .manifest_dir.generic_string();
    };
    CHECK(user_dir("chromium") == "/home/ann/.config/chromium/NativeMessagingHosts");
    CHECK(user_dir("chrome") == "/home/ann/.config/google-chrome/NativeMessagingHosts");
    CHECK(user_dir("edge") == "/home/ann/.config/microsoft-edge/NativeMessagingHosts");
    CHECK(user_dir("brave") ==
          "/home/ann/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts");
    CHECK(user_dir("vivaldi") == "/home/ann/.config/vivaldi/NativeMessagingHosts");
    CHECK(user_dir("opera") == "/home/ann/.config/google-chrome/NativeMessagingHosts");
    CHECK(user_dir("firefox") == "/home/ann/.mozilla/native-messaging-hosts");
    CHECK(user_dir("librewolf") == "/home/ann/.librewolf/native-messaging-hosts");
    CHECK(user_dir("waterfox") == "/home/ann/.waterfox/native-messaging-hosts");

    auto sys_dir = [&](const char* id) {
        return system_manifest_dir(*find_browser(id), env).generic_string();
    };
    CHECK(sys_dir("chromium") == "/nonexistent-root/etc/chromium/native-messaging-hosts");
    CHECK(sys_dir("chrome") == "/nonexistent-root/etc/opt/chrome/native-messaging-hosts");
    CHECK(sys_dir("edge") == "/nonexistent-root/etc/opt/edge/native-messaging-hosts");
    CHECK(sys_dir("firefox") == "/nonexistent-root/usr/lib/mozilla/native-messaging-hosts");
    CHECK(sys_dir("tor-browser").empty());

    const auto mac = test_env(Os::macos);
    CHECK(candidate_targets(*find_browser("chrome"), mac, Scope::user).front().manifest_dir ==
          "/home/ann/Library/Application Support/Google/Chrome/NativeMessagingHosts");
    CHECK(candidate_targets(*find_browser("firefox"), mac, Scope::user).front().manifest_dir ==
          "/home/ann/Library/Application Support/Mozilla/NativeMessagingHosts");
    CHECK(system_manifest_dir(*find_browser("chrome"), mac) ==
          "/nonexistent-root/Library/Google/Chrome/NativeMessagingHosts");
}

TEST_CASE("the Windows registry table has one key per distinct browser key", "[install]") {
    const std::string name = "org.optoutguide.host";
    const auto user = registry_entries(Scope::user, name);
    std::map<std::string, RegistryEntry> by_key;
    for (const auto& e : user) {
        CHECK(e.hive == "HKCU");
        CHECK(e.key.substr(e.key.size() - name.size() - 1) == "\\" + name);
        by_key[e.key] = e;
    }
    CHECK(by_key.size() == user.size());
    const auto chrome = by_key.at("SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\" + name);
    CHECK(chrome.family == Family::chromium);
    CHECK(chrome.browser_ids == std::vector<std::string>{"chrome", "brave", "vivaldi", "opera"});
    CHECK(by_key.at("SOFTWARE\\Chromium\\NativeMessagingHosts\\" + name).browser_ids ==
          std::vector<std::string>{"chromium"});
    CHECK(by_key.at("SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts\\" + name).browser_ids ==
          std::vector<std::string>{"edge"});
    const auto moz = by_key.at("SOFTWARE\\Mozilla\\NativeMessagingHosts\\" + name);
    CHECK(moz.family == Family::firefox);
    CHECK(moz.browser_ids ==
          std::vector<std::string>{"firefox", "librewolf", "waterfox", "tor-browser"});
    CHECK(user.size() == 4);

    const auto system = registry_entries(Scope::system, name);
    CHECK(system.front().hive == "HKLM");
    CHECK(registry_entry_name(system.front()) ==
          "HKLM\\SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\" + name);
    CHECK(windows_manifest_relpath(Family::firefox, name) ==
          "native-messaging\\firefox\\" + name + ".json");
    // Chrome, Edge and Firefox read HKCU before HKLM, the 32-bit view before the 64-bit one.
    const auto& order = registry_lookup_order();
    REQUIRE(order.size() == 4);
    CHECK((order[0].hive == "HKCU" && order[0].view == RegistryView::v32));
    CHECK((order[2].hive == "HKLM" && order[2].view == RegistryView::v32));
    CHECK((order[3].hive == "HKLM" && order[3].view == RegistryView::v64));
}

TEST_CASE("rendered manifests equal the templates in manifests/ filled from identity.json",
          "[install]") {
    const auto identity = json::parse(slurp(OG_SOURCE_DIR "/manifests/identity.json"));
    for (auto [family, file] : {std::pair{Family::chromium, "chromium.json.in"},
                                std::pair{Family::firefox, "firefox.json.in"}}) {
        std::string t = slurp(std::string(OG_SOURCE_DIR "/manifests/") + file);
        t = replace_all(t, "@OG_HOST_NAME@", identity["hostName"]);
        t = replace_all(t, "@OG_HOST_DESCRIPTION@", identity["description"]);
        t = replace_all(t, "@OG_CHROMIUM_ID@", identity["chromiumExtensionId"]);
        t = replace_all(t, "@OG_FIREFOX_ID@", identity["firefoxAddonId"]);
        t = replace_all(t, "@OG_HOST_PATH@", "/usr/bin/optout-guide-host");
        const auto rendered =
            render_manifest(family, product_identity(), "/usr/bin/optout-guide-host");
        CHECK(rendered == t);
        CHECK(check_manifest_text(rendered, family, product_identity(), "B", "f",
                                  og::messages::verbatim("x"))
                  .problems.empty());
    }
    CHECK(chromium_origin(product_identity()) == og::identity::kChromiumOrigin);
}

TEST_CASE("host names follow Chromium's rule", "[install]") {
    CHECK(valid_host_name("org.optoutguide.host"));
    CHECK(valid_host_name("a_b.c1"));
    CHECK_FALSE(valid_host_name("Org.optoutguide.host"));
    CHECK_FALSE(valid_host_name(".org.host"));
    CHECK_FALSE(valid_host_name("org.host."));
    CHECK_FALSE(valid_host_name("org..host"));
    CHECK_FALSE(valid_host_name("org-host"));
    CHECK_FALSE(valid_host_name(""));
}

TEST_CASE("manifest checks name each fault", "[install]") {
    const auto id = product_identity();
    json good = json::parse(render_manifest(Family::chromium, id, "/usr/bin/x"));
    CHECK(check(good.dump()).empty());

    auto with = [&](const char* key, json v) {
        json j = good;
        j[key] = v;
        return j.dump();
    };
    CHECK(has(check("{\"name\": "), "invalid_json"));
    CHECK(has(check("[]"), "invalid_json"));
    CHECK(has(check(with("name", "Org.Optoutguide.Host")), "name_invalid"));
    CHECK(has(check(with("name", "org.other.host")), "name_mismatch"));
    CHECK(has(check(with("description", "")), "description_empty"));
    CHECK(has(check(with("type", "socket")), "type_not_stdio"));
    CHECK(has(check(with("path", "")), "path_missing"));
#ifdef _WIN32  // Windows browsers resolve it from the manifest's folder
    CHECK_FALSE(has(check(with("path", "bin\\host.exe")), "path_relative"));
#else
    CHECK(has(check(with("path", "bin/host")), "path_relative"));
#endif
    CHECK(has(check(with("allowed_origins", json::array({"chrome-extension://abc/"}))),
              "extension_id_mismatch"));
    const auto no_slash =
        check(with("allowed_origins",
                   json::array({std::string("chrome-extension://") + id.chromium_extension_id})));
    REQUIRE(has(no_slash, "extension_id_mismatch"));
    CHECK(message_text(no_slash.front(), "en").find("trailing slash") != std::string::npos);
    CHECK(has(check(with("allowed_origins", json::array({"chrome-extension://*/"}))),
              "origin_wildcard"));

    const auto firefox = render_manifest(Family::firefox, id, "/usr/bin/x");
    CHECK(has(check(firefox, Family::chromium), "wrong_browser_family"));
    CHECK(has(check(good.dump(), Family::firefox), "wrong_browser_family"));
    json ff = json::parse(firefox);
    ff["allowed_extensions"] = {"other@example.org"};
    const auto wrong = check(ff.dump(), Family::firefox);
    REQUIRE(has(wrong, "extension_id_mismatch"));
    CHECK(message_text(wrong.front(), "en").find("No such native application") !=
          std::string::npos);
    for (const auto& p : wrong) CHECK(fix_text(p, "en") == "fix");
}

TEST_CASE("policies that block the host are recognised", "[install]") {
    const std::string host = "org.optoutguide.host", addon = "optout-guide@optoutguide.org";
    auto chromium = [&](std::string text) {
        return evaluate_policies(Family::chromium, {{"/etc/p.json", text}}, host, addon, "C");
    };
    CHECK(chromium(R"({"NativeMessagingUserLevelHosts": false})").user_level_hosts_blocked);
    CHECK_FALSE(chromium(R"({"NativeMessagingUserLevelHosts": true})").user_level_hosts_blocked);
    CHECK(chromium(R"({"NativeMessagingBlocklist": ["*"]})").problems.front().code ==
          "policy_blocklist");
    CHECK(chromium(R"({"NativeMessagingBlocklist": ["*"], "NativeMessagingAllowlist": [")" + host +
                   R"("]})")
              .problems.empty());
    CHECK(chromium("{oops").problems.front().severity == Severity::warning);

    auto firefox = [&](std::string text) {
        return evaluate_policies(Family::firefox, {{"/etc/policies.json", text}}, host, addon, "F");
    };
    CHECK(firefox(R"({"policies": {"ExtensionSettings": {"*": {"installation_mode": "blocked"}}}})")
              .problems.front()
              .code == "policy_blocks_extension");
    CHECK(firefox(R"({"policies": {"ExtensionSettings": {"*": {"installation_mode": "blocked"},
                    "optout-guide@optoutguide.org": {"installation_mode": "allowed"}}}})")
              .problems.empty());
}

TEST_CASE("sandboxed builds say what they mean", "[install]") {
    SandboxedBuild snap_ff{find_browser("firefox"), SandboxKind::snap, "/home/ann/snap/firefox"};
    CHECK(sandbox_problem(snap_ff).severity == Severity::warning);
    SandboxedBuild flat{find_browser("chromium"), SandboxKind::flatpak,
                        "/home/ann/.var/app/org.chromium.Chromium"};
    const auto p = sandbox_problem(flat);
    CHECK(p.severity == Severity::error);
    CHECK(fix_text(p, "en").find("org.chromium.Chromium") != std::string::npos);
}

TEST_CASE("install records merge and round-trip", "[install]") {
    InstallRecord a{"user", "/a", {"/f1"}, {"/d1"}, {}};
    InstallRecord b{"user", "/b", {"/f1", "/f2"}, {"/d2"}, {"HKCU\\k"}};
    a.merge(b);
    CHECK(a.host_path == "/b");
    CHECK(a.files == std::vector<std::string>{"/f1", "/f2"});
    CHECK(a.created_dirs == std::vector<std::string>{"/d1", "/d2"});
    auto back = record_from_json(record_to_json(a));
    REQUIRE(back.ok());
    CHECK(back->files == a.files);
    CHECK(back->registry_keys == a.registry_keys);
    CHECK_FALSE(record_from_json("{}").ok());
}
