#include "protocol/framing.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace og::protocol {
namespace {
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kOneWrite = 64 * 1024;
}  // namespace

std::uint32_t decode_length(const char header[kHeaderSize]) {
    std::uint32_t length = 0;
    std::memcpy(&length, header, kHeaderSize);  // native byte order, as the browsers write it
    return length;
}

std::string encode_frame(std::string_view payload) {
    const auto length = static_cast<std::uint32_t>(payload.size());
    std::string out(kHeaderSize, '\0');
    std::memcpy(out.data(), &length, kHeaderSize);
    out.append(payload);
    return out;
}

// Read into once-allocated bytes, then copied as long as what came: a string grown to 64 KiB
// for each read would be zeroed each time, which cost more than the rest of a small request.
// Not zeroed even once (make_unique would): that alone touched 16 fresh pages at start-up.
char* FrameReader::scratch() {
    if (!scratch_) scratch_ = std::make_unique_for_overwrite<char[]>(kChunk);
    return scratch_.get();
}

bool FrameReader::fill() {
    if (pos_ < buffer_.size()) return true;
    buffer_.clear();
    pos_ = 0;
    const std::ptrdiff_t n = source_.read_some(scratch(), kChunk);
    if (n <= 0) {
        if (n < 0) error_ = errno == 0 ? EIO : errno;
        return false;
    }
    buffer_.assign(scratch(), static_cast<std::size_t>(n));
    return true;
}

std::size_t FrameReader::read_into(std::string& out, std::size_t size) {
    std::size_t got = 0;
    while (got < size && fill()) {
        const std::size_t take = std::min(size - got, buffer_.size() - pos_);
        out.append(buffer_, pos_, take);
        pos_ += take;
        got += take;
    }
    return got;
}

bool FrameReader::skip(std::uint64_t size) {
    while (size > 0 && fill()) {
        const std::size_t take =
            static_cast<std::size_t>(std::min<std::uint64_t>(size, buffer_.size() - pos_));
        pos_ += take;
        size -= take;
    }
    return size == 0;
}

int FrameReader::read_byte() {
    if (!fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_++]);
}

void FrameReader::unread(std::string_view bytes) {
    buffer_.erase(0, pos_);
    buffer_.insert(0, bytes);
    pos_ = 0;
}

bool FrameReader::whole_frame_buffered() const {
    const std::size_t available = buffer_.size() - pos_;
    if (available < kHeaderSize) return false;
    const std::uint32_t length = decode_length(buffer_.data() + pos_);
    return length > kMaxInbound || available - kHeaderSize >= length;
}

bool FrameReader::frame_ready() {
    if (whole_frame_buffered()) return true;
    if (!source_.ready()) return false;
    buffer_.erase(0, pos_);
    pos_ = 0;
    const std::ptrdiff_t n = source_.read_some(scratch(), kChunk);
    // An end or error is left for next() to meet again and report.
    if (n > 0) buffer_.append(scratch(), static_cast<std::size_t>(n));
    return whole_frame_buffered();
}

InboundFrame FrameReader::next() {
    InboundFrame frame;
    std::string header;
    const std::size_t got = read_into(header, kHeaderSize);
    if (got < kHeaderSize) {
        frame.payload = std::move(header);
        if (error_ != 0) {
            frame.status = ReadStatus::io_error;
            frame.error = error_;
        } else {
            frame.status = got == 0 ? ReadStatus::eof : ReadStatus::eof_mid_frame;
        }
        return frame;
    }
    frame.announced = decode_length(header.data());
    if (frame.announced > kMaxInbound) {
        frame.status = ReadStatus::oversize;
        frame.payload = std::move(header);
        return frame;
    }
    frame.payload.reserve(frame.announced);
    if (read_into(frame.payload, frame.announced) < frame.announced) {
        frame.status = error_ != 0 ? ReadStatus::io_error : ReadStatus::eof_mid_frame;
        frame.error = error_;
        return frame;
    }
    frame.status = ReadStatus::frame;
    return frame;
}

WriteStatus write_frame(ByteSink& sink, std::string_view payload) {
    if (payload.size() > kMaxOutbound) return WriteStatus::too_large;
    auto write_all = [&](std::string_view bytes) {
        for (std::size_t done = 0; done < bytes.size();) {
            const std::ptrdiff_t n = sink.write_some(bytes.data() + done, bytes.size() - done);
            if (n < 0) return errno == EPIPE ? WriteStatus::closed : WriteStatus::io_error;
            done += static_cast<std::size_t>(n);
        }
        return WriteStatus::ok;
    };
    // A small reply goes in one write with its header, so the browser reads it in one go. A
    // large one (an export page) is not copied again for that: header, then payload.
    if (payload.size() <= kOneWrite) return write_all(encode_frame(payload));
    const std::uint32_t length = static_cast<std::uint32_t>(payload.size());
    std::string sized(kHeaderSize, '\0');
    std::memcpy(sized.data(), &length, kHeaderSize);  // native byte order, as encode_frame
    const WriteStatus head = write_all(sized);
    return head == WriteStatus::ok ? write_all(payload) : head;
}

}  // namespace og::protocol
