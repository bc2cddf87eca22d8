#pragma once
// The catalog compiled into the host, and the choice of the active catalog: the built-in one,
// or the user's override folder when it is valid and newer (docs/catalog.md, "Overrides").
// The built-in catalog is validated when the host is built (host/tools/pack_catalog.cpp runs
// the validator, and an invalid catalog fails the build) and embedded packed
// (catalog/pack.hpp), so the host neither parses nor validates it at start-up. An override is
// validated once each time it changes and kept packed in the user's cache folder.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/loader.hpp"
#include "catalog/source.hpp"
#include "util/result.hpp"

namespace og::catalog {

std::string_view embedded_pack();  // generated at build time

LoadResult load_embedded();  // the built-in catalog as a model (CLI, tests)
// The compiled-in catalog's allowlist. A catalog from anywhere else may not widen it: adding a
// domain takes a new build, so a dropped-in file can never send people to a new site.
Allowlist builtin_allowlist();
// `catalog check`: check_path_within the built-in catalog's platforms and allowlist.
std::vector<Problem> check_path(const std::filesystem::path& path);

struct ActiveSource {
    std::unique_ptr<CatalogSource> source;
    std::optional<std::string> override_error;  // why the user's override was not used
    std::vector<std::string> notes;             // skipped parts, older override; already logged
    // Set when the override's cached verdict was found by its folders' and catalog.json's stamps
    // alone (start-up costs the same whatever the catalog's size): call it before the first
    // request that reads a procedure. It stats every file, and returns the catalog to serve
    // instead when one was rewritten in place since (validated again), else null.
    std::function<std::unique_ptr<ActiveSource>()> confirm;
};
// The active catalog, packed. `cache_dir` holds validated overrides (owner-only), keyed by the
// override folders' and catalog.json's stamps, and by every file's name, size, time and inode;
// empty: validate without caching.
ActiveSource open_active(const std::filesystem::path& override_dir,
                         const std::filesystem::path& cache_dir);

// An override just written to `override_dir` from files already validated into `pack`
// (offerCatalog): cached under the folder's new fingerprint, so the next start opens it without
// validating it again, and opened to serve at once.
Result<std::unique_ptr<CatalogSource>> adopt_override(const std::filesystem::path& override_dir,
                                                      const std::filesystem::path& cache_dir,
                                                      std::string pack);

struct ActiveCatalog {
    Catalog catalog;
    std::optional<std::string> override_error;
    std::vector<std::string> notes;
};
// The same, as a model (CLI, tests).
ActiveCatalog load_active(const std::filesystem::path& override_dir);

}  // namespace og::catalog
