#pragma once
// Pure choice of the step to show: the page's candidates and the stored progress together.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/matcher.hpp"
#include "progress/state.hpp"

namespace og::guide {

struct Selection {
    const catalog::Procedure* procedure = nullptr;
    const catalog::Step* step = nullptr;
};

// `candidates` must be in catalog order, as MatchIndex::candidates returns them.
// `progress_of` gives the progress of a procedure for the account in question.
// Rules (docs/protocol.md, nextStep): among procedures with a candidate step, one in progress
// wins, then `hint` (a procedure the user started), then one not yet confirmed, then priority,
// then catalog order. Within the procedure, when several candidate steps fit the page, the
// first not yet done wins, steps whose every page matcher names a query counting before the
// others; when all are done, the last of them (an uncounted step only when no counted step
// fits).
std::optional<Selection> select_step(
    const std::vector<catalog::StepRef>& candidates,
    const std::function<progress::Progress(const catalog::Procedure&)>& progress_of,
    const std::optional<std::string>& hint);

}  // namespace og::guide
