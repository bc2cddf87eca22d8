#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "env/host_env.hpp"
#include "record/progress.hpp"
#include "record/record.hpp"
#include "util/messages.hpp"
#include "util/private_write.hpp"
#include "util/stream_write.hpp"
#include "util/utf8_path.hpp"

namespace og::cli {

int cmd_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    // Messages follow the environment; --lang chooses the record's language.
    const std::string say_lang = language_from_env(std::nullopt);
    const std::string usage = std::string(messages::text(say_lang, "cli.usage.export")) + "\n";
    auto opts =
        parse_options(args, {{}, {"--format", "-o", "--lang"}, {{"--output", "-o"}}}, say_lang);
    if (!opts || !opts->positional.empty()) {
        err << "optout-guide-host export: "
            << (opts ? messages::format(say_lang, "cli.error.unexpected_argument",
                                        {{"argument", opts->positional[0]}})
                     : opts.error().message)
            << "\n"
            << usage;
        return kExitUsage;
    }
    const std::string format = opts->value("--format").value_or("json");
    if (format != "json" && format != "html") {
        err << "optout-guide-host export: "
            << messages::format(say_lang, "cli.error.format", {{"format", format}}) << "\n"
            << usage;
        return kExitUsage;
    }
    const auto env = env::open_env();
    if (!env.store) {
        err << "optout-guide-host export: "
            << messages::format(say_lang, "status.store_error",
                                {{"path", env.health.path},
                                 {"error", env.health.error.value_or("unknown error")}})
            << "\n";
        return kExitFailure;
    }
    const std::string lang = language_from_env(opts->value("--lang"));
    auto rec = record::render(env.catalog, env.store.get(), {format, lang, record::now_utc(), {}});
    if (!rec) {
        err << "optout-guide-host export: " << rec.error().message << "\n";
        return kExitFailure;
    }
    const std::string& text = *rec;
    if (auto file = opts->value("-o")) {
        // A pipe or a terminal (-o /dev/stdout) is written as it is. A file: the record says what
        // a person objected to; like the store, only its owner may read it, even when it
        // replaces a file that others could.
        const auto path = utf8_path(*file);
        auto streamed = util::write_to_stream_file(path, text);
        const Status written =
            streamed ? std::move(*streamed) : util::write_file_replacing(path, text, 0600);
        if (!written) {
            err << "optout-guide-host export: " << written.error().message << "\n";
            return kExitFailure;
        }
        err << messages::format(say_lang, "cli.export.written", {{"file", *file}}) << "\n";
    } else {
        out << text;
    }
    return kExitOk;
}

}  // namespace og::cli
