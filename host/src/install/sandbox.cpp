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
    const std::string where = s.folder.string();
    if (s.kind == SandboxKind::snap && b.family == Family::firefox)
        return {"sandbox_snap_portal",
                "The Snap build of " + b.name + " (" + where +
                    ") reaches native hosts only through the WebExtensions portal: it reads the "
                    "same ~/.mozilla/native-messaging-hosts manifest and asks you once whether "
                    "optout-guide may start. If you answered no, reset that choice.",
                "rm ~/.local/share/flatpak/db/webextensions", Severity::warning};
    if (s.kind == SandboxKind::snap)
        return {"sandbox_snap",
                "The Snap build of " + b.name + " (" + where +
                    ") cannot start programs outside its confinement, so it cannot use "
                    "optout-guide's host (no portal exists for Chromium-based snaps). Use a "
                    "non-Snap build of the browser.",
                "sudo snap remove " + b.snap_name +
                    "  # then install a .deb build, e.g.: sudo apt-get install chromium",
                Severity::error};
    if (b.family == Family::firefox)
        return {"sandbox_flatpak",
                "The Flatpak build of " + b.name + " (" + where +
                    ") cannot see host manifests outside its sandbox; only Firefox 157+ with the "
                    "xdg-native-messaging-proxy service can. Use your distribution's package.",
                "sudo apt-get install firefox-esr", Severity::error};
    return {"sandbox_flatpak",
            "The Flatpak build of " + b.name + " (" + where +
                ") cannot see manifests or start programs outside its sandbox; the only "
                "workaround gives it full access to your session (see docs/troubleshooting.md, "
                "\"Flatpak and Snap\"). Use your distribution's package instead.",
            "flatpak uninstall " + b.flatpak_app_id +
                "  # then install a .deb build, e.g.: sudo apt-get install chromium",
            Severity::error};
}

}  // namespace og::install
