#pragma once
// The language the user chose for their system's interface, where the system says so other than
// through LC_ALL, LC_MESSAGES and LANG: Windows sets none of them, so without this the host would
// speak English to every Windows user. ui_language_posix.cpp (nothing beyond the variables),
// ui_language_windows.cpp.
#include <optional>
#include <string>

namespace og::util {

// A language tag such as "fr-FR", or nullopt when the system has nothing more to say.
std::optional<std::string> system_ui_language();

}  // namespace og::util
