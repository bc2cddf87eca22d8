// The messages that change which catalog serves or record what it missed: offerCatalog (a
// newer catalog the extension carries) and reportMismatch ("This isn't what I see").
#include <spdlog/spdlog.h>

#include "builtin/builtin.hpp"
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
    const std::int64_t serving = catalog_->header().version;
    auto packed = catalog::pack_files(r.files, &trusted);
    if (!packed.pack) {
        std::string shown;
        for (std::size_t i = 0; i < packed.problems.size() && i < kProblemsShown; ++i) {
            const auto text = catalog::format_problem(packed.problems[i]);
            spdlog::warn("catalog offered by the extension: {}", text);
            if (!shown.empty()) shown += "; ";
            shown += text;
        }
        return make_error("invalid_catalog", "the catalog the extension offered was refused (" +
                                                 std::to_string(packed.problems.size()) +
                                                 " problem(s)); catalog version " +
                                                 std::to_string(serving) +
                                                 " keeps serving: " + shown);
    }
    const auto offered_version = packed.version;
    reply["version"] = offered_version;
    reply["serving"] = serving;
    if (offered_version <= serving) {
        reply["accepted"] = false;
        reply["reason"] = "not newer than the catalog serving";
        return reply;
    }
    if (ctx_.override_dir.empty())
        return make_error("catalog_not_saved", "this host has no folder for a catalog override");
    if (auto saved = catalog::save_override(ctx_.override_dir, r.files); !saved)
        return saved.error();
    // Validated once, here: the pack is cached for the next start and serves from now on.
    auto adopted =
        catalog::adopt_override(ctx_.override_dir, ctx_.catalog_cache_dir, std::move(*packed.pack));
    if (!adopted) return adopted.error();
    spdlog::info("catalog version {} from the extension kept in {} (was {})", offered_version,
                 ctx_.override_dir.string(), serving);
    offered_ = std::move(*adopted);
    catalog_ = offered_.get();
    ctx_.override_error.reset();
    // Everything derived from the catalog that served before.
    step_text_.clear();
    progress_.clear();
    record_.reset();
    reply["accepted"] = true;
    reply["serving"] = offered_version;
    reply["source"] = catalog_->header().source;
    return reply;
}

Dispatcher::Reply Dispatcher::report_mismatch(const ReportMismatchRequest& r, json reply) {
    store::Store* const s = store_for_write();
    if (s == nullptr) return store_unavailable();
    json body = r.report;
    body["client"] = ctx_.client;
    auto stored = s->add_report(body.dump());
    if (!stored) return stored.error();
    reply["reportId"] = stored->seq;
    reply["at"] = stored->at;
    return reply;
}

}  // namespace og::protocol
