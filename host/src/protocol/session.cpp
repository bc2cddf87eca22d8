#include "protocol/session.hpp"

#include <cstring>
#include <limits>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>

#include "protocol/fields.hpp"
#include "protocol/message.hpp"
#include "protocol/reply.hpp"

namespace og::protocol {
namespace {

enum class Resync { done, eof, failed };

// A frame whose header announced too few bytes leaves the rest of its JSON in the stream, and
// that rest then reads as an absurd length header. When the previous frame's JSON was cut
// short, keep scanning it until its top-level value closes: the stream is then back on a frame
// boundary. JSON text holds no NUL bytes while every length header under 16 MiB does, so this
// cannot swallow a real frame.
Resync continue_cut_json(FrameReader& reader, JsonScanner scan, const std::string& header) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        scan.feed(header[i]);
        if (scan.closed()) {
            reader.unread(std::string_view(header).substr(i + 1));
            return Resync::done;
        }
    }
    while (scan.consumed() < kMaxInbound) {
        const int byte = reader.read_byte();
        if (byte < 0) return Resync::eof;
        scan.feed(static_cast<char>(byte));
        if (scan.closed()) return Resync::done;
    }
    return Resync::failed;
}

// A frame whose header announced too many bytes swallows the start of the next frame. When the
// payload holds a complete JSON object followed by what looks like a length header, hand those
// bytes back to the reader so the next frame is still served.
bool give_back_next_frame(FrameReader& reader, std::string_view payload, const JsonScanner& scan) {
    if (!scan.closed() || scan.value_end() + kHeaderSize > payload.size()) return false;
    const std::string_view rest = payload.substr(scan.value_end());
    const std::uint32_t length = decode_length(rest.data());
    if (length == 0 || length > kMaxInbound) return false;
    reader.unread(rest);
    return true;
}

class Writer {
  public:
    explicit Writer(ByteSink& out) : out_(out) {}
    // False when the reply could not be delivered (browser gone, or a write error).
    bool send_text(const std::string& text) {
        switch (write_frame(out_, text)) {
            case WriteStatus::ok:
                return true;
            case WriteStatus::closed:
                spdlog::info("stdout closed by the browser; stopping");
                status_ = kExitOk;
                return false;
            default:
                spdlog::error("writing a reply failed: {}", std::strerror(errno));
                status_ = kExitIoError;
                return false;
        }
    }
    bool send(const nlohmann::json& reply) { return send_text(serialize_reply(reply)); }
    int status() const { return status_; }

  private:
    ByteSink& out_;
    int status_ = kExitOk;
};

// The replies of one group, held until its writes are durable.
class Group {
  public:
    Group(RequestHandler& handler, Writer& writer) : handler_(handler), writer_(writer) {}
    void open() {
        if (open_) return;
        handler_.begin_group();
        open_ = true;
    }
    void add(nlohmann::json id, std::string text, bool wrote) {
        after_write_ = after_write_ || wrote;
        held_.push_back(Held{std::move(id), std::move(text), after_write_});
    }
    void add(const nlohmann::json& reply) {
        const nlohmann::json id = reply.is_object() && reply.contains("id") ? reply["id"] : nullptr;
        add(id, serialize_reply(reply), false);
    }
    std::size_t size() const { return held_.size(); }
    // Commits, then sends every held reply; false when sending failed.
    bool flush() {
        if (!open_) return true;
        open_ = false;
        const Status durable = handler_.end_group();
        std::vector<Held> held = std::move(held_);
        held_.clear();
        after_write_ = false;
        for (auto& h : held) {
            const bool ok = durable || !h.after_write
                                ? writer_.send_text(h.text)
                                : writer_.send(error_reply(h.id, durable.error()));
            if (!ok) return false;
        }
        return true;
    }

  private:
    struct Held {
        nlohmann::json id;
        std::string text;
        bool after_write;  // answered after a write of the group: void if the commit fails
    };
    RequestHandler& handler_;
    Writer& writer_;
    std::vector<Held> held_;
    bool open_ = false;
    bool after_write_ = false;
};

}  // namespace

std::string RequestHandler::handle_text(const nlohmann::json& request) {
    return serialize_reply(handle(request));
}

