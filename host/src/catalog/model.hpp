#pragma once
// In-memory form of the procedure catalog (docs/catalog.md). Parsed and validated once at
// start-up; read-only afterwards.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace og::catalog {

inline constexpr int kEngineVersion = 1;
inline constexpr int kFormatVersion = 1;

using LocalizedText = std::map<std::string, std::string>;               // lang -> text
using LocalizedList = std::map<std::string, std::vector<std::string>>;  // lang -> texts

// A validated JSON value the host passes through to the extension (locators, completion
// conditions), kept as its minified text: a reply splices it in as is, and the compact catalog
// (pack.hpp) stores it without a JSON tree to build. parse() is for the rare reader.
struct JsonText {
    std::string text = "[]";
    nlohmann::json parse() const { return nlohmann::json::parse(text); }
};

struct PageMatcher {
    std::vector<std::string> hosts;            // exact, or "*.example.com"
    std::vector<std::string> paths;            // globs; empty = any path
    std::map<std::string, std::string> query;  // name -> value or "*"
    LocalizedList headings;                    // optional disambiguation by page headings
};

// The answers Meta may send to a request (docs/catalog.md, "Answers"). Each has one meaning for
// the state (progress/state.cpp): `accepted` confirms, `refused` ends the request as refused,
// `more-info` keeps it open. A wait step declares which of them its form can get.
inline constexpr std::array<std::string_view, 3> kAnswers = {"accepted", "refused", "more-info"};

struct Answer {
    std::string id;        // one of kAnswers
    LocalizedText advice;  // what the user can do then; may be empty
};

struct Step {
    std::string id;
    std::string kind;  // navigate click fill submit wait info wrong-page unknown-page
    int index = 0;     // 1-based position among counted steps; 0 for the others
    std::vector<PageMatcher> pages;
    JsonText targets;   // validated locators (an array)
    JsonText complete;  // validated conditions (an array)
    LocalizedText instruction;
    LocalizedText look_for;
    LocalizedText warning;
    std::optional<std::string> direct_link;
    std::optional<std::string> marks;  // "submitted" | "confirmed"
    // Nobody has seen this step's page as the catalog describes it (docs/catalog.md).
    bool unverified = false;
    // The answers Meta may send (a wait step marking "confirmed"); empty: one answer, "the
    // email arrived".
    std::vector<Answer> answers;
    const Answer* find_answer(std::string_view id) const;
    // wrong-page and unknown-page steps point the way; they are never a step of "k of n".
    bool counted() const { return kind != "wrong-page" && kind != "unknown-page"; }
};

// One way through a procedure: its counted steps, in the order the user meets them
// (docs/catalog.md, "Routes"). "Step k of n" counts the route the user is on.
struct Route {
    std::string id;
    std::vector<std::string> steps;
};

// A site whose accounts have their own progress (catalog.json `platforms`).
struct Platform {
    std::string id;
    LocalizedText name;
    std::vector<std::string> hosts;    // host patterns of the pages where its account applies
    std::vector<std::string> domains;  // registrable domains its URLs may use
};

struct Procedure {
    std::string id;
    std::string platform;  // a Platform id
    std::string kind;      // objection advice
    int priority = 0;
    std::string verified;
    LocalizedText title;
    LocalizedText summary;
    std::string start;
    std::optional<std::string> direct_link;
    std::vector<std::string> sources;
    // Locators of links that lead on to this procedure's form or hub, tried on a page when a
    // step's own targets find nothing (docs/catalog.md, "When the target is not there").
    JsonText fallback_targets;
    std::vector<Step> steps;  // in catalog order, uncounted steps included
    // At least one; a catalog naming none has one route of every counted step in catalog order.
    std::vector<Route> routes;
    int counted_steps() const;
    const Step* find_step(const std::string& id) const;
    // The step that marks "confirmed" (the wait for Meta's answer), or null.
    const Step* answer_step() const;
};

struct Catalog {
    int format = kFormatVersion;
    std::int64_t version = 0;
    std::string verified;
    std::string source = "builtin";   // "builtin" or the override folder's path
    std::vector<Platform> platforms;  // catalog order = display order
    std::vector<Procedure> procedures;
    // A pack's header holds no procedures: the allowlist they make is computed when packed and
    // kept here, and allowlist() returns it.
    std::optional<std::vector<std::string>> packed_allowlist;
    const Procedure* find(const std::string& id) const;
    const Platform* find_platform(std::string_view id) const;
    // The platform whose most specific host pattern matches `host` (lower case); null if none.
    const Platform* platform_for_host(std::string_view host) const;
    // The union of the platforms' domains, sorted and unique: what a catalog may name.
    std::vector<std::string> domains() const;
    // Every host the catalog names (pages, links, href patterns; exact or "*.domain"), sorted
    // and unique: the allowlist a link must stay on (docs/catalog.md, "Allowlist").
    std::vector<std::string> allowlist() const;
};

// Picks `lang`, else English, else any.
const std::string& localized(const LocalizedText& text, const std::string& lang);
// The platform's name in `lang`; the id itself when the catalog does not declare it (a journal
// may name a platform a later catalog dropped).
std::string platform_name(const Catalog& catalog, const std::string& id, const std::string& lang);

}  // namespace og::catalog
