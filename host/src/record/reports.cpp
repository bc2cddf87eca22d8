#include "record/reports.hpp"

#include "record/progress.hpp"
#include "util/messages.hpp"

namespace og::record {

std::optional<nlohmann::json> report_entry(const store::Report& r) {
    nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
    if (body.is_discarded()) return std::nullopt;
    return nlohmann::json{{"reportId", r.seq}, {"at", r.at}, {"report", std::move(body)}};
}

nlohmann::json reports_header(std::int64_t catalog_version, std::string_view lang) {
    return {{"about", std::string(messages::text(lang, "report.about"))},
            {"hostVersion", OG_VERSION},
            {"catalogVersion", catalog_version},
            {"generatedAt", now_utc()}};
}

}  // namespace og::record
