#include "record/reports.hpp"

#include "record/progress.hpp"

namespace og::record {

std::optional<nlohmann::json> report_entry(const store::Report& r) {
    nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
    if (body.is_discarded()) return std::nullopt;
    return nlohmann::json{{"reportId", r.seq}, {"at", r.at}, {"report", std::move(body)}};
}

nlohmann::json reports_header(std::int64_t catalog_version) {
    return {{"about",
             "optout-guide mismatch reports: for each, the procedure and step the guide showed, "
             "the catalog version, the page's host and path (no query, no page text), its "
             "language, and how many elements each locator found. Send this file to the "
             "maintainers if you wish."},
            {"hostVersion", OG_VERSION},
            {"catalogVersion", catalog_version},
            {"generatedAt", now_utc()}};
}

}  // namespace og::record
