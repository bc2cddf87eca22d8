#include "cli/install_common.hpp"

#include <filesystem>
#include <ostream>
#include <system_error>

#include "install/file_ops.hpp"
#include "install/self_path.hpp"
#include "util/env_var.hpp"
#include "util/messages.hpp"
#include "util/utf8_path.hpp"

namespace og::cli {

namespace fs = std::filesystem;

std::string self_command() {
    auto self = install::self_executable_path();
    if (!self) return "optout-guide-host";
    const std::string p = env_var::get("PATH").value_or("");
#ifdef _WIN32
    constexpr char kSeparator = ';';
#else
    constexpr char kSeparator = ':';
#endif
    size_t start = 0;
    while (start <= p.size()) {
        size_t colon = p.find(kSeparator, start);
        std::string dir = p.substr(start, colon == std::string::npos ? colon : colon - start);
        if (!dir.empty()) {
            std::error_code ec;
            auto candidate = utf8_path(dir) / self->filename();
            if (fs::exists(candidate, ec) && fs::equivalent(candidate, *self, ec))
                return self->filename().string();
            // The first match on PATH is what the shell runs: a different program shadows us.
            if (fs::exists(candidate, ec)) break;
        }
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return install::shell_quote(self->string());
}

Result<Options> command_options(const std::vector<std::string>& args, OptionSpec spec,
                                std::string_view lang) {
    spec.flags.insert("--help");
    spec.aliases.emplace("-h", "--help");
    auto parsed = parse_options(args, spec, lang);
    if (parsed && !parsed->positional.empty())
        return make_error("usage", messages::format(lang, "cli.error.unexpected_argument",
                                                    {{"argument", parsed->positional[0]}}));
    return parsed;
}

int fail(std::ostream& err, const std::string& cmd, const std::string& message, int status) {
    err << "optout-guide-host " << cmd << ": " << message << "\n";
    return status;
}

}  // namespace og::cli
