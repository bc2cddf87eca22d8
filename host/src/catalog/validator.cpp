#include "catalog/validator.hpp"

#include "util/json_pointer.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>
#include <string_view>

#include "catalog/model.hpp"

namespace og::catalog {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kAllowedDomains = {
    "facebook.com", "instagram.com", "meta.com",    "messenger.com",
    "threads.net",  "threads.com",   "whatsapp.com"};
constexpr std::array<std::string_view, 5> kUiLangs = {"en", "fr", "de", "es", "it"};
constexpr std::array<std::string_view, 8> kKnownLangs = {"en", "fr", "de", "es",
                                                         "it", "nl", "pl", "pt"};
constexpr std::array<std::string_view, 7> kStepKinds = {"navigate", "click", "fill",      "submit",
                                                        "wait",     "info",  "wrong-page"};

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

bool is_host_name(std::string_view h) {
    // Lower-case DNS name with at least two labels; patterns are compared byte-wise with the
    // lower-cased page host, so an upper-case letter would never match.
    if (h.empty() || h.front() == '.' || h.back() == '.' || h.find('.') == std::string_view::npos)
        return false;
    char prev = 0;
    for (char c : h) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        if (!ok || (c == '.' && prev == '.')) return false;
        prev = c;
    }
    return true;
}

// Collects problems for one file; every check appends and carries on.
class Checker {
  public:
    Checker(std::string file, std::vector<Problem>& out) : file_(std::move(file)), out_(out) {}

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
            if (!url_allowed(v->get_ref<const std::string&>()))
                problem(at(ptr, key), "URL \"" + v->get<std::string>() +
                                          "\" is not https on the Meta allowlist (" +
                                          list(kAllowedDomains) + ")");
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

    void page_matcher(const json& m, const std::string& ptr) {
        if (!m.is_object()) {
            problem(ptr, "a page matcher must be an object");
            return;
        }
        no_unknown_fields(m, ptr, {"hosts", "paths", "query", "headings"});
        if (const json* hosts = array_field(m, "hosts", ptr, true, true)) {
            for (std::size_t i = 0; i < hosts->size(); ++i) {
                const json& h = (*hosts)[i];
                std::string hp = at(at(ptr, "hosts"), i);
                if (!h.is_string()) {
                    problem(hp, "must be a string");
                    continue;
                }
                const auto& s = h.get_ref<const std::string&>();
                std::string name = s.rfind("*.", 0) == 0 ? s.substr(2) : s;
                if (!is_host_name(name))
                    problem(hp,
                            "\"" + s + "\" is not a lower-case host name or \"*.domain\" pattern");
                else if (!host_allowed(name))
                    problem(hp, "host \"" + s + "\" is not on the Meta allowlist (" +
                                    list(kAllowedDomains) + ")");
            }
        }
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
                    else if (!href_pattern_allowed(p.get_ref<const std::string&>()))
                        problem(pp, "href pattern \"" + p.get<std::string>() +
                                        "\" must start with https://<allowlisted host>/ "
                                        "(no wildcard before the path)");
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
            no_unknown_fields(c, ptr, {"type", "selector"});
            css(c, "selector", ptr, false);
        } else if (t == "userConfirms") {
            no_unknown_fields(c, ptr, {"type"});
        } else {
            problem(at(ptr, "type"),
                    "unknown condition \"" + t +
                        "\" (known: urlMatches, elementAppears, textAppears, formSubmitted, "
                        "userConfirms)");
        }
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
        no_unknown_fields(s, ptr,
                          {"id", "kind", "pages", "targets", "instruction", "lookFor", "complete",
                           "directLink", "marks", "warning", "minEngine"});
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
            else if (kind == "wrong-page")
                problem(at(ptr, "marks"), "a wrong-page step never completes a procedure");
        }
    }

    static bool href_pattern_allowed(const std::string& p) {
        // The origin must be literal: "https://*.facebook.com/..." or "https://www.facebook.com*"
        // would also match links to other sites.
        constexpr std::string_view scheme = "https://";
        if (p.rfind(scheme, 0) != 0) return false;
        auto slash = p.find('/', scheme.size());
        if (slash == std::string::npos) return false;
        std::string host = p.substr(scheme.size(), slash - scheme.size());
        return is_host_name(host) && host_allowed(host);
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

  private:
    std::string file_;
    std::vector<Problem>& out_;
};

}  // namespace

bool host_allowed(const std::string& host) {
    for (auto d : kAllowedDomains) {
        if (host == d) return true;
        if (host.size() > d.size() + 1 && host.ends_with(d) &&
            host[host.size() - d.size() - 1] == '.')
            return true;
    }
    return false;
}

bool url_allowed(const std::string& url) {
    // Strict on purpose: the catalog is ours, so it can spell its URLs canonically. Anything
    // unusual (upper case, userinfo, port, backslash) is refused rather than interpreted.
    constexpr std::string_view scheme = "https://";
    if (url.rfind(scheme, 0) != 0) return false;
    for (unsigned char c : url)
        if (c <= 0x20 || c >= 0x7f || c == '\\') return false;
    auto end = url.find_first_of("/?#", scheme.size());
    std::string authority = url.substr(
        scheme.size(), end == std::string::npos ? std::string::npos : end - scheme.size());
    if (authority.find_first_of("@:") != std::string::npos) return false;
    return is_host_name(authority) && host_allowed(authority);
}

void validate_header(const nlohmann::json& doc, const std::string& file,
                     std::vector<Problem>& out) {
    Checker c(file, out);
    if (!doc.is_object()) {
        c.problem("", "catalog.json must be a JSON object");
        return;
    }
    c.no_unknown_fields(doc, "", {"format", "version", "verified", "description"});
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
}

void validate_procedure(const nlohmann::json& doc, const std::string& file,
                        std::vector<Problem>& out) {
    Checker c(file, out);
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
    c.no_unknown_fields(doc, "",
                        {"id", "platform", "kind", "priority", "minEngine", "verified", "title",
                         "summary", "start", "directLink", "sources", "steps"});
    if (const json* p = c.string_field(doc, "platform", "", true)) {
        if (*p != "instagram" && *p != "facebook" && *p != "meta")
            c.problem("/platform", "unknown platform \"" + p->get<std::string>() +
                                       "\" (known: instagram, facebook, meta)");
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
            if (auto k = s.find("kind");
                !newer && k != s.end() && k->is_string() && *k != "wrong-page")
                any_counted = true;
        }
        // With only newer-engine steps the loader skips the whole procedure instead.
        if (!any_counted && !any_newer)
            c.problem("/steps",
                      "needs at least one step this engine can show that is not "
                      "\"wrong-page\"");
    }
}

std::string format_problem(const Problem& p) {
    return p.file + ": " + (p.pointer.empty() ? std::string("(root)") : p.pointer) + ": " +
           p.message;
}

}  // namespace og::catalog
