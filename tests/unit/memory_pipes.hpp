#pragma once
// The serve loop's two ends in memory: the bytes the browser wrote, the bytes the host wrote
// back, and those decoded frame by frame.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "protocol/framing.hpp"

namespace og::test {

inline std::string frame(const nlohmann::json& j) {
    return protocol::encode_frame(j.dump());
}

// Reads of at most `chunk` bytes. `burst`: every byte is there at once, as when a browser wrote
// several requests together, and ready() says so; otherwise it says nothing (the default).
class StringSource : public protocol::ByteSource {
  public:
    explicit StringSource(std::string data,
                          std::size_t chunk = std::numeric_limits<std::size_t>::max(),
                          bool burst = false)
        : data_(std::move(data)), chunk_(chunk), burst_(burst) {}
    std::ptrdiff_t read_some(char* buffer, std::size_t size) override {
        const std::size_t n = std::min({size, chunk_, data_.size() - pos_});
        std::memcpy(buffer, data_.data() + pos_, n);
        pos_ += n;
        return static_cast<std::ptrdiff_t>(n);
    }
    bool ready() override { return burst_; }

  private:
    std::string data_;
    std::size_t chunk_;
    bool burst_;
    std::size_t pos_ = 0;
};

class StringSink : public protocol::ByteSink {
  public:
    std::ptrdiff_t write_some(const char* data, std::size_t size) override {
        out.append(data, size);
        return static_cast<std::ptrdiff_t>(size);
    }
    std::string out;
};

// The messages in `bytes`, which must be whole frames.
inline std::vector<nlohmann::json> decode_frames(const std::string& bytes) {
    std::vector<nlohmann::json> messages;
    std::size_t pos = 0;
    while (pos + 4 <= bytes.size()) {
        const std::uint32_t n = protocol::decode_length(bytes.data() + pos);
        REQUIRE(pos + 4 + n <= bytes.size());
        messages.push_back(nlohmann::json::parse(bytes.substr(pos + 4, n)));
        pos += 4 + n;
    }
    REQUIRE(pos == bytes.size());
    return messages;
}

}  // namespace og::test
