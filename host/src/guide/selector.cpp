#include "guide/selector.hpp"

#include <algorithm>
#include <tuple>

namespace og::guide {
namespace {

// A step whose pages all name a query (the policy's ?subpage=…) fits a narrower page than one
// that fits the same path whatever the query.
bool query_specific(const catalog::Step& s) {
    return !s.pages.empty() && std::all_of(s.pages.begin(), s.pages.end(),
                                           [](const auto& m) { return !m.query.empty(); });
}

// The step to show for one procedure among its candidates (catalog order, the query-specific
// ones first).
const catalog::Step* pick_step(std::vector<const catalog::Step*> steps,
                               const progress::Progress& progress) {
    std::stable_partition(steps.begin(), steps.end(),
                          [](const catalog::Step* s) { return query_specific(*s); });
    const catalog::Step* last_counted = nullptr;
    for (const auto* s : steps) {
        if (!s->counted()) continue;
        if (!progress.done_steps.contains(s->id)) return s;
        last_counted = s;
    }
    // Every step of this page is done: stay on the furthest one (the user came back to it),
    // which reads better than jumping to an earlier one.
    if (last_counted) return last_counted;
    return steps.empty() ? nullptr : steps.front();  // only wrong-page steps fit
}

}  // namespace

std::optional<Selection> select_step(
    const std::vector<catalog::StepRef>& candidates,
    const std::function<progress::Progress(const catalog::Procedure&)>& progress_of,
    const std::optional<std::string>& hint) {
    struct Group {
        const catalog::Procedure* procedure;
        std::vector<const catalog::Step*> steps;
        std::size_t order;
    };
    // Candidates come in catalog order, so a procedure's steps are adjacent: grouping is one
    // pass (this runs on every page load, with up to every procedure as a candidate).
    std::vector<Group> groups;
    for (const auto& c : candidates) {
        if (groups.empty() || groups.back().procedure != c.procedure)
            groups.push_back(Group{c.procedure, {}, groups.size()});
        groups.back().steps.push_back(c.step);
    }
    if (groups.empty()) return std::nullopt;

    const Group* best = nullptr;
    progress::Progress best_progress;
    // Rank: in progress (a refused request the user is trying again counts), then the hinted
    // procedure, then not yet confirmed (a finished procedure yields its page to one still to
    // do), then priority, then catalog order.
    auto rank = [&](const Group& g, const progress::Progress& p) {
        return std::make_tuple(
            p.state == progress::State::in_progress || p.state == progress::State::refused,
            hint && *hint == g.procedure->id, p.state != progress::State::confirmed,
            g.procedure->priority, -static_cast<long>(g.order));
    };
    for (const auto& g : groups) {
        progress::Progress p = progress_of(*g.procedure);
        if (!best || rank(g, p) > rank(*best, best_progress)) {
            best = &g;
            best_progress = std::move(p);
        }
    }
    const catalog::Step* step = pick_step(best->steps, best_progress);
    if (!step) return std::nullopt;
    return Selection{best->procedure, step};
}

}  // namespace og::guide
