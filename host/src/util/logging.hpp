#pragma once
// Logging goes to a rotating file and nowhere else: stdout belongs to the protocol, and stderr
// lands in the browser's console, which is not the place for a diagnostic trail.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/common.h>

namespace og::logging {

inline constexpr const char* kLevelVariable = "OPTOUT_GUIDE_LOG";
inline constexpr std::size_t kMaxFileSize = 1024 * 1024;
inline constexpr std::size_t kMaxFiles = 3;

// `text` with every control character written as \xNN (log lines cannot be forged).
std::string escape_controls(std::string_view text);

// "trace debug info warn error off" (case-insensitive); nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_level(std::string_view text);

// Installs the default logger: a rotating file at `file` (folder created 0700), level from
// OPTOUT_GUIDE_LOG (default info). When the file cannot be opened the host runs without a log
// rather than failing; the reason is returned so a caller can mention it.
std::optional<std::string> init(const std::filesystem::path& file);

// Replaces spdlog's default logger (which writes to stdout) with one that drops everything.
void silence();

}  // namespace og::logging
