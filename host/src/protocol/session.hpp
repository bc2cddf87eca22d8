#pragma once
// The serve loop: frames in, one reply per request out, until the browser goes away. Pure over
// ByteSource/ByteSink so the whole bad-input table runs in unit tests.
#include <nlohmann/json.hpp>

#include "protocol/framing.hpp"

namespace og::protocol {

// Answers one well-formed request object (UTF-8, JSON, depth and string limits already checked).
class RequestHandler {
  public:
    virtual ~RequestHandler() = default;
    virtual nlohmann::json handle(const nlohmann::json& request) = 0;
};

// Exit statuses of the serve loop (and of the host in serve mode).
inline constexpr int kExitOk = 0;       // EOF on stdin, or the browser closed stdout
inline constexpr int kExitIoError = 1;  // reading stdin or writing stdout failed otherwise
inline constexpr int kExitDesync = 3;   // a length header no browser would send

int serve(ByteSource& in, ByteSink& out, RequestHandler& handler);


}  // namespace og::protocol
