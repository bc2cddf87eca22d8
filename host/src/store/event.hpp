#pragma once
#include <cstdint>
#include <string>

namespace og::store {

// One line of the append-only journal. `type` is one of: step_shown step_completed
// step_skipped form_submitted confirmation_received reset.
struct Event {
    std::int64_t seq = 0;  // assigned by the store
    std::string event_id;  // client-made, unique; makes reporting idempotent
    std::string at;        // UTC, "2026-11-29T10:00:00.123Z", assigned by the host
    std::string platform;
    std::string account;
    std::string procedure_id;
    std::string step_id;  // may be empty (reset, confirmation_received from the popup)
    std::string type;
    std::string url;              // evidence: where it happened, may be empty
    std::string client;           // "chromium", "firefox", "cli"
    std::int64_t catalog_version = 0;
};

}  // namespace og::store
