#pragma once
// Which browsers are present and where their manifest goes: the table applied to an
// Environment. Reads the file system (existence only), writes nothing.
#include <filesystem>
#include <string>
#include <vector>

#include "install/browsers.hpp"
#include "install/environment.hpp"

namespace og::install {

struct Target {
    const Browser* browser = nullptr;
    Scope scope = Scope::user;
    std::filesystem::path evidence;      // the folder that proved the browser is there
    std::filesystem::path manifest_dir;  // where the browser reads our manifest
    std::filesystem::path manifest_file(std::string_view host_name) const {
        return manifest_dir / (std::string(host_name) + ".json");
    }
};

// Every place the browser would read a manifest of this scope (no existence check), in the
// browser's own lookup order. Glob components are expanded against the file system.
std::vector<Target> candidate_targets(const Browser& b, const Environment& env, Scope scope);

// Candidates whose evidence folder exists: the browsers this user (or this machine) has.
std::vector<Target> detect(const Browser& b, const Environment& env, Scope scope);
std::vector<Target> detect_all(const Environment& env, Scope scope);

// Where the browser reads system-wide manifests, or empty.
std::filesystem::path system_manifest_dir(const Browser& b, const Environment& env);

// Expands '*' in path components (fnmatch) against the file system; no '*' → the path itself.
std::vector<std::filesystem::path> expand_glob(const std::filesystem::path& pattern);

}  // namespace og::install
