// exportRecord: the record written again for each page from the journal as it stood at the
// first page, only that page's bytes kept, so an export's memory does not grow with the journal.
#include <spdlog/spdlog.h>

#include "protocol/dispatcher.hpp"
#include "protocol/framing.hpp"
#include "protocol/message.hpp"
#include "protocol/paging.hpp"
#include "protocol/reply.hpp"
#include "record/progress.hpp"
#include "record/record.hpp"
#include "util/utf8.hpp"

namespace og::protocol {

using nlohmann::json;

namespace {

// As nlohmann's dump escapes a string (protocol/message.cpp): JSON's own escapes, other
// controls as \u00XX, every other byte as it is.
void append_escaped(std::string& out, unsigned char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    switch (c) {
        case '"':
            out += "\\\"";
            return;
        case '\\':
            out += "\\\\";
            return;
        case '\b':
            out += "\\b";
            return;
        case '\f':
            out += "\\f";
            return;
        case '\n':
            out += "\\n";
            return;
        case '\r':
            out += "\\r";
            return;
        case '\t':
            out += "\\t";
            return;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
            } else {
                out += static_cast<char>(c);
            }
    }
}

// Writes the bytes [from, from + kRecordChunk) of the record, escaped as a JSON string, straight
// into the reply's text (the page exists once, in the reply), and counts and digests all of it
// (FNV-1a). The byte after the page and the last ones of it are remembered, to cut the page
// where a character ends.
class PageSink : public record::Sink {
  public:
    PageSink(std::size_t from, std::string& out) : from_(from), out_(out), start_(out.size()) {}
    void write(std::string_view text) override {
        for (unsigned char c : text) digest_ = (digest_ ^ c) * 0x100000001b3ULL;
        const std::size_t end = total_ + text.size();
        const std::size_t keep_end = from_ + kRecordChunk + 1;
        for (std::size_t at = std::max(from_, total_); at < std::min(end, keep_end); ++at) {
            const auto c = static_cast<unsigned char>(text[at - total_]);
            const std::size_t rel = at - from_;
            if (rel == 0) first_ = c;
            if (rel + kTail > kRecordChunk)
                tail_[rel + kTail - 1 - kRecordChunk] = {c, out_.size()};
            if (rel < kRecordChunk) append_escaped(out_, c);
            kept_ = rel + 1;
        }
        total_ = end;
    }
    std::size_t total() const { return total_; }
    std::uint64_t digest() const { return digest_; }
    // Whether the page starts inside a character (a cursor this host never gave out).
    bool starts_mid_character() const { return kept_ > 0 && (first_ & 0xC0) == 0x80; }
    // Cuts the page where a character ends; its length in the record's bytes.
    std::size_t finish() {
        std::size_t n = std::min(kept_, kRecordChunk);
        if (kept_ <= kRecordChunk) return n;  // the record's end: a character's end
        auto at = [&](std::size_t rel) -> const Seen& {
            return tail_[rel + kTail - 1 - kRecordChunk];
        };
        while (n + kTail > kRecordChunk + 1 && (at(n).byte & 0xC0) == 0x80) --n;
        out_.resize(at(n).out_at);
        return n;
    }
    std::size_t start() const { return start_; }

  private:
    static constexpr std::size_t kTail = 4;  // a UTF-8 character's most bytes
    struct Seen {
        unsigned char byte = 0;
        std::size_t out_at = 0;  // the text's size before the byte
    };
    std::size_t from_, total_ = 0, kept_ = 0;
    std::uint64_t digest_ = 0xcbf29ce484222325ULL;
    std::string& out_;
    std::size_t start_;
    unsigned char first_ = 0;
    Seen tail_[kTail];  // the page's bytes kRecordChunk - 3 .. kRecordChunk
};

// The record is written from validated text; should a byte not be UTF-8 all the same, it is
// replaced as dump() would, rather than sent as a string the browser cannot read.
void repair_utf8(std::string& out, std::size_t from) {
    while (auto bad = utf8::first_invalid(std::string_view(out).substr(from))) {
        out.replace(from + *bad, 1, "\xEF\xBF\xBD");
        from += *bad + 3;
    }
}

}  // namespace

Dispatcher::Reply Dispatcher::export_record(const ExportRecordRequest& r, json reply) {
    // One implementation: the text the serve loop sends, read back for callers of the tree.
    return json::parse(export_record_text(reply["id"], r));
}

std::string Dispatcher::export_record_text(const json& id, const ExportRecordRequest& r) {
    const bool fresh =
        r.cursor == 0 || !record_ || record_->format != r.format || record_->lang != r.lang;
    if (fresh) {
        CachedRecord rec{r.format, r.lang, record::now_utc(), std::nullopt, 0, 0};
        if (const store::Store* s = store()) {
            auto last = s->last_seq();
            if (!last) {
                spdlog::info("exportRecord → {}: {}", last.error().code, last.error().message);
                return serialize_reply(error_reply(id, last.error()));
            }
            rec.up_to_seq = *last;
        }
        record_ = std::move(rec);
    }
    const std::size_t cursor = r.cursor;
    std::string out = "{\"id\":" + dump(id) + ",\"ok\":true,\"format\":" + dump(record_->format) +
                      ",\"language\":" + dump(record_->lang) +
                      ",\"generatedAt\":" + dump(record_->generated_at) +
                      ",\"offset\":" + std::to_string(cursor) + ",\"chunk\":\"";
    // Room for the page and its escapes (quotes in a JSON record), so it is not grown by copying.
    out.reserve(out.size() + kRecordChunk + kRecordChunk / 4 + 128);
    PageSink sink(cursor, out);
    auto fail = [&](const Error& e) {
        spdlog::info("exportRecord → {}: {}", e.code, e.message);
        return serialize_reply(error_reply(id, e));
    };
    auto written = record::write(
        catalog_->full(), store(),
        {record_->format, record_->lang, record_->generated_at, record_->up_to_seq}, sink);
    if (!written) return fail(written.error());
    if (fresh) {
        record_->total = sink.total();
        record_->digest = sink.digest();
    } else if (sink.total() != record_->total || sink.digest() != record_->digest) {
        // The catalog was replaced, or the journal purged, since the first page: the pages
        // would not fit together.
        return fail(make_error("invalid_value",
                               "/cursor: the record changed since its first page was sent; "
                               "export it again from cursor 0",
                               "/cursor"));
    }
    const std::size_t total = sink.total();
    if (cursor > total)
        return fail(make_error("invalid_value",
                               "/cursor: cursor " + std::to_string(cursor) +
                                   " is past the end of the record (" + std::to_string(total) +
                                   " bytes)",
                               "/cursor"));
    if (sink.starts_mid_character())
        return fail(
            make_error("invalid_value", "/cursor: not a cursor this host gave out", "/cursor"));
    const std::size_t len = sink.finish();
    repair_utf8(out, sink.start());
    out += "\",\"total\":" + std::to_string(total) + ",\"nextCursor\":" +
           (cursor + len < total ? std::to_string(cursor + len) : std::string("null")) + "}";
    if (out.size() > kMaxOutbound)
        return fail(make_error("reply_too_large", "the reply would be " +
                                                      std::to_string(out.size()) +
                                                      " bytes, over the limit of " +
                                                      std::to_string(kMaxOutbound) + " bytes"));
    return out;
}

}  // namespace og::protocol
