#include "install/targets.hpp"

#include <algorithm>
#include <system_error>

#include "install/install_record.hpp"
#include "util/utf8_path.hpp"

#ifndef _WIN32
#include <fnmatch.h>
#endif

namespace og::install {

namespace fs = std::filesystem;

std::vector<fs::path> expand_glob(const fs::path& pattern) {
    std::vector<fs::path> current{fs::path()};
    for (const auto& part : pattern) {
        const std::string s = part.string();
        std::vector<fs::path> next;
        if (s.find('*') == std::string::npos) {
            for (auto& c : current) next.push_back(c.empty() ? part : c / part);
        } else {
#ifndef _WIN32
            for (auto& c : current) {
                std::error_code ec;
                std::vector<fs::path> found;
                for (auto it = fs::directory_iterator(c, ec); !ec && it != fs::directory_iterator();
                     it.increment(ec)) {
                    const auto name = it->path().filename().string();
                    if (fnmatch(s.c_str(), name.c_str(), FNM_PERIOD) == 0)
                        found.push_back(it->path());
                }
                std::sort(found.begin(), found.end());
                next.insert(next.end(), found.begin(), found.end());
            }
#endif
        }
        current = std::move(next);
    }
    return current;
}

namespace {

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

bool present(const fs::path& p) {
    std::error_code ec;
    return fs::exists(p, ec);
}

}  // namespace

fs::path system_manifest_dir(const Browser& b, const Environment& env) {
    const std::string& dir = env.os == Os::macos ? b.mac_system_dir : b.linux_system_dir;
    return dir.empty() ? fs::path() : env.system(dir);
}

std::vector<Target> candidate_targets(const Browser& b, const Environment& env, Scope scope) {
    std::vector<Target> out;
    if (scope == Scope::system) {
        const fs::path dir = system_manifest_dir(b, env);
        if (dir.empty()) return out;
        const auto& presence =
            env.os == Os::macos ? b.mac_system_presence : b.linux_system_presence;
        // Evidence is the first installed location; without one, the manifest folder's parent.
        fs::path evidence;
        for (const auto& p : presence)
            if (present(env.system(p))) {
                evidence = env.system(p);
                break;
            }
        if (evidence.empty() && !presence.empty()) evidence = env.system(presence.front());
        out.push_back({&b, scope, evidence, dir});
        return out;
    }
    const auto& locations = env.os == Os::macos ? b.mac_user : b.linux_user;
    for (const auto& loc : locations) {
        const fs::path presence = env.user(loc.presence);
        const fs::path manifest = env.user(loc.manifest_dir);
        const std::string ps = presence.string();
        const std::string ms = manifest.string();
        if (ps.find('*') == std::string::npos) {
            out.push_back({&b, scope, presence, manifest});
            continue;
        }
        // A glob: the manifest folder lies inside each matched presence folder.
        const std::string suffix = ms.substr(std::min(ms.size(), ps.size()));
        for (const auto& match : expand_glob(presence))
            out.push_back({&b, scope, match, utf8_path(match.string() + suffix)});
    }
    return out;
}

// A folder that install itself created (Chrome's, written for Opera, which reads it) proves
// nothing about the browser whose folder it is.
static bool created_by_install(const fs::path& evidence, const Environment& env) {
    for (Scope scope : {Scope::user, Scope::system}) {
        auto record = load_record(env.install_record(scope));
        if (!record) continue;
        for (const auto& d : record->created_dirs)
            if (utf8_path(d) == evidence) return true;
    }
    return false;
}

std::vector<Target> detect(const Browser& b, const Environment& env, Scope scope) {
    std::vector<Target> out;
    for (auto& t : candidate_targets(b, env, scope)) {
        if (scope == Scope::user ? is_dir(t.evidence) && !created_by_install(t.evidence, env)
                                 : (!t.evidence.empty() && present(t.evidence)))
            out.push_back(std::move(t));
    }
    // Two proofs of the same browser (Firefox's old and XDG profile folders) mean one manifest.
    std::vector<Target> unique;
    for (auto& t : out)
        if (std::none_of(unique.begin(), unique.end(),
                         [&](const Target& u) { return u.manifest_dir == t.manifest_dir; }))
            unique.push_back(std::move(t));
    return unique;
}

std::vector<Target> detect_all(const Environment& env, Scope scope) {
    std::vector<Target> out;
    for (const auto& b : all_browsers()) {
        auto found = detect(b, env, scope);
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

}  // namespace og::install
