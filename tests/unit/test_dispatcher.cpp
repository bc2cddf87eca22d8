// The protocol as the extension sees it: the bad-input table (every malformed frame gets a
// stable error code naming the field, and the next frame is still served), then the messages
// against a real catalog and a real SQLite store.
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "catalog/loader.hpp"
#include "memory_pipes.hpp"
#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "protocol/paging.hpp"
#include "protocol/reply.hpp"
#include "protocol/session.hpp"
#include "store/store.hpp"
#include "test_catalog_fixture.hpp"
#include "util/logging.hpp"

using nlohmann::json;
using namespace og::protocol;
using og::test::frame;
namespace fs = std::filesystem;

namespace {

// The serve loop logs every bad frame; keep that out of the test output.
const bool kQuiet = (og::logging::silence(), true);

std::string header(std::uint32_t n) {
    std::string h(4, '\0');
    std::memcpy(h.data(), &n, 4);
    return h;
}

const og::catalog::Catalog& test_catalog() {
    static const og::catalog::Catalog catalog = [] {
        auto loaded =
            og::catalog::load_directory(fs::path(OG_SOURCE_DIR) / "tests/fixtures/host-catalog");
        REQUIRE(loaded.problems.empty());
        return *loaded.catalog;
    }();
    return catalog;
}

// A host with a real store in a temp dir (or none, to play a store that failed to open).
struct Host {
    og::test::TempDir dir;
    std::unique_ptr<og::store::Store> store;
    std::unique_ptr<Dispatcher> dispatcher;

    explicit Host(bool with_store = true) {
        HostContext ctx;
        ctx.catalog = &test_catalog();
        ctx.client = "chromium";
        if (with_store) {
            auto opened = og::store::Store::open(dir / "progress.db");
            REQUIRE(opened.ok());
            store = std::move(*opened);
            ctx.store = store.get();
            ctx.store_health = store->health();
        } else {
            ctx.store_health.ok = false;
            ctx.store_health.path = (dir / "progress.db").string();
            ctx.store_health.error = "unable to open database file";
        }
        dispatcher = std::make_unique<Dispatcher>(std::move(ctx));
    }

    json call(const json& request) { return dispatcher->handle(request); }

