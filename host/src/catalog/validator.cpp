#include "catalog/validator.hpp"

#include "util/json_pointer.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>

#include "catalog/link.hpp"
#include "catalog/matcher.hpp"
#include "catalog/model.hpp"

namespace og::catalog {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kUiLangs = {"en", "fr", "de", "es", "it"};
constexpr std::array<std::string_view, 8> kKnownLangs = {"en", "fr", "de", "es",
                                                         "it", "nl", "pl", "pt"};
constexpr std::array<std::string_view, 8> kStepKinds = {
    "navigate", "click", "fill", "submit", "wait", "info", "wrong-page", "unknown-page"};

template <std::size_t N>
bool one_of(std::string_view v, const std::array<std::string_view, N>& set) {
    return std::find(set.begin(), set.end(), v) != set.end();
}

template <std::size_t N>
std::string list(const std::array<std::string_view, N>& set) {
    std::string out;
    for (auto v : set) {
        if (!out.empty()) out += ", ";
        out += v;
    }
    return out;
}

// Built by appending: GCC 12 warns (-Wrestrict, falsely) on `"\"" + std::string`.
std::string in_quotes(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    out += s;
    out += '"';
    return out;
}

std::string at(const std::string& base, std::string_view key) {
    return pointer_append(base, key);
}
std::string at(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

bool is_id(std::string_view s) {
    // ^[a-z0-9]+(-[a-z0-9]+)*$
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    char prev = 0;
    for (char c : s) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && c != '-') return false;
        if (c == '-' && prev == '-') return false;
        prev = c;
    }
    return true;
}

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    int y = std::stoi(std::string(s.substr(0, 4)));
    int m = std::stoi(std::string(s.substr(5, 2)));
    int d = std::stoi(std::string(s.substr(8, 2)));
    if (m < 1 || m > 12 || d < 1) return false;
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) return false;
    return d <= kDays[m - 1];
}

// Collects problems for one file; every check appends and carries on.
class Checker {
  public:
    Checker(std::string file, std::vector<Problem>& out, const Scope* scope = nullptr)
        : file_(std::move(file)), out_(out), scope_(scope) {}

    // Allowlist checks need the header's platforms; without them only the form is checked.
    bool allowlist_known() const { return scope_ != nullptr && scope_->known; }
    std::string allowlist_text() const {
        return "the allowlist (the domains of catalog.json's platforms: " +
               scope_->allowlist.describe() + ")";
    }

    // "https://l.facebook.com/…", "https://www.facebook.com/l.php…": a pattern on the shim
    // would accept whatever destination it carries.
    static bool shim_pattern(const std::string& pattern) {
        ParsedUrl u;
        std::string probe = pattern.substr(0, pattern.find('*'));
        if (!parse_url(probe, u)) return false;
        return is_foreign_content_host(u.host) || u.path.rfind("/l.php", 0) == 0;
    }

    static bool foreign_url(const std::string& url) {
        ParsedUrl u;
        return parse_url(url, u) && is_foreign_content_host(u.host);
    }

    void problem(const std::string& pointer, std::string message) {
        out_.push_back(Problem{file_, pointer, std::move(message)});
    }

