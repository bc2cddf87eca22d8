// `optout-guide-host doctor [--json]`: exit 0 only when every browser found is ready.
#include <ostream>

#include "cli/cli.hpp"
#include "cli/install_common.hpp"
#include "cli/options.hpp"
#include "install/doctor.hpp"
#include "util/messages.hpp"

namespace og::cli {

int cmd_doctor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string lang = language_from_env(std::nullopt);
    const std::string usage = std::string(messages::text(lang, "cli.usage.doctor")) + "\n";
    auto parsed = command_options(args, {{"--json"}}, lang);
    if (!parsed) return fail(err, "doctor", parsed.error().message + "\n" + usage, kExitUsage);
    if (parsed->has("--help")) {
        out << usage;
        return kExitOk;
    }
    install::DoctorContext ctx{install::environment_from_process(), install::product_identity(),
                               self_command()};
    const install::DoctorReport report = install::run_doctor(ctx);
    out << (parsed->has("--json") ? install::report_json(report, lang)
                                  : install::report_text(report, lang));
    return report.ok() ? kExitOk : kExitFailure;
}

}  // namespace og::cli