    struct Conversation {
        std::vector<json> replies;
        int exit_code;
    };
    // Feeds raw bytes through the serve loop, as stdin would.
    Conversation converse(const std::string& bytes) {
        // Small reads, so frame boundaries never line up with read boundaries.
        og::test::StringSource in(bytes, 777);
        og::test::StringSink out;
        Conversation c;
        c.exit_code = serve(in, out, *dispatcher);
        c.replies = og::test::decode_frames(out.out);
        return c;
    }
};

const json kHelloAfter = {{"id", "after"}, {"type", "hello"}};

void check_served_after(const std::vector<json>& replies) {
    REQUIRE_FALSE(replies.empty());
    CHECK(replies.back()["id"] == "after");
    CHECK(replies.back()["ok"] == true);
    CHECK(replies.back()["protocol"] == 1);
}

json ctx_page(const std::string& url, const std::string& ui = "en") {
    return {{"url", url}, {"title", "t"}, {"docLang", ui}, {"uiLang", ui}};
}

json event(const std::string& id, const std::string& type, const std::string& step,
           const std::string& url = "https://help.instagram.com/contact/233964459562201") {
    json e = {{"eventId", id}, {"procedureId", "test-objection"},
              {"type", type},  {"account", "default"},
              {"url", url},    {"client", "chromium"}};
    if (!step.empty()) e["stepId"] = step;
    if (type == "form_submitted") e["evidence"] = {{"text", "We've received your request."}};
    return e;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Bad input: raw frames
// ---------------------------------------------------------------------------------------------

TEST_CASE("bad frames get a stable error code and the next frame is served") {
    struct Row {
        const char* what;
        std::string bytes;
        const char* code;
    };
    const std::string deep = "{\"id\":1,\"type\":\"hello\",\"x\":" + std::string(5000, '[') +
                             std::string(5000, ']') + "}";
    const std::vector<Row> rows = {
        {"invalid UTF-8", encode_frame("{\"id\":1,\"type\":\"hello\",\"client\":\"\xff\xfe\"}"),
         "invalid_utf8"},
        {"overlong UTF-8", encode_frame("{\"id\":1,\"type\":\"hel\xc1\xaco\"}"), "invalid_utf8"},
        {"invalid JSON", encode_frame("{\"id\":1 \"type\":\"hello\"}"), "invalid_json"},
        {"empty frame", encode_frame(""), "invalid_json"},
        {"JSON nested 5000 deep", encode_frame(deep), "too_deep"},
        {"a number beyond a double's range", encode_frame("{\"id\":1E999,\"type\":\"hello\"}"),
         "invalid_json"},
        {"a JSON array", encode_frame("[1,2,3]"), "not_an_object"},
        {"a JSON string", encode_frame("\"hello\""), "not_an_object"},
    };
    for (const auto& row : rows) {
        SECTION(row.what) {
            Host host(false);
            auto c = host.converse(row.bytes + frame(kHelloAfter));
            CHECK(c.exit_code == 0);
            REQUIRE(c.replies.size() == 2);
            CHECK(c.replies[0]["ok"] == false);
            CHECK(c.replies[0]["id"].is_null());
            CHECK(c.replies[0]["error"]["code"] == row.code);
            CHECK_FALSE(c.replies[0]["error"]["message"].get<std::string>().empty());
            check_served_after(c.replies);
        }
    }
}

TEST_CASE("error messages say where the input went wrong") {
    Host host(false);
    auto c = host.converse(encode_frame("{\"id\":1,\"type\":\"hello\",\"client\":\"ok\xff\"}") +
                           encode_frame(std::string(70, '[')));
    REQUIRE(c.replies.size() == 2);
    CHECK_THAT(c.replies[0]["error"]["message"].get<std::string>(), Catch::Contains("offset 35"));
    CHECK_THAT(c.replies[1]["error"]["message"].get<std::string>(),
               Catch::Contains("deeper than 64"));
}

TEST_CASE("a frame over 1 MiB is refused, skipped, and the next one served") {
    Host host(false);
    const std::string big_json =
        "{\"id\":1,\"type\":\"hello\",\"pad\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
    auto c = host.converse(encode_frame(big_json) + frame(kHelloAfter));
    REQUIRE(c.replies.size() == 2);
    CHECK(c.replies[0]["error"]["code"] == "frame_too_large");
    CHECK(c.replies[0]["id"].is_null());
    CHECK_THAT(c.replies[0]["error"]["message"].get<std::string>(), Catch::Contains("1048576"));
    check_served_after(c.replies);
}

TEST_CASE("a frame whose length header lies short: error, then the stream resynchronises") {
    Host host(false);
    const std::string json_text = R"({"id":7,"type":"hello","client":"chromium"})";
    // The header claims 10 bytes; the other 33 stay in the stream.
    auto c = host.converse(header(10) + json_text + frame(kHelloAfter));
    REQUIRE(c.replies.size() == 2);
    CHECK(c.replies[0]["error"]["code"] == "invalid_json");
    check_served_after(c.replies);
}

TEST_CASE("a length header lying short by fewer than 4 bytes still resynchronises") {
    Host host(false);
    const std::string json_text = R"({"id":7,"type":"hello"})";
    auto c = host.converse(header(static_cast<std::uint32_t>(json_text.size() - 2)) + json_text +
                           frame(kHelloAfter));
    REQUIRE(c.replies.size() == 2);
    CHECK(c.replies[0]["error"]["code"] == "invalid_json");
    check_served_after(c.replies);
}

TEST_CASE("a frame whose length header lies long: error, and the frame it swallowed is served") {
    Host host(false);
    const std::string json_text = R"({"id":7,"type":"hello"})";
    const json next = {{"id", "after"}, {"type", "hello"}, {"client", std::string(60, 'c')}};
    auto c = host.converse(header(static_cast<std::uint32_t>(json_text.size() + 30)) + json_text +
                           frame(next));
    REQUIRE(c.replies.size() == 2);
    CHECK(c.replies[0]["error"]["code"] == "invalid_json");
    CHECK(c.replies[0]["id"] == 7);  // the lying frame's own id is still readable
    CHECK_THAT(c.replies[0]["error"]["message"].get<std::string>(),
               Catch::Contains("length header announced"));
    check_served_after(c.replies);
}

TEST_CASE("a lying-long header before EOF: the swallowed frame is still answered") {
    Host host(false);
    const std::string json_text = R"({"id":7,"type":"hello"})";
    // Announces far more than will ever come; the browser then closes stdin.
    auto c = host.converse(header(5000) + json_text + frame(kHelloAfter));
    CHECK(c.exit_code == 0);
    REQUIRE(c.replies.size() == 2);
    CHECK(c.replies[0]["error"]["code"] == "invalid_json");
    check_served_after(c.replies);
}

TEST_CASE("an impossible length header: stream_desync and exit status 3") {
    Host host(false);
    auto c =
        host.converse(frame(kHelloAfter) + header(0xFFFFFFFFu) + "garbage" + frame(kHelloAfter));
    CHECK(c.exit_code == kExitDesync);
    REQUIRE(c.replies.size() == 2);  // nothing after the desync is answered
    CHECK(c.replies[0]["ok"] == true);
    CHECK(c.replies[1]["error"]["code"] == "stream_desync");
}

TEST_CASE("EOF inside a frame drops the partial frame and exits cleanly") {
    Host host(false);
    auto c = host.converse(frame(kHelloAfter) + header(100) + "{\"id\":2,\"ty");
    CHECK(c.exit_code == 0);
    REQUIRE(c.replies.size() == 1);
    check_served_after(c.replies);
}

// ---------------------------------------------------------------------------------------------
// Bad input: fields
// ---------------------------------------------------------------------------------------------

TEST_CASE("every field of the wrong type is named") {
    struct Row {
        json request;
        const char* field;
    };
    const std::string url = "https://privacycenter.instagram.com/policy/";
    const json ctx = ctx_page(url);
    auto with = [](json base, const json::json_pointer& p, json value) {
        base[p] = std::move(value);
        return base;
    };
    const json ev = {{"eventId", "abcdefgh1"},
                     {"procedureId", "test-objection"},
                     {"type", "step_shown"},
                     {"stepId", "open-form"}};
    const json next = {{"id", 1}, {"type", "nextStep"}, {"context", ctx}};
    const json report = {{"id", 1}, {"type", "reportEvent"}, {"event", ev}};
    const std::vector<Row> rows = {
        {{{"id", true}, {"type", "hello"}}, "/id"},
        {{{"id", json::array()}, {"type", "hello"}}, "/id"},
        {{{"id", 1}, {"type", 5}}, "/type"},
        {{{"id", 1}, {"type", "hello"}, {"client", 1}}, "/client"},
        {{{"id", 1}, {"type", "hello"}, {"extensionVersion", json::object()}}, "/extensionVersion"},
        {{{"id", 1}, {"type", "listProcedures"}, {"uiLang", 1}}, "/uiLang"},
        {{{"id", 1}, {"type", "listProcedures"}, {"cursor", "0"}}, "/cursor"},
        {{{"id", 1}, {"type", "getProcedure"}, {"procedureId", 5}}, "/procedureId"},
        {with(next, "/account"_json_pointer, 5), "/account"},
        {with(next, "/procedureId"_json_pointer, json::array()), "/procedureId"},
        {with(next, "/context"_json_pointer, "x"), "/context"},
        {with(next, "/context/url"_json_pointer, 5), "/context/url"},
        {with(next, "/context/title"_json_pointer, false), "/context/title"},
        {with(next, "/context/docLang"_json_pointer, 1.5), "/context/docLang"},
        {with(next, "/context/uiLang"_json_pointer, json::array()), "/context/uiLang"},
        {with(next, "/context/signals"_json_pointer, 1), "/context/signals"},
        {with(next, "/context/signals/headings"_json_pointer, "x"), "/context/signals/headings"},
        {with(next, "/context/signals/headings"_json_pointer, json::array({"ok", 1})),
         "/context/signals/headings/1"},
        {with(report, "/event"_json_pointer, json::array()), "/event"},
        {with(report, "/event/eventId"_json_pointer, 12345678), "/event/eventId"},
        {with(report, "/event/procedureId"_json_pointer, 1), "/event/procedureId"},
        {with(report, "/event/type"_json_pointer, 1), "/event/type"},
        {with(report, "/event/stepId"_json_pointer, 1), "/event/stepId"},
        {with(report, "/event/account"_json_pointer, 1), "/event/account"},
        {with(report, "/event/url"_json_pointer, 1), "/event/url"},
        {with(report, "/event/client"_json_pointer, 1), "/event/client"},
        {{{"id", 1}, {"type", "getProgress"}, {"platform", 1}}, "/platform"},
        {{{"id", 1}, {"type", "getProgress"}, {"account", 1}}, "/account"},
        {{{"id", 1}, {"type", "getProgress"}, {"cursor", 1.5}}, "/cursor"},
        {{{"id", 1}, {"type", "resetProcedure"}, {"procedureId", 1}}, "/procedureId"},
        {{{"id", 1}, {"type", "resetProcedure"}, {"procedureId", "test-objection"}, {"account", 2}},
         "/account"},
        {{{"id", 1}, {"type", "exportRecord"}, {"format", 1}}, "/format"},
        {{{"id", 1}, {"type", "exportRecord"}, {"uiLang", 1}}, "/uiLang"},
        {{{"id", 1}, {"type", "exportRecord"}, {"cursor", "a"}}, "/cursor"},
        {{{"id", 1}, {"type", "setAccount"}, {"platform", 1}, {"account", "w"}}, "/platform"},
        {{{"id", 1}, {"type", "setAccount"}, {"platform", "instagram"}, {"account", 1}},
         "/account"},
        {{{"id", 1},
          {"type", "setAccount"},
          {"platform", "instagram"},
          {"account", "w"},
          {"label", 1}},
         "/label"},
    };
    Host host;
    for (const auto& row : rows) {
        INFO(row.request.dump());
        // Through the serve loop, with a good frame after each bad one.
        auto c = host.converse(frame(row.request) + frame(kHelloAfter));
        REQUIRE(c.replies.size() == 2);
        const json& r = c.replies[0];
        CHECK(r["ok"] == false);
        CHECK(r["error"]["code"] == "wrong_type");
        CHECK(r["error"]["field"] == row.field);
        CHECK_THAT(r["error"]["message"].get<std::string>(), Catch::Contains(row.field));
        check_served_after(c.replies);
    }
}

TEST_CASE("missing fields are named") {
    struct Row {
        json request;
        const char* field;
    };
    const json ev = {{"eventId", "abcdefgh1"},
                     {"procedureId", "test-objection"},
                     {"type", "step_shown"},
                     {"stepId", "open-form"}};
    auto without = [](json base, const std::string& key) {
        base["event"].erase(key);
        return base;
    };
    const json report = {{"id", 1}, {"type", "reportEvent"}, {"event", ev}};
    const std::vector<Row> rows = {
        {{{"type", "hello"}}, "/id"},
        {{{"id", 1}}, "/type"},
        {{{"id", 1}, {"type", nullptr}}, "/type"},
        {{{"id", 1}, {"type", "getProcedure"}}, "/procedureId"},
        {{{"id", 1}, {"type", "nextStep"}}, "/context"},
        {{{"id", 1}, {"type", "nextStep"}, {"context", {{"title", "x"}}}}, "/context/url"},
        {{{"id", 1}, {"type", "reportEvent"}}, "/event"},
        {without(report, "eventId"), "/event/eventId"},
        {without(report, "procedureId"), "/event/procedureId"},
        {without(report, "type"), "/event/type"},
        {without(report, "stepId"), "/event/stepId"},
        {{{"id", 1}, {"type", "resetProcedure"}}, "/procedureId"},
        {{{"id", 1}, {"type", "setAccount"}, {"account", "w"}}, "/platform"},
        {{{"id", 1}, {"type", "setAccount"}, {"platform", "facebook"}}, "/account"},
    };
    Host host;
    for (const auto& row : rows) {
        INFO(row.request.dump());
        auto c = host.converse(frame(row.request) + frame(kHelloAfter));
        REQUIRE(c.replies.size() == 2);
        CHECK(c.replies[0]["error"]["code"] == "missing_field");
        CHECK(c.replies[0]["error"]["field"] == row.field);
        if (row.request.contains("id")) CHECK(c.replies[0]["id"] == 1);
        check_served_after(c.replies);
    }
}

TEST_CASE("values of the right type but wrong form are refused, naming the field") {
    struct Row {
        json request;
        const char* code;
        const char* field;
    };
    auto report = [](json e) { return json{{"id", 1}, {"type", "reportEvent"}, {"event", e}}; };
    const std::vector<Row> rows = {
        {{{"id", 1}, {"type", "nosuchThing"}}, "unknown_type", "/type"},
        {report(event("short", "step_shown", "open-form")), "invalid_value", "/event/eventId"},
        {report(event("has space 123", "step_shown", "open-form")), "invalid_value",
         "/event/eventId"},
        {report(event("abcdefgh1", "reset", "")), "invalid_value", "/event/type"},
        {report(event("abcdefgh1", "step_shown", "no-such-step")), "unknown_step", "/event/stepId"},
        {report([] {
             auto e = event("abcdefgh1", "step_shown", "open-form");
             e["procedureId"] = "no-such-procedure";
             return e;
         }()),
         "unknown_procedure", "/event/procedureId"},
        {report([] {
             auto e = event("abcdefgh1", "step_shown", "open-form");
             e["account"] = "";
             return e;
         }()),
         "invalid_value", "/event/account"},
        {{{"id", 1}, {"type", "getProcedure"}, {"procedureId", "nope"}},
         "unknown_procedure",
         "/procedureId"},
        {{{"id", 1},
          {"type", "nextStep"},
          {"procedureId", "nope"},
          {"context", ctx_page("https://www.instagram.com/")}},
         "unknown_procedure",
         "/procedureId"},
        {{{"id", 1}, {"type", "nextStep"}, {"context", ctx_page("not a url")}},
         "invalid_value",
         "/context/url"},
        {{{"id", 1}, {"type", "listProcedures"}, {"cursor", -1}}, "invalid_value", "/cursor"},
        {{{"id", 1}, {"type", "listProcedures"}, {"cursor", 99}}, "invalid_value", "/cursor"},
        {{{"id", 1}, {"type", "getProgress"}, {"platform", "myspace"}},
         "invalid_value",
         "/platform"},
        {{{"id", 1}, {"type", "exportRecord"}, {"format", "pdf"}}, "invalid_value", "/format"},
        {{{"id", 1}, {"type", "setAccount"}, {"platform", "tiktok"}, {"account", "w"}},
         "invalid_value",
         "/platform"},
        {{{"id", 1},
          {"type", "setAccount"},
          {"platform", "instagram"},
          {"account", std::string(65, 'a')}},
         "field_too_long",
         "/account"},
    };
    Host host;
    for (const auto& row : rows) {
        INFO(row.request.dump());
        auto c = host.converse(frame(row.request) + frame(kHelloAfter));
        REQUIRE(c.replies.size() == 2);
        CHECK(c.replies[0]["id"] == 1);
        CHECK(c.replies[0]["error"]["code"] == row.code);
        CHECK(c.replies[0]["error"]["field"] == row.field);
        check_served_after(c.replies);
    }
}

TEST_CASE("strings over their limit: field_too_long naming the field") {
    Host host;
    const std::string page = "https://privacycenter.instagram.com/policy/?q=";
    struct Row {
        json request;
        const char* field;
    };
    const std::string k900(900 * 1024, 'x');
    const std::vector<Row> rows = {
        {{{"id", 1}, {"type", "nextStep"}, {"context", {{"url", page}, {"title", k900}}}},
         "/context/title"},
        {{{"id", 1}, {"type", "nextStep"}, {"context", {{"url", page + k900}}}}, "/context/url"},
        {{{"id", 1}, {"type", "nextStep"}, {"context", {{"url", page + std::string(8200, 'a')}}}},
         "/context/url"},
        {{{"id", 1}, {"type", "hello"}, {"client", std::string(1025, 'c')}}, "/client"},
        {{{"id", 1}, {"type", "hello"}, {"unknownButHuge", k900}}, "/unknownButHuge"},
        {{{"id", 1},
          {"type", "nextStep"},
          {"context", {{"url", page}, {"signals", {{"headings", {"ok", k900}}}}}}},
         "/context/signals/headings/1"},
    };
    for (const auto& row : rows) {
        INFO(row.field);
        auto c = host.converse(frame(row.request) + frame(kHelloAfter));
        REQUIRE(c.replies.size() == 2);
        CHECK(c.replies[0]["id"] == 1);
        CHECK(c.replies[0]["error"]["code"] == "field_too_long");
        CHECK(c.replies[0]["error"]["field"] == row.field);
        check_served_after(c.replies);
    }
    SECTION("a long but allowed URL is fine") {
        auto r = host.call({{"id", 2},
                            {"type", "nextStep"},
                            {"context", {{"url", page + std::string(7000, 'a')}}}});
        CHECK(r["ok"] == true);
    }
}

TEST_CASE("a reply over 1 MiB is replaced by reply_too_large with the request's id") {
    const json huge = {{"id", 42}, {"ok", true}, {"blob", std::string(kMaxOutbound, 'b')}};
    const json r = json::parse(serialize_reply(huge));
    CHECK(r["id"] == 42);
    CHECK(r["error"]["code"] == "reply_too_large");
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

TEST_CASE("hello reports versions, capabilities, limits and store health") {
    Host host;
    auto r = host.call({{"id", "h"}, {"type", "hello"}, {"client", "chromium"}});
    CHECK(r["id"] == "h");
    CHECK(r["ok"] == true);
    CHECK(r["protocol"] == 1);
    CHECK(r["catalog"]["version"] == 9000000001LL);
    CHECK(r["catalog"]["procedures"] == 1);
    CHECK(r["store"]["ok"] == true);
    CHECK(r["store"]["schemaVersion"] == og::store::kSchemaVersion);
    CHECK(r["limits"]["maxInbound"] == 1048576);
    CHECK(r["capabilities"].size() == 14);
    CHECK(std::find(r["capabilities"].begin(), r["capabilities"].end(), "offerCatalog") !=
          r["capabilities"].end());
}

TEST_CASE("nextStep: the page and the stored progress pick the step") {
    Host host;
    const json policy = ctx_page("https://privacycenter.instagram.com/policy/", "fr-FR");
    auto r = host.call({{"id", 1}, {"type", "nextStep"}, {"context", policy}});
    REQUIRE(r["ok"] == true);
    const json& m = r["match"];
    CHECK(m["procedureId"] == "test-objection");
    CHECK(m["stepId"] == "open-form");
    CHECK(m["stepIndex"] == 1);
    CHECK(m["stepCount"] == 3);
    CHECK(m["state"] == "not_started");
    CHECK(m["language"] == "fr");
    CHECK(m["instruction"] == "Cliquez sur « vous opposer ».");
    CHECK(m["targets"][0]["by"] == "href");
    CHECK(m["complete"][0]["type"] == "urlMatches");
    CHECK(m["directLink"] == "https://help.instagram.com/contact/233964459562201");

    SECTION("a user arriving on the form from an email link gets the form step") {
        auto f = host.call(
            {{"id", 2},
             {"type", "nextStep"},
             {"context", ctx_page("https://help.instagram.com/contact/233964459562201")}});
        CHECK(f["match"]["stepId"] == "submit-form");
        CHECK(f["match"]["stepIndex"] == 2);
    }
    SECTION("the generic form is flagged as the wrong page") {
        auto w = host.call(
            {{"id", 3},
             {"type", "nextStep"},
             {"context", ctx_page("https://help.instagram.com/contact/117037592428568")}});
        CHECK(w["match"]["kind"] == "wrong-page");
        CHECK(w["match"]["warning"] == "This general form does not stop AI training.");
    }
    SECTION("a page no procedure knows gives match null") {
        auto n = host.call({{"id", 4},
                            {"type", "nextStep"},
                            {"context", ctx_page("https://www.facebook.com/zzz")}});
        CHECK(n["ok"] == true);
        CHECK(n["match"].is_null());
    }
}

TEST_CASE("reportEvent records, is idempotent, and refuses a reused ID") {
    Host host;
    auto shown = host.call({{"id", 1},
                            {"type", "reportEvent"},
                            {"event", event("evt-00000001", "step_completed", "open-form")}});
    REQUIRE(shown["ok"] == true);
    CHECK(shown["duplicate"] == false);
    CHECK(shown["progress"]["state"] == "in_progress");
    CHECK(shown["progress"]["stepIndex"] == 2);

    auto again = host.call({{"id", 2},
                            {"type", "reportEvent"},
                            {"event", event("evt-00000001", "step_completed", "open-form")}});
    CHECK(again["ok"] == true);
    CHECK(again["duplicate"] == true);

    auto conflict = host.call({{"id", 3},
                               {"type", "reportEvent"},
                               {"event", event("evt-00000001", "step_skipped", "open-form")}});
    CHECK(conflict["error"]["code"] == "event_conflict");
    CHECK(conflict["error"]["field"] == "/event/eventId");

    auto submitted = host.call({{"id", 4},
                                {"type", "reportEvent"},
                                {"event", event("evt-00000002", "form_submitted", "submit-form")}});
    CHECK(submitted["progress"]["state"] == "submitted");
    CHECK(submitted["progress"]["submittedAt"].is_string());

    auto progress = host.call({{"id", 5}, {"type", "getProgress"}, {"platform", "instagram"}});
    REQUIRE(progress["progress"].size() == 1);
    CHECK(progress["progress"][0]["state"] == "submitted");
    CHECK(progress["nextCursor"].is_null());

    auto reset =
        host.call({{"id", 6}, {"type", "resetProcedure"}, {"procedureId", "test-objection"}});
    CHECK(reset["progress"]["state"] == "not_started");

    SECTION("the history survives the reset in the export") {
        auto rec = host.call({{"id", 7}, {"type", "exportRecord"}, {"format", "json"}});
        const json record = json::parse(rec["chunk"].get<std::string>());
        CHECK(record["events"].size() == 3);
        CHECK(record["events"][2]["type"] == "reset");
        CHECK(record["procedures"][0]["formUrl"] ==
              "https://help.instagram.com/contact/233964459562201");
    }
}

TEST_CASE(
    "a store that cannot open: hello says so, reportEvent is store_unavailable, guidance works") {
    Host host(false);
    auto hello = host.call({{"id", 1}, {"type", "hello"}});
    CHECK(hello["store"]["ok"] == false);
    CHECK(hello["store"]["error"] == "unable to open database file");
    auto rep = host.call({{"id", 2},
                          {"type", "reportEvent"},
                          {"event", event("evt-00000001", "step_shown", "open-form")}});
    CHECK(rep["error"]["code"] == "store_unavailable");
    auto next = host.call({{"id", 3},
                           {"type", "nextStep"},
                           {"context", ctx_page("https://privacycenter.instagram.com/policy")}});
    CHECK(next["match"]["stepId"] == "open-form");
    auto set =
        host.call({{"id", 4}, {"type", "setAccount"}, {"platform", "instagram"}, {"account", "w"}});
    CHECK(set["error"]["code"] == "store_unavailable");
}

TEST_CASE("accounts: every platform has a default, others can be added") {
    Host host;
    auto list = host.call({{"id", 1}, {"type", "listAccounts"}});
    CHECK(list["accounts"].size() == 3);
    auto set = host.call({{"id", 2},
                          {"type", "setAccount"},
                          {"platform", "instagram"},
                          {"account", "work"},
                          {"label", "Work account"}});
    REQUIRE(set["ok"] == true);
    bool found = false;
    for (const auto& a : set["accounts"])
        if (a["account"] == "work") found = a["label"] == "Work account";
    CHECK(found);
    auto progress = host.call({{"id", 3}, {"type", "getProgress"}});
    CHECK(progress["progress"].size() == 2);  // test-objection × {default, work}
}

TEST_CASE("exportRecord pages a large record into chunks that fit back together") {
    Host host;
    // 80 events with 8 KB evidence URLs make a record of over 640 KiB.
    const std::string base = "https://help.instagram.com/contact/233964459562201?x=";
    for (int i = 0; i < 80; ++i) {
        auto r =
            host.call({{"id", i},
                       {"type", "reportEvent"},
                       {"event", event("bulk-event-" + std::to_string(1000 + i), "step_shown",
                                       "submit-form", base + std::string(8000, 'a' + i % 26))}});
        REQUIRE(r["ok"] == true);
    }
    for (const std::string format : {"json", "html"}) {
        INFO(format);
        std::string text;
        json cursor = 0;
        int pages = 0;
        std::size_t total = 0;
        while (!cursor.is_null()) {
            json req = {{"id", pages},
                        {"type", "exportRecord"},
                        {"format", format},
                        {"uiLang", "fr"},
                        {"cursor", cursor}};
            const std::string bytes = serialize_reply(host.call(req));
            REQUIRE(bytes.size() <= kMaxOutbound);
            const json r = json::parse(bytes);
            REQUIRE(r["ok"] == true);
            CHECK(r["offset"] == text.size());
            total = r["total"];
            const std::string chunk = r["chunk"];
            CHECK(chunk.size() <= kRecordChunk);
            text += chunk;
            cursor = r["nextCursor"];
            ++pages;
            // An event reported mid-export belongs to the next export, not to this one's pages.
            if (pages == 1 && format == "json")
                REQUIRE(host.call({{"id", 900},
                                   {"type", "reportEvent"},
                                   {"event", event("late-event-0001", "step_shown",
                                                   "open-form")}})["ok"] == true);
        }
        CHECK(pages >= 2);
        CHECK(text.size() == total);
        if (format == "json") {
            const json record = json::parse(text);
            CHECK(record["events"].size() == 80);
            CHECK(record["language"] == "fr");
            // Written piece by piece, it is still exactly the pretty-printed JSON of itself.
            CHECK(text == record.dump(2) + "\n");
        } else {
            CHECK(text.rfind("<!doctype html>", 0) == 0);
            CHECK_THAT(text, Catch::Contains("lang=\"fr\""));
            CHECK_THAT(text, Catch::Contains("Relevé des oppositions"));
            CHECK_THAT(text, Catch::EndsWith("</html>\n"));
        }
    }
}

TEST_CASE("listProcedures and getProcedure describe the catalog in the UI language") {
    Host host;
    auto list = host.call({{"id", 1}, {"type", "listProcedures"}, {"uiLang", "fr"}});
    REQUIRE(list["procedures"].size() == 1);
    CHECK(list["procedures"][0]["title"] == "Opposition de test");
    CHECK(list["procedures"][0]["steps"] == 3);
    CHECK(list["nextCursor"].is_null());
    auto rest = host.call({{"id", 2}, {"type", "listProcedures"}, {"cursor", 1}});
    CHECK(rest["procedures"].empty());
    auto one = host.call({{"id", 3}, {"type", "getProcedure"}, {"procedureId", "test-objection"}});
    CHECK(one["procedure"]["steps"].size() == 3);  // the wrong-page step is not counted
    CHECK(one["procedure"]["sources"][0] == "Test fixture, not a real procedure");
}

TEST_CASE("reportEvent: form_submitted is recorded only with the confirmation Meta showed") {
    Host host;
    json bare = event("evt-bare-0001", "form_submitted", "submit-form");
    bare.erase("evidence");
    auto r = host.call({{"id", 1}, {"type", "reportEvent"}, {"event", bare}});
    CHECK(r["ok"] == false);
    CHECK(r["error"]["code"] == "missing_field");
    CHECK(r["error"]["field"] == "/event/evidence");

    json elsewhere = event("evt-else-0001", "form_submitted", "submit-form");
    elsewhere["evidence"] = {{"text", "Thanks for visiting. See our cookie policy."}};
    r = host.call({{"id", 2}, {"type", "reportEvent"}, {"event", elsewhere}});
    CHECK(r["ok"] == false);
    CHECK(r["error"]["code"] == "invalid_value");
    CHECK(r["error"]["field"] == "/event/evidence/text");

    json shown = event("evt-shown-0001", "step_shown", "submit-form");
    shown["evidence"] = {{"text", "We've received your request."}};
    r = host.call({{"id", 3}, {"type", "reportEvent"}, {"event", shown}});
    CHECK(r["error"]["field"] == "/event/evidence");

    auto progress = host.call({{"id", 4}, {"type", "getProgress"}, {"platform", "instagram"}});
    CHECK(progress["progress"][0]["state"] == "not_started");

    // The quote may be the page's own wording around the catalog's text, in any case.
    json sent = event("evt-sent-0001", "form_submitted", "submit-form");
    sent["evidence"] = {{"text", "Thanks! WE’VE RECEIVED YOUR REQUEST and will reply by email."},
                        {"how", "container_text"}};
    r = host.call({{"id", 5}, {"type", "reportEvent"}, {"event", sent}});
    REQUIRE(r["ok"] == true);
    CHECK(r["progress"]["state"] == "submitted");
    CHECK(r["progress"]["sentEvidence"]["text"] == sent["evidence"]["text"]);
    CHECK(r["progress"]["sentEvidence"]["at"] == r["progress"]["submittedAt"]);
}
