#include "catalog/model.hpp"

#include <algorithm>

#include "util/lang.hpp"

namespace og::catalog {

int Procedure::counted_steps() const {
    return static_cast<int>(
        std::count_if(steps.begin(), steps.end(), [](const Step& s) { return s.counted(); }));
}

const Step* Procedure::find_step(const std::string& step_id) const {
    for (const auto& s : steps)
        if (s.id == step_id) return &s;
    return nullptr;
}

const Procedure* Catalog::find(const std::string& procedure_id) const {
    for (const auto& p : procedures)
        if (p.id == procedure_id) return &p;
    return nullptr;
}

const std::string& localized(const LocalizedText& text, const std::string& lang) {
    static const std::string empty;
    // "fr-FR" and "fr_FR" fall back to "fr": catalogs are keyed by primary language only.
    if (auto it = text.find(lang::base(lang)); it != text.end()) return it->second;
    if (auto it = text.find("en"); it != text.end()) return it->second;
    if (!text.empty()) return text.begin()->second;
    return empty;
}

}  // namespace og::catalog
