#include "progress/state.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

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
        case State::refused:
            return "refused";
        case State::confirmed:
            return "confirmed";
    }
    return "not_started";
}

std::string answer_detail(std::string_view answer) {
    return nlohmann::json{{"answer", answer}}.dump();
}

std::string told_answer(const store::Event& e) {
    if (e.type != "answer_received" || e.evidence.empty()) return {};
    const auto detail = nlohmann::json::parse(e.evidence, nullptr, false);
    if (!detail.is_object() || !detail.contains("answer") || !detail["answer"].is_string())
        return {};
    return detail["answer"].get<std::string>();
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

Tally::Tally(const catalog::Procedure& procedure, const std::string& account) {
    folded_.procedure_id = procedure.id;
    folded_.platform = procedure.platform;
    folded_.account = account;
}

void Tally::apply(const catalog::Procedure& procedure, const store::Event& e) {
    Progress& p = folded_;
    if (e.type == "reset") {
        // What came before is history: it stays in the export but no longer counts.
        p = Tally(procedure, p.account).folded_;
        p.updated_at = e.at;
        return;
    }
    p.updated_at = e.at;
    if (!p.started_at) p.started_at = e.at;
    if (p.state == State::not_started) p.state = State::in_progress;
    const catalog::Step* step = e.step_id.empty() ? nullptr : procedure.find_step(e.step_id);
    if (e.type == "step_completed" || e.type == "step_skipped") {
        // "Done" pressed on the form step proves nothing was sent: the step stays ahead
        // until the form_submitted event with Meta's confirmation. Skipping it is the
        // user's choice and says so.
        const bool claims_sent = e.type == "step_completed" && step && step->marks == "submitted";
        if (!e.step_id.empty() && !claims_sent) p.done_steps.insert(e.step_id);
    } else if (e.type == "form_submitted") {
        // Journals from before evidence was kept hold bare form_submitted events: they prove
        // a click, not that Meta took the form.
        if (e.evidence.empty()) return;
        // A new request after a refusal: the refused one becomes history, kept in `earlier`.
        if (p.state == State::refused) {
            p.earlier.push_back({p.submitted_at, p.answer.value_or(Told{})});
            p.submitted_at.reset();
            p.answer.reset();
            p.state = State::in_progress;
        }
        if (p.state >= State::submitted) return;
        p.state = State::submitted;
        p.submitted_at = e.at;
        p.sent_evidence = e.evidence;
        p.sent_url = e.url;
    } else if (e.type == "confirmation_received") {
        if (p.state != State::confirmed) p.confirmed_at = e.at;
        p.state = State::confirmed;
    } else if (e.type == "answer_received") {
        const std::string answer = told_answer(e);
        if (answer.empty()) return;
        // The latest answer stands: a person who pressed the wrong button says so again.
        p.answer = Told{answer, e.at};
        p.confirmed_at.reset();
        if (answer == "accepted") {
            p.state = State::confirmed;
            p.confirmed_at = e.at;
        } else if (answer == "refused") {
            p.state = State::refused;
            // Trying again is walking the procedure again: no step of the refused request
            // counts for the next one.
            p.done_steps.clear();
        } else {
            p.state = p.submitted_at ? State::submitted : State::in_progress;
        }
    }
}

Progress Tally::progress(const catalog::Procedure& procedure) const {
    Progress p = folded_;
    if (p.state == State::submitted || p.state == State::confirmed)
        mark_done_through(procedure, "submitted", p.done_steps);
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

Progress derive(const catalog::Procedure& procedure, const std::string& account,
                const std::vector<store::Event>& events) {
    Tally tally(procedure, account);
    for (const auto& e : events) tally.apply(procedure, e);
    return tally.progress(procedure);
}

}  // namespace og::progress
