#include "install/manifest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "og/identity.hpp"

namespace og::install {

Identity product_identity() {
    return {std::string(identity::kHostName), std::string(identity::kHostDescription),
            std::string(identity::kChromiumExtensionId), std::string(identity::kFirefoxAddonId)};
}

std::string chromium_origin(const Identity& id) {
    return "chrome-extension://" + id.chromium_extension_id + "/";
}

std::string render_manifest(Family family, const Identity& id, std::string_view host_path) {
    nlohmann::ordered_json m;
    m["name"] = id.host_name;
    m["description"] = id.description;
    m["path"] = std::string(host_path);
    m["type"] = "stdio";
    if (family == Family::chromium)
        m["allowed_origins"] = nlohmann::ordered_json::array({chromium_origin(id)});
    else
        m["allowed_extensions"] = nlohmann::ordered_json::array({id.firefox_addon_id});
    return m.dump(2) + "\n";
}

bool valid_host_name(std::string_view name) {
    if (name.empty() || name.front() == '.' || name.back() == '.') return false;
    if (name.find("..") != std::string_view::npos) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    });
}

namespace {

std::string q(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back('"');
    out.append(s);
    out.push_back('"');
    return out;
}

const nlohmann::json* member(const nlohmann::json& doc, const char* key) {
    auto it = doc.find(key);
    return it == doc.end() ? nullptr : &*it;
}

void check_origins(const nlohmann::json& doc, const Identity& id, std::string_view browser,
                   std::string_view file, std::string_view fix, Problems& out) {
    const std::string want = chromium_origin(id);
    const auto* origins = member(doc, "allowed_origins");
    if (!origins) {
        if (member(doc, "allowed_extensions"))
            out.push_back({"wrong_browser_family",
                           std::string(file) +
                               " is a Firefox-style manifest (allowed_extensions) " + "but " +
                               std::string(browser) +
                               " needs allowed_origins; it reports \"Specified native messaging "
                               "host not found\".",
                           std::string(fix)});
        else
            out.push_back({"origins_missing",
                           std::string(file) + " has no allowed_origins list; " +
                               std::string(browser) + " refuses it.",
                           std::string(fix)});
        return;
    }
    if (!origins->is_array()) {
        out.push_back({"origins_missing",
                       std::string(file) + ": allowed_origins must be a list of " + q(want) + ".",
                       std::string(fix)});
        return;
    }
    bool found = false;
    std::optional<std::string> near;
    for (const auto& o : *origins) {
        if (!o.is_string()) continue;
        const auto s = o.get<std::string>();
        if (s == want) found = true;
        if (s == want.substr(0, want.size() - 1)) near = s;
        if (s.find('*') != std::string::npos)
            out.push_back({"origin_wildcard",
                           std::string(file) + ": allowed_origins holds the pattern " + q(s) +
                               "; Chromium rejects wildcards (\"Pattern ... is not allowed\") and "
                               "ignores the whole manifest.",
                           std::string(fix)});
    }
    if (found) return;
    std::string msg;
    if (near)
        msg = std::string(file) + ": allowed_origins has " + q(*near) +
              " without the trailing slash; " + std::string(browser) +
              " fails to parse it (\"Empty path\") and the extension gets \"Specified native "
              "messaging host not found\".";
    else
        msg = std::string(file) + ": allowed_origins " + origins->dump() + " does not contain " +
              q(want) + " (the extension's ID); " + std::string(browser) +
              " answers \"Access to the specified native messaging host is forbidden\".";
    out.push_back({"extension_id_mismatch", msg, std::string(fix)});
}

void check_extensions(const nlohmann::json& doc, const Identity& id, std::string_view browser,
                      std::string_view file, std::string_view fix, Problems& out) {
    const auto* exts = member(doc, "allowed_extensions");
    if (!exts) {
        const bool chromium_style = member(doc, "allowed_origins") != nullptr;
        out.push_back({chromium_style ? "wrong_browser_family" : "extensions_missing",
                       std::string(file) +
                           (chromium_style ? " is a Chromium-style manifest (allowed_origins) but "
                                           : " has no allowed_extensions list; ") +
                           std::string(browser) +
                           (chromium_style ? " needs allowed_extensions" : " refuses it") +
                           "; the extension gets \"No such native application " + id.host_name +
                           "\".",
                       std::string(fix)});
        return;
    }
    const bool found =
        exts->is_array() && std::any_of(exts->begin(), exts->end(), [&](auto& e) {
            return e.is_string() && e.template get<std::string>() == id.firefox_addon_id;
        });
    if (!found)
        out.push_back({"extension_id_mismatch",
                       std::string(file) + ": allowed_extensions " + exts->dump() +
                           " does not contain " + q(id.firefox_addon_id) + " (the add-on's ID); " +
                           std::string(browser) + " answers \"No such native application " +
                           id.host_name + "\".",
                       std::string(fix)});
}

}  // namespace

