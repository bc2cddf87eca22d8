#pragma once
// Builds a Catalog from files: the embedded one, an override folder, or a path given to
// `catalog check`. Invalid input yields problems, never a half-loaded catalog.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "catalog/validator.hpp"

namespace og::catalog {

struct SourceFile {
    std::string path;  // relative path inside the catalog ("catalog.json", "procedures/x.json")
    std::string text;
};

struct LoadResult {
    std::optional<Catalog> catalog;  // set only when problems is empty
    std::vector<Problem> problems;
    // Things skipped on purpose (a procedure or step needing a newer engine); already logged.
    std::vector<std::string> notes;
};

// A page matcher as the catalog writes it; `j` has passed validation.
PageMatcher page_matcher_of(const nlohmann::json& j);

// `trusted`: the allowlist an override must stay within (see builtin_allowlist); none for the
// built-in catalog itself, which is the trust root.
LoadResult load_from_files(const std::vector<SourceFile>& files, const std::string& source,
                           const Allowlist* trusted = nullptr);
LoadResult load_embedded();
LoadResult load_directory(const std::filesystem::path& dir, const Allowlist* trusted = nullptr);
// The compiled-in catalog's allowlist. A catalog from anywhere else may not widen it: adding a
// domain takes a new build, so a dropped-in file can never send people to a new site.
Allowlist builtin_allowlist();
// Validates a folder, a catalog.json or one procedure file, as `catalog check` does, holding a
// folder to the built-in allowlist as the host holds an override. A lone procedure file is
// checked against the platforms of the catalog.json beside its procedures/ folder, or the
// built-in catalog's when there is none.
std::vector<Problem> check_path(const std::filesystem::path& path);

struct ActiveCatalog {
    Catalog catalog;
    std::optional<std::string> override_error;  // why the user's override was not used
    std::vector<std::string> notes;             // skipped parts, older override; already logged
};
// The embedded catalog, or the override folder's when it is valid and newer.
ActiveCatalog load_active(const std::filesystem::path& override_dir);

}  // namespace og::catalog
