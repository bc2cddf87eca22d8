#include "install/manifest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "install/browser_errors.hpp"
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

using messages::Phrase;
using Values = std::vector<std::pair<std::string, std::string>>;

// One problem of the manifest `file`: its sentence's values, the file's name first.
Problem fault(std::string code, std::string key, std::string_view file, Values values,
              const Phrase& fix) {
    values.insert(values.begin(), {"manifest", std::string(file)});
    return {std::move(code), {Phrase{std::move(key), std::move(values)}}, fix};
}

std::string text_of(std::string_view s) {
    return std::string(s);
}

const nlohmann::json* member(const nlohmann::json& doc, const char* key) {
    auto it = doc.find(key);
    return it == doc.end() ? nullptr : &*it;
}

void check_origins(const nlohmann::json& doc, const Identity& id, std::string_view browser,
                   std::string_view file, const Phrase& fix, Problems& out) {
    const std::string want = chromium_origin(id);
    const auto* origins = member(doc, "allowed_origins");
    if (!origins) {
        if (member(doc, "allowed_extensions"))
            out.push_back(fault(
                "wrong_browser_family", "doctor.firefox_style", file,
                {{"browser", text_of(browser)}, {"symptom", text_of(browser_error::kHostNotFound)}},
                fix));
        else
            out.push_back(fault("origins_missing", "doctor.origins_missing", file,
                                {{"browser", text_of(browser)}}, fix));
        return;
    }
    if (!origins->is_array()) {
        out.push_back(
            fault("origins_missing", "doctor.origins_not_list", file, {{"origin", want}}, fix));
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
            out.push_back(
                fault("origin_wildcard", "doctor.origin_wildcard", file,
                      {{"pattern", s}, {"symptom", text_of(browser_error::kPatternRefused)}}, fix));
    }
    if (found) return;
    if (near)
        out.push_back(fault("extension_id_mismatch", "doctor.origin_no_slash", file,
                            {{"origin", *near},
                             {"browser", text_of(browser)},
                             {"error", text_of(browser_error::kEmptyPath)},
                             {"symptom", text_of(browser_error::kHostNotFound)}},
                            fix));
    else
        out.push_back(fault("extension_id_mismatch", "doctor.origin_mismatch", file,
                            {{"list", origins->dump()},
                             {"origin", want},
                             {"browser", text_of(browser)},
                             {"symptom", text_of(browser_error::kForbidden)}},
                            fix));
}

void check_extensions(const nlohmann::json& doc, const Identity& id, std::string_view browser,
                      std::string_view file, const Phrase& fix, Problems& out) {
    const auto* exts = member(doc, "allowed_extensions");
    if (!exts) {
        const bool chromium_style = member(doc, "allowed_origins") != nullptr;
        out.push_back(fault(chromium_style ? "wrong_browser_family" : "extensions_missing",
                            chromium_style ? "doctor.chromium_style" : "doctor.extensions_missing",
                            file,
                            {{"browser", text_of(browser)},
                             {"symptom", browser_error::no_such_application(id.host_name)}},
                            fix));
        return;
    }
    const bool found =
        exts->is_array() && std::any_of(exts->begin(), exts->end(), [&](auto& e) {
            return e.is_string() && e.template get<std::string>() == id.firefox_addon_id;
        });
    if (!found)
        out.push_back(fault("extension_id_mismatch", "doctor.addon_mismatch", file,
                            {{"list", exts->dump()},
                             {"addon", id.firefox_addon_id},
                             {"browser", text_of(browser)},
                             {"symptom", browser_error::no_such_application(id.host_name)}},
                            fix));
}

}  // namespace

ManifestCheck check_manifest_text(std::string_view text, Family family, const Identity& id,
                                  std::string_view browser, std::string_view file,
                                  const Phrase& fix) {
    ManifestCheck r;
    auto add = [&](std::string code, std::string key, Values values = {}) {
        r.problems.push_back(fault(std::move(code), std::move(key), file, std::move(values), fix));
    };
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // parse_error, or a number out of range
        add("invalid_json", "doctor.invalid_json",
            {{"error", e.what()}, {"browser", text_of(browser)}});
        return r;
    }
    if (!doc.is_object()) {
        add("invalid_json", "doctor.not_object");
        return r;
    }
    r.parsed = true;

    const auto* name = member(doc, "name");
    if (!name || !name->is_string()) {
        add("name_missing", "doctor.name_missing");
    } else {
        const auto n = name->get<std::string>();
        if (!valid_host_name(n))
            add("name_invalid", "doctor.name_invalid",
                {{"name", n}, {"symptom", text_of(browser_error::kInvalidName)}});
        else if (n != id.host_name)
            add("name_mismatch", "doctor.name_mismatch", {{"name", n}, {"host", id.host_name}});
    }

    const auto* desc = member(doc, "description");
    if (!desc || !desc->is_string() || desc->get<std::string>().empty())
        add("description_empty", "doctor.description_empty",
            {{"symptom", text_of(browser_error::kHostNotFound)}});

    const auto* type = member(doc, "type");
    if (!type)
        add("type_not_stdio", "doctor.type_missing");
    else if (!type->is_string() || type->get<std::string>() != "stdio")
        add("type_not_stdio", "doctor.type_not_stdio", {{"found", type->dump()}});

    const auto* path = member(doc, "path");
    if (!path || !path->is_string() || path->get<std::string>().empty()) {
        add("path_missing", "doctor.path_missing");
    } else {
        r.path = path->get<std::string>();
#ifndef _WIN32  // Windows browsers read a relative path from the manifest's own folder
        if (r.path->front() != '/')
            add("path_relative", "doctor.path_relative",
                {{"path", *r.path},
                 {"browser", text_of(browser)},
                 {"symptom", family == Family::chromium
                                 ? text_of(browser_error::kHostNotFound)
                                 : browser_error::no_such_application(id.host_name)}});
#endif
    }

    if (family == Family::chromium)
        check_origins(doc, id, browser, file, fix, r.problems);
    else
        check_extensions(doc, id, browser, file, fix, r.problems);
    return r;
}

}  // namespace og::install
