#pragma once
// Pure derivation of per-procedure progress from the journal. No SQLite here.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "store/event.hpp"

namespace og::progress {

enum class State { not_started, in_progress, submitted, confirmed };
std::string to_string(State s);

struct Progress {
    std::string procedure_id;
    std::string platform;
    std::string account;
    State state = State::not_started;
    // k of n on the route the user is on (progress/route.hpp), and the step k is.
    int step_index = 1;
    int step_count = 0;
    std::string step_id;
    // Completed or skipped since the last reset, plus the steps a reached state implies:
    // `submitted` covers every counted step up to the one marked "submitted", `confirmed`
    // covers them all (a user who arrives on the form from an email link and sends it is past
    // the steps leading there).
    std::set<std::string> done_steps;
    std::optional<std::string> started_at, submitted_at, confirmed_at, updated_at;
    // The proof of `submitted`: the evidence JSON of the form_submitted event that reached it,
    // and that event's page.
    std::optional<std::string> sent_evidence, sent_url;
};

// `events` are those of one (account, procedure), in journal order. Events before the last
// `reset` are history: they stay in the export but do not count towards the state.
// Honest states (docs/architecture.md): `submitted` only from a form_submitted event carrying
// the confirmation Meta showed; `confirmed` only from confirmation_received, which the
// extension sends from a deliberate action in its own UI. Completing or skipping a step never
// raises the state by itself.
Progress derive(const catalog::Procedure& procedure, const std::string& account,
                const std::vector<store::Event>& events);

}  // namespace og::progress
