#pragma once
// Pure derivation of per-procedure progress from the journal. No SQLite here.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "store/event.hpp"

namespace og::progress {

// `refused`: the user told optout-guide that Meta refused the request (docs/architecture.md,
// "Honest states"); a new submission starts again from `submitted`.
enum class State { not_started, in_progress, submitted, refused, confirmed };
std::string to_string(State s);

// What the user said Meta answered (an answer_received event), and when they said it.
struct Told {
    std::string answer;  // one of catalog::kAnswers
    std::string at;
};

// A request Meta refused before the one the state stands on: the record keeps both.
struct EarlierRequest {
    std::optional<std::string> submitted_at;
    Told answer;
};

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
    // Meta's answer to the current request, as the user told it; none yet when empty.
    std::optional<Told> answer;
    // Requests refused before the current one, since the last reset, oldest first.
    std::vector<EarlierRequest> earlier;
};

// answer_received keeps the answer in the event's JSON detail (the journal's evidence column,
// {"answer": id}): the one place that spells that form, both ways.
std::string answer_detail(std::string_view answer);
std::string told_answer(const store::Event& e);  // empty unless an answer_received with one

// The journal of one (account, procedure) folded event by event, so that a host which writes
// an event can move its progress on by that event instead of reading the journal again.
// derive() is this fold over the whole journal: from scratch and step by step agree by
// construction.
class Tally {
  public:
    Tally(const catalog::Procedure& procedure, const std::string& account);
    // `e` is the next event of the pair's journal (seq order), reset included.
    void apply(const catalog::Procedure& procedure, const store::Event& e);
    // The progress the events so far make, with the steps a reached state implies.
    Progress progress(const catalog::Procedure& procedure) const;

  private:
    Progress folded_;  // without the implied steps: a later answer can take the state back
};

// `events` are those of one (account, procedure), in journal order. Events before the last
// `reset` are history: they stay in the export but do not count towards the state.
// Honest states (docs/architecture.md): `submitted` only from a form_submitted event carrying
// the confirmation Meta showed; `confirmed` only from confirmation_received or an
// answer_received "accepted", `refused` only from answer_received "refused", which the
// extension sends from a deliberate action in its own UI. The latest answer to a request
// stands. Completing or skipping a step never raises the state by itself.
Progress derive(const catalog::Procedure& procedure, const std::string& account,
                const std::vector<store::Event>& events);

}  // namespace og::progress
