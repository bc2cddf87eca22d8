#include "progress/state.hpp"

#include <algorithm>

#include "progress/route.hpp"

namespace og::progress {

std::string to_string(State s) {
    switch (s) {
        case State::not_started:
            return "not_started";
        case State::in_progress:
            return "in_progress";
        case State::submitted:
            return "submitted";
        case State::confirmed:
            return "confirmed";
    }
    return "not_started";
}

namespace {

// Reaching `submitted` or `confirmed` means the user went through the steps leading there,
// even when they arrived on the form straight from an email link: those steps count as done,
// so "step k of n" points past the form.
void mark_done_through(const catalog::Procedure& procedure, const std::string& marks,
                       std::set<std::string>& done) {
    auto last = std::find_if(procedure.steps.rbegin(), procedure.steps.rend(),
                             [&](const catalog::Step& s) { return s.marks == marks; });
    if (last == procedure.steps.rend()) return;
    for (auto it = procedure.steps.begin(); it != last.base(); ++it)
        if (it->counted()) done.insert(it->id);
}

}  // namespace

Progress derive(const catalog::Procedure& procedure, const std::string& account,
                const std::vector<store::Event>& events) {
    Progress p;
    p.procedure_id = procedure.id;
    p.platform = procedure.platform;
    p.account = account;

    auto from = events.begin();
    for (auto it = events.begin(); it != events.end(); ++it)
        if (it->type == "reset") from = std::next(it);
    if (!events.empty()) p.updated_at = events.back().at;

    auto raise = [&](State s, const std::string& at) {
        if (s <= p.state) return;
        p.state = s;
        if (s == State::submitted && !p.submitted_at) p.submitted_at = at;
        if (s == State::confirmed && !p.confirmed_at) p.confirmed_at = at;
    };
    for (auto it = from; it != events.end(); ++it) {
        const store::Event& e = *it;
        if (!p.started_at) p.started_at = e.at;
        raise(State::in_progress, e.at);
        const catalog::Step* step = e.step_id.empty() ? nullptr : procedure.find_step(e.step_id);
        if (e.type == "step_completed" || e.type == "step_skipped") {
            // "Done" pressed on the form step proves nothing was sent: the step stays ahead
            // until the form_submitted event with Meta's confirmation. Skipping it is the
            // user's choice and says so.
            const bool claims_sent =
                e.type == "step_completed" && step && step->marks == "submitted";
            if (!e.step_id.empty() && !claims_sent) p.done_steps.insert(e.step_id);
        } else if (e.type == "form_submitted") {
            // Journals from before evidence was kept hold bare form_submitted events: they prove
            // a click, not that Meta took the form.
            if (e.evidence.empty()) continue;
            if (p.state < State::submitted) {
                p.sent_evidence = e.evidence;
                p.sent_url = e.url;
            }
            raise(State::submitted, e.at);
        } else if (e.type == "confirmation_received") {
            raise(State::confirmed, e.at);
        }
    }
    if (p.state >= State::submitted) mark_done_through(procedure, "submitted", p.done_steps);
    if (p.state == State::confirmed) {
        // Confirmed is the end: every step is behind the user.
        for (const auto& s : procedure.steps)
            if (s.counted()) p.done_steps.insert(s.id);
    }

    const Position at = current(procedure, p.done_steps);
    p.step_index = at.index;
    p.step_count = at.count;
    p.step_id = at.step_id;
    return p;
}

}  // namespace og::progress
