#include "builtin/builtin.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef _WIN32
#include <sys/mman.h>
#endif

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "catalog/pack.hpp"
#include "util/file_time.hpp"

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
// cache folder is the user's own, checked below).
// Appends "<relative name> <size> <mtime> <inode> <mode>" for every entry below `dirfd`.
// Plain POSIX calls: at start-up this walk is all an unchanged override costs (one fstatat per
// file), and std::filesystem's iterator costs ten times as much per entry. False when a folder
// cannot be listed.
bool list_entries(int dirfd, const std::string& prefix, std::vector<std::string>& lines,
                  int depth) {
    DIR* d = ::fdopendir(dirfd);
    if (d == nullptr) {
        ::close(dirfd);
        return false;
    }
    bool ok = true;
    while (dirent* e = ::readdir(d)) {
        const std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        struct stat st {};
        if (::fstatat(::dirfd(d), e->d_name, &st, 0) != 0) continue;
        const std::string rel = prefix + std::string(name);
        lines.push_back(rel + " " + std::to_string(st.st_size) + " " +
                        util::modification_time_ns(st) + " " + std::to_string(st.st_ino) + " " +
                        std::to_string(st.st_mode));
        if (S_ISDIR(st.st_mode)) {
            const int sub = ::openat(::dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            ok = depth < 16 && sub >= 0 && list_entries(sub, rel + "/", lines, depth + 1) && ok;
        }
    }
    ::closedir(d);
    return ok;
}

// Of the override folder's files: names, sizes, modification times and inodes, with this
// host's version and its built-in catalog's (the trust root an override is checked against).
// Any edit, addition or removal changes it. FNV-1a, 64 bits: a cache key, not a defence (the
// cache folder is the user's own, checked below). Empty when the folder cannot be listed.
std::string fingerprint(const fs::path& dir, std::int64_t builtin_version) {
    std::vector<std::string> lines;
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || !list_entries(fd, "", lines, 0)) return {};
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

struct Bytes {
    std::string_view view;
    std::shared_ptr<const void> keep;
};

// The cached file, when it is this user's and nobody else may write it (a pack is trusted
// without validation). Mapped, so a large override costs nothing until a page is read.
std::optional<Bytes> read_cache(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_uid != ::geteuid() || (st.st_mode & 077) != 0 ||
        st.st_size <= 0) {
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
#ifndef _WIN32
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) return std::nullopt;
    std::shared_ptr<const void> keep(
        map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
    return Bytes{std::string_view(static_cast<const char*>(map), size), keep};
#else
    auto text = std::make_shared<std::string>(size, '\0');
    const bool whole = ::read(fd, text->data(), size) == static_cast<ssize_t>(size);
    ::close(fd);
    if (!whole) return std::nullopt;
    return Bytes{*text, text};
#endif
}

// Written whole then renamed, owner-only; older entries go, so the folder holds one.
void write_cache(const fs::path& dir, const fs::path& file, std::string_view bytes) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || ::chmod(dir.c_str(), 0700) != 0) return;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().filename().string().rfind("override-", 0) == 0) fs::remove(e.path(), ec);
    const fs::path tmp = file.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return;
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (done != bytes.size() || ::rename(tmp.c_str(), file.c_str()) != 0) ::unlink(tmp.c_str());
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
    std::optional<Bytes> bytes = key.empty() ? std::nullopt : read_cache(cached);
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
