#pragma once
// What the tests need to know about the built-in catalog, read from the catalog itself rather
// than written into the tests, so they follow the catalog as it changes.
#include <string>
#include <vector>

namespace og::robust {

struct ProcedureFacts {
    std::string id;
    std::string platform;
    std::vector<std::string> plain_steps;  // counted steps that mark nothing
    // Its wait step declares Meta's answers: "confirmed" is then answer_received "accepted".
    bool asks_answer = false;
};

std::vector<ProcedureFacts> objection_procedures();

}  // namespace og::robust
