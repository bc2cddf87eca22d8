// `optout-guide-host uninstall`: removes exactly what install recorded; the progress store only
// with --purge, after asking.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <system_error>

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

#include "cli/cli.hpp"
#include "cli/install_common.hpp"
#include "cli/options.hpp"
#include "install/environment.hpp"
#include "install/file_ops.hpp"
#include "install/install_record.hpp"
#include "install/manifest.hpp"
#include "install/targets.hpp"
#include "install/windows_registry.hpp"
#include "util/logging.hpp"
#include "util/messages.hpp"
#include "util/utf8_path.hpp"

namespace og::cli {

using namespace og::install;
namespace fs = std::filesystem;

namespace {

bool interactive() {
#ifdef _WIN32
    DWORD mode = 0;  // a console, not the NUL device that _isatty() also accepts
    return GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &mode) &&
           GetConsoleMode(GetStdHandle(STD_ERROR_HANDLE), &mode);
#else
    return ::isatty(0) && ::isatty(2);
#endif
}

// A manifest file install writes for this scope, and the browser family that reads it.
struct Place {
    fs::path file;
    Family family;
};

// Every place install would write a manifest for this scope: a record that names anything else
// (say ~/.bashrc) has been tampered with, and what it names is not ours to delete.
std::vector<Place> manifest_places(const Environment& env, Scope scope,
                                   const std::string& host_name) {
    std::vector<Place> places;
#ifdef _WIN32
    if (const fs::path base = env.windows_manifest_base(scope); !base.empty())
        for (Family f : {Family::chromium, Family::firefox})
            places.push_back({base / windows_manifest_relpath(f, host_name), f});
#else
    for (const auto& b : all_browsers())
        for (const auto& t : candidate_targets(b, env, scope))
            places.push_back({t.manifest_file(host_name), b.family});
#endif
    return places;
}

const Place* place_of(const fs::path& file, const std::vector<Place>& places) {
    for (const auto& p : places)
        if (p.file == file) return &p;
    return nullptr;
}

// Only the manifest install writes, still there as a file of its own and still sending the
// browser to the host install registered, is ours to delete.
bool is_our_manifest(const fs::path& file, Family family, const Identity& id,
                     const std::string& host_path) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(file, ec))) return false;
    auto text = read_file(file);
    if (!text) return false;
    if (*text == render_manifest(family, id, host_path)) return true;
    // Written by another version of install: the same host name and the same host.
    try {
        auto j = nlohmann::json::parse(*text);
        return j.is_object() && j.value("name", "") == id.host_name &&
               j.value("path", "") == host_path && j.value("type", "") == "stdio";
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

// A folder install may have created: one on the way to a place it writes manifests.
bool on_a_manifest_path(const fs::path& dir, const std::vector<Place>& places) {
    for (const auto& place : places)
        for (fs::path p = place.file.parent_path(); !p.empty(); p = p.parent_path()) {
            if (p == dir) return true;
            if (p == p.parent_path()) break;
        }
    return false;
}

// The answer to the purge question: yes in the reader's language ("oui", "ja", "sí"...) or in
// English, whatever the case; anything else, an empty line included, keeps the progress.
bool is_yes(std::string_view lang, std::string answer) {
    const auto trim = [](std::string& s) {
        s.erase(0, s.find_first_not_of(" \t\r"));
        s.erase(s.find_last_not_of(" \t\r") + 1);
    };
    trim(answer);
    for (auto& c : answer) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (answer.empty()) return false;
    for (std::string_view words : {messages::text(lang, "uninstall.purge_yes"),
                                   messages::text("en", "uninstall.purge_yes")}) {
        size_t start = 0;
        while (start <= words.size()) {
            const size_t comma = std::min(words.find(',', start), words.size());
            std::string word(words.substr(start, comma - start));
            trim(word);
            if (word == answer) return true;
            start = comma + 1;
        }
    }
    return false;
}

bool empty_dir(const fs::path& d) {
    std::error_code ec;
    return fs::is_directory(d, ec) && fs::is_empty(d, ec) && !ec;
}

void report_strays(const Environment& env, Scope scope, const std::string& host_name,
                   std::string_view lang, std::ostream& out) {
    for (const auto& b : all_browsers())
        for (const auto& t : candidate_targets(b, env, scope)) {
            const auto f = t.manifest_file(host_name);
            std::error_code ec;
            if (fs::exists(f, ec))
                out << messages::format(
                           lang, "uninstall.stray",
                           {{"file", f.string()}, {"command", "rm " + shell_quote(f.string())}})
                    << "\n";
        }
}

}  // namespace

