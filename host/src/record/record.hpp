#pragma once
// The record a person can keep or attach to a complaint to a data-protection authority: what
// was objected to, when, through which form, with which catalog version, and the whole journal.
// Built from the journal alone; the same record is served by `exportRecord` and `export`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/model.hpp"
#include "store/store.hpp"
#include "util/result.hpp"

namespace og::record {

inline constexpr int kRecordFormat = 1;

// Where the record's text goes, piece by piece as it is written.
class Sink {
  public:
    virtual ~Sink() = default;
    virtual void write(std::string_view text) = 0;
};

struct RecordOptions {
    std::string format = "json";  // "json" (pretty-printed) or "html" (self-contained page)
    std::string lang = "en";      // "en" or "fr"
    std::string generated_at;
    // The journal as it stood at this seq (Store::last_seq()): the same options give the same
    // text however the journal grows meanwhile.
    std::optional<std::int64_t> up_to_seq;
};

// Writes the record as it reads the journal, a page of events at a time, so its memory does not
// grow with the journal. `store` may be null: the record then says nothing was started.
Status write(const catalog::Catalog& catalog, const store::Store* store,
             const RecordOptions& options, Sink& out);

// The whole text (for the CLI, which writes it to a file at once).
Result<std::string> render(const catalog::Catalog& catalog, const store::Store* store,
                           const RecordOptions& options);

}  // namespace og::record
