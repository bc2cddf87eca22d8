#include <iomanip>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "env/host_env.hpp"
#include "record/progress.hpp"

namespace og::cli {

int cmd_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto opts = parse_options(args, {{"--json"}, {}, {}});
    if (!opts || !opts->positional.empty()) {
        err << "optout-guide-host status: "
            << (opts ? "unexpected argument " + opts->positional[0] : opts.error().message)
            << "\nusage: optout-guide-host status [--json]\n";
        return kExitUsage;
    }
    const auto env = env::open_env();
    if (!env.store) {
        err << "optout-guide-host status: the progress store " << env.health.path
            << " cannot be opened: " << env.health.error.value_or("unknown error") << "\n";
        return kExitFailure;
    }
    auto rows = record::progress_rows(env.catalog, env.store.get(), {});
    if (!rows) {
        err << "optout-guide-host status: " << rows.error().message << "\n";
        return kExitFailure;
    }
    if (opts->has("--json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : *rows) list.push_back(record::progress_json(r));
        out << list.dump(2) << "\n";
        return kExitOk;
    }
    out << "catalog " << env.catalog.version << " (" << env.catalog.source << "), store "
        << env.health.path << "\n";
    if (env.health.recovered)
        out << "note: a damaged store was set aside as " << *env.health.recovered << "\n";
    const std::string lang = language_from_env(std::nullopt);
    out << std::left << std::setw(34) << "PROCEDURE" << std::setw(22) << "ACCOUNT" << std::setw(13)
        << "STATE" << std::setw(9) << "STEP" << std::setw(22) << "SUBMITTED"
        << "CONFIRMED\n";
    for (const auto& r : *rows) {
        out << std::left << std::setw(34) << r.procedure_id << std::setw(22)
            << (catalog::platform_name(env.catalog, r.platform, lang) + "/" + r.account)
            << std::setw(13) << progress::to_string(r.state) << std::setw(9)
            << (std::to_string(r.step_index) + "/" + std::to_string(r.step_count)) << std::setw(22)
            << r.submitted_at.value_or("-") << r.confirmed_at.value_or("-") << "\n";
    }
    return kExitOk;
}

}  // namespace og::cli
