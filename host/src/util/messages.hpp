#pragma once
// The texts the host itself writes for people (the exported record, status, doctor), in the
// five languages of the extension. The tables are data, host/locales/<lang>.json, compiled in at
// build time (cmake/og_locales.cmake); the extension has its own _locales.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace og::messages {

// "fr", "de-DE", "es_ES.UTF-8" → "fr", "de", "es"; a language without a table (or "C", "") → "en".
std::string pick_language(std::string_view requested);

// The text for `key` in `lang` (a language without a table falls back to English). An unknown key
// returns the key itself, so a missing string shows rather than goes blank.
std::string_view text(std::string_view lang, std::string_view key);

// text() with each {name} replaced by its value; a {name} without a value stays as it is.
std::string format(std::string_view lang, std::string_view key,
                   std::initializer_list<std::pair<std::string_view, std::string>> values);

// A sentence said later, in the reader's language: a key and the values of its {name}s. Built
// where a fact is found (a manifest check, a probe), said where the reader is known.
struct Phrase {
    std::string key;  // empty: a verbatim text (a command to copy), held as the only value
    std::vector<std::pair<std::string, std::string>> values = {};
};

// A text every language says the same way: a command, a path.
Phrase verbatim(std::string text);

// The phrase in `lang`; a verbatim one as it is, and an empty one (no key, no value) as "".
std::string say(std::string_view lang, const Phrase& phrase);

// Left-aligned in a column `width` characters wide (code points, not bytes, so "ÉTAT" lines up
// with "STATE"); always at least one space after the text.
std::string pad(std::string_view text, size_t width);

}  // namespace og::messages
