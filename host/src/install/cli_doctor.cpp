// `optout-guide-host doctor [--json]`: exit 0 only when every browser found is ready.
#include <iostream>

#include "install/cli_common.hpp"
#include "install/commands.hpp"
#include "install/doctor.hpp"
#include "install/options.hpp"

namespace og::install {

namespace {

constexpr const char* kUsage =
    "usage: optout-guide-host doctor [--json]\n"
    "  Checks, for every browser found, that it can start the host, and prints the command\n"
    "  that fixes each problem. Exit status 0 only when every browser is ready.\n";

}  // namespace

int cli_doctor(const std::vector<std::string>& args) {
    auto parsed = parse_options(args, {"--json"});
    if (!parsed) return fail("doctor", parsed.error().message + "\n" + kUsage, 2);
    if (parsed->help) {
        std::cout << kUsage;
        return 0;
    }
    DoctorContext ctx{environment_from_process(), product_identity(), self_command()};
    const DoctorReport report = run_doctor(ctx);
    std::cout << (parsed->json ? report_json(report) : report_text(report));
    return report.ok() ? 0 : 1;
}

}  // namespace og::install
