#include "catalog/override_store.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace og::catalog {
namespace {

namespace fs = std::filesystem;

Error failed(const std::string& what, const fs::path& p, int err) {
    return make_error("catalog_not_saved", "the catalog could not be kept: " + what + " " +
                                               p.string() + ": " + std::strerror(err));
}

Status write_file(const fs::path& p, const std::string& text) {
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return failed("cannot create", p, errno);
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int err = errno;
            ::close(fd);
            return failed("cannot write", p, err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) return failed("cannot finish", p, errno);
    return Ok{};
}

// A fresh 0700 folder "<dir>.<tag>-XXXXXX" beside `dir`.
Result<fs::path> fresh_folder(const fs::path& dir, const char* tag) {
    std::string templ = dir.string() + "." + tag + "-XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr)
        return failed("cannot create a folder beside", dir, errno);
    return fs::path(templ);
}

}  // namespace

Status save_override(const fs::path& dir, const std::vector<SourceFile>& files) {
    std::error_code ec;
    fs::create_directories(dir.parent_path(), ec);
    if (ec) return failed("cannot create", dir.parent_path(), ec.value());
    auto tmp = fresh_folder(dir, "new");
    if (!tmp) return tmp.error();
    auto discard = [&] { fs::remove_all(*tmp, ec); };
    if (::mkdir((*tmp / "procedures").c_str(), 0700) != 0) {
        int err = errno;
        discard();
        return failed("cannot create", *tmp / "procedures", err);
    }
    for (const auto& f : files) {
        // The loader accepted only "catalog.json" and "procedures/<id>.json".
        if (auto w = write_file(*tmp / f.path, f.text); !w) {
            discard();
            return w.error();
        }
    }
    // Move the old folder aside (a symbolic link is moved as the link, not followed), put the
    // new one in its place, then drop the old one.
    std::optional<fs::path> old;
    struct stat st {};
    if (::lstat(dir.c_str(), &st) == 0) {
        std::string aside = dir.string() + ".old-" +
                            tmp->filename().string().substr(tmp->filename().string().size() - 6);
        if (::rename(dir.c_str(), aside.c_str()) != 0) {
            int err = errno;
            discard();
            return failed("cannot move aside", dir, err);
        }
        old = aside;
    }
    if (::rename(tmp->c_str(), dir.c_str()) != 0) {
        int err = errno;
        if (old) ::rename(old->c_str(), dir.c_str());
        discard();
        return failed("cannot put in place", dir, err);
    }
    if (old) {
        if (S_ISLNK(st.st_mode))
            ::unlink(old->c_str());
        else
            fs::remove_all(*old, ec);
    }
    return Ok{};
}

}  // namespace og::catalog
