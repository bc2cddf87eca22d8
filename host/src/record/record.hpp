#pragma once
// The record a person can keep or attach to a complaint to a data-protection authority: what
// was objected to, when, through which form, with which catalog version, and the whole journal.
// Built from the journal alone; the same record is served by `exportRecord` and `export`.
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/model.hpp"
#include "store/store.hpp"
#include "util/result.hpp"

namespace og::record {

inline constexpr int kRecordFormat = 1;

// `store` may be null: the record then says nothing was started. `lang` is "en" or "fr".
Result<nlohmann::json> build(const catalog::Catalog& catalog, const store::Store* store,
                             const std::string& lang, const std::string& generated_at);

// A self-contained, printable HTML page (inline CSS, no scripts, no external resources).
std::string render_html(const nlohmann::json& record);

// Pretty-printed JSON text of the record.
std::string render_json(const nlohmann::json& record);

}  // namespace og::record
