#include "catalog_facts.hpp"

#include <stdexcept>

#include "builtin/builtin.hpp"

namespace og::robust {

std::vector<ProcedureFacts> objection_procedures() {
    auto loaded = catalog::load_embedded();
    if (!loaded.catalog) throw std::runtime_error("the built-in catalog does not load");
    std::vector<ProcedureFacts> out;
    for (const auto& p : loaded.catalog->procedures) {
        if (p.kind != "objection") continue;
        ProcedureFacts f{
            p.id, p.platform, {}, p.answer_step() && !p.answer_step()->answers.empty()};
        for (const auto& s : p.steps)
            if (s.counted() && !s.marks) f.plain_steps.push_back(s.id);
        if (!f.plain_steps.empty()) out.push_back(std::move(f));
    }
    return out;
}

}  // namespace og::robust
