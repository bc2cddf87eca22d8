#include "cli/cli.hpp"

#include <ostream>

#include "env/host_env.hpp"
#include "og/identity.hpp"

namespace og::cli {

void print_help(std::ostream& out) {
    out << "optout-guide-host " << OG_VERSION << R"( — the optout-guide browser extension's helper.

Browsers start this program themselves (native messaging host )"
        << identity::kHostName << R"(); run by hand it
shows and exports your progress in objecting to Meta's AI training.

Usage:
  optout-guide-host status [--json]            each procedure: state, step k of n, dates
  optout-guide-host export [--format json|html] [-o FILE] [--lang en|fr|de|es|it]
                                               the dated record of your objections
  optout-guide-host reset PROCEDURE [--account A]
                                               start a procedure again (history is kept)
  optout-guide-host report --export FILE       write the "This isn't what I see" reports
                                               to FILE, for you to send if you wish
  optout-guide-host catalog list               the procedures this version knows
  optout-guide-host catalog check PATH         validate a catalog folder or file
  optout-guide-host install [--help]           register with your browsers
  optout-guide-host uninstall [--help]         remove that registration
  optout-guide-host doctor                     check the registration
  optout-guide-host --version | --help

Files:
  progress   $XDG_DATA_HOME/optout-guide/progress.db   (~/.local/share/optout-guide/)
  catalog    $XDG_CONFIG_HOME/optout-guide/catalog/    (a newer catalog you add)
  log        $XDG_STATE_HOME/optout-guide/host.log     (level: OPTOUT_GUIDE_LOG=trace|debug|info|warn|error|off)
)";
}

int cmd_version(std::ostream& out) {
    const auto env = env::open_env(false);
    out << "optout-guide-host " << OG_VERSION << "\n"
        << "protocol 1\n"
        << "catalog " << env.catalog.version << " (" << env.catalog.source << ")\n";
    return kExitOk;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty()) {
        print_help(out);
        return kExitOk;
    }
    const std::string& command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
        print_help(out);
        return kExitOk;
    }
    if (command == "--version") return cmd_version(out);
    if (command == "status") return cmd_status(rest, out, err);
    if (command == "export") return cmd_export(rest, out, err);
    if (command == "reset") return cmd_reset(rest, out, err);
    if (command == "catalog") return cmd_catalog(rest, out, err);
    if (command == "install") return cmd_install(rest, out, err);
    if (command == "uninstall") return cmd_uninstall(rest, out, err);
    if (command == "doctor") return cmd_doctor(rest, out, err);
    if (command == "report") return cmd_report(rest, out, err);
    err << "optout-guide-host: unknown command \"" << command << "\" (see --help)\n";
    return kExitUsage;
}

}  // namespace og::cli
