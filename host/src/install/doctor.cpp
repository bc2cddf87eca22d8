#include "install/doctor.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <system_error>

#include "install/browser_errors.hpp"
#include "install/file_ops.hpp"
#include "install/policy.hpp"
#include "install/sandbox.hpp"
#include "install/targets.hpp"
#include "util/messages.hpp"

namespace og::install {

namespace fs = std::filesystem;
using messages::Phrase;
using messages::verbatim;

bool BrowserReport::ready() const {
    return std::none_of(problems.begin(), problems.end(),
                        [](const Problem& p) { return p.severity == Severity::error; }) &&
           (!variant.empty() || (probe && probe->ok));
}

bool DoctorReport::ok() const {
    return general.empty() && !browsers.empty() &&
           std::all_of(browsers.begin(), browsers.end(), [](auto& b) { return b.ready(); });
}

std::vector<Phrase> hello_failed(const ProbeResult& probe, const std::string& program,
                                 const std::string& browser) {
    std::vector<Phrase> out = {
        {"doctor.hello_failed", {{"program", program}, {"browser", browser}}}, probe.message};
    if (!probe.stderr_tail.empty())
        out.push_back({"doctor.host_said", {{"text", probe.stderr_tail}}});
    return out;
}

#ifndef _WIN32  // Windows: doctor_windows.cpp

namespace {

bool file_exists(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

std::string install_fix(const DoctorContext& ctx, const Browser& b, bool system) {
    return std::string(system ? "sudo " : "") + ctx.command + " install" +
           (system ? " --system" : "") + " --browser " + b.id;
}

std::string not_found_symptom(const Browser& b, const Identity& id) {
    return b.family == Family::chromium ? std::string(browser_error::kHostNotFound)
                                        : browser_error::no_such_application(id.host_name);
}

// A manifest with our name inside but another file name: browsers look up "<name>.json" only.
std::optional<fs::path> find_misnamed(const fs::path& dir, const Identity& id) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return std::nullopt;
    std::vector<fs::path> found;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        if (it->path().filename() == id.host_name + ".json") continue;
        auto text = read_file(it->path());
        if (!text) continue;
        try {
            auto j = nlohmann::json::parse(*text);
            if (!j.is_object() || !j.contains("name") || !j["name"].is_string()) continue;
            std::string n = j["name"].get<std::string>();
            std::transform(n.begin(), n.end(), n.begin(), ::tolower);
            if (n == id.host_name) found.push_back(it->path());
        } catch (const nlohmann::json::exception&) {
        }
    }
    if (found.empty()) return std::nullopt;
    std::sort(found.begin(), found.end());
    return found.front();
}

// Our manifest sitting in the folder of a browser other than `b`: the classic mix-up.
std::vector<std::string> manifests_elsewhere(const Browser& b, const Environment& env,
                                             const Identity& id, const fs::path& own_dir) {
    std::vector<std::string> out;
    for (const auto& other : all_browsers()) {
        if (other.id == b.id) continue;
        for (const auto& t : candidate_targets(other, env, Scope::user)) {
            if (t.manifest_dir == own_dir) continue;
            const auto f = t.manifest_file(id.host_name);
            if (file_exists(f) && std::find(out.begin(), out.end(), f.string()) == out.end())
                out.push_back(f.string());
        }
    }
    return out;
}

void check_binary(const std::string& path, const DoctorContext& ctx, const Browser& b, bool system,
                  const std::string& manifest, Problems& out) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        const std::string symptom = b.family == Family::chromium
                                        ? std::string(browser_error::kHostNotFound)
                                        : std::string(browser_error::kNoSuchApplication);
        out.push_back({"binary_missing",
                       {{"doctor.binary_missing",
                         {{"manifest", manifest},
                          {"program", path},
                          {"browser", b.name},
                          {"symptom", symptom}}}},
                       verbatim(install_fix(ctx, b, system))});
    } else if (!is_executable_file(path)) {
        out.push_back({"binary_not_executable",
                       {{"doctor.binary_not_executable",
                         {{"manifest", manifest},
                          {"program", path},
                          {"browser", b.name},
                          {"symptom", std::string(browser_error::kFailedToStart)}}}},
                       verbatim("chmod +x " + shell_quote(path))});
    }
}

