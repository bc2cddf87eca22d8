#include "install/file_ops.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#ifndef _WIN32
#include <unistd.h>
#endif

#include "util/private_write.hpp"

namespace og::install {

namespace fs = std::filesystem;

namespace {

Error io_error(const std::string& what, const fs::path& p, const std::error_code& ec) {
    const bool denied = ec == std::errc::permission_denied ||
                        ec == std::errc::operation_not_permitted ||
                        ec == std::errc::read_only_file_system;
    return make_error(denied ? "permission_denied" : "io_error",
                      "cannot " + what + " " + p.string() + ": " + ec.message());
}

}  // namespace

Result<std::string> read_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return make_error("not_found", file.string() + " does not exist");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return io_error("read", file,
                        std::error_code(errno ? errno : EIO, std::generic_category()));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Status write_file_atomic(const fs::path& file, const std::string& content, unsigned mode) {
    return util::write_file_replacing(file, content, mode);
}

Result<std::vector<fs::path>> create_dirs(const fs::path& dir, unsigned mode) {
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
        std::error_code ec;
        if (fs::exists(p, ec)) break;
        missing.insert(missing.begin(), p);
        if (p == p.parent_path()) break;
    }
    for (const auto& p : missing) {
        std::error_code ec;
        fs::create_directory(p, ec);
        if (ec) return io_error("create folder", p, ec);
        fs::permissions(p, static_cast<fs::perms>(mode), fs::perm_options::replace, ec);
    }
    return missing;
}

bool is_executable_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return false;
#ifdef _WIN32
    return true;
#else
    return ::access(file.c_str(), X_OK) == 0;
#endif
}

std::string shell_quote(const std::string& s) {
#ifdef _WIN32
    // cmd.exe and PowerShell: double quotes around a path with spaces; '"' cannot occur in one.
    if (!s.empty() && s.find_first_of(" &()[]{}^=;!'+,`~%$@") == std::string::npos) return s;
    return "\"" + s + "\"";
#endif
    if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789@%+=:,./-_") == std::string::npos)
        return s;
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

}  // namespace og::install
