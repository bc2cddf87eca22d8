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

LoadResult load_from_files(const std::vector<SourceFile>& files, const std::string& source);
LoadResult load_embedded();
LoadResult load_directory(const std::filesystem::path& dir);
// Validates a folder, a catalog.json or one procedure file, as `catalog check` does.
std::vector<Problem> check_path(const std::filesystem::path& path);

struct ActiveCatalog {
    Catalog catalog;
    std::optional<std::string> override_error;  // why the user's override was not used
    std::vector<std::string> notes;             // skipped parts, older override; already logged
};
// The embedded catalog, or the override folder's when it is valid and newer.
ActiveCatalog load_active(const std::filesystem::path& override_dir);

}  // namespace og::catalog
