#include "catalog/model.hpp"

#include <algorithm>

#include <set>

#include "catalog/allowlist.hpp"
#include "catalog/link.hpp"
#include "catalog/matcher.hpp"
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

const Step* Procedure::answer_step() const {
    for (const auto& s : steps)
        if (s.marks == "confirmed") return &s;
    return nullptr;
}

const Answer* Step::find_answer(std::string_view answer_id) const {
    for (const auto& a : answers)
        if (a.id == answer_id) return &a;
    return nullptr;
}

const Procedure* Catalog::find(const std::string& procedure_id) const {
    for (const auto& p : procedures)
        if (p.id == procedure_id) return &p;
    return nullptr;
}

const Platform* Catalog::find_platform(std::string_view platform_id) const {
    for (const auto& p : platforms)
        if (p.id == platform_id) return &p;
    return nullptr;
}

const Platform* Catalog::platform_for_host(std::string_view host) const {
    // `*.meta.com` and `*.horizon.meta.com` both cover www.horizon.meta.com: the narrower wins.
    const Platform* best = nullptr;
    std::size_t best_fit = 0;
    for (const auto& p : platforms)
        for (const auto& pattern : p.hosts)
            if (host_pattern_matches(pattern, host) &&
                host_pattern_specificity(pattern) > best_fit) {
                best = &p;
                best_fit = host_pattern_specificity(pattern);
            }
    return best;
}

std::vector<std::string> Catalog::domains() const {
    std::vector<std::string> all;
    for (const auto& p : platforms) all.insert(all.end(), p.domains.begin(), p.domains.end());
    return Allowlist(std::move(all)).domains();
}

namespace {

void add_url_host(const std::string& url, std::set<std::string>& out) {
    auto dest = link_destination(url);
    ParsedUrl u;
    if (dest && parse_url(*dest, u)) out.insert(u.host);
}

void add_locator_hosts(const nlohmann::json& locator, std::set<std::string>& out) {
    if (!locator.is_object() || locator.value("by", "") != "href") return;
    for (const auto& p : locator.value("patterns", nlohmann::json::array())) {
        const auto text = p.get<std::string>();
        constexpr std::string_view scheme = "https://";
        if (text.rfind(scheme, 0) != 0) continue;
        out.insert(text.substr(scheme.size(), text.find('/', scheme.size()) - scheme.size()));
    }
}

}  // namespace

std::vector<std::string> Catalog::allowlist() const {
    if (packed_allowlist) return *packed_allowlist;
    std::set<std::string> hosts;
    for (const auto& p : procedures) {
        add_url_host(p.start, hosts);
        if (p.direct_link) add_url_host(*p.direct_link, hosts);
        for (const auto& l : p.fallback_targets.parse()) add_locator_hosts(l, hosts);
        for (const auto& s : p.steps) {
            if (s.direct_link) add_url_host(*s.direct_link, hosts);
            for (const auto& pg : s.pages) hosts.insert(pg.hosts.begin(), pg.hosts.end());
            for (const auto& l : s.targets.parse()) add_locator_hosts(l, hosts);
            for (const auto& c : s.complete.parse()) {
                if (c.value("type", "") == "urlMatches")
                    for (const auto& h : c.at("page").value("hosts", nlohmann::json::array()))
                        hosts.insert(h.get<std::string>());
                if (c.contains("locator")) add_locator_hosts(c.at("locator"), hosts);
            }
        }
    }
    return {hosts.begin(), hosts.end()};
}

const std::string& localized(const LocalizedText& text, const std::string& lang) {
    static const std::string empty;
    // "fr-FR" and "fr_FR" fall back to "fr": catalogs are keyed by primary language only.
    if (auto it = text.find(lang::base(lang)); it != text.end()) return it->second;
    if (auto it = text.find("en"); it != text.end()) return it->second;
    if (!text.empty()) return text.begin()->second;
    return empty;
}

std::string platform_name(const Catalog& catalog, const std::string& id, const std::string& lang) {
    const Platform* p = catalog.find_platform(id);
    return p ? localized(p->name, lang) : id;
}

}  // namespace og::catalog
