#include "install/sandbox.hpp"

#include <system_error>

namespace og::install {

namespace fs = std::filesystem;

std::vector<SandboxedBuild> detect_sandboxed(const Environment& env) {
    std::vector<SandboxedBuild> out;
    if (env.os != Os::linux_like) return out;
    for (const auto& b : all_browsers()) {
        std::error_code ec;
        if (!b.flatpak_app_id.empty()) {
            auto dir = env.home / ".var/app" / b.flatpak_app_id;
            if (fs::is_directory(dir, ec)) out.push_back({&b, SandboxKind::flatpak, dir});
        }
        if (!b.snap_name.empty()) {
            auto dir = env.home / "snap" / b.snap_name;
            if (fs::is_directory(dir, ec)) out.push_back({&b, SandboxKind::snap, dir});
        }
    }
    return out;
}

Problem sandbox_problem(const SandboxedBuild& s) {
    const Browser& b = *s.browser;
    const std::vector<std::pair<std::string, std::string>> where = {{"browser", b.name},
                                                                    {"folder", s.folder.string()}};
    auto replace_build = [](std::string remove) {
        return messages::Phrase{
            "doctor.fix.replace_build",
            {{"remove", std::move(remove)}, {"install", "sudo apt-get install chromium"}}};
    };
    if (s.kind == SandboxKind::snap && b.family == Family::firefox)
        return {"sandbox_snap_portal",
                {{"doctor.sandbox_snap_portal", where}},
                messages::verbatim("rm ~/.local/share/flatpak/db/webextensions"),
                Severity::warning};
    if (s.kind == SandboxKind::snap)
        return {"sandbox_snap",
                {{"doctor.sandbox_snap", where}},
                replace_build("sudo snap remove " + b.snap_name),
                Severity::error};
    if (b.family == Family::firefox)
        return {"sandbox_flatpak",
                {{"doctor.sandbox_flatpak_firefox", where}},
                messages::verbatim("sudo apt-get install firefox-esr"),
                Severity::error};
    return {"sandbox_flatpak",
            {{"doctor.sandbox_flatpak", where}},
            replace_build("flatpak uninstall " + b.flatpak_app_id),
            Severity::error};
}

}  // namespace og::install
