#include "progress/route.hpp"

#include <algorithm>

namespace og::progress {
namespace {

int done_on(const catalog::Route& r, const std::set<std::string>& done) {
    return static_cast<int>(std::count_if(r.steps.begin(), r.steps.end(),
                                          [&](const std::string& s) { return done.contains(s); }));
}

}  // namespace

Position current(const catalog::Procedure& p, const std::set<std::string>& done) {
    const catalog::Route* best = nullptr;
    int best_done = -1;
    for (const auto& r : p.routes) {
        if (r.steps.empty()) continue;
        const int d = done_on(r, done);
        if (d > best_done) {
            best = &r;
            best_done = d;
        }
    }
    if (best == nullptr) return {};
    const int n = static_cast<int>(best->steps.size());
    for (int i = 0; i < n; ++i)
        if (!done.contains(best->steps[i])) return {i + 1, n, best->steps[i]};
    return {n, n, best->steps.back()};
}

Position position_of(const catalog::Procedure& p, const std::string& step_id,
                     const std::set<std::string>& done) {
    const catalog::Route* best = nullptr;
    int best_missed = 0, best_done = 0, best_k = 0;
    for (const auto& r : p.routes) {
        auto it = std::find(r.steps.begin(), r.steps.end(), step_id);
        if (it == r.steps.end()) continue;
        const int missed = static_cast<int>(std::count_if(
            r.steps.begin(), it, [&](const std::string& s) { return !done.contains(s); }));
        const int d = done_on(r, done);
        if (best == nullptr || missed < best_missed || (missed == best_missed && d > best_done)) {
            best = &r;
            best_missed = missed;
            best_done = d;
            best_k = static_cast<int>(it - r.steps.begin()) + 1;
        }
    }
    if (best == nullptr) return {0, current(p, done).count, step_id};
    return {best_k, static_cast<int>(best->steps.size()), step_id};
}

}  // namespace og::progress
