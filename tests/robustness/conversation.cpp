#include "conversation.hpp"

namespace og::robust {

using nlohmann::json;

json hello(int id) {
    return {{"id", id}, {"type", "hello"}, {"client", "chromium"}, {"extensionVersion", "0.1.0"}};
}

json store_health(int id) {
    return {{"id", id}, {"type", "storeHealth"}};
}

json next_step(int id, const std::string& url, const std::string& ui_lang) {
    return {{"id", id},
            {"type", "nextStep"},
            {"context",
             {{"url", url}, {"title", "Privacy Policy"}, {"docLang", "en"}, {"uiLang", ui_lang}}}};
}

json report(int id, const std::string& event_id, const std::string& procedure,
            const std::string& step, const std::string& type, const std::string& account) {
    json event = {{"eventId", event_id}, {"procedureId", procedure}, {"type", type},
                  {"account", account},  {"url", kPolicyUrl},        {"client", "chromium"}};
    if (!step.empty()) event["stepId"] = step;
    // Every objection of the catalog names this among its confirmation texts.
    if (type == "form_submitted") {
        if (step.empty()) event["stepId"] = "submit-form";
        event["evidence"] = {{"text", "We've received your request."}};
    }
    return {{"id", id}, {"type", "reportEvent"}, {"event", event}};
}

std::vector<json> whole_conversation() {
    return {
        hello(1),
        {{"id", 2}, {"type", "listProcedures"}, {"uiLang", "fr"}},
        {{"id", 3},
         {"type", "getProcedure"},
         {"procedureId", "instagram-ai-objection"},
         {"uiLang", "en"}},
        next_step(4, kPolicyUrl),
        report(5, "conversation-0001", "instagram-ai-objection", "open-form", "step_completed"),
        {{"id", 6}, {"type", "getProgress"}},
        {{"id", 7},
         {"type", "setAccount"},
         {"platform", "instagram"},
         {"account", "work"},
         {"label", "Work"}},
        {{"id", 8}, {"type", "listAccounts"}},
        {{"id", 9}, {"type", "exportRecord"}, {"format", "html"}, {"uiLang", "fr"}},
        {{"id", 10},
         {"type", "resetProcedure"},
         {"procedureId", "instagram-ai-objection"},
         {"account", "default"}},
    };
}

}  // namespace og::robust