ManifestCheck check_manifest_text(std::string_view text, Family family, const Identity& id,
                                  std::string_view browser, std::string_view file,
                                  std::string_view fix) {
    ManifestCheck r;
    const std::string f(file);
    const std::string fx(fix);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // parse_error, or a number out of range
        r.problems.push_back(
            {"invalid_json",
             f + " is not valid JSON (" + e.what() + "); " + std::string(browser) + " ignores it.",
             fx});
        return r;
    }
    if (!doc.is_object()) {
        r.problems.push_back({"invalid_json", f + " must hold a JSON object.", fx});
        return r;
    }
    r.parsed = true;

    const auto* name = member(doc, "name");
    if (!name || !name->is_string()) {
        r.problems.push_back({"name_missing", f + " has no \"name\" string.", fx});
    } else {
        const auto n = name->get<std::string>();
        if (!valid_host_name(n))
            r.problems.push_back(
                {"name_invalid",
                 f + ": name " + q(n) +
                     " is not a valid host name (only lowercase a-z, digits, '.' and '_', no "
                     "leading, trailing or double dot); Chromium answers \"Invalid native "
                     "messaging host name specified\".",
                 fx});
        else if (n != id.host_name)
            r.problems.push_back({"name_mismatch",
                                  f + ": name is " + q(n) + " but must be " + q(id.host_name) +
                                      " (the name the extension asks for).",
                                  fx});
    }

    const auto* desc = member(doc, "description");
    if (!desc || !desc->is_string() || desc->get<std::string>().empty())
        r.problems.push_back({"description_empty",
                              f + " has no non-empty \"description\"; Chromium refuses such a "
                                  "manifest (\"Specified native messaging host not found\").",
                              fx});

    const auto* type = member(doc, "type");
    if (!type || !type->is_string() || type->get<std::string>() != "stdio")
        r.problems.push_back({"type_not_stdio",
                              f + ": \"type\" must be \"stdio\" (found " +
                                  (type ? type->dump() : std::string("nothing")) + ").",
                              fx});

    const auto* path = member(doc, "path");
    if (!path || !path->is_string() || path->get<std::string>().empty()) {
        r.problems.push_back({"path_missing", f + " has no \"path\" to the host program.", fx});
    } else {
        r.path = path->get<std::string>();
#ifndef _WIN32  // Windows browsers read a relative path from the manifest's own folder
        if (r.path->front() != '/')
            r.problems.push_back({"path_relative",
                                  f + ": path " + q(*r.path) +
                                      " is relative; browsers on Linux and macOS need an absolute "
                                      "path and report \"Specified native messaging host not "
                                      "found\" (Firefox: \"No such native application\").",
                                  fx});
#endif
    }

    if (family == Family::chromium)
        check_origins(doc, id, browser, file, fix, r.problems);
    else
        check_extensions(doc, id, browser, file, fix, r.problems);
    return r;
}

}  // namespace og::install
