// Meta's answer to the third-party form, told by the user, through the built host over real
// pipes and its CLI: the built-in catalog declares the answers, the host refuses one it does
// not declare and a bare "confirmed", a refusal is a state of its own in getProgress, `status`
// and the record, and a new request after it starts again while the record keeps both.

#include <catch2/catch.hpp>

#include "host_process.hpp"

using namespace og::test;

namespace {

const std::string kProcedure = "third-party-ai-objection";
const std::string kForm = "https://www.facebook.com/help/contact/1266025207620918";

json event(const std::string& id, const std::string& type, const std::string& step) {
    json e = {{"eventId", id},
              {"procedureId", kProcedure},
              {"type", type},
              {"account", "default"},
              {"url", kForm}};
    if (!step.empty()) e["stepId"] = step;
    if (type == "form_submitted")
        e["evidence"] = {{"text", "We've received your request."}, {"how", "form_replaced"}};
    return e;
}

json answer(const std::string& id, const std::string& said) {
    json e = event(id, "answer_received", "wait-reply");
    e["answer"] = said;
    return e;
}

json report(HostProcess& host, const json& e) {
    return host.request({{"id", e["eventId"]}, {"type", "reportEvent"}, {"event", e}});
}

json progress_of(HostProcess& host) {
    const json r = host.request(
        {{"id", "p"}, {"type", "getProgress"}, {"procedureId", kProcedure}, {"cursor", 0}});
    REQUIRE(r["ok"] == true);
    REQUIRE(r["progress"].size() == 1);
    return r["progress"][0];
}

std::string record(HostProcess& host, const std::string& format, const std::string& lang) {
    std::string out;
    json cursor = 0;
    while (!cursor.is_null()) {
        const json page = host.request({{"id", "x"},
                                        {"type", "exportRecord"},
                                        {"format", format},
                                        {"uiLang", lang},
                                        {"cursor", cursor}});
        REQUIRE(page["ok"] == true);
        out += page["chunk"].get<std::string>();
        cursor = page["nextCursor"];
    }
    return out;
}

}  // namespace

TEST_CASE("answers: the wait step offers Meta's answers, in the UI language") {
    TempHome home;
    HostProcess host(home, chromium_args());
    const json proc = host.request(
        {{"id", 1}, {"type", "getProcedure"}, {"procedureId", kProcedure}, {"uiLang", "fr"}});
    REQUIRE(proc["ok"] == true);
    const json& wait = proc["procedure"]["steps"].back();
    CHECK(wait["id"] == "wait-reply");
    REQUIRE(wait["answers"].size() == 3);
    CHECK(wait["answers"][0]["answer"] == "accepted");
    CHECK(wait["answers"][1]["answer"] == "refused");
    CHECK(wait["answers"][2]["answer"] == "more-info");
    CHECK_THAT(wait["answers"][1]["advice"].get<std::string>(), Catch::Contains("CNIL"));
    // A procedure whose form Meta does not refuse keeps one answer: the email arrived.
    const json ig = host.request({{"id", 2},
                                  {"type", "getProcedure"},
                                  {"procedureId", "instagram-ai-objection"},
                                  {"uiLang", "fr"}});
    CHECK(ig["procedure"]["steps"].back()["answers"].empty());

    const json next = host.request({{"id", 3},
                                    {"type", "nextStep"},
                                    {"context",
                                     {{"url", kForm},
                                      {"title", ""},
                                      {"docLang", "en"},
                                      {"uiLang", "en"},
                                      {"signals", {{"headings", json::array()}}}}}});
    REQUIRE(next["match"].is_object());
    CHECK(next["match"]["procedureId"] == kProcedure);
    CHECK(next["match"]["answerStepId"] == "wait-reply");
    CHECK(next["match"]["answers"].size() == 3);
}

