#pragma once
// The serve loop: frames in, one reply per request out, in order, until the browser goes away.
// Pure over ByteSource/ByteSink so the whole bad-input table runs in unit tests.
#include <nlohmann/json.hpp>

#include "protocol/framing.hpp"
#include "util/result.hpp"

namespace og::protocol {

// Answers one well-formed request object (UTF-8, JSON, depth and string limits already checked).
class RequestHandler {
  public:
    virtual ~RequestHandler() = default;
    virtual nlohmann::json handle(const nlohmann::json& request) = 0;
    // The reply's bytes. A handler may build some replies as text directly (no JSON tree).
    virtual std::string handle_text(const nlohmann::json& request);

    // Group commit. The serve loop brackets requests that arrived together with these and
    // sends none of their replies before end_group(), which makes their writes durable (one
    // sync for all). When it fails, the requests from the group's first write on are answered
    // with its error instead: nothing unsaved is ever acknowledged.
    virtual void begin_group() {}
    virtual Status end_group() { return Ok{}; }
    // Whether the last request handled wrote (or tried to write) to the store.
    virtual bool last_request_wrote() const { return false; }
};

// Requests answered together at most (their replies wait for the group's commit).
inline constexpr std::size_t kMaxGroup = 64;

// Exit statuses of the serve loop (and of the host in serve mode).
inline constexpr int kExitOk = 0;       // EOF on stdin, or the browser closed stdout
inline constexpr int kExitIoError = 1;  // reading stdin or writing stdout failed otherwise
inline constexpr int kExitDesync = 3;   // a length header no browser would send

int serve(ByteSource& in, ByteSink& out, RequestHandler& handler);

}  // namespace og::protocol
