#pragma once
// Where a link really leads (docs/catalog.md, "Link shim"). Meta sends off-page links through
// its link shim (`l.facebook.com/l.php?u=<encoded URL>`, `lm.facebook.com`, `l.instagram.com/?u=`,
// `/l.php` on its own hosts): such a link is judged by its destination, never by the shim's
// host. The same rule is extension/shared/allowlist.js's `linkDestination`, held to it by
// tests/conformance/rules.json.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace og::catalog {

// A shim URL: one of the redirector hosts, or `/l.php` on a Meta domain.
bool is_link_shim(std::string_view url);
// Hosts that never hold a page of a procedure: the redirectors, and hosts that serve
// third-party content under a Meta name (`apps.facebook.com`).
bool is_foreign_content_host(std::string_view host);
// The URL a link leads to: `url` itself when it is no shim; the decoded `u` parameter of a shim
// (followed through at most 4 shims); nullopt when a shim names no absolute http(s)
// destination (a bare `l.php`, a relative `u`) or nests deeper.
std::optional<std::string> link_destination(std::string_view url);
// Where `url` leads is https, names no user, and its host is one `hosts` names (an exact host or
// a "*.domain" pattern) and no foreign-content host: the extension's `isAllowedUrl`.
bool link_allowed(std::string_view url, const std::vector<std::string>& hosts);

}  // namespace og::catalog
