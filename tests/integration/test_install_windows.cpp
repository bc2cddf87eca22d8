// install / doctor / uninstall on Windows against the built host, as a person runs them from a
// command prompt: registry keys (under a private stand-in for HKCU and HKLM, see
// OPTOUT_GUIDE_REGISTRY_ROOT), manifests in the user's own folder, and the doctor starting the
// host the way each browser does. The real HKLM views and the installer: tests/stages/windows.sh.
#include <catch2/catch.hpp>

#ifdef _WIN32
#include <windows.h>

#include <cstring>

#include "host_process.hpp"
#include "support/portable.hpp"
#include "util/utf8_path.hpp"
#include "util/wide_windows.hpp"

using namespace og::test;
using nlohmann::json;

namespace {

const std::string kName(og::identity::kHostName);
const std::vector<std::string> kKeys = {
    R"(SOFTWARE\Google\Chrome\NativeMessagingHosts\)" + kName,
    R"(SOFTWARE\Chromium\NativeMessagingHosts\)" + kName,
    R"(SOFTWARE\Microsoft\Edge\NativeMessagingHosts\)" + kName,
    R"(SOFTWARE\Mozilla\NativeMessagingHosts\)" + kName,
};

// A TempHome whose registry and system folders are its own too.
struct WindowsHome {
    explicit WindowsHome(const std::string& name = "") : home(name) {
        std::random_device rd;
        registry_root = "Software\\optout-guide-tests\\" + std::to_string(rd());
        home.extra_env = {{"OPTOUT_GUIDE_REGISTRY_ROOT", registry_root},
                          {"OPTOUT_GUIDE_SYSTEM_ROOT", (home.root() / "sysroot").string()}};
    }
    ~WindowsHome() {
        RegDeleteTreeW(HKEY_CURRENT_USER, og::wide::from_utf8(registry_root).c_str());
    }
    // The default value of hive\key as the host would have written it, or "" when absent.
    std::string value(const std::string& hive, const std::string& key) const {
        const std::wstring path = og::wide::from_utf8(registry_root + "\\" + hive + "\\" + key);
        wchar_t buffer[4096];
        DWORD size = sizeof buffer;
        if (RegGetValueW(HKEY_CURRENT_USER, path.c_str(), nullptr, RRF_RT_REG_SZ, nullptr, buffer,
                         &size) != ERROR_SUCCESS)
            return "";
        return og::wide::to_utf8(buffer);
    }
    void set_value(const std::string& hive, const std::string& key, const std::string& v) const {
        const std::wstring path = og::wide::from_utf8(registry_root + "\\" + hive + "\\" + key);
        const std::wstring data = og::wide::from_utf8(v);
        RegSetKeyValueW(HKEY_CURRENT_USER, path.c_str(), nullptr, REG_SZ, data.c_str(),
                        static_cast<DWORD>((data.size() + 1) * sizeof(wchar_t)));
    }
    fs::path folder() const { return home.data_home() / "optout-guide"; }

