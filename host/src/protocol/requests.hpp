#pragma once
// Each request type of docs/protocol.md as a small typed struct, parsed and checked in one
// place before any handler runs: a handler sees only values that are already valid.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/loader.hpp"
#include "catalog/matcher.hpp"
#include "catalog/model.hpp"
#include "catalog/source.hpp"
#include "protocol/fields.hpp"
#include "util/result.hpp"

namespace og::protocol {

struct HelloRequest {
    std::optional<std::string> client;
    std::optional<std::string> extension_version;
};

struct StoreHealthRequest {};

struct ListProceduresRequest {
    std::string lang;  // primary language ("fr"), "en" when absent
    std::int64_t cursor = 0;
};

struct GetProcedureRequest {
    const catalog::Procedure* procedure = nullptr;
    std::string lang;
};

struct NextStepRequest {
    std::string account;
    std::optional<std::string> hint;  // a procedure id known to the catalog
    catalog::PageContext page;
    catalog::ParsedUrl url;  // page.url, parsed once
    std::string lang;        // primary UI language, for the texts of the reply
};

struct ReportEventRequest {
    std::string event_id;
    const catalog::Procedure* procedure = nullptr;
    std::string type;
    std::optional<std::string> step_id;  // a step of `procedure` when present
    std::string account;
    std::optional<std::string> url;
    std::optional<std::string> client;
    // form_submitted: what the page showed once it took the form; answer_received: the
    // answer (progress::answer_detail). Compact JSON, empty for the other events.
    std::string evidence;
};

struct GetProgressRequest {
    std::optional<std::string> platform;  // a platform of the catalog when present
    std::optional<std::string> account;
    std::optional<std::string> procedure_id;
    std::int64_t cursor = 0;
};

struct ResetProcedureRequest {
    const catalog::Procedure* procedure = nullptr;
    std::string account;
};

struct ExportRecordRequest {
    std::string format;  // "json" | "html"
    std::string lang;    // a language the record is written in
    std::size_t cursor = 0;
};

struct ListAccountsRequest {
    std::int64_t cursor = 0;  // paged like getProgress: nextCursor says where to go on
};

struct ListReportsRequest {
    std::int64_t cursor = 0;  // paged like getProgress
    std::string lang;         // the language of the file's "about" text
};

struct SetAccountRequest {
    std::string platform;
    std::string account;
    std::string label;
};

// A "This isn't what I see" report, checked and rebuilt from its known fields only (no query,
// no page text: docs/protocol.md, reportMismatch).
struct ReportMismatchRequest {
    nlohmann::json report;
};

// A catalog the extension carries, as the files of an override folder.
struct OfferCatalogRequest {
    std::vector<catalog::SourceFile> files;
};

// The event types a client may report (`reset` is made by resetProcedure only).
inline constexpr std::string_view kClientEventTypes[] = {
    "step_shown",     "step_completed",        "step_skipped",
    "form_submitted", "confirmation_received", "answer_received"};

// Parsers: `f` is the request's root object. Every error names the JSON pointer at fault.
Result<HelloRequest> parse_hello(const Fields& f, catalog::CatalogSource& catalog);
Result<StoreHealthRequest> parse_store_health(const Fields& f, catalog::CatalogSource& catalog);
Result<ListProceduresRequest> parse_list_procedures(const Fields& f,
                                                    catalog::CatalogSource& catalog);
Result<GetProcedureRequest> parse_get_procedure(const Fields& f, catalog::CatalogSource& catalog);
Result<NextStepRequest> parse_next_step(const Fields& f, catalog::CatalogSource& catalog);
Result<ReportEventRequest> parse_report_event(const Fields& f, catalog::CatalogSource& catalog);
Result<GetProgressRequest> parse_get_progress(const Fields& f, catalog::CatalogSource& catalog);
Result<ResetProcedureRequest> parse_reset_procedure(const Fields& f,
                                                    catalog::CatalogSource& catalog);
Result<ExportRecordRequest> parse_export_record(const Fields& f, catalog::CatalogSource& catalog);
Result<ListAccountsRequest> parse_list_accounts(const Fields& f, catalog::CatalogSource& catalog);
Result<ListReportsRequest> parse_list_reports(const Fields& f, catalog::CatalogSource& catalog);
Result<SetAccountRequest> parse_set_account(const Fields& f, catalog::CatalogSource& catalog);
Result<ReportMismatchRequest> parse_report_mismatch(const Fields& f,
                                                    catalog::CatalogSource& catalog);
Result<OfferCatalogRequest> parse_offer_catalog(const Fields& f, catalog::CatalogSource& catalog);

}  // namespace og::protocol
