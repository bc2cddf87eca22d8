#pragma once
// The texts the host itself writes for people (the exported record, status, doctor), in the
// five languages of the extension. The tables are data, host/locales/<lang>.json, compiled in at
// build time (cmake/og_locales.cmake); the extension has its own _locales.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace og::messages {

// "fr", "de-DE", "es_ES.UTF-8" → "fr", "de", "es"; a language without a table (or "C", "") → "en".
std::string pick_language(std::string_view requested);

// The text for `key` in `lang` (a language without a table falls back to English). An unknown key
// returns the key itself, so a missing string shows rather than goes blank.
std::string_view text(std::string_view lang, std::string_view key);

// text() with each {name} replaced by its value; a {name} without a value stays as it is.
std::string format(std::string_view lang, std::string_view key,
                   std::initializer_list<std::pair<std::string_view, std::string>> values);

// Left-aligned in a column `width` characters wide (code points, not bytes, so "ÉTAT" lines up
// with "STATE"); always at least one space after the text.
std::string pad(std::string_view text, size_t width);

}  // namespace og::messages