int serve(ByteSource& in, ByteSink& out, RequestHandler& handler) {
    FrameReader reader(in);
    Writer writer(out);
    Group group(handler, writer);
    std::optional<JsonScanner> cut_json;  // the last frame's JSON, when it stopped mid-value

    for (;;) {
        // Requests already waiting join the group; the first that is not ends it. A lone
        // request is so committed and answered at once, a burst with one sync.
        if (group.size() > 0 && (group.size() >= kMaxGroup || !reader.frame_ready()))
            if (!group.flush()) return writer.status();
        InboundFrame frame = reader.next();
        if (frame.status != ReadStatus::frame && !group.flush()) return writer.status();
        switch (frame.status) {
            case ReadStatus::eof:
                spdlog::info("stdin closed; exiting");
                return kExitOk;

            case ReadStatus::io_error:
                spdlog::error("reading stdin failed: {}", std::strerror(frame.error));
                return kExitIoError;

            case ReadStatus::eof_mid_frame: {
                // A lying header may have made us wait for bytes that never come; the frames
                // it swallowed can still be answered.
                JsonScanner scan;
                scan.feed(frame.payload);
                if (frame.payload.size() > kHeaderSize &&
                    give_back_next_frame(reader, frame.payload, scan)) {
                    if (!writer.send(error_reply(
                            nullptr,
                            make_error("invalid_json", "the frame's length header announced " +
                                                           std::to_string(frame.announced) +
                                                           " bytes but its JSON ends at byte " +
                                                           std::to_string(scan.value_end())))))
                        return writer.status();
                    continue;
                }
                spdlog::warn("stdin closed inside a frame ({} of {} bytes); frame dropped",
                             frame.payload.size(), frame.announced);
                return kExitOk;
            }

            case ReadStatus::oversize: {
                if (cut_json) {
                    const Resync r = continue_cut_json(reader, *cut_json, frame.payload);
                    cut_json.reset();
                    if (r == Resync::done) {
                        spdlog::warn("resynchronised after a frame shorter than its JSON");
                        continue;
                    }
                    if (r == Resync::eof) return kExitOk;
                    frame.announced = std::numeric_limits<std::uint32_t>::max();
                }
                if (frame.announced > kMaxSkippable) {
                    spdlog::error("length header {} is impossible; the stream is out of sync",
                                  frame.announced);
                    writer.send(error_reply(
                        nullptr,
                        make_error("stream_desync",
                                   "a frame announced " + std::to_string(frame.announced) +
                                       " bytes, more than any browser sends (" +
                                       std::to_string(kMaxSkippable) +
                                       "); the stream is out of sync and the host exits")));
                    return kExitDesync;
                }
                spdlog::warn("frame of {} bytes refused and skipped", frame.announced);
                if (!writer.send(error_reply(
                        nullptr,
                        make_error("frame_too_large",
                                   "the frame announces " + std::to_string(frame.announced) +
                                       " bytes, over the limit of " + std::to_string(kMaxInbound) +
                                       " bytes; it was skipped"))))
                    return writer.status();
                if (!reader.skip(frame.announced)) {
                    if (reader.error() != 0) return kExitIoError;
                    spdlog::warn("stdin closed inside an oversize frame");
                    return kExitOk;
                }
                continue;
            }

            case ReadStatus::frame:
                break;
        }

        cut_json.reset();
        group.open();
        nlohmann::json reply;
        JsonScanner scan;
        auto parsed = parse_message(frame.payload, &scan);
        if (!parsed) {
            Error error = parsed.error();
            nlohmann::json id = nullptr;
            if (error.code == "invalid_json") {
                if (scan.open()) {
                    cut_json = scan;
                } else if (give_back_next_frame(reader, frame.payload, scan)) {
                    error.message =
                        "the frame's length header announced " + std::to_string(frame.announced) +
                        " bytes but its JSON ends at byte " + std::to_string(scan.value_end()) +
                        "; the bytes after it were read as the next frame";
                    auto head =
                        parse_message(std::string_view(frame.payload).substr(0, scan.value_end()));
                    if (head) id = request_id(*head);
                }
            }
            spdlog::warn("bad frame: {}: {}", error.code, error.message);
            group.add(error_reply(id, error));
            continue;
        }
        const nlohmann::json& request = *parsed;
        try {
            if (auto too_long = check_string_limits(request)) {
                group.add(error_reply(request_id(request), *too_long));
            } else {
                // Asked after handling: whether it wrote is known only then.
                std::string text = handler.handle_text(request);
                group.add(request_id(request), std::move(text), handler.last_request_wrote());
            }
        } catch (const std::exception& e) {
            spdlog::error("internal error: {}", e.what());
            group.add(request_id(request),
                      serialize_reply(error_reply(
                          request_id(request),
                          make_error("internal", std::string("internal error: ") + e.what()))),
                      handler.last_request_wrote());
        }
    }
}

}  // namespace og::protocol
