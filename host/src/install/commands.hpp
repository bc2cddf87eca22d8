#pragma once
// Registration of the host with the browsers (issue: install/doctor). Entry points called by
// the CLI dispatcher with the arguments after the subcommand name.
#include <string>
#include <vector>

namespace og::install {
int cli_install(const std::vector<std::string>& args);
int cli_uninstall(const std::vector<std::string>& args);
int cli_doctor(const std::vector<std::string>& args);
}  // namespace og::install
