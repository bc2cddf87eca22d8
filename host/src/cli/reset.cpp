#include <ostream>
#include <random>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "env/host_env.hpp"
#include "record/progress.hpp"
#include "util/messages.hpp"

namespace og::cli {

int cmd_reset(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string lang = language_from_env(std::nullopt);
    auto opts = parse_options(args, {{}, {"--account"}, {}}, lang);
    if (!opts || opts->positional.size() != 1) {
        err << "optout-guide-host reset: "
            << (!opts ? opts.error().message
                : opts->positional.empty()
                    ? std::string(messages::text(lang, "cli.error.which_procedure"))
                    : std::string(messages::text(lang, "cli.error.one_procedure")))
            << "\n"
            << messages::text(lang, "cli.usage.reset") << "\n";
        return kExitUsage;
    }
    const auto env = env::open_env();
    const std::string& id = opts->positional[0];
    const catalog::Procedure* proc = env.catalog.find(id);
    if (proc == nullptr) {
        err << "optout-guide-host reset: "
            << messages::format(lang, "cli.error.unknown_procedure", {{"id", id}}) << "\n";
        return kExitFailure;
    }
    if (!env.store) {
        err << "optout-guide-host reset: "
            << messages::format(lang, "status.store_error",
                                {{"path", env.health.path},
                                 {"error", env.health.error.value_or("unknown error")}})
            << "\n";
        return kExitFailure;
    }
    const std::string account = opts->value("--account").value_or(record::kDefaultAccount);
    store::Event ev;
    std::mt19937_64 rng{std::random_device{}()};
    ev.event_id = "reset-cli-" + std::to_string(rng());
    ev.platform = proc->platform;
    ev.account = account;
    ev.procedure_id = proc->id;
    ev.type = "reset";
    ev.client = "cli";
    ev.catalog_version = env.catalog.version;
    auto appended = env.store->append(ev);
    if (!appended) {
        err << "optout-guide-host reset: " << appended.error().message << "\n";
        return kExitFailure;
    }
    auto progress = record::progress_of(*proc, account, env.store.get());
    if (!progress) {
        err << "optout-guide-host reset: " << progress.error().message << "\n";
        return kExitFailure;
    }
    const std::string state = "state." + std::string(progress::to_string(progress->state));
    out << messages::format(lang, "cli.reset.done",
                            {{"procedure", proc->id},
                             {"account", catalog::platform_name(env.catalog, proc->platform, lang) +
                                             "/" + account},
                             {"state", std::string(messages::text(lang, state))}})
        << "\n";
    return kExitOk;
}

}  // namespace og::cli
