#include "install/install_record.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "install/file_ops.hpp"

namespace og::install {

namespace {

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& from) {
    for (const auto& s : from)
        if (std::find(into.begin(), into.end(), s) == into.end()) into.push_back(s);
}

}  // namespace

void InstallRecord::merge(const InstallRecord& later) {
    if (!later.host_path.empty()) host_path = later.host_path;
    add_unique(files, later.files);
    add_unique(created_dirs, later.created_dirs);
    add_unique(registry_keys, later.registry_keys);
}

std::string record_to_json(const InstallRecord& r) {
    nlohmann::ordered_json j;
    j["format"] = 1;
    j["scope"] = r.scope;
    j["hostPath"] = r.host_path;
    j["files"] = r.files;
    j["createdDirs"] = r.created_dirs;
    j["registryKeys"] = r.registry_keys;
    return j.dump(2) + "\n";
}

Result<InstallRecord> record_from_json(std::string_view text) {
    try {
        const auto j = nlohmann::json::parse(text);
        if (!j.is_object() || j.value("format", 0) != 1)
            return make_error("invalid_record", "not an optout-guide install record (format 1)");
        InstallRecord r;
        r.scope = j.value("scope", "");
        r.host_path = j.value("hostPath", "");
        r.files = j.value("files", std::vector<std::string>{});
        r.created_dirs = j.value("createdDirs", std::vector<std::string>{});
        r.registry_keys = j.value("registryKeys", std::vector<std::string>{});
        return r;
    } catch (const nlohmann::json::exception& e) {
        return make_error("invalid_record", std::string("unreadable install record: ") + e.what());
    }
}

Result<InstallRecord> load_record(const std::filesystem::path& file) {
    auto text = read_file(file);
    if (!text) return text.error();
    auto r = record_from_json(*text);
    if (!r) return make_error(r.error().code, file.string() + ": " + r.error().message);
    return r;
}

Status save_record(const std::filesystem::path& file, const InstallRecord& r) {
    auto created = create_dirs(file.parent_path(), 0700);
    if (!created) return created.error();
    return write_file_atomic(file, record_to_json(r), 0600);
}

}  // namespace og::install
