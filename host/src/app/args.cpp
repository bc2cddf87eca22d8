#include "app/args.hpp"

#include <array>

#include "og/identity.hpp"

namespace og::app {
namespace {

constexpr std::string_view kChromeScheme = "chrome-extension://";

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Launch refuse(std::string key, std::vector<std::pair<std::string, std::string>> values = {}) {
    Launch l;
    l.mode = Mode::refuse;
    l.reason = {std::move(key), std::move(values)};
    return l;
}

// Firefox add-on IDs are "name@domain" or a "{uuid}".
bool looks_like_addon_id(std::string_view s) {
    return s.find('@') != std::string_view::npos || (starts_with(s, "{") && ends_with(s, "}"));
}

Launch chromium(const std::vector<std::string>& args) {
    std::string_view origin = args[0];
    // Chromium passes the origin with a trailing slash; MDN documents it without. Accept both.
    std::string normalized(origin);
    if (!ends_with(normalized, "/")) normalized += '/';
    if (normalized != identity::kChromiumOrigin)
        return refuse("launch.other_extension",
                      {{"caller", std::string(origin)},
                       {"expected", std::string(identity::kChromiumOrigin)}});
    for (std::size_t i = 1; i < args.size(); ++i)
        if (!starts_with(args[i], "--"))
            return refuse("launch.after_origin", {{"argument", args[i]}});
    Launch l;
    l.mode = Mode::serve;
    l.browser = Browser::chromium;
    l.caller = std::string(origin);
    return l;
}

Launch firefox(const std::vector<std::string>& args) {
    const std::string& manifest = args[0];
    const std::string& addon = args[1];
    if (addon != identity::kFirefoxAddonId)
        return refuse("launch.other_addon",
                      {{"addon", addon}, {"expected", std::string(identity::kFirefoxAddonId)}});
    if (!ends_with(manifest, ".json")) return refuse("launch.not_manifest", {{"path", manifest}});
    if (args.size() > 2) return refuse("launch.after_addon", {{"argument", args[2]}});
    Launch l;
    l.mode = Mode::serve;
    l.browser = Browser::firefox;
    l.caller = addon;
    return l;
}

}  // namespace

bool is_cli_command(std::string_view word) {
    static constexpr std::array<std::string_view, 12> kCommands = {
        "status", "export", "reset",     "catalog", "install", "uninstall",
        "doctor", "report", "--version", "--help",  "-h",      "help"};
    for (auto c : kCommands)
        if (c == word) return true;
    return false;
}

std::string_view browser_name(Browser b) {
    switch (b) {
        case Browser::chromium:
            return "chromium";
        case Browser::firefox:
            return "firefox";
        default:
            return "none";
    }
}

Launch parse_launch(const std::vector<std::string>& args, bool stdin_is_terminal) {
    if (args.empty()) {
        if (stdin_is_terminal) {
            Launch l;
            l.mode = Mode::help;
            return l;
        }
        return refuse("launch.no_caller");
    }
    const std::string& first = args[0];
    if (starts_with(first, kChromeScheme)) return chromium(args);
    if (first.find("-extension://") != std::string::npos)
        return refuse("launch.other_scheme", {{"caller", first}});
    if (first == "--help" || first == "-h" || first == "help") {
        Launch l;
        l.mode = Mode::help;
        return l;
    }
    if (is_cli_command(first)) {
        Launch l;
        l.mode = Mode::cli;
        l.arguments = args;
        return l;
    }
    if (args.size() >= 2 && looks_like_addon_id(args[1])) return firefox(args);
    return refuse("launch.unknown", {{"word", first}});
}

}  // namespace og::app
