#include "record/record.hpp"

#include <map>

#include "record/progress.hpp"
#include "util/messages.hpp"

namespace og::record {
namespace {

using messages::text;

nlohmann::json event_json(const store::Event& e) {
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
    };
    return {{"seq", e.seq},
            {"at", e.at},
            {"platform", e.platform},
            {"account", e.account},
            {"procedureId", e.procedure_id},
            {"stepId", or_null(e.step_id)},
            {"type", e.type},
            {"url", or_null(e.url)},
            {"client", e.client},
            {"catalogVersion", e.catalog_version},
            {"evidence", e.evidence.empty() ? nlohmann::json(nullptr)
                                            : nlohmann::json::parse(e.evidence, nullptr, false)}};
}

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string str(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
}

// A text cell; empty values show a dash so a printed table has no ambiguous holes.
std::string cell(const nlohmann::json& v, std::string_view lang) {
    const std::string s = str(v);
    return "<td>" + (s.empty() ? std::string(text(lang, "dash")) : escape(s)) + "</td>";
}

// The platform's name in the record's language, from the record's own `platforms` table so the
// page says what the JSON says; an id the catalog no longer declares is shown as it is.
std::string platform_name(const nlohmann::json& record, const nlohmann::json& id) {
    for (const auto& p : record.value("platforms", nlohmann::json::array()))
        if (p["id"] == id) return str(p["name"]);
    return str(id);
}

// The confirmation Meta showed, as a quotation with its date: the proof of "sent".
std::string quoted(const nlohmann::json& evidence, std::string_view lang) {
    if (!evidence.is_object() || !evidence.contains("text")) return std::string(text(lang, "dash"));
    std::string out = "<q>" + escape(str(evidence["text"])) + "</q>";
    if (evidence.contains("at") && !evidence["at"].is_null())
        out += "<br><small>" + escape(text(lang, "shown_at")) + " " + escape(str(evidence["at"])) +
               " UTC</small>";
    return out;
}

std::string replace(std::string s, std::string_view key, const std::string& value) {
    if (auto p = s.find(key); p != std::string::npos) s.replace(p, key.size(), value);
    return s;
}

constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#111;line-height:1.4}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin-top:.5rem;font-size:.9rem}
th,td{border:1px solid #999;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}td.url{word-break:break-all;font-family:monospace;font-size:.8rem}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.note{color:#444;font-size:.85rem}
@media print{body{margin:1cm}.noprint{display:none}th{background:none}tr{page-break-inside:avoid}}
)css";

}  // namespace

Result<nlohmann::json> build(const catalog::Catalog& catalog, const store::Store* store,
                             const std::string& lang, const std::string& generated_at) {
    std::vector<store::Event> events;
    if (store != nullptr) {
        auto got = store->events({});
        if (!got) return got.error();
        events = std::move(*got);
    }
    auto rows = progress_rows(catalog, store, {});
    if (!rows) return rows.error();

    // The form actually used: the evidence URL of the latest form submission.
    std::map<std::pair<std::string, std::string>, const store::Event*> submission;
    std::map<std::pair<std::string, std::string>, bool> touched;
    for (const auto& e : events) {
        touched[{e.procedure_id, e.account}] = true;
        if (e.type == "form_submitted") submission[{e.procedure_id, e.account}] = &e;
    }

    nlohmann::json procedures = nlohmann::json::array();
    for (const auto& p : *rows) {
        const std::pair<std::string, std::string> key{p.procedure_id, p.account};
        if (!touched.count(key)) continue;
        const catalog::Procedure* proc = catalog.find(p.procedure_id);
        nlohmann::json row = progress_json(p);
        row["title"] = proc ? catalog::localized(proc->title, lang) : p.procedure_id;
        row["summary"] = proc ? catalog::localized(proc->summary, lang) : std::string();
        row["kind"] = proc ? proc->kind : std::string();
        row["formUrl"] = nullptr;
        row["formCatalogVersion"] = nullptr;
        if (auto it = submission.find(key); it != submission.end()) {
            if (!it->second->url.empty()) row["formUrl"] = it->second->url;
            row["formCatalogVersion"] = it->second->catalog_version;
        }
        procedures.push_back(std::move(row));
    }
    nlohmann::json journal = nlohmann::json::array();
    for (const auto& e : events) journal.push_back(event_json(e));
    nlohmann::json platforms = nlohmann::json::array();
    for (const auto& p : catalog.platforms)
        platforms.push_back({{"id", p.id}, {"name", catalog::localized(p.name, lang)}});

    return nlohmann::json{{"recordFormat", kRecordFormat},
                          {"title", std::string(text(lang, "title"))},
                          {"language", lang},
                          {"generatedAt", generated_at},
                          {"host", {{"name", "optout-guide-host"}, {"version", OG_VERSION}}},
                          {"catalog",
                           {{"version", catalog.version},
                            {"verified", catalog.verified},
                            {"source", catalog.source}}},
                          {"platforms", std::move(platforms)},
                          {"procedures", std::move(procedures)},
                          {"events", std::move(journal)}};
}

