#pragma once
// One request object → one reply object (docs/protocol.md, "Messages"). One table maps each
// message type to its parser and handler; `hello`'s capability list is read from that table.
// Pure apart from the Store it is given and the override folder an accepted catalog offer is
// written to; a catalog is never changed, only replaced whole by a valid, newer one.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/matcher.hpp"
#include "catalog/model.hpp"
#include "protocol/requests.hpp"
#include "protocol/session.hpp"
#include "store/store.hpp"

namespace og::protocol {

inline constexpr int kProtocolVersion = 1;

struct HostContext {
    const catalog::Catalog* catalog = nullptr;
    std::optional<std::string> override_error;  // why the user's catalog was not used
    store::Store* store = nullptr;              // null when the store could not be opened
    store::Health store_health;                 // what hello reports
    std::string client = "unknown";             // "chromium"/"firefox" from the launch
    // Where a catalog the extension offers is kept as the user's override (empty: nowhere, so
    // offers are refused).
    std::filesystem::path override_dir;
};

class Dispatcher final : public RequestHandler {
  public:
    explicit Dispatcher(HostContext context);
    nlohmann::json handle(const nlohmann::json& request) override;

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
    Reply offer_catalog(const OfferCatalogRequest& r, nlohmann::json reply);

    Error store_unavailable() const;

    HostContext ctx_;
    std::unique_ptr<catalog::Catalog> offered_;  // a catalog taken from the extension, if any
    catalog::MatchIndex index_;
    struct CachedRecord {
        std::string format, lang, generated_at, text;
    };
    std::optional<CachedRecord> record_;
};

}  // namespace og::protocol
