#pragma once
// The terminal side of optout-guide-host: status, export, reset, catalog, and install /
// uninstall / doctor (whose registration logic lives in install/). Results go to `out`,
// problems to `err`.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace og::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// `args[0]` is the command ("status", "export", ...).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// In `lang` (util/messages.hpp).
void print_help(std::ostream& out, std::string_view lang);

int cmd_status(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_reset(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_catalog(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_install(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_uninstall(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_report(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_doctor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int cmd_version(std::ostream& out);

}  // namespace og::cli