std::string render_json(const nlohmann::json& record) {
    return record.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_html(const nlohmann::json& record) {
    const std::string lang = record.value("language", "en");
    auto t = [&](std::string_view key) { return escape(text(lang, key)); };
    std::string h;
    h +=
        "<!doctype html>\n<html lang=\"" + escape(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += "<title>" + t("title") + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    h += "<h1>" + t("title") + "</h1>\n<p>" + t("intro") + "</p>\n<dl>\n";
    h += "<dt>" + t("generated") + "</dt><dd>" + escape(str(record["generatedAt"])) + " UTC</dd>\n";
    h += "<dt>" + t("catalog") + "</dt><dd>" + escape(str(record["catalog"]["version"])) + " (" +
         t("catalog_verified") + " " + escape(str(record["catalog"]["verified"])) + ")</dd>\n";
    h += "<dt>" + t("host") + "</dt><dd>optout-guide-host " +
         escape(str(record["host"]["version"])) + "</dd>\n</dl>\n";

    h += "<h2>" + t("procedures") + "</h2>\n";
    const auto& procedures = record["procedures"];
    if (procedures.empty()) {
        h += "<p>" + t("none") + "</p>\n";
    } else {
        h += "<table>\n<thead><tr><th>" + t("procedure") + "</th><th>" + t("account") +
             "</th><th>" + t("state") + "</th><th>" + t("started") + "</th><th>" + t("submitted") +
             "</th><th>" + t("confirmed") + "</th><th>" + t("meta_showed") + "</th><th>" +
             t("form_url") + "</th><th>" + t("form_catalog") + "</th></tr></thead>\n<tbody>\n";
        for (const auto& p : procedures) {
            const std::string state = str(p["state"]);
            std::string progress = std::string(text(lang, "step_of"));
            progress = replace(progress, "{k}", str(p["stepIndex"]));
            progress = replace(progress, "{n}", str(p["stepCount"]));
            h += "<tr><td><strong>" + escape(str(p["title"])) + "</strong><br><small>" +
                 escape(str(p["summary"])) + "</small><br><small>" + escape(str(p["procedureId"])) +
                 "</small></td>";
            h += "<td>" + escape(platform_name(record, p["platform"])) + " / " +
                 escape(str(p["account"])) + "</td>";
            h += "<td>" + t("state." + state) + "<br><small>" + escape(progress) + "</small></td>";
            h += cell(p["startedAt"], lang) + cell(p["submittedAt"], lang) +
                 cell(p["confirmedAt"], lang);
            h += "<td>" + quoted(p.value("sentEvidence", nlohmann::json()), lang) + "</td>";
            h += "<td class=\"url\">" +
                 (p["formUrl"].is_null() ? t("dash") : escape(str(p["formUrl"]))) + "</td>";
            h += cell(p["formCatalogVersion"], lang) + "</tr>\n";
        }
        h += "</tbody>\n</table>\n";
    }

    h += "<h2>" + t("journal") + "</h2>\n";
    const auto& events = record["events"];
    if (events.empty()) {
        h += "<p>" + t("no_events") + "</p>\n";
    } else {
        h += "<table>\n<thead><tr><th>#</th><th>" + t("time") + "</th><th>" + t("procedure") +
             "</th><th>" + t("account") + "</th><th>" + t("event") + "</th><th>" + t("step") +
             "</th><th>" + t("page") + "</th><th>" + t("client") + "</th><th>" + t("catalog") +
             "</th></tr></thead>\n<tbody>\n";
        for (const auto& e : events) {
            h += "<tr>" + cell(e["seq"], lang) + cell(e["at"], lang) + cell(e["procedureId"], lang);
            h += "<td>" + escape(platform_name(record, e["platform"])) + " / " +
                 escape(str(e["account"])) + "</td>";
            h += "<td>" + t("event." + str(e["type"]));
            if (e.contains("evidence") && e["evidence"].is_object())
                h += "<br><small>" + quoted(e["evidence"], lang) + "</small>";
            h += "</td>" + cell(e["stepId"], lang);
            h += "<td class=\"url\">" + (e["url"].is_null() ? t("dash") : escape(str(e["url"]))) +
                 "</td>";
            h += cell(e["client"], lang) + cell(e["catalogVersion"], lang) + "</tr>\n";
        }
        h += "</tbody>\n</table>\n";
    }
    h += "<p class=\"note\">" + t("note") + "</p>\n<p class=\"note noprint\">" + t("print") +
         "</p>\n</body>\n</html>\n";
    return h;
}

}  // namespace og::record
