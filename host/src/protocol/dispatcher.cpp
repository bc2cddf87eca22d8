#include "protocol/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "protocol/framing.hpp"
#include "protocol/message.hpp"
#include "protocol/reply.hpp"

namespace og::protocol {

using nlohmann::json;

namespace {

// hello: what the extension needs to tell platforms apart and to keep to the allowlist.
json platforms_json(const catalog::Catalog& c) {
    json out = json::array();
    for (const auto& p : c.platforms)
        out.push_back({{"id", p.id}, {"name", p.name}, {"hosts", p.hosts}});
    return out;
}

}  // namespace

struct Dispatcher::Route {
    std::string_view type;
    Reply (Dispatcher::*run)(const Fields&, json);
};

template <auto Parse, auto Handle>
Dispatcher::Reply Dispatcher::run(const Fields& f, json reply) {
    auto request = Parse(f, *catalog_);
    if (!request) return request.error();
    return (this->*Handle)(*request, std::move(reply));
}

// The protocol, one row per message type (docs/protocol.md, "Messages").
const std::vector<Dispatcher::Route>& Dispatcher::routes() {
    static const std::vector<Route> table = {
        {"hello", &Dispatcher::run<parse_hello, &Dispatcher::hello>},
        {"storeHealth", &Dispatcher::run<parse_store_health, &Dispatcher::store_health_reply>},
        {"listProcedures", &Dispatcher::run<parse_list_procedures, &Dispatcher::list_procedures>},
        {"getProcedure", &Dispatcher::run<parse_get_procedure, &Dispatcher::get_procedure>},
        {"nextStep", &Dispatcher::run<parse_next_step, &Dispatcher::next_step>},
        {"reportEvent", &Dispatcher::run<parse_report_event, &Dispatcher::report_event>},
        {"getProgress", &Dispatcher::run<parse_get_progress, &Dispatcher::get_progress>},
        {"resetProcedure", &Dispatcher::run<parse_reset_procedure, &Dispatcher::reset_procedure>},
        {"exportRecord", &Dispatcher::run<parse_export_record, &Dispatcher::export_record>},
        {"listAccounts", &Dispatcher::run<parse_list_accounts, &Dispatcher::list_accounts>},
        {"setAccount", &Dispatcher::run<parse_set_account, &Dispatcher::set_account>},
        {"reportMismatch", &Dispatcher::run<parse_report_mismatch, &Dispatcher::report_mismatch>},
        {"listReports", &Dispatcher::run<parse_list_reports, &Dispatcher::list_reports>},
        {"offerCatalog", &Dispatcher::run<parse_offer_catalog, &Dispatcher::offer_catalog>},
    };
    return table;
}

std::vector<std::string_view> Dispatcher::capabilities() {
    std::vector<std::string_view> out;
    for (const auto& r : routes()) out.push_back(r.type);
    return out;
}

namespace {

catalog::CatalogSource* source_of(HostContext& ctx,
                                  std::unique_ptr<catalog::LoadedCatalog>& loaded) {
    if (ctx.source != nullptr) return ctx.source;
    loaded = std::make_unique<catalog::LoadedCatalog>(*ctx.catalog);
    return loaded.get();
}

}  // namespace

Dispatcher::Dispatcher(HostContext context)
    : ctx_(std::move(context)), catalog_(source_of(ctx_, loaded_)) {}

store::Store* Dispatcher::store() {
    return ctx_.open_store ? ctx_.open_store->get() : ctx_.store;
}

const store::Health& Dispatcher::store_health() {
    return ctx_.open_store ? ctx_.open_store->health() : ctx_.store_health;
}

store::Store* Dispatcher::store_for_write() {
    wrote_ = true;
    store::Store* s = store();
    if (s != nullptr && grouping_ && !store_in_group_) {
        s->begin_group();
        store_in_group_ = true;
    }
    return s;
}

void Dispatcher::begin_group() {
    grouping_ = true;
}

Status Dispatcher::end_group() {
    grouping_ = false;
    if (!store_in_group_) return Ok{};
    store_in_group_ = false;
    auto committed = store()->end_group();
    // What the cache derived inside the group may never have reached the disk.
    if (!committed) progress_.clear();
    return committed;
}

void Dispatcher::confirm_catalog() {
    if (!ctx_.confirm_catalog) return;
    const auto confirm = std::move(ctx_.confirm_catalog);
    ctx_.confirm_catalog = nullptr;
    std::unique_ptr<catalog::ActiveSource> changed;
    try {
        changed = confirm();
    } catch (const std::exception& e) {
        // What start-up opened keeps serving; the next start validates the override again.
        spdlog::error("catalog override could not be checked again: {}", e.what());
        return;
    }
    if (!changed) return;
    // Nothing has read a procedure yet (this runs before the first request that does), so no
    // pointer into the catalog replaced is held anywhere.
    confirmed_ = std::move(changed->source);
    catalog_ = confirmed_.get();
    ctx_.override_error = std::move(changed->override_error);
}

Error Dispatcher::store_unavailable() {
    return make_error("store_unavailable", "the progress store is not available (" +
                                               store_health().error.value_or("not opened") +
                                               "); nothing was recorded, try again later");
}

json Dispatcher::handle(const json& request) {
    wrote_ = false;
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

    const auto& table = routes();
    const auto route =
        std::find_if(table.begin(), table.end(), [&](const Route& r) { return r.type == *type; });
    if (route == table.end())
        return error_reply(
            id, make_error("unknown_type",
                           "/type: \"" + *type + "\" is not a message of protocol version " +
                               std::to_string(kProtocolVersion),
                           "/type"));
    if (route->type != "hello" && route->type != "storeHealth") confirm_catalog();
    Reply result = (this->*(route->run))(f, ok_reply(id));
    if (!result) {
        spdlog::info("{} → {}: {}", *type, result.error().code, result.error().message);
        return error_reply(id, result.error());
    }
    return std::move(*result);
}

Dispatcher::Reply Dispatcher::hello(const HelloRequest& r, json reply) {
    if (r.client && ctx_.client == "unknown") ctx_.client = *r.client;
    spdlog::info("hello from {} extension {}", r.client.value_or("?"),
                 r.extension_version.value_or("?"));
    const auto& c = catalog_->header();
    reply["protocol"] = kProtocolVersion;
    reply["hostVersion"] = OG_VERSION;
    reply["catalog"] = {{"format", c.format},
                        {"version", c.version},
                        {"source", c.source},
                        {"procedures", catalog_->procedure_count()},
                        {"platforms", platforms_json(c)},
                        {"allowlist", c.allowlist()},
                        {"domains", c.domains()},
                        {"overrideError", nullable(ctx_.override_error)}};
    reply["capabilities"] = capabilities();
    reply["store"] = store_json(false);
    reply["limits"] = {{"maxInbound", kMaxInbound}, {"maxOutbound", kMaxOutbound}};
    return reply;
}

json Dispatcher::store_json(bool open) {
    if (!open && ctx_.open_store != nullptr && !ctx_.open_store->opened())
        return {{"opened", false}, {"path", ctx_.store_path}};
    const auto& h = store_health();
    return {{"opened", true},
            {"ok", h.ok},
            {"path", h.path},
            {"schemaVersion", h.schema_version},
            {"recovered", nullable(h.recovered)},
            {"error", nullable(h.error)}};
}

Dispatcher::Reply Dispatcher::store_health_reply(const StoreHealthRequest&, json reply) {
    reply["store"] = store_json(true);
    return reply;
}

}  // namespace og::protocol
