#pragma once
// The host manifest a browser reads: rendering it and checking one found on disk, as pure
// functions over text (the file system is the caller's business).
#include <optional>
#include <string>
#include <string_view>

#include "install/browsers.hpp"
#include "install/problem.hpp"

namespace og::install {

// What a correct manifest must say; from og/identity.hpp in the product, anything in tests.
struct Identity {
    std::string host_name;
    std::string description;
    std::string chromium_extension_id;
    std::string firefox_addon_id;
};
Identity product_identity();
std::string chromium_origin(const Identity& id);  // "chrome-extension://<id>/"

// Pretty JSON text (ending in a newline) with keys in the documented order. Same content as
// manifests/<family>.json.in filled in.
std::string render_manifest(Family family, const Identity& id, std::string_view host_path);

// Chromium's rule for host names: [a-z0-9._], no leading, trailing or doubled dot.
bool valid_host_name(std::string_view name);

struct ManifestCheck {
    Problems problems;
    std::optional<std::string> path;  // the "path" member when it is a non-empty string
    bool parsed = false;
};

// `file` is only used in messages; `fix` is what rewrites the manifest (most often a command).
ManifestCheck check_manifest_text(std::string_view text, Family family, const Identity& id,
                                  std::string_view browser_name, std::string_view file,
                                  const messages::Phrase& fix);

}  // namespace og::install