BrowserReport examine(const DoctorContext& ctx, const Target& t) {
    const Browser& b = *t.browser;
    const Environment& env = ctx.env;
    BrowserReport r;
    r.browser_id = b.id;
    r.name = b.name;
    r.family = b.family;
    r.evidence = t.evidence.string();

    const auto policies =
        evaluate_policies(b.family, read_policy_documents(b, env), ctx.identity.host_name,
                          ctx.identity.firefox_addon_id, b.name);
    const bool user_allowed = !(b.family == Family::chromium && policies.user_level_hosts_blocked);

    const fs::path user_file =
        t.scope == Scope::user ? t.manifest_file(ctx.identity.host_name) : fs::path();
    const fs::path sys_dir = system_manifest_dir(b, env);
    const fs::path sys_file =
        sys_dir.empty() ? fs::path() : sys_dir / (ctx.identity.host_name + ".json");

    fs::path chosen;
    bool chosen_system = false;
    if (!user_file.empty() && user_allowed && file_exists(user_file)) {
        chosen = user_file;
    } else if (!sys_file.empty() && file_exists(sys_file)) {
        chosen = sys_file;
        chosen_system = true;
    }
    // Fixes go where the browser will look: per user, unless a policy forbids that.
    const bool fix_system = t.scope == Scope::system || !user_allowed;

    if (!user_allowed && !user_file.empty() && file_exists(user_file) && chosen.empty()) {
        r.problems.push_back({"policy_blocks_user_hosts",
                              {{"doctor.policy_blocks_user_hosts",
                                {{"policy", policies.user_level_file},
                                 {"browser", b.name},
                                 {"manifest", user_file.string()},
                                 {"symptom", std::string(browser_error::kHostNotFound)}}}},
                              verbatim(install_fix(ctx, b, true))});
    } else if (chosen.empty()) {
        const fs::path look_dir = fix_system ? sys_dir : t.manifest_dir;
        const fs::path look_file = fix_system ? sys_file : user_file;
        std::optional<fs::path> misnamed = find_misnamed(look_dir, ctx.identity);
        if (!misnamed && !sys_dir.empty() && look_dir != sys_dir)
            misnamed = find_misnamed(sys_dir, ctx.identity);
        if (misnamed) {
            const fs::path want = misnamed->parent_path() / (ctx.identity.host_name + ".json");
            r.problems.push_back({"manifest_wrong_file_name",
                                  {{"doctor.manifest_wrong_file_name",
                                    {{"found", misnamed->string()},
                                     {"browser", b.name},
                                     {"wanted", want.string()},
                                     {"host", ctx.identity.host_name}}}},
                                  verbatim("mv " + shell_quote(misnamed->string()) + " " +
                                           shell_quote(want.string()))});
        } else {
            std::vector<Phrase> msg = {{"doctor.manifest_missing",
                                        {{"browser", b.name},
                                         {"manifest", look_file.string()},
                                         {"symptom", not_found_symptom(b, ctx.identity)}}}};
            const auto elsewhere = manifests_elsewhere(b, env, ctx.identity, t.manifest_dir);
            if (!elsewhere.empty())
                msg.push_back({"doctor.manifest_elsewhere",
                               {{"other", elsewhere.front()}, {"browser", b.name}}});
            r.problems.push_back(
                {elsewhere.empty() ? "manifest_missing" : "manifest_in_other_browser_folder",
                 std::move(msg), verbatim(install_fix(ctx, b, fix_system))});
        }
    }

    if (!chosen.empty()) {
        r.manifest = chosen.string();
        r.scope = chosen_system ? "system" : "user";
        const std::string fix = install_fix(ctx, b, chosen_system);
        auto text = read_file(chosen);
        if (!text) {
            r.problems.push_back({"manifest_unreadable",
                                  {{"doctor.manifest_unreadable",
                                    {{"browser", b.name}, {"error", text.error().message}}}},
                                  verbatim(fix)});
        } else {
            auto check = check_manifest_text(*text, b.family, ctx.identity, b.name, chosen.string(),
                                             verbatim(fix));
            r.problems.insert(r.problems.end(), check.problems.begin(), check.problems.end());
            if (check.path && check.path->front() == '/')
                check_binary(*check.path, ctx, b, chosen_system, chosen.string(), r.problems);
            if (r.problems.empty() && check.path) {
                const auto argv =
                    browser_argv(b.family, *check.path, chosen.string(),
                                 chromium_origin(ctx.identity), ctx.identity.firefox_addon_id);
                r.probe = probe_host(b.family, argv);
                if (!r.probe->ok)
                    r.problems.push_back(
                        {"hello_failed",
                         hello_failed(*r.probe, *check.path, b.name),
                         {"doctor.fix.read_log",
                          {{"command",
                            "tail -n 50 " + shell_quote((env.state_dir() / "host.log").string())},
                           {"fix", fix}}}});
            }
        }
    }
    r.problems.insert(r.problems.end(), policies.problems.begin(), policies.problems.end());
    return r;
}

}  // namespace

