#pragma once
// One request object → one reply object (docs/protocol.md, "Messages"). Pure apart from the
// Store it is given; the catalog is read-only.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/matcher.hpp"
#include "catalog/model.hpp"
#include "protocol/fields.hpp"
#include "protocol/session.hpp"
#include "store/store.hpp"

namespace og::protocol {

inline constexpr int kProtocolVersion = 1;
// Paged answers stop adding items before this many bytes, leaving room for the envelope.
inline constexpr std::size_t kPageBudget = 900 * 1024;
inline constexpr std::size_t kRecordChunk = 512 * 1024;

struct HostContext {
    const catalog::Catalog* catalog = nullptr;
    std::optional<std::string> override_error;  // why the user's catalog was not used
    store::Store* store = nullptr;              // null when the store could not be opened
    store::Health store_health;                 // what hello reports
    std::string client = "unknown";             // "chromium"/"firefox" from the launch
};

class Dispatcher final : public RequestHandler {
  public:
    explicit Dispatcher(HostContext context);
    nlohmann::json handle(const nlohmann::json& request) override;

  private:
    using Reply = Result<nlohmann::json>;
    Reply hello(const Fields& f, nlohmann::json reply);
    Reply list_procedures(const Fields& f, nlohmann::json reply);
    Reply get_procedure(const Fields& f, nlohmann::json reply);
    Reply next_step(const Fields& f, nlohmann::json reply);
    Reply report_event(const Fields& f, nlohmann::json reply);
    Reply get_progress(const Fields& f, nlohmann::json reply);
    Reply reset_procedure(const Fields& f, nlohmann::json reply);
    Reply export_record(const Fields& f, nlohmann::json reply);
    Reply list_accounts(const Fields& f, nlohmann::json reply);
    Reply set_account(const Fields& f, nlohmann::json reply);

    Result<const catalog::Procedure*> procedure_field(const Fields& f, std::string_view key) const;
    Result<std::string> account_field(const Fields& f, std::string_view key) const;
    Error store_unavailable() const;

    HostContext ctx_;
    catalog::MatchIndex index_;
    struct CachedRecord {
        std::string format, lang, generated_at, text;
    };
    std::optional<CachedRecord> record_;
};

}  // namespace og::protocol
