#pragma once
// The one catalog validator: used by the loader at run time, by `catalog check`, and by tests.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/allowlist.hpp"

namespace og::catalog {

struct Problem {
    std::string file;     // e.g. "procedures/instagram-ai-objection.json"
    std::string pointer;  // JSON pointer, e.g. "/steps/3/targets/0/patterns/0"
    std::string message;  // what is wrong, for a person
};

// What a procedure is checked against: the platforms its catalog.json declares.
struct Scope {
    std::vector<std::string> platforms;  // declared ids, catalog order
    Allowlist allowlist{{}};             // the union of their domains
    // False when the header declares no usable platform: the checks that need one are then
    // skipped, since the header's own problems already say what is wrong.
    bool known = false;
};
// Reads the valid parts of a header (which need not be valid as a whole).
Scope scope_of(const nlohmann::json& header);

// Each appends every problem found (it does not stop at the first). `trusted`, when given, is
// the built-in catalog's allowlist: an override's platforms may not declare a domain outside it.
void validate_header(const nlohmann::json& doc, const std::string& file, std::vector<Problem>& out,
                     const Allowlist* trusted = nullptr);
void validate_procedure(const nlohmann::json& doc, const std::string& file, const Scope& scope,
                        std::vector<Problem>& out);

std::string format_problem(const Problem& p);  // "FILE: POINTER: message"

}  // namespace og::catalog
