#pragma once
// Enterprise policies that stop a correctly installed host from being used. Evaluation is pure
// (parsed policy documents in, findings out); reading the policy files is separate.
#include <filesystem>
#include <string>
#include <vector>

#include "install/browsers.hpp"
#include "install/environment.hpp"
#include "install/problem.hpp"

namespace og::install {

struct PolicyDocument {
    std::string file;
    std::string text;
};

struct PolicyFindings {
    bool user_level_hosts_blocked = false;  // Chromium NativeMessagingUserLevelHosts: false
    std::string user_level_file;            // where that was set
    Problems problems;                      // blocklists, blocked add-on, unreadable files
};

// Chromium family: managed policy *.json; Firefox family: policies.json ("policies" object).
PolicyFindings evaluate_policies(Family family, const std::vector<PolicyDocument>& docs,
                                 std::string_view host_name, std::string_view addon_id,
                                 std::string_view browser_name);

// Reads the browser's policy files below env's system root (folders: every *.json, sorted).
std::vector<PolicyDocument> read_policy_documents(const Browser& b, const Environment& env);

}  // namespace og::install
