// Every browser's host shares one store: what a running host acknowledged must be visible to
// another process at once, not only after that host exits.
#include <catch2/catch.hpp>

#include "host_process.hpp"

using namespace og::test;

TEST_CASE("events acknowledged by a running host are visible to other processes at once") {
    TempHome home;
    home.install_catalog();
    HostProcess host(home, chromium_args());
    const std::vector<std::pair<std::string, std::string>> steps = {
        {"open-form", "step_completed"}, {"submit-form", "form_submitted"}};
    int n = 0;
    for (const auto& [step, type] : steps) {
        const std::string id = "share-evt-" + std::to_string(++n) + "-0000";
        json event = {{"eventId", id},
                      {"procedureId", "test-objection"},
                      {"stepId", step},
                      {"type", type},
                      {"client", "chromium"}};
        if (type == "form_submitted")
            event["evidence"] = {{"text", "We've received your request."}};
        const json r = host.request({{"id", n}, {"type", "reportEvent"}, {"event", event}});
        REQUIRE(r["ok"] == true);
        // The host keeps running while another process (the CLI, another browser's host)
        // reads the journal.
        const json record = json::parse(run_cli(home, {"export", "--format", "json"}).out);
        int seen = 0;
        for (const auto& e : record["events"])
            if (e["stepId"] == step && e["type"] == type) ++seen;
        CHECK(seen == 1);
    }
    const json status = json::parse(run_cli(home, {"status", "--json"}).out);
    bool submitted = false;
    for (const auto& p : status)
        if (p.value("procedureId", "") == "test-objection")
            submitted = submitted || p["state"] == "submitted";
    CHECK(submitted);
    host.close_stdin();
    CHECK(host.wait() == 0);
}