    // Reports fields not in `known`: a typo must never pass silently.
    void no_unknown_fields(const json& obj, const std::string& ptr,
                           std::initializer_list<std::string_view> known) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (std::find(known.begin(), known.end(), it.key()) == known.end())
                problem(at(ptr, it.key()), "unknown field \"" + it.key() + "\"");
        }
    }

    const json* field(const json& obj, std::string_view key, const std::string& ptr,
                      bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required)
                problem(at(ptr, key), "missing required field \"" + std::string(key) + "\"");
            return nullptr;
        }
        return &*it;
    }

    const json* string_field(const json& obj, std::string_view key, const std::string& ptr,
                             bool required) {
        const json* v = field(obj, key, ptr, required);
        if (!v) return nullptr;
        if (!v->is_string()) {
            problem(at(ptr, key), "must be a string");
            return nullptr;
        }
        if (v->get_ref<const std::string&>().empty()) {
            problem(at(ptr, key), "must not be empty");
            return nullptr;
        }
        return v;
    }

    const json* int_field(const json& obj, std::string_view key, const std::string& ptr,
                          bool required) {
        const json* v = field(obj, key, ptr, required);
        if (!v) return nullptr;
        if (!v->is_number_integer()) {
            problem(at(ptr, key), "must be an integer");
            return nullptr;
        }
        return v;
    }

    const json* array_field(const json& obj, std::string_view key, const std::string& ptr,
                            bool required, bool non_empty) {
        const json* v = field(obj, key, ptr, required);
        if (!v) return nullptr;
        if (!v->is_array()) {
            problem(at(ptr, key), "must be an array");
            return nullptr;
        }
        if (non_empty && v->empty()) {
            problem(at(ptr, key), "must not be empty");
            return nullptr;
        }
        return v;
    }

    void id_field(const json& obj, const std::string& ptr) {
        if (const json* v = string_field(obj, "id", ptr, true)) {
            if (!is_id(v->get_ref<const std::string&>()))
                problem(at(ptr, "id"),
                        in_quotes(v->get_ref<const std::string&>()) +
                            " is not a valid id (lower-case letters, digits and single hyphens)");
        }
    }

    void date_field(const json& obj, std::string_view key, const std::string& ptr) {
        if (const json* v = string_field(obj, key, ptr, true)) {
            if (!is_date(v->get_ref<const std::string&>()))
                problem(at(ptr, key),
                        "must be a date YYYY-MM-DD, got \"" + v->get<std::string>() + "\"");
        }
    }

    void url_field(const json& obj, std::string_view key, const std::string& ptr, bool required) {
        if (const json* v = string_field(obj, key, ptr, required)) {
            const auto& url = v->get_ref<const std::string&>();
            // A link is judged by where it leads: a shim is its destination, or nowhere.
            auto dest = link_destination(url);
            if (!dest)
                problem(at(ptr, key),
                        "URL \"" + url + "\" goes through Meta's link shim to no destination");
            else if (foreign_url(*dest))
                problem(at(ptr, key), "URL \"" + url + "\" leads to " + in_quotes(*dest) +
                                          ", a redirector or third-party host, not a Meta page");
            else if (allowlist_known() && !scope_->allowlist.allows_url(*dest))
                problem(at(ptr, key),
                        "URL \"" + url +
                            (*dest == url ? std::string() : "\" (leading to \"" + *dest) +
                            "\" is not https on " + allowlist_text());
        }
    }

    // Localized text: `all_ui` requires the five UI languages, otherwise English at least.
    void localized_text(const json& obj, std::string_view key, const std::string& ptr,
                        bool required, bool all_ui) {
        const json* v = field(obj, key, ptr, required);
        if (!v) return;
        std::string p = at(ptr, key);
        if (!v->is_object()) {
            problem(p, "must be an object keyed by language code");
            return;
        }
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (!one_of(it.key(), kKnownLangs))
                problem(at(p, it.key()),
                        "unknown language \"" + it.key() + "\" (known: " + list(kKnownLangs) + ")");
            else if (!it->is_string())
                problem(at(p, it.key()), "must be a string");
            else if (it->get_ref<const std::string&>().empty())
                problem(at(p, it.key()), "must not be empty");
        }
        if (all_ui) {
            for (auto lang : kUiLangs)
                if (!v->contains(lang))
                    problem(at(p, lang), "missing translation \"" + std::string(lang) +
                                             "\" (required: " + list(kUiLangs) + ")");
        } else if (!v->contains("en")) {
            problem(at(p, "en"), "missing translation \"en\" (English is the fallback)");
        }
    }

    // Localized list of labels: each language maps to a non-empty array of non-empty strings;
    // English is required because it is the fallback on every page.
    void localized_list(const json& obj, std::string_view key, const std::string& ptr,
                        bool required) {
        const json* v = field(obj, key, ptr, required);
        if (!v) return;
        std::string p = at(ptr, key);
        if (!v->is_object()) {
            problem(p, "must be an object keyed by language code");
            return;
        }
        for (auto it = v->begin(); it != v->end(); ++it) {
            std::string lp = at(p, it.key());
            if (!one_of(it.key(), kKnownLangs)) {
                problem(lp,
                        "unknown language \"" + it.key() + "\" (known: " + list(kKnownLangs) + ")");
                continue;
            }
            if (!it->is_array() || it->empty()) {
                problem(lp, "must be a non-empty array of strings");
                continue;
            }
            for (std::size_t i = 0; i < it->size(); ++i) {
                const json& s = (*it)[i];
                if (!s.is_string() || s.get_ref<const std::string&>().empty())
                    problem(at(lp, i), "must be a non-empty string");
            }
        }
        if (!v->contains("en")) problem(at(p, "en"), "missing \"en\" (English is the fallback)");
    }

    void css(const json& obj, std::string_view key, const std::string& ptr, bool required) {
        const json* v = string_field(obj, key, ptr, required);
        if (!v) return;
        std::string why;
        if (!css_structural(v->get_ref<const std::string&>(), why)) problem(at(ptr, key), why);
    }

    // The required, non-empty "hosts" array of host patterns; each must be within `allowed`
    // (which `where` describes, e.g. "on the allowlist (…)") unless that is null.
    void host_patterns(const json& obj, const std::string& ptr, const Allowlist* allowed,
                       const std::string& where) {
        const json* hosts = array_field(obj, "hosts", ptr, true, true);
        if (!hosts) return;
        for (std::size_t i = 0; i < hosts->size(); ++i) {
            const json& h = (*hosts)[i];
            std::string hp = at(at(ptr, "hosts"), i);
            if (!h.is_string()) {
                problem(hp, "must be a string");
                continue;
            }
            const auto& s = h.get_ref<const std::string&>();
            if (!is_host_pattern(s))
                problem(hp, "\"" + s + "\" is not a lower-case host name or \"*.domain\" pattern");
            else if (allowed != nullptr && !allowed->allows_host(s))
                problem(hp, "host \"" + s + "\" is not " + where);
            else if (is_foreign_content_host(s))
                problem(hp, "host \"" + s +
                                "\" is a redirector or serves third-party content, never a "
                                "page of a procedure");
        }
    }

    void page_matcher(const json& m, const std::string& ptr) {
        if (!m.is_object()) {
            problem(ptr, "a page matcher must be an object");
            return;
        }
        no_unknown_fields(m, ptr, {"hosts", "paths", "query", "headings"});
        if (allowlist_known())
            host_patterns(m, ptr, &scope_->allowlist, "on " + allowlist_text());
        else
            host_patterns(m, ptr, nullptr, "");
        if (const json* paths = array_field(m, "paths", ptr, false, false)) {
            for (std::size_t i = 0; i < paths->size(); ++i) {
                const json& p = (*paths)[i];
                std::string pp = at(at(ptr, "paths"), i);
                if (!p.is_string())
                    problem(pp, "must be a string");
                else if (p.get_ref<const std::string&>().empty() ||
                         p.get_ref<const std::string&>()[0] != '/')
                    problem(pp, "a path pattern must start with \"/\"");
                else if (p.get_ref<const std::string&>().find_first_of("?#") != std::string::npos)
                    problem(pp, "a path pattern cannot contain \"?\" or \"#\" (use \"query\")");
                else if (auto first = p.get_ref<const std::string&>().find("**");
                         first != std::string::npos &&
                         p.get_ref<const std::string&>().find("**", first + 2) != std::string::npos)
                    // Several `**` would make matching a long URL slow (backtracking).
                    problem(pp, "a path pattern may hold \"**\" only once");
            }
        }
        if (const json* q = field(m, "query", ptr, false)) {
            if (!q->is_object()) {
                problem(at(ptr, "query"), "must be an object of parameter name to value or \"*\"");
            } else {
                for (auto it = q->begin(); it != q->end(); ++it)
                    if (!it->is_string())
                        problem(at(at(ptr, "query"), it.key()), "must be a string");
            }
        }
        localized_list(m, "headings", ptr, false);
    }

    void locator(const json& l, const std::string& ptr) {
        if (!l.is_object()) {
            problem(ptr, "a locator must be an object");
            return;
        }
        const json* by = string_field(l, "by", ptr, true);
        if (!by) return;
        const auto& kind = by->get_ref<const std::string&>();
        if (kind == "href") {
            no_unknown_fields(l, ptr, {"by", "patterns"});
            if (const json* pats = array_field(l, "patterns", ptr, true, true)) {
                for (std::size_t i = 0; i < pats->size(); ++i) {
                    const json& p = (*pats)[i];
                    std::string pp = at(at(ptr, "patterns"), i);
                    if (!p.is_string())
                        problem(pp, "must be a string");
                    else if (shim_pattern(p.get_ref<const std::string&>()))
                        problem(pp, "href pattern \"" + p.get<std::string>() +
                                        "\" names Meta's link shim: name the destination "
                                        "instead (links are judged by where they lead)");
                    else if (allowlist_known() && !scope_->allowlist.allows_href_pattern(
                                                      p.get_ref<const std::string&>()))
                        problem(pp, "href pattern \"" + p.get<std::string>() +
                                        "\" must start with https://<host>/ (no wildcard before "
                                        "the path) where the host is on " +
                                        allowlist_text());
                }
            }
        } else if (kind == "role") {
            no_unknown_fields(l, ptr, {"by", "role", "name"});
            string_field(l, "role", ptr, true);
            localized_list(l, "name", ptr, true);
        } else if (kind == "text") {
            no_unknown_fields(l, ptr, {"by", "text", "within"});
            localized_list(l, "text", ptr, true);
            css(l, "within", ptr, false);
        } else if (kind == "css") {
            no_unknown_fields(l, ptr, {"by", "selector"});
            css(l, "selector", ptr, true);
        } else {
            problem(at(ptr, "by"),
                    "unknown locator \"" + kind + "\" (known: href, role, text, css)");
        }
    }

    void condition(const json& c, const std::string& ptr) {
        if (!c.is_object()) {
            problem(ptr, "a condition must be an object");
            return;
        }
        const json* type = string_field(c, "type", ptr, true);
        if (!type) return;
        const auto& t = type->get_ref<const std::string&>();
        if (t == "urlMatches") {
            no_unknown_fields(c, ptr, {"type", "page"});
            if (const json* p = field(c, "page", ptr, true)) page_matcher(*p, at(ptr, "page"));
        } else if (t == "elementAppears") {
            no_unknown_fields(c, ptr, {"type", "locator"});
            if (const json* l = field(c, "locator", ptr, true)) locator(*l, at(ptr, "locator"));
        } else if (t == "textAppears") {
            no_unknown_fields(c, ptr, {"type", "text"});
            localized_list(c, "text", ptr, true);
        } else if (t == "formSubmitted") {
            no_unknown_fields(c, ptr, {"type", "selector", "accepted"});
            css(c, "selector", ptr, false);
            if (const json* a = field(c, "accepted", ptr, false)) {
                const std::string ap = at(ptr, "accepted");
                if (!a->is_object()) {
                    problem(ap, "must be an object with the confirmation `text` Meta shows");
                } else {
                    no_unknown_fields(*a, ap, {"text", "container"});
                    localized_list(*a, "text", ap, true);
                    css(*a, "container", ap, false);
                }
            }
        } else if (t == "userConfirms") {
            no_unknown_fields(c, ptr, {"type"});
        } else {
            problem(at(ptr, "type"),
                    "unknown condition \"" + t +
                        "\" (known: urlMatches, elementAppears, textAppears, formSubmitted, "
                        "userConfirms)");
        }
    }

    // "Sent" is recorded only on evidence that Meta took the form (docs/architecture.md,
    // "Honest states"): the step marking it names the confirmation Meta shows, and no text
    // elsewhere on the page may stand in for it.
    void submitted_evidence(const json& s, const std::string& ptr) {
        const json* complete = s.contains("complete") ? &s["complete"] : nullptr;
        bool accepted = false;
        if (complete && complete->is_array()) {
            for (std::size_t i = 0; i < complete->size(); ++i) {
                const json& c = (*complete)[i];
                if (!c.is_object()) continue;
                const std::string type = c.value("type", "");
                if (type == "formSubmitted" && c.contains("accepted")) accepted = true;
                if (type == "textAppears" || type == "elementAppears" || type == "urlMatches")
                    problem(at(at(at(ptr, "complete"), i), "type"),
                            "a step marking \"submitted\" completes only by formSubmitted with "
                            "`accepted`: " +
                                type + " anywhere on the page proves nothing was sent");
            }
        }
        if (!accepted)
            problem(at(ptr, "complete"),
                    "a step marking \"submitted\" needs a formSubmitted condition with "
                    "`accepted.text`, the confirmation Meta shows once it took the form");
    }

    // Returns false when the object needs a newer engine: the caller then skips it.
    bool engine_ok(const json& obj, const std::string& ptr) {
        const json* v = int_field(obj, "minEngine", ptr, false);
        if (!v) return true;
        if (v->get<std::int64_t>() < 1) {
            problem(at(ptr, "minEngine"), "must be at least 1");
            return true;
        }
        return v->get<std::int64_t>() <= kEngineVersion;
    }

    void step(const json& s, const std::string& ptr) {
        if (!s.is_object()) {
            problem(ptr, "a step must be an object");
            return;
        }
        id_field(s, ptr);
        // A step for a newer engine may use fields this engine does not know: it is skipped
        // by the loader, so only its id is checked here.
        if (!engine_ok(s, ptr)) return;
        no_unknown_fields(
            s, ptr,
            {"id", "kind", "pages", "targets", "instruction", "lookFor", "complete", "directLink",
             "marks", "warning", "minEngine", "unverified", "verified", "answers"});
        const json* unverified = field(s, "unverified", ptr, false);
        if (unverified && !unverified->is_boolean())
            problem(at(ptr, "unverified"), "must be true or false");
        if (const json* v = field(s, "verified", ptr, false)) {
            // When and against what the step was checked: a date and a citation.
            std::string vp = at(ptr, "verified");
            if (!v->is_object()) {
                problem(vp, "must be an object {\"on\": \"YYYY-MM-DD\", \"against\": \"…\"}");
            } else {
                no_unknown_fields(*v, vp, {"on", "against"});
                date_field(*v, "on", vp);
                if (const json* a = string_field(*v, "against", vp, true);
                    a && a->get_ref<const std::string&>().find("://") != std::string::npos)
                    problem(at(vp, "against"), "a citation, not a link");
            }
            if (unverified && unverified->is_boolean() && unverified->get<bool>())
                problem(vp, "a step is either verified or unverified, not both");
        }
        std::string kind;
        if (const json* k = string_field(s, "kind", ptr, true)) {
            kind = k->get<std::string>();
            if (!one_of(kind, kStepKinds)) {
                problem(at(ptr, "kind"),
                        "unknown step kind \"" + kind + "\" (known: " + list(kStepKinds) + ")");
                kind.clear();
            }
        }
        if (const json* pages = array_field(s, "pages", ptr, false, false)) {
            for (std::size_t i = 0; i < pages->size(); ++i)
                page_matcher((*pages)[i], at(at(ptr, "pages"), i));
        }
        bool needs_target = kind == "click" || kind == "fill" || kind == "submit";
        if (const json* targets = array_field(s, "targets", ptr, needs_target, needs_target)) {
            for (std::size_t i = 0; i < targets->size(); ++i)
                locator((*targets)[i], at(at(ptr, "targets"), i));
        }
        localized_text(s, "instruction", ptr, true, true);
        localized_text(s, "lookFor", ptr, false, false);
        localized_text(s, "warning", ptr, false, true);
        if (const json* complete = array_field(s, "complete", ptr, false, false)) {
            for (std::size_t i = 0; i < complete->size(); ++i)
                condition((*complete)[i], at(at(ptr, "complete"), i));
        }
        url_field(s, "directLink", ptr, false);
        if (const json* m = string_field(s, "marks", ptr, false)) {
            if (*m != "submitted" && *m != "confirmed")
                problem(at(ptr, "marks"), "must be \"submitted\" or \"confirmed\", got \"" +
                                              m->get<std::string>() + "\"");
            else if (kind == "wrong-page" || kind == "unknown-page")
                problem(at(ptr, "marks"), "a " + kind + " step never completes a procedure");
            else if (*m == "submitted")
                submitted_evidence(s, ptr);
        }
        answers(s, ptr, kind);
    }

    // The answers Meta may send (docs/catalog.md, "Answers"): only where the procedure waits
    // for Meta's answer, each one the engine knows, once, with `accepted` among them (else the
    // request could never be confirmed).
    void answers(const json& s, const std::string& ptr, const std::string& kind) {
        const json* declared = array_field(s, "answers", ptr, false, true);
        if (!declared) return;
        const std::string lp = at(ptr, "answers");
        const auto marks = s.find("marks");
        if (kind != "wait" || marks == s.end() || *marks != "confirmed")
            problem(lp, "only a wait step marking \"confirmed\" declares Meta's answers");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < declared->size(); ++i) {
            const json& a = (*declared)[i];
            const std::string ap = at(lp, i);
            if (!a.is_object()) {
                problem(ap, "an answer must be an object {\"id\": …, \"advice\": {…}}");
                continue;
            }
            no_unknown_fields(a, ap, {"id", "advice"});
            localized_text(a, "advice", ap, false, true);
            const json* id = string_field(a, "id", ap, true);
            if (!id) continue;
            const std::string name = id->get<std::string>();
            if (!one_of(name, kAnswers))
                problem(at(ap, "id"),
                        "unknown answer \"" + name + "\" (known: " + list(kAnswers) + ")");
            else if (!seen.insert(name).second)
                problem(at(ap, "id"), "answer \"" + name + "\" is declared twice");
        }
        if (!seen.empty() && !seen.contains("accepted"))
            problem(lp,
                    "the answers must include \"accepted\": without it the request can "
                    "never be confirmed");
    }

    // Class selectors and [class...] attribute selectors are refused: Meta's class names are
    // build hashes that change with every deploy.
    static bool css_structural(const std::string& sel, std::string& why) {
        char quote = 0;
        int bracket = 0;
        for (std::size_t i = 0; i < sel.size(); ++i) {
            char c = sel[i];
            if (c == '\\') {
                ++i;  // escaped character is part of an identifier
                continue;
            }
            if (quote) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                ++bracket;
                std::size_t j = i + 1;
                while (j < sel.size() && (sel[j] == ' ' || sel[j] == '\t')) ++j;
                std::string name;
                while (j < sel.size() && (std::isalnum(static_cast<unsigned char>(sel[j])) ||
                                          sel[j] == '-' || sel[j] == '_' || sel[j] == '|'))
                    name += static_cast<char>(std::tolower(static_cast<unsigned char>(sel[j++])));
                if (name == "class" || name.ends_with("|class")) {
                    why = "CSS selector \"" + sel +
                          "\" uses a [class] attribute; hashed class names change with every "
                          "deploy, use structure, attributes or ARIA instead";
                    return false;
                }
            } else if (c == ']') {
                if (bracket > 0) --bracket;
            } else if (c == '.' && bracket == 0) {
                why = "CSS selector \"" + sel +
                      "\" uses a class selector; hashed class names change with every deploy, "
                      "use structure, attributes or ARIA instead";
                return false;
            }
        }
        if (quote || bracket) {
            why = "CSS selector \"" + sel + "\" has an unclosed quote or bracket";
            return false;
        }
        return true;
    }

    void platform(const json& p, const std::string& ptr, const Allowlist* trusted) {
        if (!p.is_object()) {
            problem(ptr, "a platform must be an object");
            return;
        }
        no_unknown_fields(p, ptr, {"id", "name", "hosts", "domains"});
        id_field(p, ptr);
        localized_text(p, "name", ptr, true, true);
        std::vector<std::string> own;
        if (const json* domains = array_field(p, "domains", ptr, true, true)) {
            for (std::size_t i = 0; i < domains->size(); ++i) {
                const json& d = (*domains)[i];
                std::string dp = at(at(ptr, "domains"), i);
                if (!d.is_string()) {
                    problem(dp, "must be a string");
                    continue;
                }
                const auto& name = d.get_ref<const std::string&>();
                if (!is_domain_name(name)) {
                    problem(dp, in_quotes(name) +
                                    " is not a lower-case registrable domain such as "
                                    "\"meta.com\" (no scheme, wildcard, path or trailing dot)");
                } else if (std::find(own.begin(), own.end(), name) != own.end()) {
                    problem(dp, "domain " + in_quotes(name) + " is listed twice");
                } else {
                    own.push_back(name);
                    if (trusted != nullptr && !trusted->allows_host(name))
                        problem(dp, "domain " + in_quotes(name) +
                                        " is not on the built-in catalog's allowlist (" +
                                        trusted->describe() +
                                        "): a catalog override cannot widen it, a new domain "
                                        "needs a new release of optout-guide");
                }
            }
        }
        const Allowlist own_list(own);
        host_patterns(p, ptr, own.empty() ? nullptr : &own_list,
                      "within this platform's domains (" + own_list.describe() + ")");
    }

  private:
    std::string file_;
    std::vector<Problem>& out_;
    const Scope* scope_;
};

}  // namespace

