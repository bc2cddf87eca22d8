#include "protocol/dispatcher.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <random>

#include <spdlog/spdlog.h>

#include "guide/selector.hpp"
#include "protocol/message.hpp"
#include "protocol/reply.hpp"
#include "record/progress.hpp"
#include "record/record.hpp"
#include "record/strings.hpp"
#include "util/utf8.hpp"

namespace og::protocol {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 10> kCapabilities = {
    "hello",       "listProcedures", "getProcedure", "nextStep",     "reportEvent",
    "getProgress", "resetProcedure", "exportRecord", "listAccounts", "setAccount"};

constexpr std::array<std::string_view, 5> kEventTypes = {
    "step_shown", "step_completed", "step_skipped", "form_submitted", "confirmation_received"};

constexpr std::size_t kMaxAccount = 64;
constexpr std::size_t kMaxHeadings = 200;
constexpr std::size_t kMaxLangTag = 35;  // BCP 47 tags are short; RFC 5646 suggests 35

json opt(const std::optional<std::string>& v) {
    return v ? json(*v) : json(nullptr);
}

json localized_or_null(const catalog::LocalizedText& text, const std::string& lang) {
    if (text.empty()) return nullptr;
    return catalog::localized(text, lang);
}

// "fr-FR" → "fr": catalog texts are keyed by primary language.
std::string primary_language(const std::optional<std::string>& tag) {
    std::string out;
    if (!tag) return "en";
    for (char c : *tag) {
        if (c == '-' || c == '_') break;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out.empty() ? "en" : out;
}

std::string language_used(const catalog::LocalizedText& text, const std::string& lang) {
    if (text.count(lang)) return lang;
    if (text.count("en") || text.empty()) return "en";
    return text.begin()->first;
}

Error invalid_value(const std::string& pointer, const std::string& why) {
    return make_error("invalid_value", pointer + ": " + why, pointer);
}

bool valid_event_id(const std::string& id) {
    if (id.size() < 8 || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

std::string random_id(std::string_view prefix) {
    static std::mt19937_64 engine{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(prefix);
    for (int i = 0; i < 16; ++i) id += kHex[engine() & 15];
    return id;
}

json procedure_summary(const catalog::Procedure& p, const std::string& lang) {
    return {{"id", p.id},
            {"platform", p.platform},
            {"kind", p.kind},
            {"title", catalog::localized(p.title, lang)},
            {"summary", catalog::localized(p.summary, lang)},
            {"steps", p.counted_steps()},
            {"start", p.start},
            {"directLink", opt(p.direct_link)},
            {"verified", p.verified}};
}

// Items from `cursor` on, as many as fit in the page budget.
Result<std::pair<json, json>> page(const std::vector<json>& items, std::int64_t cursor,
                                   const std::string& cursor_pointer) {
    if (static_cast<std::size_t>(cursor) > items.size())
        return invalid_value(cursor_pointer, "cursor " + std::to_string(cursor) +
                                                 " is past the end (" +
                                                 std::to_string(items.size()) + " items)");
    json out = json::array();
    std::size_t used = 0;
    std::size_t i = static_cast<std::size_t>(cursor);
    for (; i < items.size(); ++i) {
        const std::size_t size = dump(items[i]).size() + 1;
        if (used + size > kPageBudget) {
            if (out.empty())
                return make_error("reply_too_large", "item " + std::to_string(i) +
                                                         " alone is larger than a reply may be");
            break;
        }
        used += size;
        out.push_back(items[i]);
    }
    return std::pair<json, json>{std::move(out), i < items.size() ? json(i) : json(nullptr)};
}

}  // namespace

Dispatcher::Dispatcher(HostContext context) : ctx_(std::move(context)), index_(*ctx_.catalog) {}

Error Dispatcher::store_unavailable() const {
    return make_error("store_unavailable", "the progress store is not available (" +
                                               ctx_.store_health.error.value_or("not opened") +
                                               "); nothing was recorded, try again later");
}

Result<const catalog::Procedure*> Dispatcher::procedure_field(const Fields& f,
                                                              std::string_view key) const {
    auto id = f.required_string(key);
    if (!id) return id.error();
    const catalog::Procedure* p = ctx_.catalog->find(*id);
    if (p == nullptr) {
        const std::string ptr = f.pointer_of(key);
        return make_error("unknown_procedure",
                          ptr + ": no procedure \"" + *id + "\" in catalog version " +
                              std::to_string(ctx_.catalog->version),
                          ptr);
    }
    return p;
}

Result<std::string> Dispatcher::account_field(const Fields& f, std::string_view key) const {
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

json Dispatcher::handle(const json& request) {
    const json id = request_id(request);
    if (!request.contains("id"))
        return error_reply(nullptr,
                           make_error("missing_field", "/id: required field is missing", "/id"));
    if (id.is_null())
        return error_reply(nullptr, make_error("wrong_type",
                                               "/id: expected a string or a number, got " +
                                                   std::string(request["id"].type_name()),
                                               "/id"));
    const Fields f(request, "");
    auto type = f.required_string("type");
    if (!type) return error_reply(id, type.error());

    Reply result = make_error("internal", "unhandled");
    json reply = ok_reply(id);
    const std::string& t = *type;
    if (t == "hello")
        result = hello(f, std::move(reply));
    else if (t == "listProcedures")
        result = list_procedures(f, std::move(reply));
    else if (t == "getProcedure")
        result = get_procedure(f, std::move(reply));
    else if (t == "nextStep")
        result = next_step(f, std::move(reply));
    else if (t == "reportEvent")
        result = report_event(f, std::move(reply));
    else if (t == "getProgress")
        result = get_progress(f, std::move(reply));
    else if (t == "resetProcedure")
        result = reset_procedure(f, std::move(reply));
    else if (t == "exportRecord")
        result = export_record(f, std::move(reply));
    else if (t == "listAccounts")
        result = list_accounts(f, std::move(reply));
    else if (t == "setAccount")
        result = set_account(f, std::move(reply));
    else
        result = make_error("unknown_type",
                            "/type: \"" + t + "\" is not a message of protocol version " +
                                std::to_string(kProtocolVersion),
                            "/type");
    if (!result) {
        spdlog::info("{} → {}: {}", t, result.error().code, result.error().message);
        return error_reply(id, result.error());
    }
    return std::move(*result);
}

Dispatcher::Reply Dispatcher::hello(const Fields& f, json reply) {
    auto client = f.optional_string("client");
    if (!client) return client.error();
    auto version = f.optional_string("extensionVersion");
    if (!version) return version.error();
    if (*client && ctx_.client == "unknown") ctx_.client = **client;
    spdlog::info("hello from {} extension {}", client->value_or("?"), version->value_or("?"));
    const auto& c = *ctx_.catalog;
    const auto& h = ctx_.store_health;
    reply["protocol"] = kProtocolVersion;
    reply["hostVersion"] = OG_VERSION;
    reply["catalog"] = {{"format", c.format},
                        {"version", c.version},
                        {"source", c.source},
                        {"procedures", c.procedures.size()},
                        {"overrideError", opt(ctx_.override_error)}};
    reply["capabilities"] = kCapabilities;
    reply["store"] = {{"ok", h.ok},
                      {"path", h.path},
                      {"schemaVersion", h.schema_version},
                      {"recovered", opt(h.recovered)},
                      {"error", opt(h.error)}};
    reply["limits"] = {{"maxInbound", kMaxInbound}, {"maxOutbound", kMaxOutbound}};
    return reply;
}

Dispatcher::Reply Dispatcher::list_procedures(const Fields& f, json reply) {
    auto lang = f.optional_string("uiLang", kMaxLangTag);
    if (!lang) return lang.error();
    auto cursor = f.optional_integer("cursor", 0, 1'000'000'000);
    if (!cursor) return cursor.error();
    const std::string l = primary_language(*lang);
    std::vector<json> items;
    for (const auto& p : ctx_.catalog->procedures) items.push_back(procedure_summary(p, l));
    auto pg = page(items, cursor->value_or(0), "/cursor");
    if (!pg) return pg.error();
    reply["procedures"] = std::move(pg->first);
    reply["nextCursor"] = std::move(pg->second);
    return reply;
}

Dispatcher::Reply Dispatcher::get_procedure(const Fields& f, json reply) {
    auto proc = procedure_field(f, "procedureId");
    if (!proc) return proc.error();
    auto lang = f.optional_string("uiLang", kMaxLangTag);
    if (!lang) return lang.error();
    const std::string l = primary_language(*lang);
    const catalog::Procedure& p = **proc;
    json out = procedure_summary(p, l);
    json steps = json::array();
    for (const auto& s : p.steps) {
        if (!s.counted()) continue;
        steps.push_back({{"id", s.id},
                         {"kind", s.kind},
                         {"index", s.index},
                         {"instruction", catalog::localized(s.instruction, l)},
                         {"directLink", opt(s.direct_link)}});
    }
    out["steps"] = std::move(steps);
    out["stepCount"] = p.counted_steps();
    out["sources"] = p.sources;
    reply["procedure"] = std::move(out);
    return reply;
}

Dispatcher::Reply Dispatcher::next_step(const Fields& f, json reply) {
    auto account = account_field(f, "account");
    if (!account) return account.error();
    auto hint = f.optional_string("procedureId");
    if (!hint) return hint.error();
    if (*hint && ctx_.catalog->find(**hint) == nullptr)
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
    std::vector<std::string> headings;
    if (*signals != nullptr) {
        auto h = Fields(**signals, "/context/signals")
                     .optional_string_array("headings", kMaxHeadings, kMaxString);
        if (!h) return h.error();
        headings = std::move(*h);
    }
    catalog::ParsedUrl parsed;
    if (!catalog::parse_url(*url, parsed))
        return invalid_value("/context/url", "not an absolute http(s) URL");

    catalog::PageContext page_ctx;
    page_ctx.url = *url;
    page_ctx.title = title->value_or("");
    page_ctx.doc_lang = doc_lang->value_or("");
    page_ctx.ui_lang = ui_lang->value_or("en");
    page_ctx.headings = std::move(headings);

    const auto candidates = index_.candidates(page_ctx);
    std::optional<Error> store_error;
    auto progress_of = [&](const catalog::Procedure& p) {
        auto got = record::progress_of(p, *account, ctx_.store);
        if (got) return std::move(*got);
        // Guidance still works from the catalog alone when the journal cannot be read.
        store_error = got.error();
        return progress::derive(p, *account, {});
    };
    const auto selection = guide::select_step(candidates, progress_of, *hint);
    if (store_error) spdlog::warn("nextStep without progress: {}", store_error->message);
    if (!selection || selection->procedure == nullptr || selection->step == nullptr) {
        reply["match"] = nullptr;
        return reply;
    }
    const catalog::Procedure& p = *selection->procedure;
    const catalog::Step& s = *selection->step;
    const std::string l = primary_language(*ui_lang);
    const progress::Progress progress = progress_of(p);
    json targets = s.targets;
    json complete = s.complete;
    reply["match"] = {{"procedureId", p.id},
                      {"platform", p.platform},
                      {"account", *account},
                      {"stepId", s.id},
                      {"kind", s.kind},
                      {"stepIndex", s.index},
                      {"stepCount", p.counted_steps()},
                      {"state", progress::to_string(progress.state)},
                      {"done", progress.done_steps.count(s.id) > 0},
                      {"instruction", catalog::localized(s.instruction, l)},
                      {"lookFor", localized_or_null(s.look_for, l)},
                      {"warning", localized_or_null(s.warning, l)},
                      {"targets", std::move(targets)},
                      {"complete", std::move(complete)},
                      {"directLink", s.direct_link ? json(*s.direct_link) : opt(p.direct_link)},
                      {"procedureTitle", catalog::localized(p.title, l)},
                      {"language", language_used(s.instruction, l)},
                      {"progress", record::progress_json(progress)}};
    return reply;
}

Dispatcher::Reply Dispatcher::report_event(const Fields& f, json reply) {
    auto event = f.required_object("event");
    if (!event) return event.error();
    const Fields e(**event, "/event");
    auto event_id = e.required_string("eventId", 64);
    if (!event_id) return event_id.error();
    if (!valid_event_id(*event_id))
        return invalid_value("/event/eventId", "must be 8 to 64 characters A-Z a-z 0-9 _ -");
    auto proc = procedure_field(e, "procedureId");
    if (!proc) return proc.error();
    auto type = e.required_string("type");
    if (!type) return type.error();
    if (std::find(kEventTypes.begin(), kEventTypes.end(), *type) == kEventTypes.end())
        return invalid_value("/event/type",
                             "\"" + *type +
                                 "\" is not one of step_shown step_completed step_skipped "
                                 "form_submitted confirmation_received");
    auto step_id = e.optional_string("stepId");
    if (!step_id) return step_id.error();
    const bool step_event = type->rfind("step_", 0) == 0;
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
    if (ctx_.store == nullptr) return store_unavailable();

    store::Event ev;
    ev.event_id = *event_id;
    ev.platform = (*proc)->platform;
    ev.account = *account;
    ev.procedure_id = (*proc)->id;
    ev.step_id = step_id->value_or("");
    ev.type = *type;
    ev.url = url->value_or("");
    ev.client = client->value_or(ctx_.client);
    ev.catalog_version = ctx_.catalog->version;
    auto appended = ctx_.store->append(ev);
    if (!appended) {
        Error err = appended.error();
        if (err.code == "event_conflict" && err.field.empty()) err.field = "/event/eventId";
        return err;
    }
    auto progress = record::progress_of(**proc, *account, ctx_.store);
    if (!progress) return progress.error();
    reply["duplicate"] = *appended == store::AppendOutcome::duplicate;
    reply["progress"] = record::progress_json(*progress);
    return reply;
}

Dispatcher::Reply Dispatcher::get_progress(const Fields& f, json reply) {
    auto platform = f.optional_string("platform");
    if (!platform) return platform.error();
    if (*platform && std::find(record::kPlatforms.begin(), record::kPlatforms.end(), **platform) ==
                         record::kPlatforms.end())
        return invalid_value("/platform", "must be instagram, facebook or meta");
    auto account = f.optional_string("account", kMaxAccount);
    if (!account) return account.error();
    auto procedure = f.optional_string("procedureId");
    if (!procedure) return procedure.error();
    auto cursor = f.optional_integer("cursor", 0, 1'000'000'000);
    if (!cursor) return cursor.error();
    auto rows = record::progress_rows(*ctx_.catalog, ctx_.store, {*platform, *account, *procedure});
    if (!rows) return rows.error();
    std::vector<json> items;
    for (const auto& r : *rows) items.push_back(record::progress_json(r));
    auto pg = page(items, cursor->value_or(0), "/cursor");
    if (!pg) return pg.error();
    reply["progress"] = std::move(pg->first);
    reply["nextCursor"] = std::move(pg->second);
    return reply;
}

Dispatcher::Reply Dispatcher::reset_procedure(const Fields& f, json reply) {
    auto proc = procedure_field(f, "procedureId");
    if (!proc) return proc.error();
    auto account = account_field(f, "account");
    if (!account) return account.error();
    if (ctx_.store == nullptr) return store_unavailable();
    store::Event ev;
    ev.event_id = random_id("reset-");
    ev.platform = (*proc)->platform;
    ev.account = *account;
    ev.procedure_id = (*proc)->id;
    ev.type = "reset";
    ev.client = ctx_.client;
    ev.catalog_version = ctx_.catalog->version;
    auto appended = ctx_.store->append(ev);
    if (!appended) return appended.error();
    auto progress = record::progress_of(**proc, *account, ctx_.store);
    if (!progress) return progress.error();
    reply["progress"] = record::progress_json(*progress);
    return reply;
}

Dispatcher::Reply Dispatcher::export_record(const Fields& f, json reply) {
    auto format = f.optional_string("format");
    if (!format) return format.error();
    const std::string fmt = format->value_or("json");
    if (fmt != "json" && fmt != "html") return invalid_value("/format", "must be json or html");
    auto ui_lang = f.optional_string("uiLang", kMaxLangTag);
    if (!ui_lang) return ui_lang.error();
    auto cursor_field = f.optional_integer("cursor", 0, std::numeric_limits<std::int64_t>::max());
    if (!cursor_field) return cursor_field.error();
    const std::string lang = record::pick_language(ui_lang->value_or("en"));
    const auto cursor = static_cast<std::size_t>(cursor_field->value_or(0));

    // The record is built once, on the first page, and later pages are cut from that same
    // text, so pages of one export always fit together.
    if (cursor == 0 || !record_ || record_->format != fmt || record_->lang != lang) {
        const std::string now = record::now_utc();
        auto rec = record::build(*ctx_.catalog, ctx_.store, lang, now);
        if (!rec) return rec.error();
        record_ = CachedRecord{
            fmt, lang, now, fmt == "html" ? record::render_html(*rec) : record::render_json(*rec)};
    }
    const std::string& text = record_->text;
    if (cursor > text.size())
        return invalid_value("/cursor", "cursor " + std::to_string(cursor) +
                                            " is past the end of the record (" +
                                            std::to_string(text.size()) + " bytes)");
    if (cursor < text.size() && (static_cast<unsigned char>(text[cursor]) & 0xC0) == 0x80)
        return invalid_value("/cursor", "not a cursor this host gave out");
    const std::string_view rest = std::string_view(text).substr(cursor);
    const std::size_t len = utf8::boundary_at_most(rest, kRecordChunk);
    reply["format"] = fmt;
    reply["language"] = lang;
    reply["generatedAt"] = record_->generated_at;
    reply["chunk"] = std::string(rest.substr(0, len));
    reply["offset"] = cursor;
    reply["total"] = text.size();
    reply["nextCursor"] = cursor + len < text.size() ? json(cursor + len) : json(nullptr);
    return reply;
}

Dispatcher::Reply Dispatcher::list_accounts(const Fields&, json reply) {
    std::vector<store::Account> accounts;
    if (ctx_.store != nullptr) {
        auto got = ctx_.store->accounts();
        if (!got) return got.error();
        accounts = std::move(*got);
    }
    // Every platform has its default account, whether or not the store lists it.
    for (const auto& platform : record::kPlatforms) {
        const bool listed = std::any_of(accounts.begin(), accounts.end(), [&](const auto& a) {
            return a.platform == platform && a.account == record::kDefaultAccount;
        });
        if (!listed)
            accounts.push_back({platform, record::kDefaultAccount, record::kDefaultAccount, true});
    }
    json out = json::array();
    for (const auto& a : accounts)
        out.push_back({{"platform", a.platform},
                       {"account", a.account},
                       {"label", a.label},
                       {"isDefault", a.is_default}});
    reply["accounts"] = std::move(out);
    return reply;
}

Dispatcher::Reply Dispatcher::set_account(const Fields& f, json reply) {
    auto platform = f.required_string("platform");
    if (!platform) return platform.error();
    if (std::find(record::kPlatforms.begin(), record::kPlatforms.end(), *platform) ==
        record::kPlatforms.end())
        return invalid_value("/platform", "must be instagram, facebook or meta");
    if (auto given = f.required_string("account", kMaxAccount); !given) return given.error();
    auto account = account_field(f, "account");
    if (!account) return account.error();
    auto label = f.optional_string("label", 128);
    if (!label) return label.error();
    if (ctx_.store == nullptr) return store_unavailable();
    store::Account a{*platform, *account, label->value_or(*account),
                     *account == record::kDefaultAccount};
    auto done = ctx_.store->set_account(a);
    if (!done) return done.error();
    return list_accounts(f, std::move(reply));
}

}  // namespace og::protocol
