#include <ostream>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "env/host_env.hpp"
#include "record/progress.hpp"
#include "util/messages.hpp"

namespace og::cli {

int cmd_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string lang = language_from_env(std::nullopt);
    auto opts = parse_options(args, {{"--json"}, {}, {}}, lang);
    if (!opts || !opts->positional.empty()) {
        err << "optout-guide-host status: "
            << (opts ? messages::format(lang, "cli.error.unexpected_argument",
                                        {{"argument", opts->positional[0]}})
                     : opts.error().message)
            << "\n"
            << messages::text(lang, "cli.usage.status") << "\n";
        return kExitUsage;
    }
    auto say = [&](std::string_view key,
                   std::initializer_list<std::pair<std::string_view, std::string>> values) {
        return messages::format(lang, key, values);
    };
    const auto env = env::open_env();
    if (!env.store) {
        err << "optout-guide-host status: "
            << say("status.store_error",
                   {{"path", env.health.path}, {"error", env.health.error.value_or("?")}})
            << "\n";
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
    out << say("status.header", {{"version", std::to_string(env.catalog.version)},
                                 {"source", catalog_source(lang, env.catalog.source)},
                                 {"path", env.health.path}})
        << "\n";
    if (env.health.recovered)
        out << say("status.recovered", {{"path", *env.health.recovered}}) << "\n";
    using messages::pad;
    auto label = [&](std::string_view key) { return messages::text(lang, key); };
    out << pad(label("status.col.procedure"), 34) << pad(label("status.col.account"), 22)
        << pad(label("status.col.state"), 22) << pad(label("status.col.step"), 9)
        << pad(label("status.col.submitted"), 22) << label("status.col.confirmed") << "\n";
    for (const auto& r : *rows) {
        const std::string state = "state." + std::string(progress::to_string(r.state));
        out << pad(r.procedure_id, 34)
            << pad(catalog::platform_name(env.catalog, r.platform, lang) + "/" + r.account, 22)
            << pad(label(state), 22)
            << pad(std::to_string(r.step_index) + "/" + std::to_string(r.step_count), 9)
            << pad(r.submitted_at.value_or("-"), 22) << r.confirmed_at.value_or("-") << "\n";
    }
    return kExitOk;
}

}  // namespace og::cli