Scope scope_of(const nlohmann::json& header) {
    Scope scope;
    auto platforms = header.is_object() ? header.find("platforms") : header.end();
    if (!header.is_object() || platforms == header.end() || !platforms->is_array()) return scope;
    std::vector<std::string> domains;
    for (const auto& p : *platforms) {
        if (!p.is_object()) continue;
        if (auto id = p.find("id");
            id != p.end() && id->is_string() && is_id(id->get<std::string>()))
            scope.platforms.push_back(id->get<std::string>());
        if (auto ds = p.find("domains"); ds != p.end() && ds->is_array())
            for (const auto& d : *ds)
                if (d.is_string() && is_domain_name(d.get<std::string>()))
                    domains.push_back(d.get<std::string>());
    }
    scope.allowlist = Allowlist(std::move(domains));
    scope.known = !scope.platforms.empty();
    return scope;
}

void validate_header(const nlohmann::json& doc, const std::string& file, std::vector<Problem>& out,
                     const Allowlist* trusted) {
    Checker c(file, out);
    if (!doc.is_object()) {
        c.problem("", "catalog.json must be a JSON object");
        return;
    }
    c.no_unknown_fields(doc, "", {"format", "version", "verified", "description", "platforms"});
    if (const json* f = c.int_field(doc, "format", "", true)) {
        if (f->get<std::int64_t>() != kFormatVersion)
            c.problem("/format", "format " + f->dump() + " is not supported (this engine reads " +
                                     std::to_string(kFormatVersion) + ")");
    }
    if (const json* v = c.int_field(doc, "version", "", true)) {
        if (v->get<std::int64_t>() <= 0) c.problem("/version", "must be greater than 0");
    }
    c.date_field(doc, "verified", "");
    c.string_field(doc, "description", "", true);
    if (const json* platforms = c.array_field(doc, "platforms", "", true, true)) {
        std::set<std::string> ids;
        for (std::size_t i = 0; i < platforms->size(); ++i) {
            const json& p = (*platforms)[i];
            std::string pp = at("/platforms", i);
            c.platform(p, pp, trusted);
            if (!p.is_object()) continue;
            if (auto id = p.find("id");
                id != p.end() && id->is_string() && !ids.insert(id->get<std::string>()).second)
                c.problem(at(pp, "id"),
                          "duplicate platform id " + in_quotes(id->get<std::string>()));
        }
    }
}

