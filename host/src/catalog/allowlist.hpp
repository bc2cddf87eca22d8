#pragma once
// Host names, host patterns and the allowlist of domains (docs/catalog.md, "Allowlist"). The
// allowlist itself is catalog data (the union of the platforms' `domains`); these are the rules
// every part of the engine applies to it, written once.
#include <string>
#include <string_view>
#include <vector>

namespace og::catalog {

// A lower-case DNS name with at least two labels ("www.instagram.com").
bool is_host_name(std::string_view host);
// A host name whose last label is a word, as a registrable domain is ("meta.com", not
// "meta.com." nor "10.0.0.1").
bool is_domain_name(std::string_view domain);
// A page-matcher host pattern: a host name or "*.domain" (docs/catalog.md, "Page matcher").
bool is_host_pattern(std::string_view pattern);

// `host` is `domain` or one of its subdomains, at any depth.
bool within_domain(std::string_view host, std::string_view domain);
// "*.x" matches subdomains of x at any depth (not x itself); anything else matches exactly.
bool host_pattern_matches(std::string_view pattern, std::string_view host);
// How closely `pattern` fits, to pick the most specific of several matching patterns: an exact
// host beats any wildcard, a longer wildcard suffix beats a shorter one.
std::size_t host_pattern_specificity(std::string_view pattern);

// The domains a catalog may send people to: sorted, unique, never empty in a valid catalog.
class Allowlist {
  public:
    explicit Allowlist(std::vector<std::string> domains);

    const std::vector<std::string>& domains() const { return domains_; }
    bool allows_domain(std::string_view domain) const;
    // The host, or the host a "*.domain" pattern covers, is within one of the domains.
    bool allows_host(std::string_view host_or_pattern) const;
    // `url` is https, written canonically (no user name, port, upper case, space or
    // backslash), on an allowed host.
    bool allows_url(std::string_view url) const;
    // The host of an href pattern "https://<host>/…" is literal and allowed.
    bool allows_href_pattern(std::string_view pattern) const;
    std::string describe() const;  // "facebook.com, instagram.com, …"

  private:
    std::vector<std::string> domains_;
};

}  // namespace og::catalog
