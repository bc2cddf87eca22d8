#include "catalog/matcher.hpp"

#include <algorithm>

namespace og::catalog {
namespace {

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode_component(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// "/a/b/", "/a/b//" and "/a/b" are the same page; "/" stays "/".
std::string_view strip_trailing_slashes(std::string_view p) {
    while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
    return p;
}

// "/policy/x" -> "/policy"; "/" -> "/". A glob "/policy/**" also fits "/policy", which has
// the same first segment, so indexing globs by it loses nothing.
std::string_view first_segment(std::string_view path) {
    auto slash = path.find('/', 1);
    return slash == std::string_view::npos ? path : path.substr(0, slash);
}

bool host_matches(const std::string& pattern, const std::string& host) {
    if (pattern.size() > 2 && pattern[0] == '*' && pattern[1] == '.') {
        std::string_view suffix(pattern.data() + 1, pattern.size() - 1);  // ".facebook.com"
        return host.size() > suffix.size() && host.ends_with(suffix);
    }
    return pattern == host;
}

// Exact after folding: a heading that only contains the text is another page's heading.
bool headings_match(const LocalizedList& wanted, const PageContext& ctx) {
    const std::vector<std::string> texts = localized_candidates(wanted, ctx.doc_lang);
    return std::any_of(ctx.headings.begin(), ctx.headings.end(), [&](const std::string& h) {
        return std::find(texts.begin(), texts.end(), fold_text(h)) != texts.end();
    });
}

bool glob_impl(std::string_view p, std::string_view t, bool seg) {
    while (!p.empty()) {
        if (seg && p.starts_with("/**")) {
            // "/**" is nothing, or "/" and any rest: "/a/**" fits "/a", "/a/**/c" fits "/a/c".
            p.remove_prefix(3);
            while (!p.empty() && p[0] == '*') p.remove_prefix(1);
            if (glob_impl(p, t, seg)) return true;
            if (t.empty() || t[0] != '/') return false;
            for (std::size_t i = 1; i <= t.size(); ++i)
                if (glob_impl(p, t.substr(i), seg)) return true;
            return false;
        }
        if (p[0] == '*') {
            bool any = !seg || (p.size() > 1 && p[1] == '*');
            while (!p.empty() && p[0] == '*') p.remove_prefix(1);  // "***" is "**"
            if (p.empty()) return any || t.find('/') == std::string_view::npos;
            for (std::size_t i = 0; i <= t.size(); ++i) {
                if (glob_impl(p, t.substr(i), seg)) return true;
                if (i < t.size() && !any && t[i] == '/') return false;
            }
            return false;
        }
        if (t.empty() || p[0] != t[0]) return false;
        p.remove_prefix(1);
        t.remove_prefix(1);
    }
    return t.empty();
}

}  // namespace

bool parse_url(const std::string& url, ParsedUrl& out) {
    out = ParsedUrl{};
    auto colon = url.find(':');
    if (colon == std::string::npos || colon == 0 || url.compare(colon + 1, 2, "//") != 0)
        return false;
    for (std::size_t i = 0; i < colon; ++i) {
        char c = lower(url[i]);
        bool ok = (c >= 'a' && c <= 'z') ||
                  (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok) return false;
        out.scheme += c;
    }
    std::size_t start = colon + 3;
    std::size_t end = url.find_first_of("/?#", start);
    if (end == std::string::npos) end = url.size();
    std::string_view authority(url.data() + start, end - start);
    if (auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);  // user:password@ is not part of the host
    std::string_view host = authority;
    if (!host.empty() && host[0] == '[') {
        auto close = host.find(']');
        host = host.substr(0, close == std::string_view::npos ? host.size() : close + 1);
    } else if (auto port = host.find(':'); port != std::string_view::npos) {
        host = host.substr(0, port);
    }
    if (host.ends_with('.')) host.remove_suffix(1);  // "facebook.com." is its fully qualified form
    if (host.empty()) return false;
    out.host.reserve(host.size());
    for (char c : host) out.host += lower(c);

    std::size_t qpos = url.find_first_of("?#", end);
    std::string_view path(url.data() + end, (qpos == std::string::npos ? url.size() : qpos) - end);
    out.path.assign(path.empty() ? std::string_view("/") : path);
    if (qpos != std::string::npos && url[qpos] == '?') {
        std::size_t hash = url.find('#', qpos);
        std::string_view q(url.data() + qpos + 1,
                           (hash == std::string::npos ? url.size() : hash) - qpos - 1);
        while (!q.empty()) {
            auto amp = q.find('&');
            std::string_view part = q.substr(0, amp);
            if (!part.empty()) {
                auto eq = part.find('=');
                out.query.emplace_back(decode_component(part.substr(0, eq)),
                                       eq == std::string_view::npos
                                           ? std::string()
                                           : decode_component(part.substr(eq + 1)));
            }
            if (amp == std::string_view::npos) break;
            q.remove_prefix(amp + 1);
        }
    }
    return true;
}

bool glob_match(std::string_view pattern, std::string_view text, bool segment_aware) {
    return glob_impl(pattern, text, segment_aware);
}

bool path_matches(std::string_view pattern, std::string_view path) {
    return glob_impl(strip_trailing_slashes(pattern), strip_trailing_slashes(path), true);
}

bool page_matches(const PageMatcher& m, const ParsedUrl& url, const PageContext& ctx) {
    if (url.scheme != "https") return false;
    if (std::none_of(m.hosts.begin(), m.hosts.end(),
                     [&](const std::string& h) { return host_matches(h, url.host); }))
        return false;
    if (!m.paths.empty()) {
        if (std::none_of(m.paths.begin(), m.paths.end(),
                         [&](const std::string& p) { return path_matches(p, url.path); }))
            return false;
    }
    // Not a structured binding: clang 14 (the fuzzing build) cannot capture one in a lambda.
    for (const auto& wanted : m.query) {
        const std::string& name = wanted.first;
        const std::string& value = wanted.second;
        bool found = std::any_of(url.query.begin(), url.query.end(), [&](const auto& kv) {
            return kv.first == name && (value == "*" || kv.second == value);
        });
        if (!found) return false;
    }
    if (!m.headings.empty() && !headings_match(m.headings, ctx)) return false;
    return true;
}

std::vector<std::string> index_keys(const PageMatcher& m) {
    std::vector<std::string> keys;
    for (const auto& h : m.hosts) {
        const bool wild = h.size() > 2 && h[0] == '*' && h[1] == '.';
        const std::string host_key = wild ? h.substr(1) : h;
        bool any_path = m.paths.empty();
        for (const auto& path : m.paths) {
            const std::string_view first = first_segment(path);
            if (path.find('*') == std::string::npos)
                keys.push_back(host_key + "\n" + std::string(strip_trailing_slashes(path)));
            else if (first.find('*') == std::string_view::npos)
                keys.push_back(host_key + "\t" + std::string(first));
            else
                any_path = true;
        }
        if (any_path) keys.push_back(host_key);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

std::vector<std::string> lookup_keys(const ParsedUrl& url) {
    std::vector<std::string> keys;
    if (url.scheme != "https") return keys;
    const std::string path(strip_trailing_slashes(url.path));
    const std::string segment(first_segment(path));
    // The host itself, then every proper suffix starting at a dot ("fr-fr.facebook.com" ->
    // ".facebook.com", ".com"), which is where "*.facebook.com" is filed.
    for (std::size_t at = 0; at != std::string::npos; at = url.host.find('.', at + 1)) {
        const std::string host_key = url.host.substr(at);
        keys.push_back(host_key);
        keys.push_back(host_key + "\n" + path);
        keys.push_back(host_key + "\t" + segment);
    }
    return keys;
}

bool step_fits(const Step& step, const ParsedUrl& url, const PageContext& ctx) {
    return std::any_of(step.pages.begin(), step.pages.end(),
                       [&](const PageMatcher& m) { return page_matches(m, url, ctx); });
}

MatchIndex::MatchIndex(const Catalog& catalog) {
    for (const auto& p : catalog.procedures) {
        for (const auto& s : p.steps) {
            const std::size_t index = steps_.size();
            steps_.push_back(StepRef{&p, &s});
            for (const auto& page : s.pages)
                for (auto& key : index_keys(page)) {
                    auto& list = by_key_[std::move(key)];
                    if (list.empty() || list.back() != index) list.push_back(index);
                }
        }
    }
}

std::vector<StepRef> MatchIndex::candidates(const PageContext& ctx) const {
    ParsedUrl url;
    if (!parse_url(ctx.url, url)) return {};
    return candidates(url, ctx);
}

std::vector<StepRef> MatchIndex::candidates(const ParsedUrl& url, const PageContext& ctx) const {
    std::vector<std::size_t> hits;
    for (const auto& key : lookup_keys(url))
        if (auto it = by_key_.find(key); it != by_key_.end())
            hits.insert(hits.end(), it->second.begin(), it->second.end());
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    // The index only narrows the search: each hit is checked against its full page matchers
    // (query, headings, the other paths).
    std::vector<StepRef> out;
    for (std::size_t i : hits)
        if (step_fits(*steps_[i].step, url, ctx)) out.push_back(steps_[i]);
    return out;
}

}  // namespace og::catalog
