// Group commit: requests that arrive together are answered together, their writes durable in one
// commit before any reply leaves; a failed commit answers every request from the first write on
// with the error, so nothing unsaved is acknowledged.
#include <algorithm>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "memory_pipes.hpp"
#include "protocol/framing.hpp"
#include "protocol/session.hpp"
#include "store/store.hpp"
#include "test_catalog_fixture.hpp"
#include "test_store_fixture.hpp"

using namespace og::protocol;
using nlohmann::json;
using og::test::frame;
using og::test::make_event;

namespace {

// Records the order of what the loop does: handled requests, group ends and sent replies.
class Recorder : public RequestHandler {
  public:
    explicit Recorder(const og::test::StringSink& out, bool fail_commit)
        : out_(out), fail_(fail_commit) {}
    json handle(const json& request) override {
        wrote_ = request["type"] == "write";
        events.push_back("handle " + request["id"].dump() + " after " + sent() + " replies");
        return {{"id", request["id"]}, {"ok", true}};
    }
    void begin_group() override { events.push_back("begin"); }
    og::Status end_group() override {
        events.push_back("end after " + sent() + " replies");
        if (fail_) return og::make_error("store_unavailable", "disk full");
        return og::Ok{};
    }
    bool last_request_wrote() const override { return wrote_; }
    std::vector<std::string> events;

  private:
    std::string sent() const { return std::to_string(og::test::decode_frames(out_.out).size()); }
    const og::test::StringSink& out_;
    bool fail_;
    bool wrote_ = false;
};

// What serving `burst` to its end did: the loop's events in order, and the replies sent.
struct Served {
    std::vector<std::string> events;
    std::vector<json> replies;
};

// All of `burst` is there at once, as when a browser wrote it in one go.
Served serve_burst(std::string burst, bool fail_commit = false) {
    og::test::StringSource in(std::move(burst), std::numeric_limits<std::size_t>::max(),
                              /*burst=*/true);
    og::test::StringSink out;
    Recorder handler(out, fail_commit);
    REQUIRE(serve(in, out, handler) == kExitOk);
    return {handler.events, og::test::decode_frames(out.out)};
}

// One store file and two connections to it, as two hosts have: one writing in groups, the
// other reading.
struct TwoConnections {
    og::test::TempDir dir;
    std::unique_ptr<og::store::Store> writer = og::test::open_ok(dir / "progress.db");
    std::unique_ptr<og::store::Store> reader = og::test::open_ok(dir / "progress.db");
};

}  // namespace

TEST_CASE("group commit: a burst is one group, committed before its first reply") {
    std::string burst;
    for (int i = 0; i < 5; ++i) burst += frame({{"id", i}, {"type", "write"}});
    const auto served = serve_burst(burst);
    CHECK(served.events ==
          std::vector<std::string>{"begin", "handle 0 after 0 replies", "handle 1 after 0 replies",
                                   "handle 2 after 0 replies", "handle 3 after 0 replies",
                                   "handle 4 after 0 replies", "end after 0 replies"});
    const auto& replies = served.replies;
    REQUIRE(replies.size() == 5);
    for (int i = 0; i < 5; ++i) CHECK(replies[static_cast<std::size_t>(i)]["id"] == i);
}

TEST_CASE("group commit: a failed commit turns every reply from the first write on into it") {
    const std::string burst = frame({{"id", 1}, {"type", "read"}}) +
                              frame({{"id", 2}, {"type", "write"}}) +
                              frame({{"id", 3}, {"type", "read"}});
    const auto replies = serve_burst(burst, /*fail_commit=*/true).replies;
    REQUIRE(replies.size() == 3);
    CHECK(replies[0]["ok"] == true);  // answered before anything was written
    for (std::size_t i : {1u, 2u}) {
        CHECK(replies[i]["id"] == static_cast<int>(i) + 1);
        CHECK(replies[i]["ok"] == false);
        CHECK(replies[i]["error"]["code"] == "store_unavailable");
    }
}

TEST_CASE("group commit: more than a group's worth is answered in several groups") {
    std::string burst;
    for (std::size_t i = 0; i < kMaxGroup + 3; ++i) burst += frame({{"id", i}, {"type", "write"}});
    const auto served = serve_burst(burst);
    CHECK(std::count(served.events.begin(), served.events.end(), "begin") == 2);
    CHECK(served.replies.size() == kMaxGroup + 3);
}

TEST_CASE("store group: the writes of a group reach other connections only at its end") {
    TwoConnections store;
    const auto before = store.reader->data_version();
    store.writer->begin_group();
    for (int i = 0; i < 20; ++i) {
        auto e = make_event(og::test::numbered("group-", i));
        REQUIRE(store.writer->append(e).ok());
    }
    REQUIRE(store.writer->events().value().size() == 20);  // the group sees its own writes
    CHECK(store.reader->events().value().empty());
    // A duplicate inside the group is still recognised as one.
    auto again = make_event("group-3");
    CHECK(store.writer->append(again).value() == og::store::AppendOutcome::duplicate);
    REQUIRE(store.writer->end_group().ok());
    CHECK(store.reader->events().value().size() == 20);
    CHECK(store.reader->data_version() != before);  // how a cache elsewhere learns of them
}

TEST_CASE("store group: an event past the cap inside a group drops only itself") {
    TwoConnections store;
    for (std::int64_t i = 0; i < og::store::kMaxRepetitiveEvents; ++i) {
        auto e = make_event("shown-" + std::to_string(i) + "-0000", "step_shown");
        REQUIRE(store.writer->append(e).value() == og::store::AppendOutcome::inserted);
    }
    store.writer->begin_group();
    auto before = make_event("group-done-1");
    REQUIRE(store.writer->append(before).value() == og::store::AppendOutcome::inserted);
    auto over = make_event("shown-over-0000", "step_shown");
    CHECK(store.writer->append(over).value() == og::store::AppendOutcome::capped);
    auto after = make_event("group-done-2");
    REQUIRE(store.writer->append(after).value() == og::store::AppendOutcome::inserted);
    REQUIRE(store.writer->end_group().ok());
    const auto events = store.reader->events().value();
    CHECK(events.size() == static_cast<std::size_t>(og::store::kMaxRepetitiveEvents) + 2);
    CHECK(events[events.size() - 2].event_id == "group-done-1");
    CHECK(events.back().event_id == "group-done-2");
}
