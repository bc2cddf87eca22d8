#pragma once
// Command-line options of install / uninstall / doctor. Pure: arguments in, options or a
// usage error naming the bad argument out.
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace og::install {

struct Options {
    std::vector<std::string> browsers;     // --browser NAME (repeatable, or comma-separated)
    bool system = false;                   // --system
    bool dry_run = false;                  // --dry-run
    bool purge = false;                    // --purge
    bool yes = false;                      // --yes
    bool json = false;                     // --json
    bool help = false;                     // --help / -h
    std::optional<std::string> host_path;  // --host-path P
};

// `allowed` lists the long options this command accepts, e.g. {"--browser", "--system"}.
Result<Options> parse_options(const std::vector<std::string>& args,
                              const std::vector<std::string>& allowed);

}  // namespace og::install
