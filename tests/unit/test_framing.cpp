// Framing over byte streams that misbehave the way pipes do: short reads, short writes, EOF at
// every point, a reader that went away.

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "support/portable.hpp"

#include "protocol/framing.hpp"
#include "protocol/json_scan.hpp"
#include "util/utf8.hpp"

using namespace og::protocol;

namespace {

// Hands out at most `chunk` bytes per read, like a pipe under load.
class ChunkedSource : public ByteSource {
  public:
    ChunkedSource(std::string data, std::size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
    std::ptrdiff_t read_some(char* buffer, std::size_t size) override {
        const std::size_t n = std::min({size, chunk_, data_.size() - pos_});
        std::memcpy(buffer, data_.data() + pos_, n);
        pos_ += n;
        return static_cast<std::ptrdiff_t>(n);
    }

  private:
    std::string data_;
    std::size_t chunk_, pos_ = 0;
};

class ChunkedSink : public ByteSink {
  public:
    explicit ChunkedSink(std::size_t chunk) : chunk_(chunk) {}
    std::ptrdiff_t write_some(const char* data, std::size_t size) override {
        const std::size_t n = std::min(size, chunk_);
        written.append(data, n);
        ++calls;
        return static_cast<std::ptrdiff_t>(n);
    }
    std::string written;
    int calls = 0;

