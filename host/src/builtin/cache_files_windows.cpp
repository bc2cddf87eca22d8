#include <fstream>
#include <iterator>
#include <system_error>

#include "builtin/cache_files.hpp"
#include "util/file_stamp.hpp"
#include "util/private_write.hpp"

namespace og::catalog {

namespace fs = std::filesystem;

// No inodes on Windows: names, sizes and write times (100 ns) tell an edit apart.
bool list_entries(const fs::path& dir, std::vector<std::string>& lines) {
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, ec), end;
    if (ec) return false;
    for (; it != end; it.increment(ec)) {
        if (ec) return false;
        if (it.depth() > 16) return false;
        const auto& e = *it;
        lines.push_back(fs::relative(e.path(), dir, ec).generic_string() + " " +
                        util::file_stamp(e.path()).value_or("?") + " " +
                        (e.is_directory(ec) ? "d" : "f"));
    }
    return !ec;
}

// Read whole: the packs are small, and a mapped file could not be replaced while mapped.
std::optional<Bytes> read_private_cache(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(file, ec)) || !util::owner_only(file))
        return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    auto text = std::make_shared<std::string>(std::istreambuf_iterator<char>(in),
                                              std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return std::nullopt;
    if (text->empty()) return std::nullopt;
    return Bytes{*text, text};
}

}  // namespace og::catalog
