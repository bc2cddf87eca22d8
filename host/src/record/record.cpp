#include "record/record.hpp"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "progress/state.hpp"
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
            {"evidence", e.evidence.empty() || e.type == "answer_received"
                             ? nlohmann::json(nullptr)
                             : nlohmann::json::parse(e.evidence, nullptr, false)},
            {"answer", or_null(progress::told_answer(e))}};
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

// "On <date> you told optout-guide: Meta refused the request." The user's word, dated: what
// `refused` (and an answered `confirmed`) stands on.
std::string told(const nlohmann::json& answer, std::string_view lang) {
    if (!answer.is_object()) return {};
    return messages::format(
        lang, "told",
        {{"date", str(answer["at"]) + " UTC"},
         {"answer", std::string(text(lang, "answer." + str(answer["answer"])))}});
}

// Meta's answer to the request the state stands on, then the requests refused before it.
std::string answers_cell(const nlohmann::json& p, std::string_view lang) {
    std::string out;
    if (const std::string now = told(p.value("answer", nlohmann::json()), lang); !now.empty())
        out += "<br><small>" + escape(now) + "</small>";
    for (const auto& e : p.value("earlierRequests", nlohmann::json::array()))
        out += "<br><small>" +
               escape(messages::format(lang, "earlier_request",
                                       {{"date", str(e["submittedAt"]) + " UTC"}})) +
               " " + escape(told(e["answer"], lang)) + "</small>";
    return out;
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

// nlohmann's dump(2) of `value` as it appears nested `depth` levels deep in the record: the same
// text the whole tree's dump would have there (a JSON string holds no raw newline).
std::string nested(const nlohmann::json& value, int depth) {
    const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::string pad(static_cast<std::size_t>(2 * depth), ' ');
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        out += c;
        if (c == '\n') out += pad;
    }
    return out;
}

// What the record says besides the journal: small, whatever the journal's size.
struct Summary {
    nlohmann::json catalog, host, platforms, procedures;
};

Result<Summary> summarize(const catalog::Catalog& catalog, const store::Store* store,
                          const RecordOptions& o) {
    // One pass over the journal for who did what; each procedure's own journal is then read
    // again for its progress. The form actually used: the evidence URL of the latest form
    // submission.
    struct Submission {
        std::string url;
        std::int64_t catalog_version = 0;
    };
    std::map<std::pair<std::string, std::string>, Submission> submission;
    std::set<std::pair<std::string, std::string>> touched;
    std::map<std::string, std::set<std::string>> accounts;
    for (const auto& platform : catalog.platforms) accounts[platform.id].insert(kDefaultAccount);
    if (store != nullptr) {
        auto known = store->accounts();
        if (!known) return known.error();
        for (const auto& a : *known) accounts[a.platform].insert(a.account);
        store::EventFilter filter;
        filter.up_to_seq = o.up_to_seq;
        auto read = store->for_each_event(filter, [&](const store::Event& e) {
            accounts[e.platform].insert(e.account);
            touched.emplace(e.procedure_id, e.account);
            if (e.type == "form_submitted")
                submission[{e.procedure_id, e.account}] = {e.url, e.catalog_version};
        });
        if (!read) return read.error();
    }

    Summary s;
    s.procedures = nlohmann::json::array();
    for (const auto& proc : catalog.procedures) {
        for (const auto& account : accounts[proc.platform]) {
            const std::pair<std::string, std::string> key{proc.id, account};
            if (!touched.count(key)) continue;
            auto p = progress_of(proc, account, store, o.up_to_seq);
            if (!p) return p.error();
            nlohmann::json row = progress_json(*p);
            row["title"] = catalog::localized(proc.title, o.lang);
            row["summary"] = catalog::localized(proc.summary, o.lang);
            row["kind"] = proc.kind;
            const std::string said = told(row["answer"], o.lang);
            row["answerTold"] = said.empty() ? nlohmann::json(nullptr) : nlohmann::json(said);
            row["formUrl"] = nullptr;
            row["formCatalogVersion"] = nullptr;
            if (auto it = submission.find(key); it != submission.end()) {
                if (!it->second.url.empty()) row["formUrl"] = it->second.url;
                row["formCatalogVersion"] = it->second.catalog_version;
            }
            s.procedures.push_back(std::move(row));
        }
    }
    s.platforms = nlohmann::json::array();
    for (const auto& p : catalog.platforms)
        s.platforms.push_back({{"id", p.id}, {"name", catalog::localized(p.name, o.lang)}});
    s.catalog = {
        {"version", catalog.version}, {"verified", catalog.verified}, {"source", catalog.source}};
    s.host = {{"name", "optout-guide-host"}, {"version", OG_VERSION}};
    return s;
}

// The journal, one event at a time, in seq order.
Status each_event(const store::Store* store, const RecordOptions& o,
                  const std::function<void(const nlohmann::json&)>& each) {
    if (store == nullptr) return Ok{};
    store::EventFilter filter;
    filter.up_to_seq = o.up_to_seq;
    return store->for_each_event(filter, [&](const store::Event& e) { each(event_json(e)); });
}

