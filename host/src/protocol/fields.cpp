#include "protocol/fields.hpp"

namespace og::protocol {
namespace {

Error too_long(const std::string& pointer, std::size_t size, std::size_t max) {
    return make_error("field_too_long",
                      pointer + ": " + std::to_string(size) + " bytes, over the limit of " +
                          std::to_string(max) + " bytes",
                      pointer);
}

std::optional<Error> walk(const nlohmann::json& value, const std::string& pointer,
                          std::size_t string_max) {
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        if (s.size() > string_max) return too_long(pointer, s.size(), string_max);
    } else if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            const std::string child = pointer_append(pointer, key);
            if (key.size() > kMaxString)
                return make_error("field_too_long",
                                  pointer + ": a member name is " + std::to_string(key.size()) +
                                      " bytes, over the limit of " + std::to_string(kMaxString),
                                  pointer.empty() ? "" : pointer);
            if (auto e = walk(member, child, is_url_key(key) ? kMaxUrl : kMaxString)) return e;
        }
    } else if (value.is_array()) {
        std::size_t i = 0;
        for (const auto& item : value) {
            if (auto e = walk(item, pointer + "/" + std::to_string(i), string_max)) return e;
            ++i;
        }
    }
    return std::nullopt;
}

}  // namespace

bool is_url_key(std::string_view key) {
    if (key == "url" || key == "start" || key == "directLink") return true;
    return key.size() > 3 && key.substr(key.size() - 3) == "Url";
}

std::optional<Error> check_string_limits(const nlohmann::json& message) {
    return walk(message, "", kMaxString);
}

const nlohmann::json* Fields::find(std::string_view key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
}

Error Fields::wrong_type(std::string_view key, const char* expected,
                         const nlohmann::json& got) const {
    const std::string p = pointer_of(key);
    return make_error("wrong_type",
                      p + ": expected " + expected + ", got " + std::string(got.type_name()), p);
}

Result<std::string> Fields::required_string(std::string_view key, std::size_t max) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr || v->is_null()) {
        const std::string p = pointer_of(key);
        return make_error("missing_field", p + ": required field is missing", p);
    }
    if (!v->is_string()) return wrong_type(key, "a string", *v);
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max) return too_long(pointer_of(key), s.size(), max);
    return s;
}

Result<std::optional<std::string>> Fields::optional_string(std::string_view key,
                                                           std::size_t max) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr || v->is_null()) return std::optional<std::string>{};
    if (!v->is_string()) return wrong_type(key, "a string or null", *v);
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max) return too_long(pointer_of(key), s.size(), max);
    return std::optional<std::string>{s};
}

Result<std::optional<std::int64_t>> Fields::optional_integer(std::string_view key, std::int64_t min,
                                                             std::int64_t max) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr || v->is_null()) return std::optional<std::int64_t>{};
    if (!v->is_number_integer()) return wrong_type(key, "an integer or null", *v);
    const std::string p = pointer_of(key);
    const auto range_error = [&] {
        return make_error(
            "invalid_value",
            p + ": must be between " + std::to_string(min) + " and " + std::to_string(max), p);
    };
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max))
        return range_error();
    const auto n = v->get<std::int64_t>();
    if (n < min || n > max) return range_error();
    return std::optional<std::int64_t>{n};
}

Result<const nlohmann::json*> Fields::required_object(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr || v->is_null()) {
        const std::string p = pointer_of(key);
        return make_error("missing_field", p + ": required field is missing", p);
    }
    if (!v->is_object()) return wrong_type(key, "an object", *v);
    return v;
}

Result<const nlohmann::json*> Fields::optional_object(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr || v->is_null()) return static_cast<const nlohmann::json*>(nullptr);
    if (!v->is_object()) return wrong_type(key, "an object or null", *v);
    return v;
}

Result<std::vector<std::string>> Fields::optional_string_array(std::string_view key,
                                                               std::size_t max_items,
                                                               std::size_t max_length) const {
    std::vector<std::string> out;
    const nlohmann::json* v = find(key);
    if (v == nullptr || v->is_null()) return out;
    if (!v->is_array()) return wrong_type(key, "an array of strings or null", *v);
    const std::string p = pointer_of(key);
    if (v->size() > max_items)
        return make_error("invalid_value",
                          p + ": at most " + std::to_string(max_items) + " items, got " +
                              std::to_string(v->size()),
                          p);
    for (std::size_t i = 0; i < v->size(); ++i) {
        const auto& item = (*v)[i];
        const std::string ip = p + "/" + std::to_string(i);
        if (!item.is_string())
            return make_error("wrong_type",
                              ip + ": expected a string, got " + std::string(item.type_name()), ip);
        const auto& s = item.get_ref<const std::string&>();
        if (s.size() > max_length) return too_long(ip, s.size(), max_length);
        out.push_back(s);
    }
    return out;
}

}  // namespace og::protocol
