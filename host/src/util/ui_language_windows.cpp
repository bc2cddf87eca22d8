#include <windows.h>

#include "util/ui_language.hpp"
#include "util/wide_windows.hpp"

namespace og::util {

std::optional<std::string> system_ui_language() {
    // The display language of Windows' own menus (Settings > Time & language), not the regional
    // format: a French speaker with Swiss formats still reads French.
    wchar_t name[LOCALE_NAME_MAX_LENGTH] = {};
    const LCID lcid = MAKELCID(GetUserDefaultUILanguage(), SORT_DEFAULT);
    if (LCIDToLocaleName(lcid, name, LOCALE_NAME_MAX_LENGTH, 0) == 0) return std::nullopt;
    return wide::to_utf8(name);
}

}  // namespace og::util
