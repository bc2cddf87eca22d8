#pragma once
// Native-messaging framing (docs/protocol.md, "Framing"): a 32-bit length in native byte order,
// then that many bytes. The reader and writer work over abstract byte streams so every odd case
// (short reads, lies, EOF mid-frame) can be tested without pipes; FdSource/FdSink are the real
// stdin/stdout.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace og::protocol {

inline constexpr std::size_t kMaxInbound = 1024 * 1024;         // larger frames are refused
inline constexpr std::size_t kMaxSkippable = 64 * 1024 * 1024;  // Chromium's own cap
inline constexpr std::size_t kMaxOutbound = 1024 * 1024;        // browsers close the port past it
inline constexpr std::size_t kHeaderSize = 4;

// read_some: bytes read (> 0), 0 at end of stream, -1 on an error (errno set). May return
// fewer bytes than asked; must not block when some bytes are available.
class ByteSource {
  public:
    virtual ~ByteSource() = default;
    virtual std::ptrdiff_t read_some(char* buffer, std::size_t size) = 0;
    // True when read_some would return at once with bytes (or end of stream). False is always
    // safe: it only means requests are not grouped (see serve).
    virtual bool ready() { return false; }
};

// write_some: bytes written (> 0) or -1 on an error (errno set, EPIPE when the reader is gone).
class ByteSink {
  public:
    virtual ~ByteSink() = default;
    virtual std::ptrdiff_t write_some(const char* data, std::size_t size) = 0;
};

// A file descriptor; retries on EINTR.
class FdSource final : public ByteSource {
  public:
    explicit FdSource(int fd) : fd_(fd) {}
    std::ptrdiff_t read_some(char* buffer, std::size_t size) override;
    bool ready() override;  // poll() with no wait

  private:
    int fd_;
};

class FdSink final : public ByteSink {
  public:
    explicit FdSink(int fd) : fd_(fd) {}
    std::ptrdiff_t write_some(const char* data, std::size_t size) override;

  private:
    int fd_;
};

enum class ReadStatus {
    frame,          // payload holds a whole frame of at most kMaxInbound bytes
    eof,            // the stream ended cleanly between frames
    eof_mid_frame,  // the stream ended inside a header or payload; payload holds what came
    oversize,       // header announced more than kMaxInbound; payload holds the 4 header bytes
                    // and nothing after them has been read (the caller skips or resyncs)
    io_error,       // read failed; `error` holds errno
};

struct InboundFrame {
    ReadStatus status = ReadStatus::eof;
    std::string payload;
    std::uint64_t announced = 0;  // the length the header announced
    int error = 0;
};

std::uint32_t decode_length(const char header[kHeaderSize]);
std::string encode_frame(std::string_view payload);  // header + payload

// Buffered frame reader. It never asks the source for more bytes than it already needs, so a
// browser waiting for a reply never leaves the host blocked on a read it cannot finish.
class FrameReader {
  public:
    explicit FrameReader(ByteSource& source) : source_(source) {}

    InboundFrame next();

    // Whether next() can return a whole frame (or an oversize frame's header) without waiting:
    // it is buffered already, or arrives with one read the source says will not block. Never
    // waits, so a frame whose header lies cannot hold back the replies to those before it.
    bool frame_ready();

    // Puts bytes back in front of the stream (used to resynchronise when a frame's header lied).
    void unread(std::string_view bytes);

    // Next single byte, or -1 at end of stream / error.
    int read_byte();

    // Discards `size` bytes; false when the stream ended (or failed) first.
    bool skip(std::uint64_t size);

    // errno of the last failed read, 0 when the stream only ended.
    int error() const { return error_; }

  private:
    // Appends up to `size` bytes to `out`; returns how many came before EOF or an error.
    std::size_t read_into(std::string& out, std::size_t size);
    bool fill();
    bool whole_frame_buffered() const;

    ByteSource& source_;
    char* scratch();
    std::string buffer_;
    std::size_t pos_ = 0;
    std::unique_ptr<char[]> scratch_;
    int error_ = 0;
};

// Writes a whole frame (looping on short writes). Refuses payloads over kMaxOutbound: the
// caller must page or replace the reply before it gets here.
enum class WriteStatus { ok, too_large, closed, io_error };
WriteStatus write_frame(ByteSink& sink, std::string_view payload);

}  // namespace og::protocol
