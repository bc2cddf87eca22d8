#pragma once
// The one catalog validator: used by the loader at run time, by `catalog check`, and by tests.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace og::catalog {

struct Problem {
    std::string file;     // e.g. "procedures/instagram-ai-objection.json"
    std::string pointer;  // JSON pointer, e.g. "/steps/3/targets/0/patterns/0"
    std::string message;  // what is wrong, for a person
};

// True when `url` is https on the Meta allowlist (docs/catalog.md).
bool url_allowed(const std::string& url);
bool host_allowed(const std::string& host);

// Each appends every problem found (it does not stop at the first).
void validate_header(const nlohmann::json& doc, const std::string& file, std::vector<Problem>& out);
void validate_procedure(const nlohmann::json& doc, const std::string& file,
                        std::vector<Problem>& out);

std::string format_problem(const Problem& p);  // "FILE: POINTER: message"

}  // namespace og::catalog
