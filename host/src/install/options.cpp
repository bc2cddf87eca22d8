#include "install/options.hpp"

#include <algorithm>

namespace og::install {

Result<Options> parse_options(const std::vector<std::string>& args,
                              const std::vector<std::string>& allowed) {
    Options o;
    auto accepts = [&](const std::string& name) {
        return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
    };
    for (size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        std::optional<std::string> inline_value;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        if (arg == "--help" || arg == "-h") {
            o.help = true;
            continue;
        }
        if (!accepts(arg)) return make_error("usage", "unknown option '" + args[i] + "'", args[i]);
        const bool takes_value = arg == "--browser" || arg == "--host-path";
        if (!takes_value && inline_value)
            return make_error("usage", "option " + arg + " takes no value", args[i]);
        std::string value;
        if (takes_value) {
            if (inline_value) {
                value = *inline_value;
            } else {
                if (i + 1 >= args.size())
                    return make_error("usage", "option " + arg + " needs a value", arg);
                value = args[++i];
            }
            if (value.empty()) return make_error("usage", "option " + arg + " needs a value", arg);
        }
        if (arg == "--browser") {
            size_t start = 0;
            while (start <= value.size()) {
                auto comma = value.find(',', start);
                auto part = value.substr(
                    start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!part.empty()) o.browsers.push_back(part);
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        } else if (arg == "--host-path") {
            o.host_path = value;
        } else if (arg == "--system") {
            o.system = true;
        } else if (arg == "--dry-run") {
            o.dry_run = true;
        } else if (arg == "--purge") {
            o.purge = true;
        } else if (arg == "--yes") {
            o.yes = true;
        } else if (arg == "--json") {
            o.json = true;
        }
    }
    return o;
}

}  // namespace og::install
