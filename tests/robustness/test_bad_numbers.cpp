// Inputs the fuzzers found that crashed the real host once; kept as end-to-end regressions.
#include <catch2/catch.hpp>

#include "child_host.hpp"
#include "conversation.hpp"

using namespace og::robust;

TEST_CASE("a number beyond a double's range is invalid_json, and the host goes on",
          "[fuzz-regressions]") {
    HostHome home;
    ChildHost host(home);
    // fuzz_dispatcher, crash-09ae9442: nlohmann's out_of_range escaped parse_message and the
    // host exited with status 70.
    for (const char* payload : {R"({"id": 99999999999E999, "type": "hello"})",
                                R"({"id": 1, "type": "nextStep", "context": {"url": -1e400}})"}) {
        INFO(payload);
        REQUIRE(host.send_raw(frame(payload)));
        const auto reply = host.receive();
        REQUIRE(reply);
        CHECK((*reply)["ok"] == false);
        CHECK((*reply)["error"]["code"] == "invalid_json");
    }
    CHECK(host.call(hello(2))["ok"] == true);
    host.close_stdin();
    CHECK(host.wait() == 0);
}
