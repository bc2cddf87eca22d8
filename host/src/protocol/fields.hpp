#pragma once
#include "util/json_pointer.hpp"
// Request validation: every failure names the JSON pointer of the field at fault, so a client
// developer sees "/context/url: expected a string, got number" rather than "bad request".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/result.hpp"

namespace og::protocol {

inline constexpr std::size_t kMaxUrl = 8 * 1024;
inline constexpr std::size_t kMaxString = 1024;

// True for member names that hold URLs ("url", "start", "directLink", "*Url"): these may be
// up to kMaxUrl bytes, every other string kMaxString.
bool is_url_key(std::string_view key);

// Walks the whole message and reports the first string (or member name) over its limit as
// field_too_long. Runs before any handler so no handler has to think about giant strings.
std::optional<Error> check_string_limits(const nlohmann::json& message);

// Typed access to the members of one object of the request.
class Fields {
  public:
    // `object` must outlive this; `pointer` is where it sits in the request ("" for the root).
    Fields(const nlohmann::json& object, std::string pointer)
        : object_(object), pointer_(std::move(pointer)) {}

    const std::string& pointer() const { return pointer_; }
    std::string pointer_of(std::string_view key) const { return pointer_append(pointer_, key); }

    // Absent and null both give nullopt for optional fields.
    Result<std::string> required_string(std::string_view key, std::size_t max = kMaxString) const;
    Result<std::optional<std::string>> optional_string(std::string_view key,
                                                       std::size_t max = kMaxString) const;
    Result<std::optional<std::int64_t>> optional_integer(std::string_view key, std::int64_t min,
                                                         std::int64_t max) const;
    Result<const nlohmann::json*> required_object(std::string_view key) const;
    Result<const nlohmann::json*> optional_object(std::string_view key) const;
    Result<std::vector<std::string>> optional_string_array(std::string_view key,
                                                           std::size_t max_items,
                                                           std::size_t max_length) const;

  private:
    const nlohmann::json* find(std::string_view key) const;
    Error wrong_type(std::string_view key, const char* expected, const nlohmann::json& got) const;

    const nlohmann::json& object_;
    std::string pointer_;
};

}  // namespace og::protocol
