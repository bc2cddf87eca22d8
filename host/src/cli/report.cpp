// `report --export FILE`: the "This isn't what I see" reports the extension stored, written to
// a file the person may choose to send to the maintainers (docs/catalog.md says what they do
// with it). Nothing is sent from here.
#include <nlohmann/json.hpp>

#include <ostream>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "env/host_env.hpp"
#include "og/identity.hpp"
#include "record/reports.hpp"
#include "util/messages.hpp"
#include "util/private_write.hpp"

namespace og::cli {

int cmd_report(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string lang = language_from_env(std::nullopt);
    auto opts = parse_options(args, {{}, {"--export"}, {}}, lang);
    if (!opts || !opts->positional.empty() || !opts->value("--export")) {
        err << "optout-guide-host report: "
            << (!opts ? opts.error().message
                : !opts->positional.empty()
                    ? messages::format(lang, "cli.error.unexpected_argument",
                                       {{"argument", opts->positional[0]}})
                    : messages::format(lang, "cli.error.required", {{"option", "--export"}}))
            << "\n"
            << messages::text(lang, "cli.usage.report") << "\n";
        return kExitUsage;
    }
    const auto env = env::open_env();
    if (!env.store) {
        err << "optout-guide-host report: "
            << messages::format(lang, "status.store_error",
                                {{"path", env.health.path},
                                 {"error", env.health.error.value_or("unknown error")}})
            << "\n";
        return kExitFailure;
    }
    auto reports = env.store->reports();
    if (!reports) {
        err << "optout-guide-host report: " << reports.error().message << "\n";
        return kExitFailure;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : *reports) {
        auto entry = record::report_entry(r);
        if (!entry) {
            // Written by this program, so unreadable means damaged: say so, keep the rest.
            err << "optout-guide-host report: "
                << messages::format(lang, "cli.report.unreadable", {{"seq", std::to_string(r.seq)}})
                << "\n";
            continue;
        }
        list.push_back(std::move(*entry));
    }
    nlohmann::json file = record::reports_header(env.catalog.version, lang);
    file["reports"] = std::move(list);
    const std::string path = *opts->value("--export");
    if (auto written = util::write_file_replacing(path, file.dump(2) + "\n", 0600); !written) {
        err << "optout-guide-host report: " << written.error().message << "\n";
        return kExitFailure;
    }
    out << messages::format(lang, "cli.report.written",
                            {{"count", std::to_string(file["reports"].size())}, {"file", path}})
        << "\n";
    return kExitOk;
}

}  // namespace og::cli
