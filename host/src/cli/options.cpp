#include "cli/options.hpp"

#include <cstdlib>

#include "record/strings.hpp"

namespace og::cli {

std::optional<std::string> Options::value(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

Result<Options> parse_options(const std::vector<std::string>& args, const OptionSpec& spec) {
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> inline_value;
        if (name.size() > 1 && name[0] == '-') {
            if (auto eq = name.find('='); eq != std::string::npos) {
                inline_value = name.substr(eq + 1);
                name.resize(eq);
            }
            if (auto a = spec.aliases.find(name); a != spec.aliases.end()) name = a->second;
            if (spec.flags.count(name)) {
                if (inline_value) return make_error("usage", name + " takes no value");
                o.flags.insert(name);
            } else if (spec.with_value.count(name)) {
                if (inline_value) {
                    o.values[name] = *inline_value;
                } else if (i + 1 < args.size()) {
                    o.values[name] = args[++i];
                } else {
                    return make_error("usage", name + " needs a value");
                }
            } else {
                return make_error("usage", "unknown option " + name);
            }
        } else {
            o.positional.push_back(name);
        }
    }
    return o;
}

std::string language_from_env(const std::optional<std::string>& lang_option) {
    if (lang_option) return record::pick_language(*lang_option);
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v != nullptr && v[0] != '\0') return record::pick_language(v);
    }
    return "en";
}

}  // namespace og::cli
