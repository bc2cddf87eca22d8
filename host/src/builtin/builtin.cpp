#include "builtin/builtin.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "builtin/cache_files.hpp"
#include "catalog/pack.hpp"
#include "util/private_write.hpp"

namespace og::catalog {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<PackedCatalog> open_builtin() {
    auto packed = PackedCatalog::open(embedded_pack(), "builtin");
    // The build made this pack from a validated catalog; failing here is a broken build.
    if (!packed) throw std::runtime_error(packed.error().message);
    return std::move(*packed);
}

Scope scope_of_catalog(const Catalog& c) {
    Scope s;
    for (const auto& p : c.platforms) s.platforms.push_back(p.id);
    s.allowlist = Allowlist(c.domains());
    s.known = !s.platforms.empty();
    return s;
}

// Of the override folder's files: names, sizes, modification times and inodes, with this
// host's version and its built-in catalog's (the trust root an override is checked against).
// Any edit, addition or removal changes it. FNV-1a, 64 bits: a cache key, not a defence (the
// cache folder is the user's own, checked below). Empty when the folder cannot be listed.
std::string fingerprint(const fs::path& dir, std::int64_t builtin_version) {
    std::vector<std::string> lines;
    if (!list_entries(dir, lines)) return {};
    std::sort(lines.begin(), lines.end());
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0xff) * 1099511628211ull;
    };
    mix(OG_VERSION);
    mix(std::to_string(builtin_version));
    mix(fs::absolute(dir).string());
    for (const auto& l : lines) mix(l);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

// Written whole then renamed, owner-only; older entries go, so the folder holds one.
void write_cache(const fs::path& dir, const fs::path& file, std::string_view bytes) {
    if (!util::make_private_dir(dir)) return;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().filename().string().rfind("override-", 0) == 0) fs::remove(e.path(), ec);
    // Best effort: without a cache the override is validated again next time.
    (void)util::write_file_replacing(file, bytes, 0600);
}

constexpr std::string_view kRefused = "OGREFUSED\n";  // a cached verdict: not used, and why

}  // namespace

LoadResult load_embedded() {
    LoadResult r;
    auto packed = open_builtin();
    r.notes = packed->notes();
    r.catalog = packed->full();
    return r;
}

Allowlist builtin_allowlist() {
    return Allowlist(open_builtin()->header().domains());
}

std::vector<Problem> check_path(const std::filesystem::path& path) {
    const auto builtin = open_builtin();
    const Scope scope = scope_of_catalog(builtin->header());
    return check_path_within(path, scope, scope.allowlist);
}

ActiveSource open_active(const fs::path& override_dir, const fs::path& cache_dir) {
    ActiveSource active;
    auto builtin = open_builtin();
    active.notes = builtin->notes();
    std::error_code ec;
    if (override_dir.empty() || !fs::exists(override_dir, ec)) {
        active.source = std::move(builtin);
        return active;
    }
    const std::int64_t builtin_version = builtin->header().version;
    const std::string key =
        cache_dir.empty() ? std::string() : fingerprint(override_dir, builtin_version);
    const fs::path cached = key.empty() ? fs::path() : cache_dir / ("override-" + key + ".pack");

    auto validate = [&]() {
        const Allowlist trusted(builtin->header().domains());
        PackResult packed = pack_directory(override_dir, &trusted);
        std::shared_ptr<std::string> fresh;
        if (!packed.pack) {
            prefix_files(packed.problems, override_dir);
            fresh = std::make_shared<std::string>(
                std::string(kRefused) + std::to_string(packed.problems.size()) + " problem(s) in " +
                override_dir.string() + ", first: " + format_problem(packed.problems.front()));
        } else {
            for (const auto& n : packed.notes)
                spdlog::info("catalog {}: {}", override_dir.string(), n);
            fresh = std::make_shared<std::string>(std::move(*packed.pack));
        }
        if (!key.empty()) write_cache(cache_dir, cached, *fresh);
        return Bytes{*fresh, fresh};
    };
    std::optional<Bytes> bytes = key.empty() ? std::nullopt : read_private_cache(cached);
    const bool from_cache = bytes.has_value();
    if (!bytes) bytes = validate();
    auto over = bytes->view.substr(0, kRefused.size()) == kRefused
                    ? Result<std::unique_ptr<PackedCatalog>>(make_error("refused", ""))
                    : PackedCatalog::open(bytes->view, override_dir.string(), bytes->keep);
    if (!over && from_cache && over.error().code != "refused") {
        // A damaged cache entry: validate again (which replaces it).
        spdlog::warn("{}; validating the override again", over.error().message);
        bytes = validate();
        over = bytes->view.substr(0, kRefused.size()) == kRefused
                   ? Result<std::unique_ptr<PackedCatalog>>(make_error("refused", ""))
                   : PackedCatalog::open(bytes->view, override_dir.string(), bytes->keep);
    }
    if (!over) {
        const std::string why = over.error().code == "refused"
                                    ? std::string(bytes->view.substr(kRefused.size()))
                                    : over.error().message;
        spdlog::warn("catalog override ignored: {}", why);
        active.override_error = why;
        active.source = std::move(builtin);
        return active;
    }
    if ((*over)->header().version <= builtin_version) {
        std::string note = "catalog override " + override_dir.string() + " has version " +
                           std::to_string((*over)->header().version) +
                           ", not newer than the built-in " + std::to_string(builtin_version) +
                           ": not used";
        spdlog::info("{}", note);
        active.notes.push_back(note);
        active.source = std::move(builtin);
        return active;
    }
    if (from_cache)
        // Damage found in a procedure later (its digest) leaves the cache entry: gone, the
        // next start validates the override again.
        (*over)->on_damaged([cached] {
            std::error_code ignored;
            fs::remove(cached, ignored);
        });
    active.notes.insert(active.notes.end(), (*over)->notes().begin(), (*over)->notes().end());
    active.source = std::move(*over);
    return active;
}

Result<std::unique_ptr<CatalogSource>> adopt_override(const fs::path& override_dir,
                                                      const fs::path& cache_dir, std::string pack) {
    const std::int64_t builtin_version = open_builtin()->header().version;
    const std::string key =
        cache_dir.empty() ? std::string() : fingerprint(override_dir, builtin_version);
    auto bytes = std::make_shared<std::string>(std::move(pack));
    if (!key.empty()) write_cache(cache_dir, cache_dir / ("override-" + key + ".pack"), *bytes);
    auto opened = PackedCatalog::open(*bytes, override_dir.string(), bytes);
    if (!opened) return opened.error();
    return std::unique_ptr<CatalogSource>(std::move(*opened));
}

ActiveCatalog load_active(const fs::path& override_dir) {
    ActiveSource s = open_active(override_dir, {});
    return ActiveCatalog{s.source->full(), std::move(s.override_error), std::move(s.notes)};
}

}  // namespace og::catalog
