#pragma once
// The completion conditions (docs/catalog.md, "Completion conditions") that a snapshot of the
// page decides: `urlMatches` and `textAppears`. Pure; the extension decides the same ones in
// extension/shared/page-match.js, held to the same cases by tests/conformance/rules.json.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace og::catalog {

struct PageSnapshot {
    std::string url;
    std::string doc_lang;  // the page's own language tag, as the page declares it
    std::vector<std::string> headings;
    std::string page_text;  // the page's visible text, unfolded
};

enum class Verdict {
    met,
    not_met,
    undecided,  // needs the live page or the user (elementAppears, formSubmitted, userConfirms)
};

// `condition` has passed validation (a step's `complete[]` entry).
Verdict evaluate(const nlohmann::json& condition, const PageSnapshot& page);

// The index of the first of `conditions` that the snapshot meets, if any.
std::optional<std::size_t> first_met(const nlohmann::json& conditions, const PageSnapshot& page);

}  // namespace og::catalog