namespace {

// `routes` (docs/catalog.md, "Routes"): each names counted steps of the procedure, each once,
// and every counted step is on one at least, so "step k of n" never has to count a step it
// cannot place.
void routes(Checker& c, const json& doc, const json& steps) {
    const json* routes = c.array_field(doc, "routes", "", false, true);
    if (routes == nullptr) return;
    std::map<std::string, bool> counted;  // step id -> counted
    std::set<std::string> newer;          // steps for a newer engine: a route may name them
    for (const auto& s : steps) {
        if (!s.is_object() || !s.contains("id") || !s["id"].is_string()) continue;
        const std::string id = s["id"].get<std::string>();
        if (auto me = s.find("minEngine");
            me != s.end() && me->is_number_integer() && me->get<std::int64_t>() > kEngineVersion)
            newer.insert(id);
        const std::string kind = s.value("kind", "");
        counted[id] = kind != "wrong-page" && kind != "unknown-page";
    }
    std::set<std::string> ids, on_a_route;
    for (std::size_t i = 0; i < routes->size(); ++i) {
        const json& r = (*routes)[i];
        const std::string rp = at("/routes", i);
        if (!r.is_object()) {
            c.problem(rp, "a route must be an object {\"id\", \"steps\"}");
            continue;
        }
        c.no_unknown_fields(r, rp, {"id", "steps"});
        c.id_field(r, rp);
        if (auto id = r.find("id");
            id != r.end() && id->is_string() && !ids.insert(id->get<std::string>()).second)
            c.problem(at(rp, "id"), "duplicate route id " + in_quotes(id->get<std::string>()));
        const json* list = c.array_field(r, "steps", rp, true, true);
        if (list == nullptr) continue;
        std::set<std::string> seen;
        for (std::size_t k = 0; k < list->size(); ++k) {
            const json& sid = (*list)[k];
            const std::string sp = at(at(rp, "steps"), k);
            if (!sid.is_string()) {
                c.problem(sp, "must be a step id");
                continue;
            }
            const std::string id = sid.get<std::string>();
            auto known = counted.find(id);
            if (known == counted.end())
                c.problem(sp, "no step " + in_quotes(id) + " in this procedure");
            else if (!known->second)
                c.problem(sp, "step " + in_quotes(id) +
                                  " is a wrong-page or unknown-page step, never on a route");
            else if (!seen.insert(id).second)
                c.problem(sp, "step " + in_quotes(id) + " is on this route twice");
            else
                on_a_route.insert(id);
        }
    }
    for (const auto& [id, is_counted] : counted)
        if (is_counted && !newer.contains(id) && !on_a_route.contains(id))
            c.problem("/routes", "step " + in_quotes(id) +
                                     " is on no route: \"step k of n\" could not count it");
}

}  // namespace

