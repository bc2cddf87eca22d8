// listReports: the "This isn't what I see" reports, for the popup to save as the file
// `report --export` writes (record/reports.hpp). Reading them sends nothing anywhere.
#include <spdlog/spdlog.h>

#include "protocol/dispatcher.hpp"
#include "protocol/paging.hpp"
#include "record/reports.hpp"

namespace og::protocol {

using nlohmann::json;

Dispatcher::Reply Dispatcher::list_reports(const ListReportsRequest& r, json reply) {
    std::vector<json> items;
    if (store() != nullptr) {
        auto got = store()->reports();
        if (!got) return got.error();
        for (const auto& report : *got) {
            auto entry = record::report_entry(report);
            if (entry)
                items.push_back(std::move(*entry));
            else
                spdlog::warn("report {} is unreadable, left out of listReports", report.seq);
        }
    }
    auto pg = page_of(items, r.cursor, "/cursor");
    if (!pg) return pg.error();
    reply.update(record::reports_header(catalog_->header().version, r.lang));
    reply["reports"] = std::move(pg->items);
    reply["nextCursor"] = std::move(pg->next_cursor);
    return reply;
}

}  // namespace og::protocol
