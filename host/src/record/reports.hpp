#pragma once
// The "This isn't what I see" reports as a person exports them (docs/catalog.md): the file
// `report --export` writes and the popup saves (listReports), in one shape. Never part of the
// record, never sent anywhere.
#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/store.hpp"

namespace og::record {

// {reportId, at, report}; nullopt when the stored body does not read as JSON (damaged: the
// caller says so and keeps the rest).
std::optional<nlohmann::json> report_entry(const store::Report& r);

// What the file says about itself: about (in `lang`, the reader's), hostVersion, catalogVersion,
// generatedAt; the caller adds `reports`.
nlohmann::json reports_header(std::int64_t catalog_version, std::string_view lang = "en");

}  // namespace og::record
