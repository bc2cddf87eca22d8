#include "builtin/builtin.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "builtin/cache_files.hpp"
#include "catalog/pack.hpp"
#include "util/file_stamp.hpp"
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

// FNV-1a, 64 bits, over `parts` with this host's version and its built-in catalog's (the trust
// root an override is checked against): a cache key, not a defence (the cache folder is the
// user's own, checked below).
std::string key_of(const fs::path& dir, std::int64_t builtin_version,
                   const std::vector<std::string>& parts) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0xff) * 1099511628211ull;
    };
    mix(OG_VERSION);
    mix(std::to_string(builtin_version));
    mix(fs::absolute(dir).string());
    for (const auto& p : parts) mix(p);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

// Of every file below the override folder: names, sizes, modification times and inodes. Any
// edit, addition or removal changes it, but it costs a stat per file. Empty when the folder
// cannot be listed.
std::string fingerprint(const fs::path& dir, std::int64_t builtin_version) {
    std::vector<std::string> lines;
    if (!list_entries(dir, lines)) return {};
    std::sort(lines.begin(), lines.end());
    return key_of(dir, builtin_version, lines);
}

// What start-up can afford, three stats whatever the catalog's size: the folder's and
// procedures/'s stamps (a file added, removed or renamed into place, as most editors save)
// and catalog.json's. Blind to a procedure file rewritten in place: the full fingerprint, kept
// in the cache entry's name, is compared before the first request that reads a procedure.
std::string quick_key(const fs::path& dir, std::int64_t builtin_version) {
    std::vector<std::string> parts;
    for (const fs::path& p : {dir, dir / "procedures", dir / "catalog.json"})
        parts.push_back(util::file_stamp(p).value_or("-"));
    return key_of(dir, builtin_version, parts);
}

// "override-<quick key>-<fingerprint>.pack"
fs::path cache_name(const std::string& quick, const std::string& full) {
    return "override-" + quick + "-" + full + ".pack";
}

// The fingerprint recorded in the cache entry for `quick`, if there is one.
std::optional<std::string> cached_fingerprint(const fs::path& cache_dir, const std::string& quick) {
    const std::string prefix = "override-" + quick + "-", suffix = ".pack";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache_dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() == prefix.size() + 16 + suffix.size() && name.rfind(prefix, 0) == 0 &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return name.substr(prefix.size(), 16);
    }
    return std::nullopt;
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

namespace {

// `by_quick_key`: a cache entry found by the quick key alone may serve, confirmed later.
ActiveSource open_active(const fs::path& override_dir, const fs::path& cache_dir,
                         bool by_quick_key) {
    ActiveSource active;
    auto builtin = open_builtin();
    active.notes = builtin->notes();
    std::error_code ec;
    if (override_dir.empty() || !fs::exists(override_dir, ec)) {
        active.source = std::move(builtin);
        return active;
    }
    const std::int64_t builtin_version = builtin->header().version;
    // `cached` is the cache entry to read or write (none: validate without caching); when it was
    // found by the quick key alone, `unconfirmed` holds the fingerprint it was made from.
    fs::path cached;
    std::optional<std::string> unconfirmed;
    const std::string quick =
        cache_dir.empty() ? std::string() : quick_key(override_dir, builtin_version);
    auto name_by_fingerprint = [&] {
        const std::string full = fingerprint(override_dir, builtin_version);
        cached = full.empty() ? fs::path() : cache_dir / cache_name(quick, full);
    };
    if (!quick.empty()) {
        if (by_quick_key) unconfirmed = cached_fingerprint(cache_dir, quick);
        if (unconfirmed)
            cached = cache_dir / cache_name(quick, *unconfirmed);
        else
            name_by_fingerprint();
    }

    auto validate = [&]() {
        if (unconfirmed) {
            // Validated now, from the files as they are: named after them, nothing to confirm.
            unconfirmed.reset();
            name_by_fingerprint();
        }
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
        if (!cached.empty()) write_cache(cache_dir, cached, *fresh);
        return Bytes{*fresh, fresh};
    };
    std::optional<Bytes> bytes = cached.empty() ? std::nullopt : read_private_cache(cached);
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
    if (unconfirmed) {
        active.confirm = [override_dir, cache_dir, builtin_version,
                          made_from = *unconfirmed]() -> std::unique_ptr<ActiveSource> {
            if (fingerprint(override_dir, builtin_version) == made_from) return nullptr;
            spdlog::info(
                "catalog override {} changed in place since it was cached: validating it "
                "again",
                override_dir.string());
            return std::make_unique<ActiveSource>(open_active(override_dir, cache_dir, false));
        };
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

}  // namespace

ActiveSource open_active(const fs::path& override_dir, const fs::path& cache_dir) {
    return open_active(override_dir, cache_dir, true);
}

Result<std::unique_ptr<CatalogSource>> adopt_override(const fs::path& override_dir,
                                                      const fs::path& cache_dir, std::string pack) {
    const std::int64_t builtin_version = open_builtin()->header().version;
    const std::string full =
        cache_dir.empty() ? std::string() : fingerprint(override_dir, builtin_version);
    auto bytes = std::make_shared<std::string>(std::move(pack));
    if (!full.empty())
        write_cache(cache_dir,
                    cache_dir / cache_name(quick_key(override_dir, builtin_version), full), *bytes);
    auto opened = PackedCatalog::open(*bytes, override_dir.string(), bytes);
    if (!opened) return opened.error();
    return std::unique_ptr<CatalogSource>(std::move(*opened));
}

ActiveCatalog load_active(const fs::path& override_dir) {
    ActiveSource s = open_active(override_dir, {});
    return ActiveCatalog{s.source->full(), std::move(s.override_error), std::move(s.notes)};
}

}  // namespace og::catalog
