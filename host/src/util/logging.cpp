#include "util/logging.hpp"

#include <algorithm>
#include <cctype>

#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include "util/env_var.hpp"
#include "util/private_write.hpp"

namespace og::logging {

// Control characters in a logged value (a request `type` holding a newline, say) are written as
// \xNN, so no value can forge a line of its own in the log.
std::string escape_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

namespace {

// Escapes each message before the file sink formats and writes it.
class EscapingSink : public spdlog::sinks::base_sink<std::mutex> {
  public:
    explicit EscapingSink(std::shared_ptr<spdlog::sinks::sink> inner) : inner_(std::move(inner)) {}

  protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        const std::string clean =
            escape_controls(std::string_view(msg.payload.data(), msg.payload.size()));
        spdlog::details::log_msg copy(msg.time, msg.source, msg.logger_name, msg.level, clean);
        inner_->log(copy);
    }
    void flush_() override { inner_->flush(); }
    void set_pattern_(const std::string& pattern) override { inner_->set_pattern(pattern); }
    void set_formatter_(std::unique_ptr<spdlog::formatter> f) override {
        inner_->set_formatter(std::move(f));
    }

  private:
    std::shared_ptr<spdlog::sinks::sink> inner_;
};

}  // namespace

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
        std::error_code ec;
        const auto dir = file.parent_path();
        // spdlog opens the log by name and follows links: a link planted in place of the log or
        // its folder would have the host append to, and open up, whatever it points at.
        for (const auto& p : {dir, file})
            if (std::filesystem::is_symlink(std::filesystem::symlink_status(p, ec)))
                return "not writing the log: " + p.string() +
                       " is a symbolic link (replace it with a real " +
                       (p == dir ? "folder" : "file") + ")";
        // A folder that cannot be made shows up as the sink's own error just below.
        (void)util::make_private_dir(dir);
        // The log and every file rotation makes are the user's alone: spdlog creates them
        // without a mode of its own, so new files are made private for the host, whose files
        // all are.
        util::make_new_files_private();
        // native(): wide on Windows (spdlog built with SPDLOG_WCHAR_FILENAMES there), so a
        // profile folder such as "C:\Users\Zoé" opens.
        auto file_sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            file.native(), kMaxFileSize, kMaxFiles - 1);
        auto sink = std::make_shared<EscapingSink>(std::move(file_sink));
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
