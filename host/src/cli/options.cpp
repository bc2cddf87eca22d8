#include "cli/options.hpp"

#include "util/env_var.hpp"
#include "util/messages.hpp"
#include "util/ui_language.hpp"

namespace og::cli {
namespace {

void append_comma_separated(const std::string& value, std::vector<std::string>& into) {
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto comma = value.find(',', start);
        auto part = value.substr(start, comma == std::string::npos ? comma : comma - start);
        if (!part.empty()) into.push_back(std::move(part));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
}

}  // namespace

std::optional<std::string> Options::value(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Options::list(const std::string& name) const {
    auto it = lists.find(name);
    if (it == lists.end()) return {};
    return it->second;
}

Result<Options> parse_options(const std::vector<std::string>& args, const OptionSpec& spec,
                              std::string_view lang) {
    auto refuse = [&](std::string_view key, const std::string& option) {
        return make_error("usage", messages::format(lang, key, {{"option", option}}));
    };
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        if (name.size() <= 1 || name[0] != '-') {
            o.positional.push_back(name);
            continue;
        }
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (auto a = spec.aliases.find(name); a != spec.aliases.end()) name = a->second;
        if (spec.flags.count(name)) {
            if (inline_value) return refuse("cli.error.takes_no_value", name);
            o.flags.insert(name);
            continue;
        }
        const bool is_list = spec.lists.count(name) > 0;
        if (!is_list && !spec.with_value.count(name))
            return refuse("cli.error.unknown_option", name);
        std::string value;
        if (inline_value)
            value = *inline_value;
        else if (i + 1 < args.size())
            value = args[++i];
        if (value.empty()) return refuse("cli.error.needs_value", name);
        if (is_list)
            append_comma_separated(value, o.lists[name]);
        else
            o.values[name] = value;
    }
    return o;
}

std::string language_from_env(const std::optional<std::string>& lang_option) {
    if (lang_option) return messages::pick_language(*lang_option);
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (auto v = env_var::non_empty(var)) return messages::pick_language(*v);
    }
    if (auto system = util::system_ui_language()) return messages::pick_language(*system);
    return "en";
}

std::string catalog_source(std::string_view lang, const std::string& source) {
    return source == "builtin" ? std::string(messages::text(lang, "catalog.builtin")) : source;
}

}  // namespace og::cli