  private:
    std::size_t chunk_;
};

std::string header(std::uint32_t n) {
    std::string h(4, '\0');
    std::memcpy(h.data(), &n, 4);
    return h;
}

}  // namespace

TEST_CASE("a frame is a native-order 32-bit length then the payload") {
    const std::string f = encode_frame("{\"a\":1}");
    REQUIRE(f.size() == 11);
    CHECK(decode_length(f.data()) == 7);
    CHECK(f.substr(4) == "{\"a\":1}");
    CHECK(static_cast<unsigned char>(f[0]) == 7);  // little-endian on every supported machine
}

TEST_CASE("frames are reassembled from one-byte reads") {
    const std::string payload(70'000, 'x');  // larger than the reader's buffer
    ChunkedSource src(encode_frame("first") + encode_frame(payload) + encode_frame(""), 1);
    FrameReader reader(src);
    auto a = reader.next();
    REQUIRE(a.status == ReadStatus::frame);
    CHECK(a.payload == "first");
    auto b = reader.next();
    REQUIRE(b.status == ReadStatus::frame);
    CHECK(b.payload == payload);
    auto c = reader.next();
    REQUIRE(c.status == ReadStatus::frame);
    CHECK(c.payload.empty());
    CHECK(reader.next().status == ReadStatus::eof);
}

TEST_CASE("EOF is told apart by where it happens") {
    SECTION("between frames") {
        ChunkedSource src(encode_frame("{}"), 3);
        FrameReader r(src);
        CHECK(r.next().status == ReadStatus::frame);
        CHECK(r.next().status == ReadStatus::eof);
    }
    SECTION("inside the header") {
        ChunkedSource src(header(10).substr(0, 2), 3);
        FrameReader r(src);
        CHECK(r.next().status == ReadStatus::eof_mid_frame);
    }
    SECTION("inside the payload") {
        ChunkedSource src(header(10) + "{\"id\"", 3);
        FrameReader r(src);
        auto f = r.next();
        CHECK(f.status == ReadStatus::eof_mid_frame);
        CHECK(f.announced == 10);
        CHECK(f.payload == "{\"id\"");
    }
}

TEST_CASE("a frame over 1 MiB is reported before any of it is read, and can be skipped") {
    const std::size_t big = kMaxInbound + 1;
    ChunkedSource src(header(big) + std::string(big, 'z') + encode_frame("{\"next\":1}"), 4096);
    FrameReader r(src);
    auto f = r.next();
    REQUIRE(f.status == ReadStatus::oversize);
    CHECK(f.announced == big);
    REQUIRE(r.skip(f.announced));
    auto g = r.next();
    REQUIRE(g.status == ReadStatus::frame);
    CHECK(g.payload == "{\"next\":1}");
}

TEST_CASE("exactly 1 MiB is still a frame") {
    const std::string payload(kMaxInbound, 'a');
    ChunkedSource src(encode_frame(payload), 65536);
    FrameReader r(src);
    auto f = r.next();
    REQUIRE(f.status == ReadStatus::frame);
    CHECK(f.payload.size() == kMaxInbound);
}

TEST_CASE("unread bytes are read again first") {
    ChunkedSource src(encode_frame("B"), 100);
    FrameReader r(src);
    r.unread(encode_frame("A"));
    CHECK(r.next().payload == "A");
    CHECK(r.next().payload == "B");
}

TEST_CASE("writes loop over short writes and never exceed 1 MiB") {
    ChunkedSink sink(3);
    REQUIRE(write_frame(sink, "{\"ok\":true}") == WriteStatus::ok);
    CHECK(sink.written == encode_frame("{\"ok\":true}"));
    CHECK(sink.calls == 5);

    ChunkedSink big(1 << 20);
    CHECK(write_frame(big, std::string(kMaxOutbound, 'a')) == WriteStatus::ok);
    CHECK(write_frame(big, std::string(kMaxOutbound + 1, 'a')) == WriteStatus::too_large);
}

TEST_CASE("real pipes: a 1 MiB frame crosses a 64 KiB pipe in pieces") {
    int fds[2];
    REQUIRE(og::test::make_pipe(fds));
    const std::string payload(kMaxInbound, 'p');
    std::thread writer([&] {
        FdSink sink(fds[1]);
        CHECK(write_frame(sink, payload) == WriteStatus::ok);
        og::test::close_fd(fds[1]);
    });
    FdSource source(fds[0]);
    FrameReader reader(source);
    auto f = reader.next();
    writer.join();
    CHECK(f.status == ReadStatus::frame);
    CHECK(f.payload == payload);
    CHECK(reader.next().status == ReadStatus::eof);
    og::test::close_fd(fds[0]);
}

// Windows reports this as ERROR_NO_DATA, which the C runtime would turn into EINVAL.
TEST_CASE("real pipes: writing after the reader left is 'closed', not a crash") {
#ifndef _WIN32
    std::signal(SIGPIPE, SIG_IGN);
#endif
    int fds[2];
    REQUIRE(og::test::make_pipe(fds));
    og::test::close_fd(fds[0]);
    FdSink sink(fds[1]);
    CHECK(write_frame(sink, "{}") == WriteStatus::closed);
    og::test::close_fd(fds[1]);
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
    using og::utf8::first_invalid;
    CHECK_FALSE(first_invalid("plain ascii"));
    CHECK_FALSE(first_invalid("opposer à l’IA — 😀"));
    CHECK(first_invalid("ab\xff") == 2u);
    CHECK(first_invalid("\xc0\xaf") == 0u);          // overlong '/'
    CHECK(first_invalid("x\xed\xa0\x80") == 1u);     // surrogate
    CHECK(first_invalid("\xf4\x90\x80\x80") == 0u);  // above U+10FFFF
    CHECK(first_invalid("\xe2\x82") == 0u);          // cut short
}

TEST_CASE("chunks are cut on character boundaries") {
    const std::string s = "aé";  // 'a', 0xC3 0xA9
    CHECK(og::utf8::boundary_at_most(s, 2) == 1);
    CHECK(og::utf8::boundary_at_most(s, 3) == 3);
    CHECK(og::utf8::boundary_at_most(s, 1) == 1);
}

TEST_CASE("the structural scan measures depth without recursing") {
    JsonScanner deep;
    deep.feed(std::string(100000, '['));
    CHECK(deep.max_depth() == 100000);
    CHECK(deep.too_deep_at() == static_cast<std::size_t>(kMaxDepth));

    JsonScanner strings;
    strings.feed(R"({"a":"[[[[{{{{\"]]"})");
    CHECK(strings.max_depth() == 1);
    CHECK(strings.closed());
    CHECK(strings.value_end() == 20);

    JsonScanner cut;
    cut.feed(R"({"id":1,"ty)");
    CHECK(cut.open());
    CHECK_FALSE(cut.closed());
}
