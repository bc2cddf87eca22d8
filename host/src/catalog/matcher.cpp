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

// "/a/b/" and "/a/b" are the same page; "/" stays "/".
std::string_view strip_trailing_slash(std::string_view p) {
    while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
    return p;
}

// "/policy/x" -> "/policy"; "/" -> "/". A glob "/policy/**" also fits "/policy", which has
// the same first segment, so indexing globs by it loses nothing.
std::string_view first_segment(std::string_view path) {
    auto slash = path.find('/', 1);
    return slash == std::string_view::npos ? path : path.substr(0, slash);
}

bool path_matches(std::string_view pattern, std::string_view path) {
    pattern = strip_trailing_slash(pattern);
    if (glob_match(pattern, path, true)) return true;
    // "/policy/**" also covers "/policy" itself.
    if (pattern.size() > 3 && pattern.ends_with("/**"))
        return glob_match(pattern.substr(0, pattern.size() - 3), path, true);
    return false;
}

bool host_matches(const std::string& pattern, const std::string& host) {
    if (pattern.size() > 2 && pattern[0] == '*' && pattern[1] == '.') {
        std::string_view suffix(pattern.data() + 1, pattern.size() - 1);  // ".facebook.com"
        return host.size() > suffix.size() && host.ends_with(suffix);
    }
    return pattern == host;
}

std::string primary_lang(const std::string& lang) {
    std::string p = lang.substr(0, lang.find_first_of("-_"));
    for (auto& c : p) c = lower(c);
    return p;
}

bool headings_match(const LocalizedList& wanted, const PageContext& ctx) {
    if (ctx.headings.empty()) return false;
    std::vector<std::string> have;
    have.reserve(ctx.headings.size());
    for (const auto& h : ctx.headings) have.push_back(fold_text(h));
    for (const auto& lang : {primary_lang(ctx.doc_lang), std::string("en")}) {
        auto it = wanted.find(lang);
        if (it == wanted.end()) continue;
        for (const auto& text : it->second)
            if (std::find(have.begin(), have.end(), fold_text(text)) != have.end()) return true;
    }
    return false;
}

bool glob_impl(std::string_view p, std::string_view t, bool seg) {
    while (!p.empty()) {
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

// Appends the UTF-8 encoding of `cp`.
void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Lower case for the Latin letters of the catalog's languages (Latin-1 and Latin Extended-A).
unsigned fold_cp(unsigned cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
    if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) ||
        (cp >= 0x14A && cp <= 0x177))
        return cp % 2 == 0 ? cp + 1 : cp;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp % 2 == 1 ? cp + 1 : cp;
    if (cp == 0x178) return 0xFF;
    return cp;
}

bool is_space_cp(unsigned cp) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
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
    while (!host.empty() && host.back() == '.') host.remove_suffix(1);  // "facebook.com."
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

std::string fold_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        auto b = static_cast<unsigned char>(text[i]);
        unsigned cp = b;
        std::size_t len = 1;
        if (b >= 0xC0 && b < 0xE0 && i + 1 < text.size()) {
            cp = ((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
            len = 2;
        } else if (b >= 0xE0 && b < 0xF0 && i + 2 < text.size()) {
            cp = ((b & 0x0F) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                 (static_cast<unsigned char>(text[i + 2]) & 0x3F);
            len = 3;
        } else if (b >= 0x80) {
            // Other sequences (4-byte, stray bytes) are kept as they are.
            std::size_t n = b >= 0xF0 ? 4 : 1;
            n = std::min(n, text.size() - i);
            if (pending_space && !out.empty()) out += ' ';
            pending_space = false;
            out.append(text.substr(i, n));
            i += n;
            continue;
        }
        i += len;
        if (is_space_cp(cp)) {
            pending_space = true;
            continue;
        }
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        put_utf8(out, fold_cp(cp));
    }
    return out;
}

bool page_matches(const PageMatcher& m, const ParsedUrl& url, const PageContext& ctx) {
    if (std::none_of(m.hosts.begin(), m.hosts.end(),
                     [&](const std::string& h) { return host_matches(h, url.host); }))
        return false;
    if (!m.paths.empty()) {
        std::string_view path = strip_trailing_slash(url.path);
        if (std::none_of(m.paths.begin(), m.paths.end(),
                         [&](const std::string& p) { return path_matches(p, path); }))
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

void MatchIndex::add(const std::string& key, std::size_t step,
                     std::unordered_map<std::string, std::vector<std::size_t>>& map) {
    auto& list = map[key];
    if (list.empty() || list.back() != step) list.push_back(step);
}

MatchIndex::MatchIndex(const Catalog& catalog) {
    for (const auto& p : catalog.procedures) {
        for (const auto& s : p.steps) {
            std::size_t index = steps_.size();
            steps_.push_back(StepRef{&p, &s});
            for (const auto& page : s.pages) {
                for (const auto& h : page.hosts) {
                    bool wild = h.size() > 2 && h[0] == '*' && h[1] == '.';
                    std::string key = wild ? h.substr(1) : h;
                    if (wild && std::find(wildcard_suffixes_.begin(), wildcard_suffixes_.end(),
                                          key) == wildcard_suffixes_.end())
                        wildcard_suffixes_.push_back(key);
                    bool any_path = page.paths.empty();
                    for (const auto& path : page.paths) {
                        std::string_view first = first_segment(path);
                        if (path.find('*') == std::string::npos)
                            add(key + "\n" + std::string(strip_trailing_slash(path)), index,
                                by_path_);
                        else if (first.find('*') == std::string_view::npos)
                            add(key + "\t" + std::string(first), index, by_segment_);
                        else
                            any_path = true;
                    }
                    if (any_path) add(key, index, by_host_);
                }
            }
        }
    }
}

void MatchIndex::collect(const std::string& host_key, const std::string& path,
                         std::vector<std::size_t>& hits) const {
    if (auto it = by_host_.find(host_key); it != by_host_.end())
        hits.insert(hits.end(), it->second.begin(), it->second.end());
    if (auto it = by_path_.find(host_key + "\n" + path); it != by_path_.end())
        hits.insert(hits.end(), it->second.begin(), it->second.end());
    std::string segment = host_key + "\t" + std::string(first_segment(path));
    if (auto it = by_segment_.find(segment); it != by_segment_.end())
        hits.insert(hits.end(), it->second.begin(), it->second.end());
}

std::vector<StepRef> MatchIndex::candidates(const PageContext& ctx) const {
    ParsedUrl url;
    if (!parse_url(ctx.url, url)) return {};
    return candidates(url, ctx);
}

std::vector<StepRef> MatchIndex::candidates(const ParsedUrl& url, const PageContext& ctx) const {
    std::vector<StepRef> out;
    if (url.scheme != "https") return out;
    const std::string path(strip_trailing_slash(url.path));

    std::vector<std::size_t> hits;
    collect(url.host, path, hits);
    // Every proper suffix starting at a dot: "fr-fr.facebook.com" -> ".facebook.com", ".com".
    for (const auto& suffix : wildcard_suffixes_)
        if (url.host.size() > suffix.size() && url.host.ends_with(suffix))
            collect(suffix, path, hits);
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    // The index only narrows the search: each hit is checked against its full page matchers
    // (query, headings, the other paths).
    for (std::size_t i : hits) {
        const StepRef& ref = steps_[i];
        if (std::any_of(ref.step->pages.begin(), ref.step->pages.end(),
                        [&](const PageMatcher& m) { return page_matches(m, url, ctx); }))
            out.push_back(ref);
    }
    return out;
}

}  // namespace og::catalog