int cmd_uninstall(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string lang = language_from_env(std::nullopt);
    const std::string usage = std::string(messages::text(lang, "cli.usage.uninstall")) + "\n";
    auto parsed = command_options(args, {{"--system", "--purge", "--yes", "--dry-run"}}, lang);
    if (!parsed) return fail(err, "uninstall", parsed.error().message + "\n" + usage, kExitUsage);
    if (parsed->has("--help")) {
        out << usage;
        return kExitOk;
    }
    const bool dry_run = parsed->has("--dry-run");
    const Environment env = environment_from_process();
    const Identity id = product_identity();
    const Scope scope = parsed->has("--system") ? Scope::system : Scope::user;

    bool purge = parsed->has("--purge");
    if (purge && !parsed->has("--yes") && !dry_run) {
        if (!interactive())
            return fail(err, "uninstall",
                        messages::format(lang, "uninstall.purge_needs_yes",
                                         {{"folder", env.data_dir().string()}}),
                        2);
        err << messages::format(
            lang, "uninstall.purge_question",
            {{"data", env.data_dir().string()}, {"logs", env.state_dir().string()}});
        std::string answer;
        std::getline(std::cin, answer);
        purge = is_yes(lang, answer);
        if (!purge) err << messages::text(lang, "uninstall.kept_progress") << "\n";
    }

    int status = 0;
    const fs::path record_file = env.install_record(scope);
    auto record = load_record(record_file);
    if (!record && record.error().code == "not_found") {
        out << messages::format(
                   lang,
                   scope == Scope::user ? "uninstall.no_record.user" : "uninstall.no_record.system",
                   {{"file", record_file.string()}})
            << "\n";
#ifndef _WIN32  // Windows browsers read only the registry, which install alone writes
        report_strays(env, scope, id.host_name, lang, out);
#endif
    } else if (!record) {
        status = fail(err, "uninstall",
                      messages::format(lang, "uninstall.record_unreadable",
                                       {{"error", record.error().message}}),
                      1);
    } else {
        const char* removed = dry_run ? "uninstall.would_remove" : "uninstall.removed";
        auto say_removed = [&](const std::string& path) {
            out << messages::format(lang, removed, {{"path", path}}) << "\n";
        };
        const auto places = manifest_places(env, scope, id.host_name);
        for (const auto& name : record->files) {
            const fs::path f = utf8_path(name);
            std::error_code ec;
            if (!fs::exists(fs::symlink_status(f, ec))) continue;
            const Place* place = place_of(f, places);
            if (place == nullptr) {
                out << messages::format(lang, "uninstall.kept_foreign", {{"file", name}}) << "\n";
                continue;
            }
            if (!is_our_manifest(f, place->family, id, record->host_path)) {
                out << messages::format(lang, "uninstall.kept_changed", {{"file", name}}) << "\n";
                continue;
            }
            if (!dry_run && !fs::remove(f, ec)) {
                err << messages::format(lang, "uninstall.cannot_remove",
                                        {{"path", name}, {"error", ec.message()}})
                    << "\n";
                status = 1;
                continue;
            }
            say_removed(name);
        }
#ifdef _WIN32
        for (const auto& key : record->registry_keys) {
            const auto sep = key.find('\\');
            if (sep == std::string::npos) continue;
            if (!dry_run) {
                if (auto s = registry_delete_key(key.substr(0, sep), key.substr(sep + 1)); !s) {
                    err << s.error().message << "\n";
                    status = 1;
                    continue;
                }
            }
            say_removed(key);
        }
#endif
        // Folders install created, innermost first, and only when nothing else lives there.
        auto dirs = record->created_dirs;
        std::sort(dirs.begin(), dirs.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
        for (const auto& name : dirs) {
            const fs::path d = utf8_path(name);
            if (!empty_dir(d) || !on_a_manifest_path(d, places)) continue;
            std::error_code ec;
            if (!dry_run) fs::remove(d, ec);
            if (!ec) say_removed(name + "/");
        }
        if (!dry_run && status == 0) {
            std::error_code ec;
            fs::remove(record_file, ec);
            if (empty_dir(record_file.parent_path())) fs::remove(record_file.parent_path(), ec);
        }
    }

    if (purge) {
        // Our own log is in there, and Windows deletes no file that is open: stop logging first.
        logging::silence();
        std::vector<fs::path> dirs{env.data_dir()};
        if (env.state_dir() != env.data_dir()) dirs.push_back(env.state_dir());  // one on Windows
        for (const auto& dir : dirs) {
            std::error_code ec;
            const auto st = fs::symlink_status(dir, ec);
            if (!fs::exists(st)) continue;
            // Deleting through a link would delete whatever folder it points at, perhaps not
            // ours; deleting only the link would leave the progress behind while saying it is
            // gone. Neither: the person decides.
            if (fs::is_symlink(st)) {
                err << messages::format(lang, "uninstall.symlink",
                                        {{"folder", dir.string()},
                                         {"target", fs::read_symlink(dir, ec).string()},
                                         {"command", "rm " + shell_quote(dir.string())}})
                    << "\n";
                status = 1;
                continue;
            }
            if (!dry_run) fs::remove_all(dir, ec);
            if (ec) {
                err << messages::format(lang, "uninstall.cannot_remove",
                                        {{"path", dir.string()}, {"error", ec.message()}})
                    << "\n";
                status = 1;
            } else {
                out << messages::format(lang,
                                        dry_run ? "uninstall.would_delete" : "uninstall.deleted",
                                        {{"path", dir.string()}})
                    << "\n";
            }
        }
    } else {
        std::error_code ec;
        if (fs::exists(env.data_dir(), ec))
            out << messages::format(lang, "uninstall.progress_stays",
                                    {{"folder", env.data_dir().string()}})
                << "\n";
    }
    return status;
}

}  // namespace og::cli
