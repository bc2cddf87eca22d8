#include "catalog/link.hpp"

#include <algorithm>
#include <array>

#include "catalog/allowlist.hpp"
#include "catalog/matcher.hpp"

namespace og::catalog {
namespace {

constexpr std::array<std::string_view, 6> kShimHosts = {"l.facebook.com",  "lm.facebook.com",
                                                        "l.instagram.com", "l.messenger.com",
                                                        "l.threads.net",   "l.threads.com"};
// Domains whose own hosts answer `/l.php` as a shim (www.facebook.com/l.php, m.facebook.com/l.php).
constexpr std::array<std::string_view, 3> kShimPathDomains = {"facebook.com", "messenger.com",
                                                              "instagram.com"};
constexpr std::array<std::string_view, 1> kForeignContentHosts = {"apps.facebook.com"};
constexpr int kMaxShimDepth = 4;

bool shim(const ParsedUrl& u) {
    if (u.scheme != "https" && u.scheme != "http") return false;
    if (std::find(kShimHosts.begin(), kShimHosts.end(), u.host) != kShimHosts.end()) return true;
    std::string_view path = u.path;
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    return path == "/l.php" &&
           std::any_of(kShimPathDomains.begin(), kShimPathDomains.end(),
                       [&](std::string_view d) { return within_domain(u.host, d); });
}

// "https://…" or "http://…", the scheme in any case (as a browser reads it).
bool absolute_http(std::string_view s) {
    std::string head;
    for (char c : s.substr(0, 8)) head += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return head.starts_with("https://") || head.starts_with("http://");
}

}  // namespace

bool is_link_shim(std::string_view url) {
    ParsedUrl u;
    return parse_url(std::string(url), u) && shim(u);
}

bool is_foreign_content_host(std::string_view host) {
    return std::find(kShimHosts.begin(), kShimHosts.end(), host) != kShimHosts.end() ||
           std::find(kForeignContentHosts.begin(), kForeignContentHosts.end(), host) !=
               kForeignContentHosts.end();
}

std::optional<std::string> link_destination(std::string_view url) {
    std::string current(url);
    for (int depth = 0; depth <= kMaxShimDepth; ++depth) {
        ParsedUrl u;
        if (!parse_url(current, u) || !shim(u)) return current;
        auto u_param = std::find_if(u.query.begin(), u.query.end(),
                                    [](const auto& kv) { return kv.first == "u"; });
        if (u_param == u.query.end() || !absolute_http(u_param->second)) return std::nullopt;
        current = u_param->second;
    }
    return std::nullopt;  // a chain of shims this long is not a link a person follows
}

bool link_allowed(std::string_view url, const std::vector<std::string>& hosts) {
    auto dest = link_destination(url);
    ParsedUrl u;
    if (!dest || !parse_url(*dest, u) || u.scheme != "https") return false;
    auto start = dest->find("//") + 2;
    auto authority = dest->substr(start, dest->find_first_of("/?#", start) - start);
    if (authority.find('@') != std::string::npos || is_foreign_content_host(u.host)) return false;
    return std::any_of(hosts.begin(), hosts.end(),
                       [&](const std::string& h) { return host_pattern_matches(h, u.host); });
}

}  // namespace og::catalog
