#pragma once
// One request object → one reply object (docs/protocol.md, "Messages"). One table maps each
// message type to its parser and handler; `hello`'s capability list is read from that table.
// Pure apart from the Store it is given and the override folder an accepted catalog offer is
// written to; a catalog is never changed, only replaced whole by a valid, newer one.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "builtin/builtin.hpp"
#include "catalog/matcher.hpp"
#include "catalog/model.hpp"
#include "catalog/source.hpp"
#include "protocol/progress_cache.hpp"
#include "protocol/requests.hpp"
#include "protocol/session.hpp"
#include "store/opener.hpp"
#include "store/store.hpp"

namespace og::protocol {

inline constexpr int kProtocolVersion = 1;

struct HostContext {
    // The active catalog: `source` when set (serve mode: packed, read on demand), else
    // `catalog`, already in memory.
    catalog::CatalogSource* source = nullptr;
    const catalog::Catalog* catalog = nullptr;
    std::optional<std::string> override_error;  // why the user's catalog was not used
    // catalog::ActiveSource::confirm: run once, before the first request that reads the catalog
    // beyond what hello says, and its replacement served if it returns one.
    std::function<std::unique_ptr<catalog::ActiveSource>()> confirm_catalog;
    store::Store* store = nullptr;  // null when the store could not be opened
    store::Health store_health;     // what storeHealth (and hello) report
    // When set, `store` and `store_health` are ignored: the store is opened through it on the
    // first request that needs it (hello is not one: it says whether the store is open yet).
    store::OpenOnNeed* open_store = nullptr;
    std::string store_path;  // with `open_store`: what hello names before the store is opened
    std::string client = "unknown";  // "chromium"/"firefox" from the launch
    // Where a catalog the extension offers is kept as the user's override (empty: nowhere, so
    // offers are refused), and where its validated pack is cached for the next start (empty:
    // not cached).
    std::filesystem::path override_dir;
    std::filesystem::path catalog_cache_dir;
};

class Dispatcher final : public RequestHandler {
  public:
    explicit Dispatcher(HostContext context);
    nlohmann::json handle(const nlohmann::json& request) override;
    std::string handle_text(const nlohmann::json& request) override;
    void begin_group() override;
    Status end_group() override;
    bool last_request_wrote() const override { return wrote_; }

    // Every message type this host answers, in protocol order.
    static std::vector<std::string_view> capabilities();

  private:
    using Reply = Result<nlohmann::json>;
    struct Route;
    static const std::vector<Route>& routes();
    // Parses the request with `Parse`, then hands the typed request to `Handle`.
    template <auto Parse, auto Handle>
    Reply run(const Fields& f, nlohmann::json reply);

    Reply hello(const HelloRequest& r, nlohmann::json reply);
    Reply store_health_reply(const StoreHealthRequest& r, nlohmann::json reply);
    Reply list_procedures(const ListProceduresRequest& r, nlohmann::json reply);
    Reply get_procedure(const GetProcedureRequest& r, nlohmann::json reply);
    Reply next_step(const NextStepRequest& r, nlohmann::json reply);
    Reply report_event(const ReportEventRequest& r, nlohmann::json reply);
    Reply get_progress(const GetProgressRequest& r, nlohmann::json reply);
    Reply reset_procedure(const ResetProcedureRequest& r, nlohmann::json reply);
    Reply export_record(const ExportRecordRequest& r, nlohmann::json reply);
    Reply list_accounts(const ListAccountsRequest& r, nlohmann::json reply);
    Reply set_account(const SetAccountRequest& r, nlohmann::json reply);
    Reply report_mismatch(const ReportMismatchRequest& r, nlohmann::json reply);
    Reply list_reports(const ListReportsRequest& r, nlohmann::json reply);
    Reply offer_catalog(const OfferCatalogRequest& r, nlohmann::json reply);

    // nextStep's reply as text; the static part of each (step, language) serialised once.
    std::string next_step_text(const nlohmann::json& id, const NextStepRequest& r);
    const std::string& step_text(const catalog::Procedure& p, const catalog::Step& s,
                                 const std::string& lang);
    static constexpr std::size_t kMaxStepTexts = 4096;
    // exportRecord's reply as text: the page escaped straight into it, held once.
    std::string export_record_text(const nlohmann::json& id, const ExportRecordRequest& r);
    std::unordered_map<std::string, std::string> step_text_;

    void confirm_catalog();
    Error store_unavailable();
    store::Store* store();
    const store::Health& store_health();
    // hello's and storeHealth's `store`: the store's health, or with `open` false and the store
    // not opened yet, only where it is (hello must not pay for SQLite's start).
    nlohmann::json store_json(bool open);
    // The store, for a request about to write: joins the open group, if any.
    store::Store* store_for_write();

    HostContext ctx_;
    std::unique_ptr<catalog::LoadedCatalog> loaded_;     // when given `catalog`
    std::unique_ptr<catalog::CatalogSource> offered_;    // a catalog taken from the extension
    std::unique_ptr<catalog::CatalogSource> confirmed_;  // the override as it is, if it changed
    catalog::CatalogSource* catalog_;                    // the one serving: never null
    ProgressCache progress_;
    bool grouping_ = false;        // between begin_group() and end_group()
    bool store_in_group_ = false;  // the store was told of the group (on its first write)
    bool wrote_ = false;           // the current request writes
    // The export under way: not its text (that grows with the journal) but what makes every
    // page of it the same text again, and that text's size and digest to prove it.
    struct CachedRecord {
        std::string format, lang, generated_at;
        std::optional<std::int64_t> up_to_seq;
        std::size_t total = 0;
        std::uint64_t digest = 0;
    };
    std::optional<CachedRecord> record_;
};

}  // namespace og::protocol
