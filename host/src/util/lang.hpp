#pragma once
// Language tags as the catalog keys texts: by primary language only (docs/catalog.md,
// "Language tags"). One definition for every place that reads a tag.
#include <string>
#include <string_view>

namespace og::lang {

// "fr-FR", "fr_FR", "FR", "fr_FR.UTF-8", "fr@euro" -> "fr". Anything that does not start with
// two or three ASCII letters ("C", "POSIX", "", "123", "français") -> "".
std::string base(std::string_view tag);

}  // namespace og::lang
