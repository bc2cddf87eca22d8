#pragma once
// From frame bytes to a JSON object, in the order that keeps the parser safe: UTF-8 first,
// nesting depth next (a structural scan, no recursion), then the real parse.
#include <string_view>

#include <nlohmann/json.hpp>

#include "protocol/json_scan.hpp"
#include "util/result.hpp"

namespace og::protocol {

// Errors: invalid_utf8, too_deep, invalid_json, not_an_object. `scan`, when given, receives
// the structural scan of the payload (for telling a lying length header from garbage).
Result<nlohmann::json> parse_message(std::string_view payload, JsonScanner* scan = nullptr);

// The request's id when it is a string or number, else null (also for non-objects).
nlohmann::json request_id(const nlohmann::json& message);

// Serialises without ever throwing (invalid UTF-8, which cannot come from validated input, is
// replaced rather than aborting a reply).
std::string dump(const nlohmann::json& value);

}  // namespace og::protocol
