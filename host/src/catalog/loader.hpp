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

// A page matcher, platform, procedure as the catalog writes them; `j` has passed validation.
// A procedure (or its steps) needing a newer engine is dropped here, saying so in `notes`.
PageMatcher page_matcher_of(const nlohmann::json& j);
Platform platform_from(const nlohmann::json& j);
std::optional<Procedure> procedure_from(const nlohmann::json& doc, std::vector<std::string>& notes);

// `trusted`: the allowlist an override must stay within (the built-in catalog's, see
// builtin/builtin.hpp); none for the built-in catalog itself, which is the trust root.
LoadResult load_from_files(const std::vector<SourceFile>& files, const std::string& source,
                           const Allowlist* trusted = nullptr);
LoadResult load_directory(const std::filesystem::path& dir, const Allowlist* trusted = nullptr);

// The same validation, ending in the compact form (catalog/pack.hpp) instead of a model: what
// the build embeds and what the host caches for an override.
struct PackResult {
    std::optional<std::string> pack;  // set only when problems is empty
    std::vector<Problem> problems;
    std::vector<std::string> notes;
    std::int64_t version = 0;
};
PackResult pack_files(const std::vector<SourceFile>& files, const Allowlist* trusted = nullptr);
PackResult pack_directory(const std::filesystem::path& dir, const Allowlist* trusted = nullptr);

// Validates a folder, a catalog.json or one procedure file, as `catalog check` does, holding a
// folder to `trusted` as the host holds an override. A lone procedure file is checked against
// the platforms of the catalog.json beside its procedures/ folder, or `builtin`'s when there is
// none.
std::vector<Problem> check_path_within(const std::filesystem::path& path, const Scope& builtin,
                                       const Allowlist& trusted);

// Makes each problem's file relative to `dir` absolute (or as given).
void prefix_files(std::vector<Problem>& problems, const std::filesystem::path& dir);

}  // namespace og::catalog
