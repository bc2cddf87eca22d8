#include "util/private_write_detail.hpp"

#include <cstdio>
#include <random>
#include <string>

namespace og::util::detail {

namespace fs = std::filesystem;

// A name nobody can plant in advance: 64 random bits from the system's generator.
fs::path temporary_beside(const fs::path& file) {
    static thread_local std::random_device source;
    const unsigned long long bits = (static_cast<unsigned long long>(source()) << 32) ^
                                    static_cast<unsigned long long>(source());
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".%016llx.tmp", bits);
    std::string name(1, '.');
    name.append(file.filename().string()).append(suffix);
    return file.parent_path() / name;
}

Error file_error(bool denied, const std::string& what, const fs::path& p, const std::string& why) {
    return make_error(denied ? "permission_denied" : "io_error",
                      "cannot " + what + " " + p.string() + ": " + why);
}

}  // namespace og::util::detail
