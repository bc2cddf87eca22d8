#pragma once
#include <cstdint>
#include <string>

namespace og::store {

// One line of the append-only journal. `type` is one of: step_shown step_completed
// step_skipped form_submitted confirmation_received answer_received reset.
struct Event {
    std::int64_t seq = 0;  // assigned by the store
    std::string event_id;  // client-made, unique; makes reporting idempotent
    std::string at;        // UTC, "2026-11-29T10:00:00.123Z", assigned by the host
    std::string platform;
    std::string account;
    std::string procedure_id;
    std::string step_id;  // may be empty (reset, confirmation_received from the popup)
    std::string type;
    std::string url;     // evidence: where it happened, may be empty
    std::string client;  // "chromium", "firefox", "cli"
    std::int64_t catalog_version = 0;
    // What the event stands on, as compact JSON; empty for most events. form_submitted: what
    // the page showed once it took the form ({"text": quoted confirmation, "how":
    // "form_replaced"|"container_text"}); answer_received: the answer the user gave
    // ({"answer": id}, progress/state.hpp).
    std::string evidence;
};

// The events that move a procedure's state (docs/architecture.md, "Honest states"): never
// capped, never dropped. The others (step_shown, step_skipped) are repetitive.
inline bool changes_state(const std::string& type) {
    return type == "form_submitted" || type == "confirmation_received" ||
           type == "answer_received" || type == "step_completed" || type == "reset";
}

}  // namespace og::store
