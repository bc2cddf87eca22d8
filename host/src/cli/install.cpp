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

Result<fs::path> resolve_host_path(const Request& o) {
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
        return make_error("host_missing", p.string() + " is not an executable file");
    return p;
}

struct Planned {
    fs::path file;
    std::string content;
    std::vector<std::string> browsers;
};

#ifdef _WIN32
int install_windows(const Request& o, const Environment& env, const Identity& id,
                    const fs::path& host, Scope scope, std::ostream& out, std::ostream& err);
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

    auto host = resolve_host_path(o);
    if (!host) return fail(err, "install", host.error().message, 2);

    for (const auto& name : o.browsers)
        if (!find_browser(name))
            return fail(err, "install",
                        messages::format(lang, "cli.error.unknown_browser",
                                         {{"browser", name}, {"known", known_browser_ids()}}),
                        2);

#ifdef _WIN32
    return install_windows(o, env, id, *host, scope, out, err);
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
                std::string where = cands.empty()
                                        ? std::string("(no ") + std::string(scope_name(scope)) +
                                              "-wide location exists for it)"
                                        : cands.front().evidence.string();
                return fail(err, "install",
                            b.name + " is not installed for " +
                                (scope == Scope::user ? "this user" : "this machine") +
                                ": nothing at " + where +
                                ". Start it once (it creates that folder), then run this again.",
                            1);
            }
            targets.insert(targets.end(), found.begin(), found.end());
        }
    }
    if (targets.empty()) {
        err << "optout-guide-host install: no supported browser found "
            << (scope == Scope::user ? "for this user" : "on this machine")
            << " (looked for: " << known_browser_ids()
            << "). Start your browser once, then run this again.\n";
        return 1;
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
                out << "would create folder " << d.string() << "\n";
            out << label(p) << ": would write " << p.file.string() << ":\n" << p.content;
        }
        out << "(dry run: nothing written)\n";
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
            err << label(p) << ": " << created.error().message
                << (created.error().code == "permission_denied" && scope == Scope::system
                        ? " (system-wide install needs root: run it with sudo)"
                        : "")
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
                err << label(p) << ": " << written.error().message << "\n";
                continue;
            }
        }
        record.files.push_back(p.file.string());
        out << label(p) << ": " << (unchanged ? "up to date " : "wrote ") << p.file.string()
            << "\n";
    }

    const fs::path record_file = env.install_record(scope);
    InstallRecord merged;
    if (auto old = load_record(record_file)) merged = *old;
    merged.scope = record.scope;
    merged.merge(record);
    if (auto saved = save_record(record_file, merged); !saved) {
        err << "optout-guide-host install: " << saved.error().message
            << " (uninstall will not know what was written)\n";
        status = 1;
    }
    out << "Host: " << host->string() << "\nCheck with: " << self_command() << " doctor\n";
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
                    const fs::path& host, Scope scope, std::ostream& out, std::ostream& err) {
    const fs::path base = env.windows_manifest_base(scope);
    if (base.empty() || !base.is_absolute())
        return fail(err, "install", "cannot find the folder for the manifests", 1);
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
            out << "would write " << file.string() << " and set " << registry_entry_name(e) << "\n"
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
            err << registry_entry_name(e) << ": " << set.error().message
                << (set.error().code == "permission_denied" && scope == Scope::system
                        ? " (a system-wide install needs an administrator: run it from a "
                          "command prompt opened with \"Run as administrator\")"
                        : "")
                << "\n";
            continue;
        }
        if (std::find(record.files.begin(), record.files.end(), file.string()) ==
            record.files.end())
            record.files.push_back(file.string());
        record.registry_keys.push_back(registry_entry_name(e));
        out << "set " << registry_entry_name(e)
            << (scope == Scope::system ? " (32-bit and 64-bit views)" : "") << " -> "
            << file.string() << "\n";
    }
    if (o.dry_run) {
        out << "(dry run: nothing written)\n";
        return 0;
    }
    InstallRecord merged;
    if (auto old = load_record(env.install_record(scope))) merged = *old;
    merged.scope = record.scope;
    merged.merge(record);
    if (auto saved = save_record(env.install_record(scope), merged); !saved) {
        err << "optout-guide-host install: " << saved.error().message
            << " (uninstall will not know what was written)\n";
        status = 1;
    }
    out << "Host: " << host.string() << "\nCheck with: " << self_command() << " doctor\n";
    return status;
}

}  // namespace
#endif

}  // namespace og::cli
