#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "util/result.hpp"

namespace og::protocol {

// {"id": id, "ok": false, "error": {"code", "message", "field"?}}
nlohmann::json error_reply(const nlohmann::json& id, const Error& error);

// {"id": id, "ok": true} to which a handler adds its members.
nlohmann::json ok_reply(const nlohmann::json& id);

// The value, or JSON null when absent.
nlohmann::json nullable(const std::optional<std::string>& value);

// The reply's bytes, replaced by a `reply_too_large` error when they would exceed kMaxOutbound.
std::string serialize_reply(const nlohmann::json& reply);

}  // namespace og::protocol
