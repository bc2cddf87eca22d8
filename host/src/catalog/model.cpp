#include "catalog/model.hpp"

#include <algorithm>

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
    std::string primary = lang.substr(0, lang.find_first_of("-_"));
    std::transform(primary.begin(), primary.end(), primary.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (auto it = text.find(primary); it != text.end()) return it->second;
    if (auto it = text.find("en"); it != text.end()) return it->second;
    if (!text.empty()) return text.begin()->second;
    return empty;
}

}  // namespace og::catalog
