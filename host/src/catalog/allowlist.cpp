#include "catalog/allowlist.hpp"

#include <algorithm>

namespace og::catalog {
namespace {

std::string_view strip_wildcard(std::string_view pattern) {
    return pattern.substr(0, 2) == "*." ? pattern.substr(2) : pattern;
}

}  // namespace

bool is_host_name(std::string_view h) {
    // Patterns are compared byte-wise with the lower-cased page host, so an upper-case letter
    // would never match.
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

bool is_domain_name(std::string_view d) {
    if (!is_host_name(d)) return false;
    std::string_view tld = d.substr(d.rfind('.') + 1);
    return tld.size() >= 2 &&
           std::all_of(tld.begin(), tld.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_host_pattern(std::string_view pattern) {
    return is_host_name(strip_wildcard(pattern));
}

bool within_domain(std::string_view host, std::string_view domain) {
    if (host == domain) return true;
    return host.size() > domain.size() + 1 && host.ends_with(domain) &&
           host[host.size() - domain.size() - 1] == '.';
}

bool host_pattern_matches(std::string_view pattern, std::string_view host) {
    if (pattern.substr(0, 2) != "*.") return host == pattern;
    std::string_view suffix = pattern.substr(1);  // ".meta.com"
    return host.size() > suffix.size() && host.ends_with(suffix);
}

std::size_t host_pattern_specificity(std::string_view pattern) {
    // Exact hosts rank above every wildcard, whatever their lengths.
    return pattern.substr(0, 2) == "*." ? pattern.size() : pattern.size() + 1'000'000;
}

Allowlist::Allowlist(std::vector<std::string> domains) : domains_(std::move(domains)) {
    std::sort(domains_.begin(), domains_.end());
    domains_.erase(std::unique(domains_.begin(), domains_.end()), domains_.end());
}

bool Allowlist::allows_domain(std::string_view domain) const {
    return std::binary_search(domains_.begin(), domains_.end(), domain);
}

bool Allowlist::allows_host(std::string_view host_or_pattern) const {
    std::string_view host = strip_wildcard(host_or_pattern);
    return std::any_of(domains_.begin(), domains_.end(),
                       [&](const std::string& d) { return within_domain(host, d); });
}

bool Allowlist::allows_url(std::string_view url) const {
    // Strict on purpose: the catalog is ours, so it can spell its URLs canonically. Anything
    // unusual (upper case, userinfo, port, backslash) is refused rather than interpreted.
    constexpr std::string_view scheme = "https://";
    if (url.substr(0, scheme.size()) != scheme) return false;
    for (unsigned char c : url)
        if (c <= 0x20 || c >= 0x7f || c == '\\') return false;
    auto end = url.find_first_of("/?#", scheme.size());
    std::string_view authority =
        url.substr(scheme.size(),
                   end == std::string_view::npos ? std::string_view::npos : end - scheme.size());
    if (authority.find_first_of("@:") != std::string_view::npos) return false;
    return is_host_name(authority) && allows_host(authority);
}

bool Allowlist::allows_href_pattern(std::string_view p) const {
    // The origin must be literal: "https://*.facebook.com/..." or "https://www.facebook.com*"
    // would also match links to other sites.
    constexpr std::string_view scheme = "https://";
    if (p.substr(0, scheme.size()) != scheme) return false;
    auto slash = p.find('/', scheme.size());
    if (slash == std::string_view::npos) return false;
    std::string_view host = p.substr(scheme.size(), slash - scheme.size());
    return is_host_name(host) && allows_host(host);
}

std::string Allowlist::describe() const {
    std::string out;
    for (const auto& d : domains_) {
        if (!out.empty()) out += ", ";
        out += d;
    }
    return out.empty() ? std::string("no domain") : out;
}

}  // namespace og::catalog
