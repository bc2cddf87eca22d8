// Group commit: requests that arrive together are answered together, their writes durable in one
// commit before any reply leaves; a failed commit answers every request from the first write on
// with the error, so nothing unsaved is acknowledged.
#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "protocol/framing.hpp"
#include "protocol/session.hpp"
#include "store/store.hpp"
#include "test_catalog_fixture.hpp"

using namespace og::protocol;
using nlohmann::json;

namespace {

std::string framed(const json& j) {
    return encode_frame(j.dump());
}

// All its bytes are there at once, as when a browser wrote a burst; `ready` says so.
class BurstSource : public ByteSource {
  public:
    explicit BurstSource(std::string data) : data_(std::move(data)) {}
    std::ptrdiff_t read_some(char* buffer, std::size_t size) override {
        const std::size_t n = std::min(size, data_.size() - pos_);
        std::memcpy(buffer, data_.data() + pos_, n);
        pos_ += n;
        return static_cast<std::ptrdiff_t>(n);
    }
    bool ready() override { return true; }

  private:
    std::string data_;
    std::size_t pos_ = 0;
};

// Records the order of what the loop does: handled requests, group ends and sent replies.
class Log : public ByteSink {
  public:
    std::ptrdiff_t write_some(const char* data, std::size_t size) override {
        bytes.append(data, size);
        return static_cast<std::ptrdiff_t>(size);
    }
    std::vector<json> replies() const {
        std::vector<json> out;
        for (std::size_t at = 0; at + 4 <= bytes.size();) {
            const std::uint32_t n = decode_length(bytes.data() + at);
            out.push_back(json::parse(bytes.substr(at + 4, n)));
            at += 4 + n;
        }
        return out;
    }
    std::string bytes;
};

class Recorder : public RequestHandler {
  public:
    explicit Recorder(Log& out, bool fail_commit) : out_(out), fail_(fail_commit) {}
    json handle(const json& request) override {
        wrote_ = request["type"] == "write";
        events.push_back("handle " + request["id"].dump() + " after " +
                         std::to_string(out_.replies().size()) + " replies");
        return {{"id", request["id"]}, {"ok", true}};
    }
    void begin_group() override { events.push_back("begin"); }
    og::Status end_group() override {
        events.push_back("end after " + std::to_string(out_.replies().size()) + " replies");
        if (fail_) return og::make_error("store_unavailable", "disk full");
        return og::Ok{};
    }
    bool last_request_wrote() const override { return wrote_; }
    std::vector<std::string> events;

  private:
    Log& out_;
    bool fail_;
    bool wrote_ = false;
};

}  // namespace

TEST_CASE("group commit: a burst is one group, committed before its first reply") {
    std::string burst;
    for (int i = 0; i < 5; ++i) burst += framed({{"id", i}, {"type", "write"}});
    BurstSource in(burst);
    Log out;
    Recorder handler(out, false);
    REQUIRE(serve(in, out, handler) == kExitOk);
    CHECK(handler.events ==
          std::vector<std::string>{"begin", "handle 0 after 0 replies", "handle 1 after 0 replies",
                                   "handle 2 after 0 replies", "handle 3 after 0 replies",
                                   "handle 4 after 0 replies", "end after 0 replies"});
    const auto replies = out.replies();
    REQUIRE(replies.size() == 5);
    for (int i = 0; i < 5; ++i) CHECK(replies[static_cast<std::size_t>(i)]["id"] == i);
}

TEST_CASE("group commit: a failed commit turns every reply from the first write on into it") {
    BurstSource in(framed({{"id", 1}, {"type", "read"}}) + framed({{"id", 2}, {"type", "write"}}) +
                   framed({{"id", 3}, {"type", "read"}}));
    Log out;
    Recorder handler(out, true);
    REQUIRE(serve(in, out, handler) == kExitOk);
    const auto replies = out.replies();
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
    for (std::size_t i = 0; i < kMaxGroup + 3; ++i) burst += framed({{"id", i}, {"type", "write"}});
    BurstSource in(burst);
    Log out;
    Recorder handler(out, false);
    REQUIRE(serve(in, out, handler) == kExitOk);
    CHECK(std::count(handler.events.begin(), handler.events.end(), "begin") == 2);
    CHECK(out.replies().size() == kMaxGroup + 3);
}

TEST_CASE("store group: the writes of a group reach other connections only at its end") {
    og::test::TempDir dir;
    auto writer = og::store::Store::open(dir / "progress.db");
    auto reader = og::store::Store::open(dir / "progress.db");
    REQUIRE(writer.ok());
    REQUIRE(reader.ok());
    auto event = [](int i) {
        og::store::Event e;
        e.event_id = "group-" + std::to_string(i);
        e.platform = "instagram";
        e.account = "default";
        e.procedure_id = "instagram-ai-objection";
        e.step_id = "open-form";
        e.type = "step_completed";
        return e;
    };
    const auto before = (*reader)->data_version();
    (*writer)->begin_group();
    for (int i = 0; i < 20; ++i) {
        auto e = event(i);
        REQUIRE((*writer)->append(e).ok());
    }
    REQUIRE((*writer)->events().value().size() == 20);  // the group sees its own writes
    CHECK((*reader)->events().value().empty());
    // A duplicate inside the group is still recognised as one.
    auto again = event(3);
    CHECK((*writer)->append(again).value() == og::store::AppendOutcome::duplicate);
    REQUIRE((*writer)->end_group().ok());
    CHECK((*reader)->events().value().size() == 20);
    CHECK((*reader)->data_version() != before);  // how a cache elsewhere learns of them
}

TEST_CASE("store group: an event past the cap inside a group drops only itself") {
    og::test::TempDir dir;
    auto writer = og::store::Store::open(dir / "progress.db");
    auto reader = og::store::Store::open(dir / "progress.db");
    REQUIRE(writer.ok());
    REQUIRE(reader.ok());
    auto event = [](const std::string& id, const std::string& type) {
        og::store::Event e;
        e.event_id = id;
        e.platform = "instagram";
        e.account = "default";
        e.procedure_id = "instagram-ai-objection";
        e.step_id = "open-form";
        e.type = type;
        return e;
    };
    for (std::int64_t i = 0; i < og::store::kMaxRepetitiveEvents; ++i) {
        auto e = event("shown-" + std::to_string(i) + "-0000", "step_shown");
        REQUIRE((*writer)->append(e).value() == og::store::AppendOutcome::inserted);
    }
    (*writer)->begin_group();
    auto before = event("group-done-1", "step_completed");
    REQUIRE((*writer)->append(before).value() == og::store::AppendOutcome::inserted);
    auto over = event("shown-over-0000", "step_shown");
    CHECK((*writer)->append(over).value() == og::store::AppendOutcome::capped);
    auto after = event("group-done-2", "step_completed");
    REQUIRE((*writer)->append(after).value() == og::store::AppendOutcome::inserted);
    REQUIRE((*writer)->end_group().ok());
    const auto events = (*reader)->events().value();
    CHECK(events.size() == static_cast<std::size_t>(og::store::kMaxRepetitiveEvents) + 2);
    CHECK(events[events.size() - 2].event_id == "group-done-1");
    CHECK(events.back().event_id == "group-done-2");
}
