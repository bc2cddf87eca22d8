#pragma once
// What the doctor reports: a stable code, a sentence for a person, and the exact command that
// fixes it (empty only when no command can, e.g. an administrator's policy).
#include <string>
#include <vector>

namespace og::install {

enum class Severity { error, warning };

struct Problem {
    std::string code;
    std::string message;
    std::string fix;
    Severity severity = Severity::error;
};

using Problems = std::vector<Problem>;

}  // namespace og::install
