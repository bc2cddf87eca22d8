#include "protocol/requests.hpp"

#include <algorithm>
#include <limits>

#include "record/progress.hpp"
#include "record/strings.hpp"
#include "util/lang.hpp"

namespace og::protocol {
namespace {

constexpr std::size_t kMaxAccount = 64;
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
    auto account = f.optional_string(key, kMaxAccount);
    if (!account) return account.error();
    if (!*account) return std::string(record::kDefaultAccount);
    const std::string& a = **account;
    const bool control = std::any_of(a.begin(), a.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (a.empty() || control)
        return invalid_value(f.pointer_of(key),
                             "an account name must be 1 to 64 bytes without control characters");
    return a;
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
    auto account = f.optional_string("account", kMaxAccount);
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
    r.lang = record::pick_language(ui_lang->value_or("en"));
    r.cursor = static_cast<std::size_t>(*cursor);
    return r;
}

Result<ListAccountsRequest> parse_list_accounts(const Fields&, catalog::CatalogSource&) {
    return ListAccountsRequest{};
}

Result<SetAccountRequest> parse_set_account(const Fields& f, catalog::CatalogSource& catalog) {
    SetAccountRequest r;
    auto platform = f.required_string("platform");
    if (!platform) return platform.error();
    if (auto known = check_platform(f, "platform", *platform, catalog); !known)
        return known.error();
    if (auto given = f.required_string("account", kMaxAccount); !given) return given.error();
    auto account = account_field(f, "account");
    if (!account) return account.error();
    auto label = f.optional_string("label", 128);
    if (!label) return label.error();
    r.platform = std::move(*platform);
    r.label = label->value_or(*account);
    r.account = std::move(*account);
    return r;
}

}  // namespace og::protocol
