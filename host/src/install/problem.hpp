#pragma once
// What the doctor reports: a stable code, sentences for a person, and what fixes it — most often
// the exact command (verbatim), empty only when no command can (an administrator's policy).
// Sentences are phrases of host/locales, said in the reader's language when the report is
// written; paths, names and the browsers' own (English) error strings are their values.
#include <string>
#include <string_view>
#include <vector>

#include "util/messages.hpp"

namespace og::install {

enum class Severity { error, warning };

struct Problem {
    std::string code;
    std::vector<messages::Phrase> message;  // said one after the other
    messages::Phrase fix;
    Severity severity = Severity::error;
};

using Problems = std::vector<Problem>;

std::string message_text(const Problem& p, std::string_view lang);
std::string fix_text(const Problem& p, std::string_view lang);

}  // namespace og::install
