#pragma once
// "Step k of n" counted on the route the user is on (docs/catalog.md, "Routes"), not on every
// step of the procedure: Meta serves several ways to the same form, and a person on one of
// them never sees the others' steps. Pure.
#include <set>
#include <string>

#include "catalog/model.hpp"

namespace og::progress {

struct Position {
    int index = 0;  // k, 1-based; 0 for a step on no route (wrong-page, unknown-page)
    int count = 0;  // n: the steps of the route
    std::string step_id;
};

// Where `step_id`, shown now, stands: among the routes holding it, the one that leaves the
// fewest of its earlier steps undone, then the one with the most steps done, then the first in
// catalog order. A step on no route is 0 of n, n being that of current(p, done).
Position position_of(const catalog::Procedure& p, const std::string& step_id,
                     const std::set<std::string>& done);

// Where the user stands, with no page to go by: the route with the most steps done (the first
// in catalog order on a tie), at its first step not done, or at its last when all are.
Position current(const catalog::Procedure& p, const std::set<std::string>& done);

}  // namespace og::progress
