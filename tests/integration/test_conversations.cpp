// Whole conversations with the built host over real pipes, started as Chromium and Firefox
// start it, with a private HOME: what the extension will actually live with.

#include <catch2/catch.hpp>

#include "host_process.hpp"
#include "support/portable.hpp"
#include "util/utf8_path.hpp"

using namespace og::test;

namespace {

const std::string kPolicy = "https://privacycenter.instagram.com/policy/";
const std::string kForm = "https://help.instagram.com/contact/233964459562201";

json page(const std::string& url, const std::string& lang = "en") {
    return {{"url", url},
            {"title", "Instagram"},
            {"docLang", lang},
            {"uiLang", lang},
            {"signals", {{"headings", json::array()}}}};
}

json event(const std::string& id, const std::string& type, const std::string& step,
           const std::string& url, const std::string& client = "chromium") {
    json e = {{"eventId", id},        {"procedureId", "test-objection"},
              {"stepId", step},       {"type", type},
              {"account", "default"}, {"url", url},
              {"client", client}};
    // What the page showed once it took the form: "sent" stands on it.
    if (type == "form_submitted")
        e["evidence"] = {{"text", "We've received your request."}, {"how", "form_replaced"}};
    return e;
}

}  // namespace

TEST_CASE("Chromium: hello, nextStep, reportEvent, getProgress, export, reset") {
    TempHome home;
    home.install_catalog();
    HostProcess host(home, chromium_args());

    const json hello = host.request(
        {{"id", 1}, {"type", "hello"}, {"client", "chromium"}, {"extensionVersion", "0.1.0"}});
    REQUIRE(hello["ok"] == true);
    CHECK(hello["id"] == 1);
    CHECK(hello["protocol"] == 1);
    CHECK(hello["catalog"]["version"] == 9000000001LL);
    CHECK(hello["catalog"]["source"] != "builtin");  // the newer user catalog won
    CHECK(hello["catalog"]["overrideError"].is_null());
    // Answered before the store is opened: a host starts in a process's time, not SQLite's.
    CHECK(hello["store"]["opened"] == false);
    CHECK(hello["store"]["path"] == home.store_path().string());
    CHECK_FALSE(fs::exists(home.store_path()));

    // The user is on the privacy policy: the step is to open the form.
    const json first =
        host.request({{"id", "n1"}, {"type", "nextStep"}, {"context", page(kPolicy, "fr")}});
    REQUIRE(first["match"].is_object());
    CHECK(first["match"]["stepId"] == "open-form");
    CHECK(first["match"]["instruction"] == "Cliquez sur « vous opposer ».");
    // nextStep read the progress, so the store is open now, and a later hello says how it is.
    const json again = host.request({{"id", 3}, {"type", "hello"}});
    CHECK(again["store"]["opened"] == true);
    CHECK(again["store"]["ok"] == true);
    CHECK(first["match"]["state"] == "not_started");

    const json done =
        host.request({{"id", 2},
                      {"type", "reportEvent"},
                      {"event", event("chromium-evt-1", "step_completed", "open-form", kPolicy)}});
    CHECK(done["progress"]["state"] == "in_progress");

    const json form = host.request({{"id", 3}, {"type", "nextStep"}, {"context", page(kForm)}});
    CHECK(form["match"]["stepId"] == "submit-form");
    CHECK(form["match"]["stepIndex"] == 2);
    CHECK(form["match"]["state"] == "in_progress");

    const json sent =
        host.request({{"id", 4},
                      {"type", "reportEvent"},
                      {"event", event("chromium-evt-2", "form_submitted", "submit-form", kForm)}});
    CHECK(sent["progress"]["state"] == "submitted");

    const json progress = host.request({{"id", 5}, {"type", "getProgress"}, {"cursor", 0}});
    REQUIRE(progress["progress"].size() == 1);
    CHECK(progress["progress"][0]["state"] == "submitted");
    CHECK(progress["progress"][0]["submittedAt"].is_string());
    CHECK(progress["nextCursor"].is_null());

    std::string html;
    json cursor = 0;
    while (!cursor.is_null()) {
        const json page_reply = host.request({{"id", 6},
                                              {"type", "exportRecord"},
                                              {"format", "html"},
                                              {"uiLang", "en"},
                                              {"cursor", cursor}});
        REQUIRE(page_reply["ok"] == true);
        html += page_reply["chunk"].get<std::string>();
        cursor = page_reply["nextCursor"];
    }
    CHECK_THAT(html, Catch::Contains("Record of objections to AI training by Meta"));
    CHECK_THAT(html, Catch::Contains(kForm));         // the form the objection went through
    CHECK_THAT(html, Catch::Contains("9000000001"));  // and the catalog version
    // In the extension's UI language, whichever of the five it is.
    for (const auto& [lang, title] :
         std::vector<std::pair<std::string, std::string>>{{"de", "Protokoll der Widersprüche"},
                                                          {"es-ES", "Registro de oposiciones"},
                                                          {"it", "Registro delle opposizioni"}}) {
        const json r = host.request({{"id", 7},
                                     {"type", "exportRecord"},
                                     {"format", "html"},
                                     {"uiLang", lang},
                                     {"cursor", 0}});
        REQUIRE(r["ok"] == true);
        CHECK(r["language"] == lang.substr(0, 2));
        CHECK_THAT(r["chunk"].get<std::string>(), Catch::Contains(title));
    }

    const json reset =
        host.request({{"id", 7}, {"type", "resetProcedure"}, {"procedureId", "test-objection"}});
    CHECK(reset["progress"]["state"] == "not_started");

    CHECK(host.wait() == 0);
    CHECK(host.stderr_text().empty());
}

