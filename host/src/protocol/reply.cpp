#include "protocol/reply.hpp"

#include "protocol/framing.hpp"
#include "protocol/message.hpp"

namespace og::protocol {

nlohmann::json error_reply(const nlohmann::json& id, const Error& error) {
    nlohmann::json e = {{"code", error.code}, {"message", error.message}};
    if (!error.field.empty()) e["field"] = error.field;
    return {{"id", id}, {"ok", false}, {"error", std::move(e)}};
}

nlohmann::json ok_reply(const nlohmann::json& id) {
    return {{"id", id}, {"ok", true}};
}

nlohmann::json nullable(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string serialize_reply(const nlohmann::json& reply) {
    std::string text = dump(reply);
    if (text.size() <= kMaxOutbound) return text;
    const nlohmann::json id = reply.is_object() && reply.contains("id") ? reply["id"] : nullptr;
    return dump(error_reply(
        id, make_error("reply_too_large", "the reply would be " + std::to_string(text.size()) +
                                              " bytes, over the limit of " +
                                              std::to_string(kMaxOutbound) + " bytes")));
}

}  // namespace og::protocol