TEST_CASE("answers: an answer the step does not declare, or none, is refused where it is") {
    TempHome home;
    HostProcess host(home, chromium_args());
    REQUIRE(report(host, event("tp-sent-0001", "form_submitted", "submit-form"))["ok"] == true);

    const json unknown = report(host, answer("tp-answ-0001", "maybe"));
    CHECK(unknown["ok"] == false);
    CHECK(unknown["error"]["code"] == "unknown_answer");
    CHECK(unknown["error"]["field"] == "/event/answer");
    CHECK_THAT(unknown["error"]["message"].get<std::string>(),
               Catch::Contains("accepted, refused, more-info"));

    json bare = event("tp-answ-0002", "answer_received", "wait-reply");
    const json missing = report(host, bare);
    CHECK(missing["error"]["code"] == "missing_field");
    CHECK(missing["error"]["field"] == "/event/answer");

    // The old single button: on a form Meta may refuse, "the email arrived" is not an answer.
    const json confirmed = report(host, event("tp-conf-0001", "confirmation_received", ""));
    CHECK(confirmed["error"]["code"] == "invalid_value");
    CHECK(confirmed["error"]["field"] == "/event/type");

    json stray = event("tp-step-0001", "step_completed", "fill-details");
    stray["answer"] = "refused";
    CHECK(report(host, stray)["error"]["field"] == "/event/answer");

    // Where the catalog declares no answers, none is accepted.
    json ig = answer("ig-answ-0001", "refused");
    ig["procedureId"] = "instagram-ai-objection";
    ig["stepId"] = "wait-email";
    const json none = report(host, ig);
    CHECK(none["error"]["code"] == "unknown_answer");
    CHECK(none["error"]["field"] == "/event/answer");

    // Nothing of that was recorded: the request is still only sent.
    CHECK(progress_of(host)["state"] == "submitted");
    CHECK(progress_of(host)["answer"].is_null());
}

TEST_CASE("answers: Meta refused, the user tries again, and status and the record say both") {
    TempHome home;
    {
        HostProcess host(home, chromium_args());
        REQUIRE(report(host, event("tp-sent-0001", "form_submitted", "submit-form"))["ok"] == true);
        const json refused = report(host, answer("tp-answ-0001", "refused"));
        REQUIRE(refused["ok"] == true);
        CHECK(refused["progress"]["state"] == "refused");
        CHECK(refused["progress"]["answer"]["answer"] == "refused");
        CHECK(refused["progress"]["confirmedAt"].is_null());
        // Trying again starts from the first step.
        CHECK(refused["progress"]["stepIndex"] == 1);

        const std::string html = record(host, "html", "fr");
        CHECK_THAT(html, Catch::Contains("Refusée par Meta"));
        CHECK_THAT(html, Catch::Contains(
                             "vous avez indiqué à optout-guide\u00a0: Meta a refusé la demande."));
        CHECK_THAT(html, !Catch::Contains("Confirmée par Meta<br>"));
        const json doc = json::parse(record(host, "json", "en"));
        const json& row = doc["procedures"][0];
        CHECK(row["state"] == "refused");
        CHECK_THAT(row["answerTold"].get<std::string>(),
                   Catch::Contains("you told optout-guide: Meta refused the request."));
        CHECK(doc["events"].back()["type"] == "answer_received");
        CHECK(doc["events"].back()["answer"] == "refused");
        CHECK(doc["events"].back()["evidence"].is_null());
    }

    CliResult status = run_cli(home, {"status", "--json"});
    REQUIRE(status.exit_code == 0);
    bool seen = false;
    for (const auto& row : json::parse(status.out))
        if (row["procedureId"] == kProcedure) {
            CHECK(row["state"] == "refused");
            seen = true;
        }
    CHECK(seen);
    // LANG alone, as a German desktop sets it; the stronger variables cleared, since the test
    // may run where they are set (the Windows stage sets LC_ALL=C.UTF-8 for wine).
    home.extra_env.insert(home.extra_env.end(),
                          {{"LANG", "de_DE.UTF-8"}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}});
    CliResult table = run_cli(home, {"status"});
    CHECK_THAT(table.out, Catch::Contains("Von Meta abgelehnt"));

    HostProcess host(home, firefox_args(home));
    // A new request: sent again, then accepted. The refused one stays in the record.
    REQUIRE(report(host, event("tp-sent-0002", "form_submitted", "submit-form"))["ok"] == true);
    const json again = progress_of(host);
    CHECK(again["state"] == "submitted");
    CHECK(again["answer"].is_null());
    REQUIRE(again["earlierRequests"].size() == 1);
    CHECK(again["earlierRequests"][0]["answer"]["answer"] == "refused");
    CHECK(again["earlierRequests"][0]["submittedAt"].is_string());
    CHECK(again["earlierRequests"][0]["submittedAt"] != again["submittedAt"]);

    const json accepted = report(host, answer("tp-answ-0002", "accepted"));
    CHECK(accepted["progress"]["state"] == "confirmed");
    CHECK(accepted["progress"]["confirmedAt"] == accepted["progress"]["answer"]["at"]);
    const std::string html = record(host, "html", "en");
    CHECK_THAT(html, Catch::Contains("Confirmed by Meta"));
    CHECK_THAT(html, Catch::Contains("you told optout-guide: Meta accepted the request."));
    CHECK_THAT(html, Catch::Contains("Earlier request, sent on"));
    CHECK_THAT(html, Catch::Contains("you told optout-guide: Meta refused the request."));
}
