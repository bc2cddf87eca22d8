#pragma once
// Flatpak and Snap builds of a browser cannot start programs outside their sandbox the usual
// way; the doctor names them and says what that means.
#include <filesystem>
#include <string>
#include <vector>

#include "install/browsers.hpp"
#include "install/environment.hpp"
#include "install/problem.hpp"

namespace og::install {

enum class SandboxKind { flatpak, snap };

struct SandboxedBuild {
    const Browser* browser = nullptr;
    SandboxKind kind = SandboxKind::flatpak;
    std::filesystem::path folder;  // ~/.var/app/<id> or ~/snap/<name>
};

std::vector<SandboxedBuild> detect_sandboxed(const Environment& env);

// Pure: what this build means for the host, as a problem with the fix (error when the host
// cannot be reached at all, warning when it works through a permission prompt).
Problem sandbox_problem(const SandboxedBuild& s);

}  // namespace og::install
