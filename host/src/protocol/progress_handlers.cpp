// The messages that write or read progress: reportEvent, getProgress, resetProcedure,
// listAccounts, setAccount.
#include <algorithm>
#include <random>

#include "protocol/dispatcher.hpp"
#include "protocol/paging.hpp"
#include "record/progress.hpp"

namespace og::protocol {
namespace {

using nlohmann::json;

std::string random_id(std::string_view prefix) {
    static std::mt19937_64 engine{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(prefix);
    for (int i = 0; i < 16; ++i) id += kHex[engine() & 15];
    return id;
}

}  // namespace

Dispatcher::Reply Dispatcher::report_event(const ReportEventRequest& r, json reply) {
    store::Store* const s = store_for_write();
    if (s == nullptr) return store_unavailable();
    store::Event ev;
    ev.event_id = r.event_id;
    ev.platform = r.procedure->platform;
    ev.account = r.account;
    ev.procedure_id = r.procedure->id;
    ev.step_id = r.step_id.value_or("");
    ev.type = r.type;
    ev.url = r.url.value_or("");
    ev.client = r.client.value_or(ctx_.client);
    ev.catalog_version = catalog_->header().version;
    ev.evidence = r.evidence;
    auto appended = s->append(ev);
    if (!appended) {
        progress_.forget(r.procedure->id, r.account);
        Error err = appended.error();
        if (err.code == "event_conflict" && err.field.empty()) err.field = "/event/eventId";
        return err;
    }
    auto progress = progress_.written(*r.procedure, ev, *appended, s);
    if (!progress) return progress.error();
    reply["duplicate"] = *appended == store::AppendOutcome::duplicate;
    // A repetitive event past the store's cap is acknowledged but not written.
    reply["stored"] = *appended == store::AppendOutcome::inserted;
    reply["progress"] = record::progress_json(*progress);
    return reply;
}

Dispatcher::Reply Dispatcher::get_progress(const GetProgressRequest& r, json reply) {
    auto rows =
        record::progress_rows(catalog_->full(), store(), {r.platform, r.account, r.procedure_id});
    if (!rows) return rows.error();
    std::vector<json> items;
    for (const auto& row : *rows) items.push_back(record::progress_json(row));
    auto pg = page_of(items, r.cursor, "/cursor");
    if (!pg) return pg.error();
    reply["progress"] = std::move(pg->items);
    reply["nextCursor"] = std::move(pg->next_cursor);
    return reply;
}

Dispatcher::Reply Dispatcher::reset_procedure(const ResetProcedureRequest& r, json reply) {
    store::Store* const s = store_for_write();
    if (s == nullptr) return store_unavailable();
    store::Event ev;
    ev.event_id = random_id("reset-");
    ev.platform = r.procedure->platform;
    ev.account = r.account;
    ev.procedure_id = r.procedure->id;
    ev.type = "reset";
    ev.client = ctx_.client;
    ev.catalog_version = catalog_->header().version;
    auto appended = s->append(ev);
    if (!appended) {
        progress_.forget(r.procedure->id, r.account);
        return appended.error();
    }
    auto progress = progress_.written(*r.procedure, ev, *appended, s);
    if (!progress) return progress.error();
    reply["progress"] = record::progress_json(*progress);
    return reply;
}

Dispatcher::Reply Dispatcher::list_accounts(const ListAccountsRequest& r, json reply) {
    std::vector<store::Account> accounts;
    if (store() != nullptr) {
        auto got = store()->accounts();
        if (!got) return got.error();
        accounts = std::move(*got);
    }
    // Every platform has its default account, whether or not the store lists it.
    // Implied defaults go first, in catalog order, so each platform's default leads its list.
    std::vector<store::Account> implied;
    for (const auto& p : catalog_->header().platforms) {
        const bool listed = std::any_of(accounts.begin(), accounts.end(), [&](const auto& a) {
            return a.platform == p.id && a.account == record::kDefaultAccount;
        });
        if (!listed)
            implied.push_back({p.id, record::kDefaultAccount, record::kDefaultAccount, true});
    }
    accounts.insert(accounts.begin(), implied.begin(), implied.end());
    std::vector<json> items;
    items.reserve(accounts.size());
    for (const auto& a : accounts)
        items.push_back({{"platform", a.platform},
                         {"account", a.account},
                         {"label", a.label},
                         {"isDefault", a.is_default}});
    auto pg = page_of(items, r.cursor, "/cursor");
    if (!pg) return pg.error();
    reply["accounts"] = std::move(pg->items);
    reply["nextCursor"] = std::move(pg->next_cursor);
    return reply;
}

Dispatcher::Reply Dispatcher::set_account(const SetAccountRequest& r, json reply) {
    if (store_for_write() == nullptr) return store_unavailable();
    store::Account a{r.platform, r.account, r.label, r.account == record::kDefaultAccount};
    auto done = store()->set_account(a);
    if (!done) return done.error();
    return list_accounts({}, std::move(reply));
}

}  // namespace og::protocol
