#pragma once
// What `install` wrote, kept so that `uninstall` removes exactly that and nothing else:
// manifest files, the folders install had to create for them (removed only when empty), and on
// Windows the registry keys.
#include <filesystem>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace og::install {

struct InstallRecord {
    std::string scope;  // "user" | "system"
    std::string host_path;
    std::vector<std::string> files;
    std::vector<std::string> created_dirs;   // outermost first
    std::vector<std::string> registry_keys;  // "HKCU\\SOFTWARE\\...\\<name>"

    // Adds another run's writes; what an earlier run created stays recorded as created.
    void merge(const InstallRecord& later);
};

std::string record_to_json(const InstallRecord& r);
Result<InstallRecord> record_from_json(std::string_view text);

Result<InstallRecord> load_record(const std::filesystem::path& file);  // not_found when absent
Status save_record(const std::filesystem::path& file, const InstallRecord& r);

}  // namespace og::install
