#include "install/policy.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <system_error>

#include "install/browser_errors.hpp"
#include "install/file_ops.hpp"

namespace og::install {

namespace fs = std::filesystem;

namespace {

bool list_has(const nlohmann::json& list, std::string_view value) {
    return list.is_array() && std::any_of(list.begin(), list.end(), [&](const auto& v) {
               return v.is_string() && v.template get<std::string>() == value;
           });
}

void chromium_policy(const PolicyDocument& d, const nlohmann::json& j, std::string_view host,
                     std::string_view browser, PolicyFindings& out) {
    if (auto it = j.find("NativeMessagingUserLevelHosts");
        it != j.end() && it->is_boolean() && !it->get<bool>()) {
        out.user_level_hosts_blocked = true;
        out.user_level_file = d.file;
    }
    auto block = j.find("NativeMessagingBlocklist");
    if (block == j.end()) return;
    const bool blocked = list_has(*block, "*") || list_has(*block, host);
    auto allow = j.find("NativeMessagingAllowlist");
    const bool allowed = allow != j.end() && list_has(*allow, host);
    if (blocked && !allowed)
        out.problems.push_back(
            {"policy_blocklist",
             {{"doctor.policy_blocklist",
               {{"policy", d.file},
                {"list", block->dump()},
                {"host", std::string(host)},
                {"browser", std::string(browser)},
                {"symptom", std::string(browser_error::kForbidden)}}}},
             {"doctor.fix.ask_allowlist", {{"host", std::string(host)}, {"policy", d.file}}}});
}

void firefox_policy(const PolicyDocument& d, const nlohmann::json& j, std::string_view addon,
                    std::string_view browser, PolicyFindings& out) {
    auto pol = j.find("policies");
    if (pol == j.end() || !pol->is_object()) return;
    auto settings = pol->find("ExtensionSettings");
    if (settings == pol->end() || !settings->is_object()) return;
    auto mode_of = [&](const std::string& key) -> std::string {
        auto e = settings->find(key);
        if (e == settings->end() || !e->is_object()) return {};
        return e->value("installation_mode", "");
    };
    const std::string own = mode_of(std::string(addon));
    const bool blocked = own == "blocked" || (own.empty() && mode_of("*") == "blocked");
    if (blocked)
        out.problems.push_back(
            {"policy_blocks_extension",
             {{"doctor.policy_blocks_extension",
               {{"policy", d.file},
                {"addon", std::string(addon)},
                {"browser", std::string(browser)}}}},
             {"doctor.fix.ask_extension", {{"addon", std::string(addon)}, {"policy", d.file}}}});
}

}  // namespace

PolicyFindings evaluate_policies(Family family, const std::vector<PolicyDocument>& docs,
                                 std::string_view host_name, std::string_view addon_id,
                                 std::string_view browser_name) {
    PolicyFindings out;
    for (const auto& d : docs) {
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(d.text);
        } catch (const nlohmann::json::exception& e) {  // parse_error, or a number out of range
            out.problems.push_back({"policy_unreadable",
                                    {{"doctor.policy_unreadable",
                                      {{"policy", d.file},
                                       {"error", e.what()},
                                       {"browser", std::string(browser_name)}}}},
                                    {},
                                    Severity::warning});
            continue;
        }
        if (!j.is_object()) continue;
        if (family == Family::chromium)
            chromium_policy(d, j, host_name, browser_name, out);
        else
            firefox_policy(d, j, addon_id, browser_name, out);
    }
    return out;
}

std::vector<PolicyDocument> read_policy_documents(const Browser& b, const Environment& env) {
    std::vector<PolicyDocument> docs;
    if (env.os != Os::linux_like) return docs;
    for (const auto& p : b.linux_policy_paths) {
        const fs::path path = env.system(p);
        std::vector<fs::path> files;
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            for (auto it = fs::directory_iterator(path, ec); !ec && it != fs::directory_iterator();
                 it.increment(ec))
                if (it->path().extension() == ".json") files.push_back(it->path());
            std::sort(files.begin(), files.end());
        } else if (fs::is_regular_file(path, ec)) {
            files.push_back(path);
        }
        for (const auto& f : files)
            if (auto text = read_file(f)) docs.push_back({f.string(), *text});
    }
    return docs;
}

}  // namespace og::install
