#pragma once
// Requests a browser would send, for the tests that need a realistic conversation.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace og::robust {

nlohmann::json hello(int id);
// Opens the store if no request has yet and reports its health (hello does not open it).
nlohmann::json store_health(int id);
nlohmann::json next_step(int id, const std::string& url, const std::string& ui_lang = "fr");
nlohmann::json report(int id, const std::string& event_id, const std::string& procedure,
                      const std::string& step, const std::string& type,
                      const std::string& account = "default");
// Every request type of protocol v1 once, in a sensible order.
std::vector<nlohmann::json> whole_conversation();

// A page of the built-in catalog where a step fits (Instagram's privacy policy).
inline constexpr const char* kPolicyUrl = "https://privacycenter.instagram.com/policy/";

}  // namespace og::robust