void validate_procedure(const nlohmann::json& doc, const std::string& file, const Scope& scope,
                        std::vector<Problem>& out) {
    Checker c(file, out, &scope);
    if (!doc.is_object()) {
        c.problem("", "a procedure must be a JSON object");
        return;
    }
    c.id_field(doc, "");
    if (auto id = doc.find("id"); id != doc.end() && id->is_string()) {
        std::string stem = std::filesystem::path(file).stem().string();
        if (stem != id->get_ref<const std::string&>())
            c.problem("/id", "id \"" + id->get<std::string>() + "\" must equal the file name \"" +
                                 stem + "\" (without .json)");
    }
    if (!c.engine_ok(doc, "")) return;  // skipped by the loader, see Checker::step
    c.no_unknown_fields(
        doc, "",
        {"id", "platform", "kind", "priority", "minEngine", "verified", "title", "summary", "start",
         "directLink", "sources", "steps", "fallbackTargets", "routes"});
    if (const json* fb = c.array_field(doc, "fallbackTargets", "", false, false)) {
        for (std::size_t i = 0; i < fb->size(); ++i) {
            const json& l = (*fb)[i];
            std::string lp = at("/fallbackTargets", i);
            // Only links: the fallback rings a link because of where it leads.
            if (!l.is_object() || l.value("by", "") != "href")
                c.problem(lp, "a fallback target must be an href locator");
            else
                c.locator(l, lp);
        }
    }
    if (const json* p = c.string_field(doc, "platform", "", true)) {
        const auto& declared = scope.platforms;
        if (scope.known &&
            std::find(declared.begin(), declared.end(), p->get<std::string>()) == declared.end()) {
            std::string ids;
            for (const auto& id : declared) ids += (ids.empty() ? "" : ", ") + id;
            c.problem("/platform", "unknown platform " + in_quotes(p->get<std::string>()) +
                                       " (catalog.json declares: " + ids + ")");
        }
    }
    if (const json* k = c.string_field(doc, "kind", "", true)) {
        if (*k != "objection" && *k != "advice")
            c.problem("/kind", "unknown procedure kind \"" + k->get<std::string>() +
                                   "\" (known: objection, advice)");
    }
    c.int_field(doc, "priority", "", false);
    c.date_field(doc, "verified", "");
    c.localized_text(doc, "title", "", true, true);
    c.localized_text(doc, "summary", "", true, true);
    c.url_field(doc, "start", "", true);
    c.url_field(doc, "directLink", "", false);
    if (const json* sources = c.array_field(doc, "sources", "", true, false)) {
        for (std::size_t i = 0; i < sources->size(); ++i) {
            const json& s = (*sources)[i];
            std::string sp = at("/sources", i);
            if (!s.is_string() || s.get_ref<const std::string&>().empty())
                c.problem(sp, "must be a non-empty string");
            else if (s.get_ref<const std::string&>().find("://") != std::string::npos)
                c.problem(sp,
                          "sources are citations, not links: a catalog never links outside Meta");
        }
    }
    if (const json* steps = c.array_field(doc, "steps", "", true, true)) {
        std::set<std::string> ids;
        bool any_counted = false, any_newer = false;
        for (std::size_t i = 0; i < steps->size(); ++i) {
            const json& s = (*steps)[i];
            std::string sp = at("/steps", i);
            c.step(s, sp);
            if (!s.is_object()) continue;
            if (auto id = s.find("id"); id != s.end() && id->is_string()) {
                if (!ids.insert(id->get<std::string>()).second)
                    c.problem(at(sp, "id"), "duplicate step id \"" + id->get<std::string>() + "\"");
            }
            bool newer = false;
            if (auto me = s.find("minEngine"); me != s.end() && me->is_number_integer())
                newer = me->get<std::int64_t>() > kEngineVersion;
            any_newer = any_newer || newer;
            if (auto k = s.find("kind"); !newer && k != s.end() && k->is_string() &&
                                         *k != "wrong-page" && *k != "unknown-page")
                any_counted = true;
        }
        // With only newer-engine steps the loader skips the whole procedure instead.
        if (!any_counted && !any_newer)
            c.problem("/steps",
                      "needs at least one step this engine can show that is not "
                      "\"wrong-page\" or \"unknown-page\"");
        routes(c, doc, *steps);
    }
}

std::string format_problem(const Problem& p) {
    return p.file + ": " + (p.pointer.empty() ? std::string("(root)") : p.pointer) + ": " +
           p.message;
}

}  // namespace og::catalog
