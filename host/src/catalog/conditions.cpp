#include "catalog/conditions.hpp"

#include <algorithm>

#include "catalog/loader.hpp"
#include "catalog/matcher.hpp"
#include "catalog/text.hpp"

namespace og::catalog {
namespace {

bool url_matches(const nlohmann::json& page_json, const PageSnapshot& page) {
    ParsedUrl url;
    if (!parse_url(page.url, url)) return false;
    PageContext ctx;
    ctx.url = page.url;
    ctx.doc_lang = page.doc_lang;
    ctx.headings = page.headings;
    return page_matches(page_matcher_of(page_json), url, ctx);
}

// Contained, not exact: the text is a sentence somewhere in the page.
bool text_appears(const nlohmann::json& text_json, const PageSnapshot& page) {
    const auto wanted = localized_candidates(text_json.get<LocalizedList>(), page.doc_lang);
    if (wanted.empty()) return false;
    const std::string text = fold_text(page.page_text);
    return std::any_of(wanted.begin(), wanted.end(),
                       [&](const std::string& w) { return text.find(w) != std::string::npos; });
}

}  // namespace

Verdict evaluate(const nlohmann::json& condition, const PageSnapshot& page) {
    const std::string type = condition.value("type", "");
    bool met = false;
    if (type == "urlMatches")
        met = url_matches(condition.at("page"), page);
    else if (type == "textAppears")
        met = text_appears(condition.at("text"), page);
    else
        return Verdict::undecided;
    return met ? Verdict::met : Verdict::not_met;
}

std::optional<std::size_t> first_met(const nlohmann::json& conditions, const PageSnapshot& page) {
    for (std::size_t i = 0; i < conditions.size(); ++i)
        if (evaluate(conditions[i], page) == Verdict::met) return i;
    return std::nullopt;
}

}  // namespace og::catalog
