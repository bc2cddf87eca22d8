// The messages that change which catalog serves or record what it missed: offerCatalog (a
// newer catalog the extension carries) and reportMismatch ("This isn't what I see").
#include <spdlog/spdlog.h>

#include "catalog/override_store.hpp"
#include "protocol/dispatcher.hpp"
#include "protocol/reply.hpp"

namespace og::protocol {

using nlohmann::json;

namespace {

constexpr std::size_t kProblemsShown = 3;  // the log has them all

}  // namespace

Dispatcher::Reply Dispatcher::offer_catalog(const OfferCatalogRequest& r, json reply) {
    // The same validator and trust root as an override folder: a catalog from the extension
    // may not widen the built-in allowlist either.
    const catalog::Allowlist trusted = catalog::builtin_allowlist();
    auto loaded = catalog::load_from_files(r.files, ctx_.override_dir.string(), &trusted);
    if (!loaded.catalog) {
        std::string shown;
        for (std::size_t i = 0; i < loaded.problems.size() && i < kProblemsShown; ++i) {
            const auto text = catalog::format_problem(loaded.problems[i]);
            spdlog::warn("catalog offered by the extension: {}", text);
            if (!shown.empty()) shown += "; ";
            shown += text;
        }
        return make_error("invalid_catalog", "the catalog the extension offered was refused (" +
                                                 std::to_string(loaded.problems.size()) +
                                                 " problem(s)); catalog version " +
                                                 std::to_string(ctx_.catalog->version) +
                                                 " keeps serving: " + shown);
    }
    const auto offered_version = loaded.catalog->version;
    reply["version"] = offered_version;
    reply["serving"] = ctx_.catalog->version;
    if (offered_version <= ctx_.catalog->version) {
        reply["accepted"] = false;
        reply["reason"] = "not newer than the catalog serving";
        return reply;
    }
    if (ctx_.override_dir.empty())
        return make_error("catalog_not_saved", "this host has no folder for a catalog override");
    if (auto saved = catalog::save_override(ctx_.override_dir, r.files); !saved)
        return saved.error();
    spdlog::info("catalog version {} from the extension kept in {} (was {})", offered_version,
                 ctx_.override_dir.string(), ctx_.catalog->version);
    offered_ = std::make_unique<catalog::Catalog>(std::move(*loaded.catalog));
    ctx_.catalog = offered_.get();
    ctx_.override_error.reset();
    index_ = catalog::MatchIndex(*ctx_.catalog);
    record_.reset();
    reply["accepted"] = true;
    reply["serving"] = offered_version;
    reply["source"] = ctx_.catalog->source;
    return reply;
}

Dispatcher::Reply Dispatcher::report_mismatch(const ReportMismatchRequest& r, json reply) {
    if (!ctx_.store) return store_unavailable();
    json body = r.report;
    body["client"] = ctx_.client;
    auto stored = ctx_.store->add_report(body.dump());
    if (!stored) return stored.error();
    reply["reportId"] = stored->seq;
    reply["at"] = stored->at;
    return reply;
}

}  // namespace og::protocol
