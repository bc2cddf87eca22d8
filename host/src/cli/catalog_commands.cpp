#include <iomanip>
#include <ostream>

#include "builtin/builtin.hpp"
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "env/host_env.hpp"
#include "util/messages.hpp"
#include "util/utf8_path.hpp"

namespace og::cli {
namespace {

int list(std::ostream& out) {
    const auto env = env::open_env(false);
    const std::string lang = language_from_env(std::nullopt);
    out << messages::format(lang, "cli.catalog.header",
                            {{"version", std::to_string(env.catalog.version)},
                             {"source", catalog_source(lang, env.catalog.source)},
                             {"verified", env.catalog.verified}})
        << "\n";
    if (env.override_error)
        out << messages::format(lang, "cli.catalog.not_used", {{"error", *env.override_error}})
            << "\n";
    for (const auto& p : env.catalog.procedures)
        out << std::left << std::setw(34) << p.id << std::setw(11) << p.platform << std::setw(10)
            << p.kind
            << messages::pad(messages::format(lang, "cli.catalog.steps",
                                              {{"n", std::to_string(p.counted_steps())}}),
                             9)
            << catalog::localized(p.title, lang) << "\n";
    return kExitOk;
}

int check(const std::string& path, std::ostream& out) {
    const std::string lang = language_from_env(std::nullopt);
    const auto problems = catalog::check_path(utf8_path(path));
    for (const auto& p : problems) out << catalog::format_problem(p) << "\n";
    if (!problems.empty()) {
        out << messages::format(lang, "cli.catalog.problems",
                                {{"count", std::to_string(problems.size())}, {"path", path}})
            << "\n";
        return kExitFailure;
    }
    out << messages::format(lang, "cli.catalog.no_problems", {{"path", path}}) << "\n";
    return kExitOk;
}

}  // namespace

int cmd_catalog(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (!args.empty() && args[0] == "list" && args.size() == 1) return list(out);
    if (!args.empty() && args[0] == "check" && args.size() == 2) return check(args[1], out);
    const std::string lang = language_from_env(std::nullopt);
    err << "optout-guide-host catalog: "
        << messages::text(
               lang, args.empty() ? "cli.error.list_or_check" : "cli.error.unexpected_arguments")
        << "\n"
        << messages::text(lang, "cli.usage.catalog") << "\n";
    return kExitUsage;
}

}  // namespace og::cli