TEST_CASE("Firefox sees what Chromium recorded: one store for every browser") {
    TempHome home;
    home.install_catalog();
    {
        HostProcess chromium(home, chromium_args());
        const json r = chromium.request(
            {{"id", 1},
             {"type", "reportEvent"},
             {"event", event("from-chromium-1", "form_submitted", "submit-form", kForm)}});
        REQUIRE(r["ok"] == true);
        // Both browsers at once: a second process on the same store.
        HostProcess firefox(home, firefox_args(home));
        const json seen = firefox.request({{"id", "f1"}, {"type", "getProgress"}});
        REQUIRE(seen["progress"].size() == 1);
        CHECK(seen["progress"][0]["state"] == "submitted");
        const json confirmed =
            firefox.request({{"id", "f2"},
                             {"type", "reportEvent"},
                             {"event", event("from-firefox-1", "confirmation_received",
                                             "wait-email", "", "firefox")}});
        CHECK(confirmed["progress"]["state"] == "confirmed");
        CHECK(firefox.wait() == 0);
        CHECK(chromium.wait() == 0);
    }
    HostProcess again(home, chromium_args());
    const json now = again.request({{"id", 1}, {"type", "getProgress"}});
    CHECK(now["progress"][0]["state"] == "confirmed");
}

TEST_CASE("the browser closes stdin in the middle of a frame") {
    TempHome home;
    home.install_catalog();
    HostProcess host(home, chromium_args());
    REQUIRE(host.request({{"id", 1},
                          {"type", "reportEvent"},
                          {"event", event("before-cut-1", "step_shown", "open-form",
                                          kPolicy)}})["ok"] == true);
    const std::string half = R"({"id":2,"type":"reportEvent","event":{"eventId":"af)";
    REQUIRE(host.send_raw(length_header(200) + half));
    CHECK(host.wait() == 0);  // a clean exit, not a crash or a hang
    CHECK_FALSE(host.receive_raw().has_value());

    HostProcess after(home, chromium_args());
    const json p = after.request({{"id", 1}, {"type", "getProgress"}});
    CHECK(p["progress"][0]["state"] == "in_progress");  // the committed event is kept
}

TEST_CASE("the browser goes away without reading: clean exit, the event is kept") {
    TempHome home;
    home.install_catalog();
    {
        HostProcess host(home, chromium_args());
        host.close_stdout();
        host.send({{"id", 1},
                   {"type", "reportEvent"},
                   {"event", event("unread-reply-1", "form_submitted", "submit-form", kForm)}});
        host.send({{"id", 2}, {"type", "hello"}});
        CHECK(host.wait() == 0);  // not killed by SIGPIPE
    }
    HostProcess after(home, chromium_args());
    CHECK(after.request({{"id", 1}, {"type", "getProgress"}})["progress"][0]["state"] ==
          "submitted");
}