    TempHome home;
    std::string registry_root;
};

CliResult run_ok(const WindowsHome& w, const std::vector<std::string>& args) {
    auto r = run_cli(w.home, args);
    INFO(args.front() << " stdout:\n" << r.out << "\nstderr:\n" << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
}

}  // namespace

TEST_CASE(
    "Windows install: HKCU keys name manifests in the user's folder, then doctor, then uninstall",
    "[install][windows]") {
    WindowsHome w;
    run_ok(w, {"install"});
    for (const auto& key : kKeys) {
        INFO(key);
        const std::string manifest = w.value("HKCU", key);
        REQUIRE_FALSE(manifest.empty());
        CHECK(og::utf8_path(manifest).parent_path().parent_path() ==
              w.folder() / "native-messaging");
        const json j = json::parse(read_file(manifest));
        CHECK(j["name"] == kName);
        CHECK(og::utf8_path(j["path"].get<std::string>()) == host_binary());
        CHECK(w.value("HKLM", key).empty());  // per user: no administrator needed
    }

    // The doctor starts the host as each browser does (Chrome: through cmd.exe) and gets hello.
    auto d = run_cli(w.home, {"doctor", "--json"});
    INFO(d.out << d.err);
    REQUIRE(d.exit_code == 0);
    const json report = json::parse(d.out);
    REQUIRE(report["browsers"].size() == kKeys.size());
    for (const auto& b : report["browsers"]) {
        INFO(b.dump(2));
        CHECK(b["ready"] == true);
        CHECK(b["hello"]["ok"] == true);
        CHECK(b["scope"] == "user");
    }

    // Uninstall removes exactly that, and keeps the progress.
    { std::ofstream(w.folder() / "progress.db") << "kept"; }
    const auto u = run_ok(w, {"uninstall"});
    for (const auto& key : kKeys) CHECK(w.value("HKCU", key).empty());
    CHECK_FALSE(fs::exists(w.folder() / "native-messaging"));
    CHECK(read_file(w.folder() / "progress.db") == "kept");
    CHECK_THAT(u.out, Catch::Contains("Your progress stays in"));
}

// What the host printed as UTF-16LE (the Windows installer's OPTOUT_GUIDE_OUTPUT), as UTF-8.
std::string from_utf16le(const std::string& bytes) {
    REQUIRE(bytes.size() % 2 == 0);
    std::wstring w(bytes.size() / 2, L'\0');
    std::memcpy(w.data(), bytes.data(), bytes.size());
    return og::wide::to_utf8(w);
}

TEST_CASE(
    "Windows installer: install and uninstall print French lines in UTF-16 for its details pane",
    "[install][windows]") {
    WindowsHome w;
    w.home.extra_env.push_back({"OPTOUT_GUIDE_OUTPUT", "utf-16le"});
    w.home.extra_env.push_back({"LC_ALL", "fr_FR.UTF-8"});
    const auto i = run_ok(w, {"install"});
    CHECK(i.out.find("\xC3\xA9") == std::string::npos);  // no UTF-8 "é" for NSIS to misread
    const std::string text = from_utf16le(i.out);
    CHECK_THAT(text, Catch::Contains("clé HKCU\\"));
    CHECK_THAT(text, Catch::Contains("Programme d’aide\u00A0: "));
    CHECK_THAT(text, Catch::Contains("\r\nPour vérifier\u00A0: "));
    { std::ofstream(w.folder() / "progress.db") << "kept"; }
    const std::string u = from_utf16le(run_ok(w, {"uninstall"}).out);
    CHECK_THAT(u, Catch::Contains("retiré\u00A0: HKCU\\"));
    CHECK_THAT(u, Catch::Contains("Votre progression reste dans "));
}

TEST_CASE("Windows install --system: HKLM keys and manifests in ProgramData",
          "[install][windows]") {
    WindowsHome w;
    run_ok(w, {"install", "--system", "--browser", "firefox"});
    const std::string key = kKeys.back();
    const std::string manifest = w.value("HKLM", key);
    CHECK(og::utf8_path(manifest) == w.home.root() / "sysroot" / "ProgramData" / "optout-guide" /
                                         "native-messaging" / "firefox" / (kName + ".json"));
    CHECK(fs::exists(og::utf8_path(manifest)));
    CHECK(w.value("HKLM", kKeys.front()).empty());  // --browser firefox: the Mozilla key only
    auto d = run_cli(w.home, {"doctor", "--json"});
    const json report = json::parse(d.out);
    for (const auto& b : report["browsers"])
        if (b["family"] == "firefox") {
            CHECK(b["scope"] == "system");
            CHECK(b["ready"] == true);
        }
    run_ok(w, {"uninstall", "--system"});
    CHECK(w.value("HKLM", key).empty());
    CHECK_FALSE(fs::exists(og::utf8_path(manifest)));
}

TEST_CASE("Windows doctor: what is broken, in Windows words, and the fix works",
          "[install][windows]") {
    WindowsHome w;
    auto before = run_cli(w.home, {"doctor"});
    CHECK(before.exit_code != 0);
    CHECK_THAT(before.out, Catch::Contains("No registry key for Google Chrome"));
    CHECK_THAT(before.out, Catch::Contains("install"));
    CHECK(before.out.find("sudo") == std::string::npos);
    CHECK(before.out.find("/etc") == std::string::npos);

    run_ok(w, {"install", "--browser", "chrome"});
    const std::string key = kKeys.front();
    const fs::path manifest = og::utf8_path(w.value("HKCU", key));
    SECTION("a manifest whose program is gone") {
        json j = json::parse(read_file(manifest));
        j["path"] = (w.home.root() / "gone" / "optout-guide-host.exe").string();
        std::ofstream(manifest, std::ios::binary | std::ios::trunc) << j.dump(2);
        const json report = json::parse(run_cli(w.home, {"doctor", "--json"}).out);
        const auto& chrome = report["browsers"][0];
        REQUIRE(chrome["problems"].size() == 1);
        CHECK(chrome["problems"][0]["code"] == "binary_missing");
        const std::string fix = chrome["problems"][0]["fix"];
        CHECK_THAT(fix, Catch::EndsWith("install"));
        run_ok(w, {"install", "--browser", "chrome"});  // the fix, as printed
        const json again = json::parse(run_cli(w.home, {"doctor", "--json"}).out);
        CHECK(again["browsers"][0]["ready"] == true);
    }
    SECTION("a registry value naming a file that is not there") {
        w.set_value("HKCU", key, (w.home.root() / "nowhere.json").string());
        const json report = json::parse(run_cli(w.home, {"doctor", "--json"}).out);
        CHECK(report["browsers"][0]["problems"][0]["code"] == "manifest_missing");
        CHECK_THAT(report["browsers"][0]["problems"][0]["message"].get<std::string>(),
                   Catch::Contains("nowhere.json"));
    }
}

TEST_CASE("Windows: a profile folder with non-ASCII characters works end to end",
          "[install][windows]") {
    WindowsHome w("Zoé Müller ñ");
    REQUIRE(w.home.root().u8string().find(u8"Zoé") != std::u8string::npos);
    run_ok(w, {"install", "--browser", "firefox"});
    const std::string manifest = w.value("HKCU", kKeys.back());
    CHECK(fs::exists(og::utf8_path(manifest)));
    CHECK(manifest.find("Zoé Müller") != std::string::npos);
    const json report = json::parse(run_cli(w.home, {"doctor", "--json"}).out);
    for (const auto& b : report["browsers"])
        if (b["family"] == "firefox") CHECK(b["hello"]["ok"] == true);
}

#else
#include "support/portable.hpp"
OG_SKIPPED_TEST("Windows install, doctor and uninstall (every [windows] test)",
                "registry registration exists on Windows only")
#endif
