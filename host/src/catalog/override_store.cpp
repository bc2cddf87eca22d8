#include "catalog/override_store.hpp"

#include <random>
#include <string>
#include <system_error>

#include "util/private_write.hpp"

namespace og::catalog {
namespace {

namespace fs = std::filesystem;

Error failed(const std::string& what, const fs::path& p, const std::error_code& ec) {
    return make_error("catalog_not_saved", "the catalog could not be kept: " + what + " " +
                                               p.string() + ": " + ec.message());
}

// A fresh private folder "<dir>.<tag>-<random>" beside `dir`, made by this call alone.
Result<fs::path> fresh_folder(const fs::path& dir, const char* tag) {
    std::random_device rd;
    std::error_code ec;
    for (int attempt = 0; attempt < 16; ++attempt) {
        const fs::path p = dir.string() + "." + tag + "-" + std::to_string(rd() % 1000000);
        if (!fs::create_directory(p, ec)) {
            if (ec) return failed("cannot create a folder beside", dir, ec);
            continue;  // taken: another name
        }
        if (auto made = util::make_private_dir(p); !made)
            return make_error("catalog_not_saved",
                              "the catalog could not be kept: " + made.error().message);
        return p;
    }
    return failed("cannot create a folder beside", dir,
                  std::make_error_code(std::errc::file_exists));
}

}  // namespace

Status save_override(const fs::path& dir, const std::vector<SourceFile>& files) {
    std::error_code ec;
    fs::create_directories(dir.parent_path(), ec);
    if (ec) return failed("cannot create", dir.parent_path(), ec);
    auto tmp = fresh_folder(dir, "new");
    if (!tmp) return tmp.error();
    auto discard = [&] { fs::remove_all(*tmp, ec); };
    if (auto made = util::make_private_dir(*tmp / "procedures"); !made) {
        discard();
        return make_error("catalog_not_saved",
                          "the catalog could not be kept: " + made.error().message);
    }
    for (const auto& f : files) {
        // The loader accepted only "catalog.json" and "procedures/<id>.json".
        if (auto w = util::write_file_replacing(*tmp / f.path, f.text, 0600); !w) {
            discard();
            return make_error("catalog_not_saved",
                              "the catalog could not be kept: " + w.error().message);
        }
    }
    // Move the old folder aside (a symbolic link is moved as the link, not followed), put the
    // new one in its place, then drop the old one.
    std::optional<fs::path> old;
    const auto st = fs::symlink_status(dir, ec);
    if (fs::exists(st)) {
        const std::string name = tmp->filename().string();
        fs::path aside = dir.string() + ".old-" + name.substr(name.rfind('-') + 1);
        fs::rename(dir, aside, ec);
        if (ec) {
            const auto why = ec;
            discard();
            return failed("cannot move aside", dir, why);
        }
        old = aside;
    }
    fs::rename(*tmp, dir, ec);
    if (ec) {
        const auto why = ec;
        if (old) fs::rename(*old, dir, ec);
        discard();
        return failed("cannot put in place", dir, why);
    }
    if (old) {
        if (fs::is_symlink(st))
            fs::remove(*old, ec);
        else
            fs::remove_all(*old, ec);
    }
    return Ok{};
}

}  // namespace og::catalog
