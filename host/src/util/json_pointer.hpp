#pragma once
// JSON pointers (RFC 6901) name the field at fault in every error, in the protocol and in the
// catalog validator alike.
#include <string>
#include <string_view>

namespace og {

// `base` + "/" + `key`, with "~" and "/" in the key escaped as "~0" and "~1".
inline std::string pointer_append(std::string_view base, std::string_view key) {
    std::string out(base);
    out += '/';
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

}  // namespace og
