#include "cli/cli.hpp"

#include <ostream>

#include "cli/installer_output.hpp"
#include "cli/options.hpp"
#include "env/host_env.hpp"
#include "og/identity.hpp"
#include "util/messages.hpp"

namespace og::cli {

void print_help(std::ostream& out, std::string_view lang) {
    out << messages::format(
               lang, "cli.help",
               {{"version", OG_VERSION}, {"host_name", std::string(identity::kHostName)}})
        << "\n";
}

int cmd_version(std::ostream& out) {
    // The first line stays as it is in every language: scripts and the release stage read it.
    const std::string lang = language_from_env(std::nullopt);
    const auto env = env::open_env(false);
    out << "optout-guide-host " << OG_VERSION << "\n"
        << messages::format(lang, "cli.version.protocol", {{"n", "1"}}) << "\n"
        << messages::format(lang, "cli.version.catalog",
                            {{"version", std::to_string(env.catalog.version)},
                             {"source", catalog_source(lang, env.catalog.source)}})
        << "\n";
    return kExitOk;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string lang = language_from_env(std::nullopt);
    if (args.empty()) {
        print_help(out, lang);
        return kExitOk;
    }
    const std::string& command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
        print_help(out, lang);
        return kExitOk;
    }
    if (command == "--version") return cmd_version(out);
    if (command == "status") return cmd_status(rest, out, err);
    if (command == "export") return cmd_export(rest, out, err);
    if (command == "reset") return cmd_reset(rest, out, err);
    if (command == "catalog") return cmd_catalog(rest, out, err);
    // The Windows installer runs these two and shows what they print (cli/installer_output.hpp).
    if (command == "install" || command == "uninstall")
        return with_installer_output(out, err, [&](std::ostream& o, std::ostream& e) {
            return command == "install" ? cmd_install(rest, o, e) : cmd_uninstall(rest, o, e);
        });
    if (command == "doctor") return cmd_doctor(rest, out, err);
    if (command == "report") return cmd_report(rest, out, err);
    err << "optout-guide-host: "
        << messages::format(lang, "cli.error.unknown_command", {{"command", command}}) << "\n";
    return kExitUsage;
}

}  // namespace og::cli
