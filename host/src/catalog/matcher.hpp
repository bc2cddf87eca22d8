#pragma once
// Pure matching of a page context against the catalog: no I/O, no progress.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/text.hpp"

namespace og::catalog {

struct PageContext {
    std::string url;
    std::string title;
    std::string doc_lang;  // the page's own language ("fr", "de-DE" ...)
    std::string ui_lang;   // the browser's UI language
    std::vector<std::string> headings;
};

struct ParsedUrl {
    std::string scheme, host, path;
    std::vector<std::pair<std::string, std::string>> query;
};
bool parse_url(const std::string& url, ParsedUrl& out);

// The rules of docs/catalog.md ("Page matcher", "Locators"), shared with
// extension/shared/page-match.js through tests/conformance/rules.json.
//
// `segment_aware` (paths): `*` stays within one segment, `/**` is nothing or "/" and any rest,
// another `**` any run. Otherwise (href patterns) `*` matches any run of characters.
bool glob_match(std::string_view pattern, std::string_view text, bool segment_aware);
// A path pattern against a URL path, trailing slashes of both ignored.
bool path_matches(std::string_view pattern, std::string_view path);
bool page_matches(const PageMatcher& m, const ParsedUrl& url, const PageContext& ctx);

struct StepRef {
    const Procedure* procedure;
    const Step* step;
};

// The keys a page matcher is filed under, and those a URL is looked up under: a page can fit
// a matcher only when they share one. A literal path pattern is filed under
// host + "\n" + path, a glob whose first segment is literal ("/policy/*") under
// host + "\t" + "/policy", any other under the host alone; "*.facebook.com" under
// ".facebook.com". Used by MatchIndex and by the packed catalog's prebuilt index alike.
std::vector<std::string> index_keys(const PageMatcher& m);
std::vector<std::string> lookup_keys(const ParsedUrl& url);  // none unless https
// One of the step's page matchers fits.
bool step_fits(const Step& step, const ParsedUrl& url, const PageContext& ctx);

// Index by host and path so a page is compared only with the steps that can fit its URL. Holds
// pointers into `catalog`, which must outlive it and not change.
class MatchIndex {
  public:
    explicit MatchIndex(const Catalog& catalog);
    // Every (procedure, step) whose page matchers fit, in catalog order. `url` is ctx.url
    // already parsed (the dispatcher parses it once, when it checks the request).
    std::vector<StepRef> candidates(const ParsedUrl& url, const PageContext& ctx) const;
    // The same, parsing ctx.url (no candidates when it is not an absolute URL).
    std::vector<StepRef> candidates(const PageContext& ctx) const;

  private:
    std::vector<StepRef> steps_;  // every step, in catalog order; the map holds indexes into it
    std::unordered_map<std::string, std::vector<std::size_t>> by_key_;  // index_keys → steps
};

}  // namespace og::catalog
