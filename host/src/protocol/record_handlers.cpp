// exportRecord: the record, built once per export and handed out in chunks.
#include "protocol/dispatcher.hpp"
#include "protocol/paging.hpp"
#include "record/progress.hpp"
#include "record/record.hpp"
#include "util/utf8.hpp"

namespace og::protocol {

using nlohmann::json;

Dispatcher::Reply Dispatcher::export_record(const ExportRecordRequest& r, json reply) {
    // The record is built once, on the first page, and later pages are cut from that same
    // text, so pages of one export always fit together.
    if (r.cursor == 0 || !record_ || record_->format != r.format || record_->lang != r.lang) {
        const std::string now = record::now_utc();
        auto rec = record::build(catalog_->full(), store(), r.lang, now);
        if (!rec) return rec.error();
        record_ = CachedRecord{
            r.format, r.lang, now,
            r.format == "html" ? record::render_html(*rec) : record::render_json(*rec)};
    }
    const std::string& text = record_->text;
    const std::size_t cursor = r.cursor;
    if (cursor > text.size())
        return make_error("invalid_value",
                          "/cursor: cursor " + std::to_string(cursor) +
                              " is past the end of the record (" + std::to_string(text.size()) +
                              " bytes)",
                          "/cursor");
    if (cursor < text.size() && (static_cast<unsigned char>(text[cursor]) & 0xC0) == 0x80)
        return make_error("invalid_value", "/cursor: not a cursor this host gave out", "/cursor");
    const std::string_view rest = std::string_view(text).substr(cursor);
    const std::size_t len = utf8::boundary_at_most(rest, kRecordChunk);
    reply["format"] = r.format;
    reply["language"] = r.lang;
    reply["generatedAt"] = record_->generated_at;
    reply["chunk"] = std::string(rest.substr(0, len));
    reply["offset"] = cursor;
    reply["total"] = text.size();
    reply["nextCursor"] = cursor + len < text.size() ? json(cursor + len) : json(nullptr);
    return reply;
}

}  // namespace og::protocol