TEST_CASE("bad frames over real pipes are answered and the host keeps serving") {
    TempHome home;
    HostProcess host(home, chromium_args());
    // 2 MiB announced and sent: refused, skipped.
    REQUIRE(host.send_raw(frame_bytes(std::string(2 * 1024 * 1024, ' '))));
    const json big = *host.receive();
    CHECK(big["error"]["code"] == "frame_too_large");
    REQUIRE(host.send_raw(frame_bytes("{\"id\":1,\"type\":\"hello\",\"x\":\"\xff\"}")));
    CHECK((*host.receive())["error"]["code"] == "invalid_utf8");
    REQUIRE(host.send_raw(frame_bytes(std::string(10000, '[') + std::string(10000, ']'))));
    CHECK((*host.receive())["error"]["code"] == "too_deep");
    const json wrong = host.request({{"id", 9}, {"type", "nextStep"}, {"context", {{"url", 7}}}});
    CHECK(wrong["error"]["code"] == "wrong_type");
    CHECK(wrong["error"]["field"] == "/context/url");
    CHECK(host.request({{"id", 10}, {"type", "hello"}})["ok"] == true);
    CHECK(host.wait() == 0);
}

TEST_CASE("an impossible length header ends the session with status 3") {
    TempHome home;
    HostProcess host(home, chromium_args());
    REQUIRE(host.send_raw(length_header(0x7FFFFFFF) + "xxxx"));
    const json r = *host.receive();
    CHECK(r["error"]["code"] == "stream_desync");
    CHECK(host.wait() == 3);
}

TEST_CASE("a store that cannot open: guidance still works, writes are refused") {
    TempHome home;
    home.install_catalog();
    // A file where the store's folder should be.
    fs::create_directories(home.data_home());
    { std::ofstream(home.data_home() / "optout-guide") << "not a folder"; }
    HostProcess host(home, chromium_args());
    const json hello = host.request({{"id", 1}, {"type", "hello"}});
    CHECK(hello["ok"] == true);
    CHECK(hello["store"]["opened"] == false);
    // Asked, the host opens the store and says why it cannot.
    const json health = host.request({{"id", 9}, {"type", "storeHealth"}});
    CHECK(health["store"]["opened"] == true);
    CHECK(health["store"]["ok"] == false);
    CHECK_THAT(health["store"]["error"].get<std::string>(), Catch::Contains("optout-guide"));
    const json next = host.request({{"id", 2}, {"type", "nextStep"}, {"context", page(kPolicy)}});
    CHECK(next["match"]["stepId"] == "open-form");
    const json rep =
        host.request({{"id", 3},
                      {"type", "reportEvent"},
                      {"event", event("no-store-evt-1", "step_shown", "open-form", kPolicy)}});
    CHECK(rep["error"]["code"] == "store_unavailable");
    CHECK(host.wait() == 0);
}

TEST_CASE("an invalid user catalog is ignored and hello says why") {
    TempHome home;
    home.install_catalog();
    { std::ofstream(home.catalog_override() / "catalog.json") << "{\"format\": 1, \"version\": "; }
    HostProcess host(home, firefox_args(home));
    const json hello = host.request({{"id", 1}, {"type", "hello"}});
    CHECK(hello["catalog"]["source"] == "builtin");
    CHECK(hello["catalog"]["overrideError"].is_string());
    CHECK(host.wait() == 0);
}

TEST_CASE("the store and the log are private to the user") {
    TempHome home;
    HostProcess host(home, chromium_args());
    REQUIRE(host.request({{"id", 1}, {"type", "storeHealth"}})["store"]["ok"] == true);
    CHECK(host.wait() == 0);
    CHECK(og::test::is_private(home.store_path()));
    CHECK(og::test::is_private(home.log_path()));
    CHECK_THAT(read_file(home.log_path()), Catch::Contains("started by chromium"));
}

// "C:\Users\Zoé" on Windows: the file names reach SQLite and the log as UTF-8 or wide strings,
// never through the ANSI code page.
TEST_CASE("a home folder with non-ASCII characters holds the store and the log") {
    TempHome home("Zoé Müller ñ ");
    HostProcess host(home, chromium_args());
    const json health = host.request({{"id", 1}, {"type", "storeHealth"}});
    CHECK(health["store"]["ok"] == true);
    CHECK(og::utf8_path(health["store"]["path"].get<std::string>()) == home.store_path());
    CHECK(host.wait() == 0);
    CHECK(fs::exists(home.store_path()));
    CHECK_THAT(read_file(home.log_path()), Catch::Contains("started by chromium"));
}
