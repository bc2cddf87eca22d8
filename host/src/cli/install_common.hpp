#pragma once
// Shared by the install / uninstall / doctor commands: how to name this program in the commands
// we print, and how to report errors on the way out.
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/options.hpp"

namespace og::cli {

// "optout-guide-host" when PATH finds this very program, else its quoted absolute path, so a
// printed fix command can be pasted as is.
std::string self_command();

// The options of install / uninstall / doctor: `spec` plus --help (-h); no positional argument.
// Errors in `lang`.
Result<Options> command_options(const std::vector<std::string>& args, OptionSpec spec,
                                std::string_view lang = "en");

// Prints "optout-guide-host <cmd>: <message>" on `err`; returns `status`.
int fail(std::ostream& err, const std::string& cmd, const std::string& message, int status);

}  // namespace og::cli
