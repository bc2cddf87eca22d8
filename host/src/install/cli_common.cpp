#include "install/cli_common.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "install/file_ops.hpp"
#include "install/self_path.hpp"

namespace og::install {

namespace fs = std::filesystem;

std::string self_command() {
    auto self = self_executable_path();
    if (!self) return "optout-guide-host";
    const char* path = std::getenv("PATH");
    std::string p = path ? path : "";
    size_t start = 0;
    while (start <= p.size()) {
        size_t colon = p.find(':', start);
        std::string dir = p.substr(start, colon == std::string::npos ? colon : colon - start);
        if (!dir.empty()) {
            std::error_code ec;
            auto candidate = fs::path(dir) / self->filename();
            if (fs::exists(candidate, ec) && fs::equivalent(candidate, *self, ec))
                return self->filename().string();
            // The first match on PATH is what the shell runs: a different program shadows us.
            if (fs::exists(candidate, ec)) break;
        }
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return shell_quote(self->string());
}

int fail(const std::string& cmd, const std::string& message, int status) {
    std::cerr << "optout-guide-host " << cmd << ": " << message << "\n";
    return status;
}

}  // namespace og::install
