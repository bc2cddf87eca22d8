#include "util/logging.hpp"

#include <algorithm>
#include <cctype>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include "util/env_var.hpp"
#include "util/private_fs.hpp"

namespace og::logging {

std::optional<spdlog::level::level_enum> parse_level(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "trace") return spdlog::level::trace;
    if (lower == "debug") return spdlog::level::debug;
    if (lower == "info") return spdlog::level::info;
    if (lower == "warn" || lower == "warning") return spdlog::level::warn;
    if (lower == "error") return spdlog::level::err;
    if (lower == "off") return spdlog::level::off;
    return std::nullopt;
}

void silence() {
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("og", std::make_shared<spdlog::sinks::null_sink_mt>()));
}

std::optional<std::string> init(const std::filesystem::path& file) {
    silence();
    auto level = spdlog::level::info;
    std::optional<std::string> level_problem;
    if (const auto env = env_var::non_empty(kLevelVariable)) {
        if (auto parsed = parse_level(*env))
            level = *parsed;
        else
            level_problem = std::string("ignored ") + kLevelVariable + "=" + *env +
                            " (expected trace, debug, info, warn, error or off)";
    }
    if (level == spdlog::level::off) return std::nullopt;
    try {
        // The log names the pages a person was guided through: the owner's only, like the store.
        // A folder that cannot be made shows up as the sink's own error just below.
        (void)private_fs::create_private_dir(file.parent_path());
        (void)private_fs::create_private_file(file);
        // native(): wide on Windows (spdlog built with SPDLOG_WCHAR_FILENAMES there), so a
        // profile folder such as "C:\Users\Zoé" opens.
        auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            file.native(), kMaxFileSize, kMaxFiles - 1);
        auto logger = std::make_shared<spdlog::logger>("og", std::move(sink));
        logger->set_level(level);
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%P] %l %v");
        logger->flush_on(spdlog::level::info);
        spdlog::set_default_logger(std::move(logger));
    } catch (const std::exception& e) {
        silence();
        return std::string("cannot open the log file ") + file.string() + ": " + e.what();
    }
    if (level_problem) spdlog::warn("{}", *level_problem);
    return std::nullopt;
}

}  // namespace og::logging
