#include "protocol/requests.hpp"

#include <algorithm>
#include <limits>

#include "catalog/allowlist.hpp"
#include "catalog/text.hpp"
#include "progress/account.hpp"
#include "progress/state.hpp"
#include "record/progress.hpp"
#include "util/lang.hpp"
#include "util/messages.hpp"

namespace og::protocol {
namespace {

constexpr std::size_t kMaxHeadings = 200;
constexpr std::size_t kMaxLangTag = 35;  // BCP 47 tags are short; RFC 5646 suggests 35
constexpr std::int64_t kMaxCursor = 1'000'000'000;

Error invalid_value(const std::string& pointer, const std::string& why) {
    return make_error("invalid_value", pointer + ": " + why, pointer);
}

// "fr-FR" → "fr": catalog texts are keyed by primary language.
std::string primary_language(const std::optional<std::string>& tag) {
    std::string out = lang::base(tag.value_or(""));
    return out.empty() ? "en" : out;
}

Result<std::string> ui_language(const Fields& f) {
    auto lang = f.optional_string("uiLang", kMaxLangTag);
    if (!lang) return lang.error();
    return primary_language(*lang);
}

Result<std::int64_t> cursor_field(const Fields& f, std::int64_t max = kMaxCursor) {
    auto cursor = f.optional_integer("cursor", 0, max);
    if (!cursor) return cursor.error();
    return cursor->value_or(0);
}

bool valid_event_id(const std::string& id) {
    if (id.size() < 8 || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

Result<const catalog::Procedure*> procedure_field(const Fields& f, std::string_view key,
                                                  catalog::CatalogSource& catalog) {
    auto id = f.required_string(key);
    if (!id) return id.error();
    const catalog::Procedure* p = catalog.find(*id);
    if (p == nullptr) {
        const std::string ptr = f.pointer_of(key);
        return make_error("unknown_procedure",
                          ptr + ": no procedure \"" + *id + "\" in catalog version " +
                              std::to_string(catalog.header().version),
                          ptr);
    }
    return p;
}

// Absent means the platform's default account.
Result<std::string> account_field(const Fields& f, std::string_view key) {
    auto account = f.optional_string(key, progress::kMaxAccountBytes);
    if (!account) return account.error();
    if (!*account) return std::string(record::kDefaultAccount);
    if (!progress::valid_account_name(**account))
        return invalid_value(f.pointer_of(key),
                             "an account name must be 1 to 64 bytes, not blank, without control "
                             "characters");
    return std::move(**account);
}

Status check_platform(const Fields& f, std::string_view key, const std::string& platform,
                      catalog::CatalogSource& catalog) {
    if (catalog.header().find_platform(platform) != nullptr) return Ok{};
    std::string ids;
    for (const auto& p : catalog.header().platforms) {
        if (!ids.empty()) ids += ", ";
        ids += p.id;
    }
    return invalid_value(f.pointer_of(key), "must be one of the catalog's platforms: " + ids);
}

// The `accepted` part of the step's formSubmitted condition, or null when it has none.
nlohmann::json accepted_of(const catalog::Step& step) {
    for (auto& c : step.complete.parse())
        if (c.value("type", "") == "formSubmitted" && c.contains("accepted"))
            return std::move(c["accepted"]);
    return nullptr;
}

// form_submitted is the claim "Meta took the form": it must carry the confirmation the page
// showed, and that quote must contain one of the confirmation texts the catalog names for the
// step, so neither a forged event nor a sentence from elsewhere can make it.
Result<std::string> evidence_field(const Fields& e, const std::string& type,
                                   const catalog::Procedure& procedure,
                                   const std::optional<std::string>& step_id) {
    auto evidence = e.optional_object("evidence");
    if (!evidence) return evidence.error();
    const std::string ptr = "/event/evidence";
    if (type != "form_submitted") {
        if (*evidence != nullptr)
            return invalid_value(ptr, "only form_submitted events carry evidence");
        return std::string();
    }
    if (*evidence == nullptr)
        return make_error("missing_field",
                          ptr + ": form_submitted needs the confirmation the page showed", ptr);
    if (!step_id)
        return make_error("missing_field", "/event/stepId: required for form_submitted events",
                          "/event/stepId");
    const Fields ev(**evidence, ptr);
    auto text = ev.required_string("text");
    if (!text) return text.error();
    auto how = ev.optional_string("how", 32);
    if (!how) return how.error();
    if (*how && **how != "form_replaced" && **how != "container_text")
        return invalid_value(ptr + "/how", "must be form_replaced or container_text");
    const catalog::Step* step = procedure.find_step(*step_id);
    const nlohmann::json accepted = step ? accepted_of(*step) : nlohmann::json();
    if (accepted.is_null())
        return invalid_value("/event/stepId", "step " + *step_id +
                                                  " names no confirmation text: it cannot be "
                                                  "recorded as sent");
    catalog::LocalizedList texts;
    for (const auto& [lang, list] : accepted.at("text").items())
        texts[lang] = list.get<std::vector<std::string>>();
    const std::string quote = catalog::fold_text(*text);
    bool found = false;
    for (const auto& t : catalog::localized_candidates(texts, ""))
        if (!t.empty() && quote.find(t) != std::string::npos) found = true;
    if (!found)
        return invalid_value(ptr + "/text",
                             "the quoted text holds none of the confirmation texts the catalog "
                             "names for " +
                                 procedure.id + "/" + *step_id);
    nlohmann::json out{{"text", *text}};
    if (*how) out["how"] = **how;
    return out.dump();
}

}  // namespace

Result<HelloRequest> parse_hello(const Fields& f, catalog::CatalogSource&) {
    HelloRequest r;
    auto client = f.optional_string("client");
    if (!client) return client.error();
    auto version = f.optional_string("extensionVersion");
    if (!version) return version.error();
    r.client = std::move(*client);
    r.extension_version = std::move(*version);
    return r;
}

Result<StoreHealthRequest> parse_store_health(const Fields&, catalog::CatalogSource&) {
    return StoreHealthRequest{};
}

Result<ListProceduresRequest> parse_list_procedures(const Fields& f, catalog::CatalogSource&) {
    ListProceduresRequest r;
    auto lang = ui_language(f);
    if (!lang) return lang.error();
    auto cursor = cursor_field(f);
    if (!cursor) return cursor.error();
    r.lang = std::move(*lang);
    r.cursor = *cursor;
    return r;
}

Result<GetProcedureRequest> parse_get_procedure(const Fields& f, catalog::CatalogSource& catalog) {
    GetProcedureRequest r;
    auto proc = procedure_field(f, "procedureId", catalog);
    if (!proc) return proc.error();
    auto lang = ui_language(f);
    if (!lang) return lang.error();
    r.procedure = *proc;
    r.lang = std::move(*lang);
    return r;
}

Result<NextStepRequest> parse_next_step(const Fields& f, catalog::CatalogSource& catalog) {
    NextStepRequest r;
    auto account = account_field(f, "account");
    if (!account) return account.error();
    auto hint = f.optional_string("procedureId");
    if (!hint) return hint.error();
    if (*hint && catalog.find(**hint) == nullptr)
        return make_error("unknown_procedure",
                          "/procedureId: no procedure \"" + **hint + "\" in the catalog",
                          "/procedureId");
    auto context = f.required_object("context");
    if (!context) return context.error();
    const Fields c(**context, "/context");
    auto url = c.required_string("url", kMaxUrl);
    if (!url) return url.error();
    auto title = c.optional_string("title");
    if (!title) return title.error();
    auto doc_lang = c.optional_string("docLang", kMaxLangTag);
    if (!doc_lang) return doc_lang.error();
    auto ui_lang = c.optional_string("uiLang", kMaxLangTag);
    if (!ui_lang) return ui_lang.error();
    auto signals = c.optional_object("signals");
    if (!signals) return signals.error();
    if (*signals != nullptr) {
        auto h = Fields(**signals, "/context/signals")
                     .optional_string_array("headings", kMaxHeadings, kMaxString);
        if (!h) return h.error();
        r.page.headings = std::move(*h);
    }
    if (!catalog::parse_url(*url, r.url))
        return invalid_value("/context/url", "not an absolute http(s) URL");
    r.account = std::move(*account);
    r.hint = std::move(*hint);
    r.page.url = std::move(*url);
    r.page.title = title->value_or("");
    r.page.doc_lang = doc_lang->value_or("");
    r.page.ui_lang = ui_lang->value_or("en");
    r.lang = primary_language(*ui_lang);
    return r;
}

// answer_received is the user's word on which answer Meta sent: it must be one the procedure's
// wait step declares (docs/catalog.md, "Answers"), so a refusal can never be recorded as
// "confirmed" and no answer the catalog does not know reaches the journal. Returns the event's
// detail JSON, and names the wait step when the event named none.
Result<std::string> answer_field(const Fields& e, const std::string& type,
                                 const catalog::Procedure& procedure,
                                 std::optional<std::string>& step_id) {
    auto answer = e.optional_string("answer", 32);
    if (!answer) return answer.error();
    const std::string ptr = "/event/answer";
    const catalog::Step* waits = procedure.answer_step();
    const bool asks = waits != nullptr && !waits->answers.empty();
    if (type == "confirmation_received" && asks)
        return invalid_value("/event/type", "Meta may refuse a request of " + procedure.id +
                                                ": report answer_received with the answer "
                                                "Meta sent, not confirmation_received");
    if (type != "answer_received") {
        if (*answer) return invalid_value(ptr, "only answer_received events carry an answer");
        return std::string();
    }
    if (!*answer)
        return make_error("missing_field", ptr + ": answer_received needs the answer Meta sent",
                          ptr);
    if (!asks)
        return make_error("unknown_answer",
                          ptr + ": procedure " + procedure.id +
                              " declares no answers (its wait step counts the email "
                              "arriving: report confirmation_received)",
                          ptr);
    if (step_id && *step_id != waits->id)
        return invalid_value("/event/stepId", "Meta's answer to " + procedure.id +
                                                  " is reported on its step " + waits->id);
    if (waits->find_answer(**answer) == nullptr) {
        std::string known;
        for (const auto& a : waits->answers) known += (known.empty() ? "" : ", ") + a.id;
        return make_error("unknown_answer",
                          ptr + ": \"" + **answer + "\" is not an answer step " + procedure.id +
                              "/" + waits->id + " declares (" + known + ")",
                          ptr);
    }
    step_id = waits->id;
    return progress::answer_detail(**answer);
}

Result<ReportEventRequest> parse_report_event(const Fields& f, catalog::CatalogSource& catalog) {
    ReportEventRequest r;
    auto event = f.required_object("event");
    if (!event) return event.error();
    const Fields e(**event, "/event");
    auto event_id = e.required_string("eventId", 64);
    if (!event_id) return event_id.error();
    if (!valid_event_id(*event_id))
        return invalid_value("/event/eventId", "must be 8 to 64 characters A-Z a-z 0-9 _ -");
    auto proc = procedure_field(e, "procedureId", catalog);
    if (!proc) return proc.error();
    auto type = e.required_string("type");
    if (!type) return type.error();
    if (std::find(std::begin(kClientEventTypes), std::end(kClientEventTypes), *type) ==
        std::end(kClientEventTypes)) {
        std::string known;
        for (auto t : kClientEventTypes) {
            if (!known.empty()) known += ' ';
            known.append(t);
        }
        return invalid_value("/event/type", "\"" + *type + "\" is not one of " + known);
    }
    auto step_id = e.optional_string("stepId");
    if (!step_id) return step_id.error();
    const bool step_event = type->starts_with("step_");
    if (step_event && !*step_id)
        return make_error("missing_field", "/event/stepId: required for " + *type + " events",
                          "/event/stepId");
    if (*step_id && (*proc)->find_step(**step_id) == nullptr)
        return make_error(
            "unknown_step",
            "/event/stepId: procedure " + (*proc)->id + " has no step \"" + **step_id + "\"",
            "/event/stepId");
    auto account = account_field(e, "account");
    if (!account) return account.error();
    auto url = e.optional_string("url", kMaxUrl);
    if (!url) return url.error();
    auto client = e.optional_string("client", 32);
    if (!client) return client.error();
    auto evidence = evidence_field(e, *type, **proc, *step_id);
    if (!evidence) return evidence.error();
    auto answer = answer_field(e, *type, **proc, *step_id);
    if (!answer) return answer.error();
    r.evidence = evidence->empty() ? std::move(*answer) : std::move(*evidence);
    r.event_id = std::move(*event_id);
    r.procedure = *proc;
    r.type = std::move(*type);
    r.step_id = std::move(*step_id);
    r.account = std::move(*account);
    r.url = std::move(*url);
    r.client = std::move(*client);
    return r;
}

Result<GetProgressRequest> parse_get_progress(const Fields& f, catalog::CatalogSource& catalog) {
    GetProgressRequest r;
    auto platform = f.optional_string("platform");
    if (!platform) return platform.error();
    if (*platform)
        if (auto known = check_platform(f, "platform", **platform, catalog); !known)
            return known.error();
    auto account = f.optional_string("account", progress::kMaxAccountBytes);
    if (!account) return account.error();
    auto procedure = f.optional_string("procedureId");
    if (!procedure) return procedure.error();
    auto cursor = cursor_field(f);
    if (!cursor) return cursor.error();
    r.platform = std::move(*platform);
    r.account = std::move(*account);
    r.procedure_id = std::move(*procedure);
    r.cursor = *cursor;
    return r;
}

Result<ResetProcedureRequest> parse_reset_procedure(const Fields& f,
                                                    catalog::CatalogSource& catalog) {
    ResetProcedureRequest r;
    auto proc = procedure_field(f, "procedureId", catalog);
    if (!proc) return proc.error();
    auto account = account_field(f, "account");
    if (!account) return account.error();
    r.procedure = *proc;
    r.account = std::move(*account);
    return r;
}

Result<ExportRecordRequest> parse_export_record(const Fields& f, catalog::CatalogSource&) {
    ExportRecordRequest r;
    auto format = f.optional_string("format");
    if (!format) return format.error();
    r.format = format->value_or("json");
    if (r.format != "json" && r.format != "html")
        return invalid_value("/format", "must be json or html");
    auto ui_lang = f.optional_string("uiLang", kMaxLangTag);
    if (!ui_lang) return ui_lang.error();
    auto cursor = cursor_field(f, std::numeric_limits<std::int64_t>::max());
    if (!cursor) return cursor.error();
    r.lang = messages::pick_language(ui_lang->value_or("en"));
    r.cursor = static_cast<std::size_t>(*cursor);
    return r;
}

Result<ListAccountsRequest> parse_list_accounts(const Fields& f, catalog::CatalogSource&) {
    auto cursor = cursor_field(f);
    if (!cursor) return cursor.error();
    return ListAccountsRequest{*cursor};
}

Result<ListReportsRequest> parse_list_reports(const Fields& f, catalog::CatalogSource&) {
    auto cursor = cursor_field(f);
    if (!cursor) return cursor.error();
    auto ui_lang = f.optional_string("uiLang", kMaxLangTag);
    if (!ui_lang) return ui_lang.error();
    return ListReportsRequest{*cursor, messages::pick_language(ui_lang->value_or("en"))};
}

Result<SetAccountRequest> parse_set_account(const Fields& f, catalog::CatalogSource& catalog) {
    SetAccountRequest r;
    auto platform = f.required_string("platform");
    if (!platform) return platform.error();
    if (auto known = check_platform(f, "platform", *platform, catalog); !known)
        return known.error();
    if (auto given = f.required_string("account", progress::kMaxAccountBytes); !given)
        return given.error();
    auto account = account_field(f, "account");
    if (!account) return account.error();
    auto label = f.optional_string("label", 128);
    if (!label) return label.error();
    r.platform = std::move(*platform);
    r.label = label->value_or(*account);
    r.account = std::move(*account);
    return r;
}

namespace {

constexpr std::size_t kMaxReportLocators = 50;
constexpr std::string_view kLocatorKinds[] = {"href", "role", "text", "css"};

Error wrong(const std::string& pointer, const std::string& what) {
    return make_error("wrong_type", pointer + ": " + what, pointer);
}

}  // namespace

Result<ReportMismatchRequest> parse_report_mismatch(const Fields& f,
                                                    catalog::CatalogSource& catalog) {
    auto report = f.required_object("report");
    if (!report) return report.error();
    const Fields r(**report, "/report");
    auto proc = procedure_field(r, "procedureId", catalog);
    if (!proc) return proc.error();
    auto step = r.required_string("stepId");
    if (!step) return step.error();
    if ((*proc)->find_step(*step) == nullptr)
        return make_error(
            "unknown_step",
            "/report/stepId: procedure " + (*proc)->id + " has no step \"" + *step + "\"",
            "/report/stepId");
    auto version =
        r.optional_integer("catalogVersion", 0, std::numeric_limits<std::int64_t>::max());
    if (!version) return version.error();
    auto host = r.required_string("host", 253);
    if (!host) return host.error();
    if (!catalog::is_host_name(*host))
        return invalid_value("/report/host", "\"" + *host + "\" is not a lower-case host name");
    auto path = r.required_string("path");
    if (!path) return path.error();
    // Host and path only: a query or fragment may carry what identifies the person.
    if (path->empty() || path->front() != '/' || path->find_first_of("?#") != std::string::npos)
        return invalid_value("/report/path", "must be a path starting with \"/\", without query");
    auto page_lang = r.optional_string("pageLang", 35);
    if (!page_lang) return page_lang.error();
    const std::string lang = lang::base(page_lang->value_or(""));
    const nlohmann::json* locators = nullptr;
    if (auto it = report.value()->find("locators"); it != report.value()->end()) locators = &*it;
    nlohmann::json tried = nlohmann::json::array();
    if (locators && !locators->is_null()) {
        if (!locators->is_array() || locators->size() > kMaxReportLocators)
            return wrong("/report/locators", "expected an array of at most " +
                                                 std::to_string(kMaxReportLocators) + " locators");
        for (std::size_t i = 0; i < locators->size(); ++i) {
            const auto& l = (*locators)[i];
            const std::string at = "/report/locators/" + std::to_string(i);
            if (!l.is_object()) return wrong(at, "expected an object");
            const Fields lf(l, at);
            auto index = lf.optional_integer("index", 0, 999);
            if (!index) return index.error();
            auto matched = lf.optional_integer("matched", 0, 1'000'000);
            if (!matched) return matched.error();
            auto by = lf.required_string("by", 16);
            if (!by) return by.error();
            if (std::find(std::begin(kLocatorKinds), std::end(kLocatorKinds), *by) ==
                std::end(kLocatorKinds))
                return invalid_value(at + "/by", "\"" + *by + "\" is not href, role, text or css");
            bool fallback = false;
            if (auto fb = l.find("fallback"); fb != l.end() && !fb->is_null()) {
                if (!fb->is_boolean()) return wrong(at + "/fallback", "expected true or false");
                fallback = fb->get<bool>();
            }
            tried.push_back({{"index", index->value_or(static_cast<std::int64_t>(i))},
                             {"by", *by},
                             {"matched", matched->value_or(0)},
                             {"fallback", fallback}});
        }
    }
    ReportMismatchRequest out;
    out.report = {{"procedureId", (*proc)->id},
                  {"stepId", *step},
                  {"catalogVersion", version->value_or(catalog.header().version)},
                  {"host", *host},
                  {"path", *path},
                  {"pageLang", lang},
                  {"locators", std::move(tried)}};
    return out;
}

Result<OfferCatalogRequest> parse_offer_catalog(const Fields& f, catalog::CatalogSource&) {
    auto offered = f.required_object("catalog");
    if (!offered) return offered.error();
    const Fields c(**offered, "/catalog");
    auto header = c.required_object("header");
    if (!header) return header.error();
    auto it = offered.value()->find("procedures");
    if (it == offered.value()->end() || it->is_null())
        return make_error("missing_field", "/catalog/procedures: required field is missing",
                          "/catalog/procedures");
    if (!it->is_array()) return wrong("/catalog/procedures", "expected an array of procedures");
    OfferCatalogRequest out;
    out.files.push_back({"catalog.json", (*header)->dump(2)});
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& p = (*it)[i];
        const std::string at = "/catalog/procedures/" + std::to_string(i);
        // The file name is the id, as in a folder; the validator then holds the id to it.
        auto id = p.is_object() ? p.find("id") : p.end();
        if (!p.is_object() || id == p.end() || !id->is_string())
            return wrong(at, "expected a procedure object with a string id");
        const auto& name = id->get_ref<const std::string&>();
        if (name.empty() || name.find_first_of("/\\.") != std::string::npos)
            return invalid_value(at + "/id", "\"" + name + "\" cannot name a procedure file");
        out.files.push_back({"procedures/" + name + ".json", p.dump(2)});
    }
    return out;
}

}  // namespace og::protocol
