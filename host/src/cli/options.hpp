#pragma once
// The one option parser of every command: each has a handful of options, and an unknown one
// must be an error naming it, not silently ignored.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace og::cli {

struct OptionSpec {
    // Defaulted so that a spec may name only the kinds it uses.
    std::set<std::string> flags = {};                 // e.g. "--json"
    std::set<std::string> with_value = {};            // e.g. "--format", "-o"
    std::map<std::string, std::string> aliases = {};  // e.g. "--output" -> "-o", "-h" -> "--help"
    // Repeatable, each value possibly comma-separated: "--browser a,b --browser c" is a, b, c.
    std::set<std::string> lists = {};
};

struct Options {
    std::set<std::string> flags;
    std::map<std::string, std::string> values;
    std::map<std::string, std::vector<std::string>> lists;
    std::vector<std::string> positional;
    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    // The values given to a list option, in order; empty when it was not given.
    std::vector<std::string> list(const std::string& name) const;
};

// `args` excludes the command name. Accepts "--name value" and "--name=value"; an empty value
// is refused like a missing one. Errors (code "usage") name the option, in `lang`.
Result<Options> parse_options(const std::vector<std::string>& args, const OptionSpec& spec,
                              std::string_view lang = "en");

// The person's language for texts the host writes: --lang, else LC_ALL, LC_MESSAGES, LANG, else
// the system's display language where it has one apart from those (Windows: util/ui_language).
std::string language_from_env(const std::optional<std::string>& lang_option);

// Where the catalog came from, for a person: the catalog built into the program in their words,
// or the folder of the newer one they added.
std::string catalog_source(std::string_view lang, const std::string& source);

}  // namespace og::cli
