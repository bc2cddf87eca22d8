// exportRecord: the record written again for each page from the journal as it stood at the
// first page, only that page's bytes kept, so an export's memory does not grow with the journal.
#include "protocol/dispatcher.hpp"
#include "protocol/paging.hpp"
#include "record/progress.hpp"
#include "record/record.hpp"
#include "util/utf8.hpp"

namespace og::protocol {

using nlohmann::json;

namespace {

// Keeps the bytes [from, from + kRecordChunk] of the record (one past the chunk, to see where a
// character ends) and counts and digests all of it (FNV-1a).
class PageSink : public record::Sink {
  public:
    explicit PageSink(std::size_t from) : from_(from) {}
    void write(std::string_view text) override {
        for (unsigned char c : text) digest_ = (digest_ ^ c) * 0x100000001b3ULL;
        const std::size_t end = total_ + text.size();
        const std::size_t keep_end = from_ + kRecordChunk + 1;
        if (end > from_ && total_ < keep_end) {
            const std::size_t lo = std::max(from_, total_), hi = std::min(end, keep_end);
            page_.append(text.substr(lo - total_, hi - lo));
        }
        total_ = end;
    }
    std::size_t total() const { return total_; }
    std::uint64_t digest() const { return digest_; }
    std::string take_page() { return std::move(page_); }

  private:
    std::size_t from_, total_ = 0;
    std::uint64_t digest_ = 0xcbf29ce484222325ULL;
    std::string page_;
};

}  // namespace

Dispatcher::Reply Dispatcher::export_record(const ExportRecordRequest& r, json reply) {
    const bool fresh =
        r.cursor == 0 || !record_ || record_->format != r.format || record_->lang != r.lang;
    if (fresh) {
        CachedRecord rec{r.format, r.lang, record::now_utc(), std::nullopt, 0, 0};
        if (const store::Store* s = store()) {
            auto last = s->last_seq();
            if (!last) return last.error();
            rec.up_to_seq = *last;
        }
        record_ = std::move(rec);
    }
    const std::size_t cursor = r.cursor;
    PageSink sink(cursor);
    auto written = record::write(
        catalog_->full(), store(),
        {record_->format, record_->lang, record_->generated_at, record_->up_to_seq}, sink);
    if (!written) return written.error();
    if (fresh) {
        record_->total = sink.total();
        record_->digest = sink.digest();
    } else if (sink.total() != record_->total || sink.digest() != record_->digest) {
        // The catalog was replaced, or the journal purged, since the first page: the pages
        // would not fit together.
        return make_error("invalid_value",
                          "/cursor: the record changed since its first page was sent; export it "
                          "again from cursor 0",
                          "/cursor");
    }
    const std::size_t total = sink.total();
    if (cursor > total)
        return make_error("invalid_value",
                          "/cursor: cursor " + std::to_string(cursor) +
                              " is past the end of the record (" + std::to_string(total) +
                              " bytes)",
                          "/cursor");
    std::string chunk = sink.take_page();
    if (!chunk.empty() && (static_cast<unsigned char>(chunk[0]) & 0xC0) == 0x80)
        return make_error("invalid_value", "/cursor: not a cursor this host gave out", "/cursor");
    const std::size_t len = utf8::boundary_at_most(chunk, kRecordChunk);
    chunk.resize(len);
    reply["format"] = record_->format;
    reply["language"] = record_->lang;
    reply["generatedAt"] = record_->generated_at;
    reply["chunk"] = std::move(chunk);
    reply["offset"] = cursor;
    reply["total"] = total;
    reply["nextCursor"] = cursor + len < total ? json(cursor + len) : json(nullptr);
    return reply;
}

}  // namespace og::protocol
