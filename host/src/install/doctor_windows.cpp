// The doctor on Windows: browsers find hosts through the registry, so for each registry key
// (Chrome's is shared by Brave, Vivaldi and Opera; Chromium, Edge and the Mozilla key each have
// their own) it follows the browser's lookup order, then checks the manifest the value names,
// the program that manifest names, and starts it as the browser does (Chrome through cmd.exe).
// Fixes are worded for a Windows command prompt: no sudo, no /etc.
#include <nlohmann/json.hpp>
#include <system_error>

#include "install/browser_errors.hpp"
#include "install/doctor.hpp"
#include "install/file_ops.hpp"
#include "install/windows_registry.hpp"
#include "util/utf8_path.hpp"

namespace og::install {

namespace fs = std::filesystem;
using messages::Phrase;
using messages::verbatim;

namespace {

// The administrator policy that hides every per-user host from Chromium browsers.
constexpr const char* kChromePolicyKey = R"(SOFTWARE\Policies\Google\Chrome)";

std::string install_command(const DoctorContext& ctx, bool system) {
    return ctx.command + " install" + (system ? " --system" : "");
}

Phrase install_fix(const DoctorContext& ctx, bool system) {
    if (!system) return verbatim(install_command(ctx, system));
    return {"doctor.fix.as_administrator", {{"command", install_command(ctx, system)}}};
}

std::string names(const RegistryEntry& e) {
    std::string out;
    for (const auto& id : e.browser_ids)
        if (const Browser* b = find_browser(id)) out += (out.empty() ? "" : ", ") + b->name;
    return out;
}

std::string not_found_symptom(Family family, const Identity& id) {
    return family == Family::chromium ? std::string(browser_error::kHostNotFound)
                                      : browser_error::no_such_application(id.host_name);
}

bool user_hosts_blocked(const RegistryEntry& e) {
    if (e.family != Family::chromium) return false;
    auto value = registry_get_dword("HKLM", kChromePolicyKey, "NativeMessagingUserLevelHosts");
    return value && *value == 0;
}

BrowserReport examine(const DoctorContext& ctx, const RegistryEntry& e) {
    BrowserReport r;
    r.browser_id = e.browser_ids.front();
    r.name = names(e);
    r.family = e.family;
    const bool blocked = user_hosts_blocked(e);

    std::string manifest, where;
    bool system = false;
    for (const auto& look : registry_lookup_order()) {
        if (look.hive == "HKCU" && blocked) continue;
        auto value = registry_get_default(look.hive, e.key, look.view);
        if (!value) continue;
        manifest = *value;
        system = look.hive == "HKLM";
        where = look.hive + "\\" + e.key + " (" + std::string(view_name(look.view)) + ")";
        break;
    }
    r.evidence = where;
    const Phrase fix = install_fix(ctx, system || blocked);
    const std::string symptom = not_found_symptom(e.family, ctx.identity);
    if (manifest.empty()) {
        std::vector<Phrase> msg = {
            {"doctor.registry_missing",
             {{"browser", r.name}, {"key", "HKCU\\" + e.key}, {"symptom", symptom}}}};
        if (blocked)
            msg.push_back(
                {"doctor.registry_policy", {{"policy", "HKLM\\" + std::string(kChromePolicyKey)}}});
        r.problems.push_back(
            {blocked ? "policy_blocks_user_hosts" : "manifest_missing", std::move(msg), fix});
        return r;
    }
    r.manifest = manifest;
    r.scope = system ? "system" : "user";
    auto text = read_file(utf8_path(manifest));
    if (!text) {
        r.problems.push_back(
            {text.error().code == "not_found" ? "manifest_missing" : "manifest_unreadable",
             {{"doctor.registry_unreadable",
               {{"key", where},
                {"manifest", manifest},
                {"error", text.error().message},
                {"symptom", symptom}}}},
             fix});
        return r;
    }
    auto check = check_manifest_text(*text, e.family, ctx.identity, r.name, manifest, fix);
    r.problems.insert(r.problems.end(), check.problems.begin(), check.problems.end());
    if (!r.problems.empty() || !check.path) return r;

    // A relative path is read from the manifest's folder.
    fs::path program = utf8_path(*check.path);
    if (program.is_relative()) program = utf8_path(manifest).parent_path() / program;
    std::error_code ec;
    if (!fs::is_regular_file(program, ec)) {
        r.problems.push_back({"binary_missing",
                              {{"doctor.binary_missing",
                                {{"manifest", manifest},
                                 {"program", program.string()},
                                 {"browser", r.name},
                                 {"symptom", symptom}}}},
                              fix});
        return r;
    }
    const auto argv = browser_argv(e.family, program.string(), manifest,
                                   chromium_origin(ctx.identity), ctx.identity.firefox_addon_id);
    r.probe = probe_host(e.family, argv);
    if (!r.probe->ok)
        r.problems.push_back(
            {"hello_failed",
             hello_failed(*r.probe, program.string(), r.name),
             {"doctor.fix.read_log_windows",
              {{"command", "type " + shell_quote((ctx.env.state_dir() / "host.log").string())},
               {"fix", install_command(ctx, system || blocked)}}}});
    return r;
}

}  // namespace

DoctorReport run_doctor(const DoctorContext& ctx) {
    DoctorReport report;
    report.host_name = ctx.identity.host_name;
    for (const auto& e : registry_entries(Scope::user, ctx.identity.host_name))
        report.browsers.push_back(examine(ctx, e));
    return report;
}

}  // namespace og::install
