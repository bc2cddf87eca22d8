#pragma once
// A deliberately small option parser: every command has a handful of options, and an unknown
// one must be an error naming it, not silently ignored.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace og::cli {

struct OptionSpec {
    std::set<std::string> flags;                 // e.g. "--json"
    std::set<std::string> with_value;            // e.g. "--format", "-o"
    std::map<std::string, std::string> aliases;  // e.g. "--output" -> "-o"
};

struct Options {
    std::set<std::string> flags;
    std::map<std::string, std::string> values;
    std::vector<std::string> positional;
    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    std::optional<std::string> value(const std::string& name) const;
};

// `args` excludes the command name. Accepts "--name value" and "--name=value".
Result<Options> parse_options(const std::vector<std::string>& args, const OptionSpec& spec);

// The person's language for texts the host writes: --lang, else LC_ALL, LC_MESSAGES, LANG.
std::string language_from_env(const std::optional<std::string>& lang_option);

}  // namespace og::cli
