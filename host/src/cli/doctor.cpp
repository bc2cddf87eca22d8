// `optout-guide-host doctor [--json]`: exit 0 only when every browser found is ready.
#include <ostream>

#include "cli/cli.hpp"
#include "cli/install_common.hpp"
#include "cli/options.hpp"
#include "install/doctor.hpp"

namespace og::cli {

namespace {

constexpr const char* kUsage =
    "usage: optout-guide-host doctor [--json]\n"
    "  Checks, for every browser found, that it can start the host, and prints the command\n"
    "  that fixes each problem. Exit status 0 only when every browser is ready.\n";

}  // namespace

int cmd_doctor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto parsed = command_options(args, {{"--json"}});
    if (!parsed) return fail(err, "doctor", parsed.error().message + "\n" + kUsage, kExitUsage);
    if (parsed->has("--help")) {
        out << kUsage;
        return kExitOk;
    }
    install::DoctorContext ctx{install::environment_from_process(), install::product_identity(),
                               self_command()};
    const install::DoctorReport report = install::run_doctor(ctx);
    out << (parsed->has("--json") ? install::report_json(report)
                                  : install::report_text(report, language_from_env(std::nullopt)));
    return report.ok() ? kExitOk : kExitFailure;
}

}  // namespace og::cli
