// The serve loop as the browser feeds it: arbitrary bytes on stdin, delivered in arbitrary
// pieces. Whatever comes in, what goes out must be whole frames of at most 1 MiB, each an
// error or reply object with an "id" member — a browser closes the port on anything else.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "protocol/framing.hpp"
#include "protocol/reply.hpp"
#include "protocol/session.hpp"

namespace {

using namespace og::protocol;

// Hands the input out in pieces whose sizes come from the input itself, so short reads land
// inside headers and payloads.
class PieceSource final : public ByteSource {
  public:
    PieceSource(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::ptrdiff_t read_some(char* buffer, std::size_t want) override {
        if (pos_ >= size_) return 0;
        std::size_t piece = 1 + (data_[(pos_ * 31 + 7) % size_] % 97);
        piece = std::min({piece, want, size_ - pos_});
        std::copy_n(data_ + pos_, piece, buffer);
        pos_ += piece;
        return static_cast<std::ptrdiff_t>(piece);
    }

  private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

class StringSink final : public ByteSink {
  public:
    std::ptrdiff_t write_some(const char* data, std::size_t size) override {
        out.append(data, size);
        return static_cast<std::ptrdiff_t>(size);
    }
    std::string out;
};

// Answers every well-formed request with its id, as a dispatcher would.
class EchoHandler final : public RequestHandler {
  public:
    nlohmann::json handle(const nlohmann::json& request) override {
        auto reply = ok_reply(request.contains("id") ? request["id"] : nlohmann::json());
        reply["type"] = request.value("type", nlohmann::json()).is_string() ? request["type"] : "";
        return reply;
    }
};

void check_output(const std::string& out) {
    std::size_t pos = 0;
    while (pos < out.size()) {
        if (out.size() - pos < kHeaderSize) og::fuzz::broken("output ends inside a header");
        const std::uint32_t length = decode_length(out.data() + pos);
        pos += kHeaderSize;
        if (length > kMaxOutbound) og::fuzz::broken("reply over 1 MiB", std::to_string(length));
        if (out.size() - pos < length) og::fuzz::broken("output ends inside a reply");
        const auto reply = nlohmann::json::parse(out.substr(pos, length), nullptr, false);
        if (!reply.is_object() || !reply.contains("id") || !reply.contains("ok") ||
            !reply["ok"].is_boolean())
            og::fuzz::broken("reply is not an envelope",
                             out.substr(pos, std::min<std::size_t>(length, 200)));
        if (!reply["ok"].get<bool>() &&
            !(reply.contains("error") && reply["error"].contains("code")))
            og::fuzz::broken("error reply without a code");
        pos += length;
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    og::fuzz::quiet_logs();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    PieceSource in(data, size);
    StringSink out;
    EchoHandler handler;
    const int status = serve(in, out, handler);
    if (status != kExitOk && status != kExitDesync)
        og::fuzz::broken("unexpected exit status", std::to_string(status));
    check_output(out.out);
    return 0;
}
