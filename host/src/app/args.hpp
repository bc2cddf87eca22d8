#pragma once
// What the command line asks for: serve a browser (and which one), run a CLI command, or
// refuse. Pure, so every browser's launch form is tested without starting a process.
#include <string>
#include <string_view>
#include <vector>

#include "util/messages.hpp"

namespace og::app {

enum class Mode { serve, cli, help, refuse };
enum class Browser { none, chromium, firefox };

struct Launch {
    Mode mode = Mode::refuse;
    Browser browser = Browser::none;
    std::string caller;                  // the origin or add-on ID that started us
    messages::Phrase reason;             // one line, for stderr, when mode == refuse
    std::vector<std::string> arguments;  // CLI: the command and its arguments
};

// `args` excludes argv[0]. `stdin_is_terminal` decides what no arguments at all means: help
// for a person at a terminal, refusal for anything else (no browser starts us that way).
Launch parse_launch(const std::vector<std::string>& args, bool stdin_is_terminal);

// The CLI commands the host knows (so that "status" is never mistaken for a caller).
bool is_cli_command(std::string_view word);

std::string_view browser_name(Browser b);

}  // namespace og::app
