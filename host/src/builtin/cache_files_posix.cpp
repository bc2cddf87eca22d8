#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include "builtin/cache_files.hpp"

namespace og::catalog {

namespace {

// Plain POSIX calls: this walk stats every file of the override (one fstatat each), and
// std::filesystem's iterator costs ten times as much per entry. Each line is the relative name,
// a NUL, then the stat fields as raw bytes: formatting them as text cost more than the walk.
bool list_below(int dirfd, const std::string& prefix, std::vector<std::string>& lines, int depth) {
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
#ifdef __APPLE__
        const auto& mtime = st.st_mtimespec;
#else
        const auto& mtime = st.st_mtim;
#endif
        const std::uint64_t fields[] = {
            static_cast<std::uint64_t>(st.st_dev),     static_cast<std::uint64_t>(st.st_ino),
            static_cast<std::uint64_t>(st.st_size),    static_cast<std::uint64_t>(mtime.tv_sec),
            static_cast<std::uint64_t>(mtime.tv_nsec), static_cast<std::uint64_t>(st.st_mode)};
        std::string line;
        line.reserve(prefix.size() + name.size() + 1 + sizeof fields);
        line.append(prefix).append(name).push_back('\0');
        line.append(reinterpret_cast<const char*>(fields), sizeof fields);
        lines.push_back(std::move(line));
        if (S_ISDIR(st.st_mode)) {
            const int sub = ::openat(::dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            ok = depth < 16 && sub >= 0 &&
                 list_below(sub, prefix + std::string(name) + "/", lines, depth + 1) && ok;
        }
    }
    ::closedir(d);
    return ok;
}

}  // namespace

bool list_entries(const std::filesystem::path& dir, std::vector<std::string>& lines) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return fd >= 0 && list_below(fd, "", lines, 0);
}

// Mapped, so a large override costs nothing until a page is read.
std::optional<Bytes> read_private_cache(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_uid != ::geteuid() || (st.st_mode & 077) != 0 ||
        st.st_size <= 0) {
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) return std::nullopt;
    std::shared_ptr<const void> keep(
        map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
    return Bytes{std::string_view(static_cast<const char*>(map), size), keep};
}

}  // namespace og::catalog
