#include "util/ui_language.hpp"

namespace og::util {

// Linux and macOS terminals carry the user's language in LC_ALL, LC_MESSAGES or LANG, which the
// caller reads first; a browser-started host writes nothing a person reads.
std::optional<std::string> system_ui_language() {
    return std::nullopt;
}

}  // namespace og::util