// The record's members in the order of nlohmann's object (sorted keys), as `dump(2)` of the
// whole record would print them.
Status write_json(const Summary& s, const store::Store* store, const RecordOptions& o, Sink& out) {
    out.write("{\n  \"catalog\": " + nested(s.catalog, 1) + ",\n  \"events\": ");
    bool first = true;
    auto read = each_event(store, o, [&](const nlohmann::json& e) {
        out.write((first ? "[\n    " : ",\n    ") + nested(e, 2));
        first = false;
    });
    if (!read) return read;
    out.write(first ? "[]" : "\n  ]");
    out.write(",\n  \"generatedAt\": " + nested(o.generated_at, 1) +
              ",\n  \"host\": " + nested(s.host, 1) + ",\n  \"language\": " + nested(o.lang, 1) +
              ",\n  \"platforms\": " + nested(s.platforms, 1) + ",\n  \"procedures\": " +
              nested(s.procedures, 1) + ",\n  \"recordFormat\": " + std::to_string(kRecordFormat) +
              ",\n  \"title\": " + nested(std::string(text(o.lang, "title")), 1) + "\n}\n");
    return Ok{};
}

Status write_html(const Summary& s, const store::Store* store, const RecordOptions& o, Sink& out) {
    const std::string& lang = o.lang;
    // platform_name() reads the platforms the record lists, as the JSON form shows them.
    const nlohmann::json record = {{"platforms", s.platforms}};
    auto t = [&](std::string_view key) { return escape(text(lang, key)); };
    std::string h;
    h +=
        "<!doctype html>\n<html lang=\"" + escape(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += "<title>" + t("title") + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    h +=
        "<h1>" + t("title") + "</h1>\n<p>" + t("intro") + " " + t("intro_answers") + "</p>\n<dl>\n";
    h += "<dt>" + t("generated") + "</dt><dd>" + escape(o.generated_at) + " UTC</dd>\n";
    h += "<dt>" + t("catalog") + "</dt><dd>" + escape(str(s.catalog["version"])) + " (" +
         t("catalog_verified") + " " + escape(str(s.catalog["verified"])) + ")</dd>\n";
    h += "<dt>" + t("host") + "</dt><dd>optout-guide-host " + escape(str(s.host["version"])) +
         "</dd>\n</dl>\n";

    h += "<h2>" + t("procedures") + "</h2>\n";
    if (s.procedures.empty()) {
        h += "<p>" + t("none") + "</p>\n";
    } else {
        h += "<table>\n<thead><tr><th>" + t("procedure") + "</th><th>" + t("account") +
             "</th><th>" + t("state") + "</th><th>" + t("started") + "</th><th>" + t("submitted") +
             "</th><th>" + t("confirmed") + "</th><th>" + t("meta_showed") + "</th><th>" +
             t("form_url") + "</th><th>" + t("form_catalog") + "</th></tr></thead>\n<tbody>\n";
        for (const auto& p : s.procedures) {
            const std::string state = str(p["state"]);
            std::string progress = std::string(text(lang, "step_of"));
            progress = replace(progress, "{k}", str(p["stepIndex"]));
            progress = replace(progress, "{n}", str(p["stepCount"]));
            h += "<tr><td><strong>" + escape(str(p["title"])) + "</strong><br><small>" +
                 escape(str(p["summary"])) + "</small><br><small>" + escape(str(p["procedureId"])) +
                 "</small></td>";
            h += "<td>" + escape(platform_name(record, p["platform"])) + " / " +
                 escape(str(p["account"])) + "</td>";
            h += "<td>" + t("state." + state) + "<br><small>" + escape(progress) + "</small>" +
                 answers_cell(p, lang) + "</td>";
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
    out.write(h);

    bool first = true;
    auto read = each_event(store, o, [&](const nlohmann::json& e) {
        std::string row;
        if (first)
            row = "<table>\n<thead><tr><th>#</th><th>" + t("time") + "</th><th>" + t("procedure") +
                  "</th><th>" + t("account") + "</th><th>" + t("event") + "</th><th>" + t("step") +
                  "</th><th>" + t("page") + "</th><th>" + t("client") + "</th><th>" + t("catalog") +
                  "</th></tr></thead>\n<tbody>\n";
        first = false;
        row += "<tr>" + cell(e["seq"], lang) + cell(e["at"], lang) + cell(e["procedureId"], lang);
        row += "<td>" + escape(platform_name(record, e["platform"])) + " / " +
               escape(str(e["account"])) + "</td>";
        row += "<td>" + t("event." + str(e["type"]));
        if (e.contains("evidence") && e["evidence"].is_object())
            row += "<br><small>" + quoted(e["evidence"], lang) + "</small>";
        if (e["answer"].is_string())
            row += "<br><small>" + t("answer." + str(e["answer"])) + "</small>";
        row += "</td>" + cell(e["stepId"], lang);
        row += "<td class=\"url\">" + (e["url"].is_null() ? t("dash") : escape(str(e["url"]))) +
               "</td>";
        row += cell(e["client"], lang) + cell(e["catalogVersion"], lang) + "</tr>\n";
        out.write(row);
    });
    if (!read) return read;
    out.write(first ? "<p>" + t("no_events") + "</p>\n" : std::string("</tbody>\n</table>\n"));
    out.write("<p class=\"note\">" + t("note") + "</p>\n<p class=\"note noprint\">" + t("print") +
              "</p>\n</body>\n</html>\n");
    return Ok{};
}

class StringSink : public Sink {
  public:
    void write(std::string_view text) override { text_ += text; }
    std::string text_;
};

}  // namespace

Status write(const catalog::Catalog& catalog, const store::Store* store,
             const RecordOptions& options, Sink& out) {
    auto summary = summarize(catalog, store, options);
    if (!summary) return summary.error();
    return options.format == "html" ? write_html(*summary, store, options, out)
                                    : write_json(*summary, store, options, out);
}

Result<std::string> render(const catalog::Catalog& catalog, const store::Store* store,
                           const RecordOptions& options) {
    StringSink sink;
    auto written = write(catalog, store, options, sink);
    if (!written) return written.error();
    return std::move(sink.text_);
}

}  // namespace og::record
