#pragma once
// Shared by the install / uninstall / doctor commands: how to name this program in the commands
// we print, and how to report errors on the way out.
#include <string>

#include "util/result.hpp"

namespace og::install {

// "optout-guide-host" when PATH finds this very program, else its quoted absolute path, so a
// printed fix command can be pasted as is.
std::string self_command();

// Prints "optout-guide-host <cmd>: <message>" on stderr; returns `status`.
int fail(const std::string& cmd, const std::string& message, int status);

}  // namespace og::install
