#pragma once
// The few texts the host itself writes for people (the exported record). The extension has its
// own _locales; the host keeps this small table so a record printed from a terminal is in the
// person's language too.
#include <string>
#include <string_view>

namespace og::record {

// "fr", "fr-FR", "fr_FR.UTF-8" → "fr"; languages without a table → "en".
std::string pick_language(std::string_view requested);

// The text for `key` in `lang` (English when the key has no translation). Unknown keys return
// the key itself, so a missing string is visible rather than blank.
std::string_view text(std::string_view lang, std::string_view key);

}  // namespace og::record