DoctorReport run_doctor(const DoctorContext& ctx) {
    DoctorReport report;
    report.host_name = ctx.identity.host_name;
    for (const auto& b : all_browsers()) {
        auto targets = detect(b, ctx.env, Scope::user);
        if (targets.empty()) targets = detect(b, ctx.env, Scope::system);
        for (const auto& t : targets) report.browsers.push_back(examine(ctx, t));
    }
    for (const auto& s : detect_sandboxed(ctx.env)) {
        BrowserReport r;
        r.browser_id = s.browser->id;
        r.name = s.browser->name + (s.kind == SandboxKind::flatpak ? " (Flatpak)" : " (Snap)");
        r.family = s.browser->family;
        r.variant = s.kind == SandboxKind::flatpak ? "flatpak" : "snap";
        r.evidence = s.folder.string();
        r.problems.push_back(sandbox_problem(s));
        report.browsers.push_back(std::move(r));
    }
    if (report.browsers.empty())
        report.general.push_back(
            {"no_browser",
             {{"doctor.no_browser", {{"browsers", known_browser_ids()}}}},
             {"doctor.fix.no_browser", {{"command", ctx.command + " install"}}}});
    return report;
}

#endif  // _WIN32

namespace {

nlohmann::ordered_json problem_json(const Problem& p, std::string_view lang) {
    return {{"code", p.code},
            {"severity", p.severity == Severity::error ? "error" : "warning"},
            {"message", message_text(p, lang)},
            {"fix", fix_text(p, lang)}};
}

std::string format_ms(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", ms);
    return buf;
}

}  // namespace

std::string report_json(const DoctorReport& r, std::string_view lang) {
    nlohmann::ordered_json j;
    j["ok"] = r.ok();
    j["hostName"] = r.host_name;
    j["browsers"] = nlohmann::ordered_json::array();
    for (const auto& b : r.browsers) {
        nlohmann::ordered_json e;
        e["browser"] = b.browser_id;
        e["name"] = b.name;
        e["family"] = std::string(family_name(b.family));
        e["variant"] =
            b.variant.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(b.variant);
        e["detectedBy"] = b.evidence;
        e["manifest"] =
            b.manifest.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(b.manifest);
        e["scope"] = b.scope.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(b.scope);
        e["ready"] = b.ready();
        e["problems"] = nlohmann::ordered_json::array();
        for (const auto& p : b.problems) e["problems"].push_back(problem_json(p, lang));
        if (b.probe) {
            e["hello"] = {{"ok", b.probe->ok},
                          {"milliseconds", b.probe->milliseconds},
                          {"hostVersion", b.probe->host_version},
                          {"error", b.probe->ok ? nlohmann::ordered_json()
                                                : nlohmann::ordered_json(b.probe->code)}};
        } else {
            e["hello"] = nullptr;
        }
        j["browsers"].push_back(e);
    }
    j["problems"] = nlohmann::ordered_json::array();
    for (const auto& p : r.general) j["problems"].push_back(problem_json(p, lang));
    return j.dump(2) + "\n";
}

std::string report_text(const DoctorReport& r, std::string_view lang) {
    auto say = [&](std::string_view key,
                   std::initializer_list<std::pair<std::string_view, std::string>> values = {}) {
        return messages::format(lang, key, values);
    };
    auto problem_lines = [&](const Problem& p, const std::string& indent) {
        std::string lines = indent +
                            say(p.severity == Severity::error ? "doctor.problem" : "doctor.warning",
                                {{"text", message_text(p, lang)}}) +
                            "\n";
        if (const auto fix = fix_text(p, lang); !fix.empty())
            lines += indent + "  " + say("doctor.fix", {{"text", fix}}) + "\n";
        return lines;
    };
    std::string out = say("doctor.title", {{"host", r.host_name}}) + "\n";
    size_t ready = 0;
    for (const auto& b : r.browsers) {
        if (b.ready()) ++ready;
        out += "\n" +
               say("doctor.browser",
                   {{"browser", b.name},
                    {"state", say(b.ready() ? "doctor.ready" : "doctor.not_ready")}}) +
               "\n";
        if (!b.manifest.empty())
            out += "  " + say("doctor.manifest", {{"scope", b.scope}, {"path", b.manifest}}) + "\n";
        if (b.probe && b.probe->ok)
            out += "  " +
                   say("doctor.hello", {{"ms", format_ms(b.probe->milliseconds)},
                                        {"version", b.probe->host_version}}) +
                   "\n";
        for (const auto& p : b.problems) out += problem_lines(p, "  ");
    }
    for (const auto& p : r.general) out += "\n" + problem_lines(p, "");
    out += "\n" +
           say("doctor.summary",
               {{"ready", std::to_string(ready)}, {"total", std::to_string(r.browsers.size())}}) +
           "\n";
    return out;
}

}  // namespace og::install
