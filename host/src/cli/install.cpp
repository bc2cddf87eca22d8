// `optout-guide-host install`: writes the host manifest where each present browser reads it.
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <system_error>

#include "cli/cli.hpp"
#include "cli/install_common.hpp"
#include "cli/options.hpp"
#include "install/environment.hpp"
#include "install/file_ops.hpp"
#include "install/install_record.hpp"
#include "install/manifest.hpp"
#include "install/self_path.hpp"
#include "install/targets.hpp"
#include "install/windows_registry.hpp"
#include "util/messages.hpp"
#include "util/utf8_path.hpp"

namespace og::cli {

using namespace og::install;
namespace fs = std::filesystem;

namespace {

// What the command line asked for.
struct Request {
    std::vector<std::string> browsers;  // none: every browser found
    bool system = false;
    bool dry_run = false;
    std::optional<std::string> host_path;
};

Result<fs::path> resolve_host_path(const Request& o, std::string_view lang) {
    fs::path p;
    if (o.host_path) {
        std::error_code ec;
        p = fs::absolute(utf8_path(*o.host_path), ec);
        if (ec) return make_error("usage", "--host-path " + *o.host_path + ": " + ec.message());
        p = p.lexically_normal();
    } else {
        auto self = self_executable_path();
        if (!self) return self.error();
        p = *self;
    }
    if (!is_executable_file(p))
        return make_error("host_missing",
                          messages::format(lang, "install.not_executable", {{"path", p.string()}}));
    return p;
}

// The last lines of every install: where the host is and how to check it.
void say_host(std::ostream& out, std::string_view lang, const fs::path& host) {
    out << messages::format(lang, "install.host", {{"path", host.string()}}) << "\n"
        << messages::format(lang, "install.check", {{"command", self_command()}}) << "\n";
}

struct Planned {
    fs::path file;
    std::string content;
    std::vector<std::string> browsers;
};

#ifdef _WIN32
int install_windows(const Request& o, const Environment& env, const Identity& id,
                    const fs::path& host, Scope scope, std::string_view lang, std::ostream& out,
                    std::ostream& err);
#endif

}  // namespace

int cmd_install(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string lang = language_from_env(std::nullopt);
    const std::string usage = std::string(messages::text(lang, "cli.usage.install")) + "\n";
    auto parsed = command_options(
        args, {{"--system", "--dry-run"}, {"--host-path"}, {}, {"--browser"}}, lang);
    if (!parsed) return fail(err, "install", parsed.error().message + "\n" + usage, kExitUsage);
    if (parsed->has("--help")) {
        out << usage;
        return kExitOk;
    }
    const Request o{parsed->list("--browser"), parsed->has("--system"), parsed->has("--dry-run"),
                    parsed->value("--host-path")};
    const Environment env = environment_from_process();
    const Identity id = product_identity();
    const Scope scope = o.system ? Scope::system : Scope::user;

    auto host = resolve_host_path(o, lang);
    if (!host) return fail(err, "install", host.error().message, 2);

    for (const auto& name : o.browsers)
        if (!find_browser(name))
            return fail(err, "install",
                        messages::format(lang, "cli.error.unknown_browser",
                                         {{"browser", name}, {"known", known_browser_ids()}}),
                        2);

#ifdef _WIN32
    return install_windows(o, env, id, *host, scope, lang, out, err);
#else
    std::vector<Target> targets;
    if (o.browsers.empty()) {
        targets = detect_all(env, scope);
    } else {
        for (const auto& name : o.browsers) {
            const Browser& b = *find_browser(name);
            auto found = detect(b, env, scope);
            if (found.empty()) {
                const auto cands = candidate_targets(b, env, scope);
                const std::string by_scope = scope == Scope::user ? ".user" : ".system";
                return fail(err, "install",
                            cands.empty()
                                ? messages::format(lang, "install.no_place" + by_scope,
                                                   {{"browser", b.name}})
                                : messages::format(lang, "install.browser_absent" + by_scope,
                                                   {{"browser", b.name},
                                                    {"folder", cands.front().evidence.string()}}),
                            1);
            }
            targets.insert(targets.end(), found.begin(), found.end());
        }
    }
    if (targets.empty()) {
        return fail(err, "install",
                    messages::format(lang,
                                     scope == Scope::user ? "install.no_browser.user"
                                                          : "install.no_browser.system",
                                     {{"browsers", known_browser_ids()}}),
                    1);
    }

    // Browsers sharing a folder (Opera reads Chrome's) get one file.
    std::vector<Planned> plan;
    for (const auto& t : targets) {
        const fs::path file = t.manifest_file(id.host_name);
        auto it = std::find_if(plan.begin(), plan.end(), [&](auto& p) { return p.file == file; });
        if (it != plan.end()) {
            it->browsers.push_back(t.browser->name);
            continue;
        }
        plan.push_back(
            {file, render_manifest(t.browser->family, id, host->string()), {t.browser->name}});
    }

    auto label = [](const Planned& p) {
        std::string s;
        for (const auto& b : p.browsers) s += (s.empty() ? "" : ", ") + b;
        return s;
    };

    if (o.dry_run) {
        for (const auto& p : plan) {
            std::error_code ec;
            for (fs::path d = p.file.parent_path(); !d.empty() && !fs::exists(d, ec);
                 d = d.parent_path())
                out << messages::format(lang, "install.would_create_folder",
                                        {{"folder", d.string()}})
                    << "\n";
            out << messages::format(lang, "install.would_write",
                                    {{"browsers", label(p)}, {"file", p.file.string()}})
                << "\n"
                << p.content;
        }
        out << messages::text(lang, "install.dry_run") << "\n";
        return 0;
    }

    InstallRecord record;
    record.scope = std::string(scope_name(scope));
    record.host_path = host->string();
    int status = 0;
    for (const auto& p : plan) {
        auto created = create_dirs(p.file.parent_path(), 0755);
        if (!created) {
            status = 1;
            const bool needs_root =
                created.error().code == "permission_denied" && scope == Scope::system;
            err << messages::format(lang, needs_root ? "install.needs_root" : "install.failed",
                                    {{"browsers", label(p)}, {"error", created.error().message}})
                << "\n";
            continue;
        }
        for (const auto& d : *created) record.created_dirs.push_back(d.string());
        auto before = read_file(p.file);
        const bool unchanged = before && *before == p.content;
        if (!unchanged) {
            auto written = write_file_atomic(p.file, p.content, 0644);
            if (!written) {
                status = 1;
                err << messages::format(
                           lang, "install.failed",
                           {{"browsers", label(p)}, {"error", written.error().message}})
                    << "\n";
                continue;
            }
        }
        record.files.push_back(p.file.string());
        out << messages::format(lang, unchanged ? "install.up_to_date" : "install.wrote",
                                {{"browsers", label(p)}, {"file", p.file.string()}})
            << "\n";
    }

    const fs::path record_file = env.install_record(scope);
    InstallRecord merged;
    if (auto old = load_record(record_file)) merged = *old;
    merged.scope = record.scope;
    merged.merge(record);
    if (auto saved = save_record(record_file, merged); !saved) {
        fail(err, "install",
             messages::format(lang, "install.record_failed", {{"error", saved.error().message}}),
             1);
        status = 1;
    }
    say_host(out, lang, *host);
    return status;
#endif
}

#ifdef _WIN32
namespace {

// On Windows, browsers find the manifest through a registry value; the files live in our
// own folder and the keys are what is "installed". Every browser's key is written, whether the
// browser is there yet or not: a key nobody reads is harmless, and a browser installed later
// then finds the host at once.
int install_windows(const Request& o, const Environment& env, const Identity& id,
                    const fs::path& host, Scope scope, std::string_view lang, std::ostream& out,
                    std::ostream& err) {
    const fs::path base = env.windows_manifest_base(scope);
    if (base.empty() || !base.is_absolute())
        return fail(err, "install", std::string(messages::text(lang, "install.no_manifest_folder")),
                    1);
    InstallRecord record;
    record.scope = std::string(scope_name(scope));
    record.host_path = host.string();
    int status = 0;
    for (const auto& e : registry_entries(scope, id.host_name)) {
        if (!o.browsers.empty() &&
            std::none_of(e.browser_ids.begin(), e.browser_ids.end(), [&](auto& b) {
                return std::find(o.browsers.begin(), o.browsers.end(), b) != o.browsers.end();
            }))
            continue;
        const fs::path file = base / windows_manifest_relpath(e.family, id.host_name);
        const std::string content = render_manifest(e.family, id, host.string());
        if (o.dry_run) {
            out << messages::format(lang, "install.would_set_key",
                                    {{"file", file.string()}, {"key", registry_entry_name(e)}})
                << "\n"
                << content;
            continue;
        }
        auto created = create_dirs(file.parent_path(), 0755);
        if (created)
            for (const auto& d : *created) record.created_dirs.push_back(d.string());
        auto before = created ? read_file(file) : Result<std::string>(created.error());
        auto written = !created                       ? Status(created.error())
                       : before && *before == content ? Status(Ok{})
                                                      : write_file_atomic(file, content, 0644);
        auto set = written ? registry_set_default(e.hive, e.key, file.string()) : written;
        if (!set) {
            status = 1;
            const bool needs_admin =
                set.error().code == "permission_denied" && scope == Scope::system;
            err << messages::format(lang, needs_admin ? "install.needs_admin" : "install.failed",
                                    {{"browsers", registry_entry_name(e)},
                                     {"key", registry_entry_name(e)},
                                     {"error", set.error().message}})
                << "\n";
            continue;
        }
        if (std::find(record.files.begin(), record.files.end(), file.string()) ==
            record.files.end())
            record.files.push_back(file.string());
        record.registry_keys.push_back(registry_entry_name(e));
        out << messages::format(
                   lang, scope == Scope::system ? "install.set_key_both_views" : "install.set_key",
                   {{"key", registry_entry_name(e)}, {"file", file.string()}})
            << "\n";
    }
    if (o.dry_run) {
        out << messages::text(lang, "install.dry_run") << "\n";
        return 0;
    }
    InstallRecord merged;
    if (auto old = load_record(env.install_record(scope))) merged = *old;
    merged.scope = record.scope;
    merged.merge(record);
    if (auto saved = save_record(env.install_record(scope), merged); !saved) {
        fail(err, "install",
             messages::format(lang, "install.record_failed", {{"error", saved.error().message}}),
             1);
        status = 1;
    }
    say_host(out, lang, host);
    return status;
}

}  // namespace
#endif

}  // namespace og::cli
