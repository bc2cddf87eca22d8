#include "protocol/message.hpp"

#include <string>

#include "util/utf8.hpp"

namespace og::protocol {
namespace {

constexpr std::size_t kMaxDetail = 160;

// nlohmann's what() starts with "[json.exception.parse_error.101] parse error at line 1, ...";
// keep the part a person can use and cap it, since "last read" may quote a huge token.
std::string parser_detail(const std::string& what) {
    std::string detail = what;
    if (auto p = detail.find("] "); p != std::string::npos) detail.erase(0, p + 2);
    if (detail.size() > kMaxDetail) {
        detail.resize(utf8::boundary_at_most(detail, kMaxDetail));
        detail += "…";
    }
    return detail;
}

}  // namespace

Result<nlohmann::json> parse_message(std::string_view payload, JsonScanner* scan_out) {
    if (auto bad = utf8::first_invalid(payload))
        return make_error("invalid_utf8", "the message is not valid UTF-8 (bad byte at offset " +
                                              std::to_string(*bad) + ")");
    JsonScanner scan;
    scan.feed(payload);
    if (scan_out != nullptr) *scan_out = scan;
    if (scan.too_deep_at() != std::string_view::npos)
        return make_error("too_deep", "the message is nested deeper than " +
                                          std::to_string(kMaxDepth) + " levels (at byte offset " +
                                          std::to_string(scan.too_deep_at()) + ")");
    nlohmann::json value;
    try {
        value = nlohmann::json::parse(payload.begin(), payload.end());
    } catch (const nlohmann::json::parse_error& e) {
        return make_error("invalid_json", "the message is not JSON: " + parser_detail(e.what()) +
                                              " (byte offset " + std::to_string(e.byte) + ")");
    } catch (const nlohmann::json::out_of_range& e) {
        // A number beyond a double's range ("1E999"): found by fuzz/fuzz_dispatcher.
        return make_error("invalid_json", "the message is not JSON: " + parser_detail(e.what()));
    }
    if (!value.is_object())
        return make_error("not_an_object", std::string("the message must be a JSON object, not ") +
                                               value.type_name());
    return value;
}

nlohmann::json request_id(const nlohmann::json& message) {
    if (!message.is_object()) return nullptr;
    auto it = message.find("id");
    if (it == message.end()) return nullptr;
    if (it->is_number() || (it->is_string() && it->get_ref<const std::string&>().size() <= 1024))
        return *it;
    return nullptr;
}

std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace og::protocol
