#pragma once
// Text comparison as the catalog defines it (docs/catalog.md, "Text folding"): the same rules
// as extension/shared/text.js, held to it by tests/conformance/rules.json.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"

namespace og::catalog {

// Latin letters composed and lower-cased, curly apostrophes made straight, invisible characters
// dropped, white space collapsed to one space and trimmed.
std::string fold_text(std::string_view text);

// The folded texts of `list` to try on a page in `page_lang`, in order, without repeats: the
// page's primary language, then English; with no known page language, English then every
// other language in code order.
std::vector<std::string> localized_candidates(const LocalizedList& list,
                                              std::string_view page_lang);

// An accessible name (folded here) equals one of the folded `candidates`, as it is or without
// the parenthesised notes Meta appends ("object (Opens in a new tab) (Link is external)").
bool name_matches(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace og::catalog
