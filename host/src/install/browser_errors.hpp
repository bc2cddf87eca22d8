#pragma once
// The errors browsers print for a host they cannot reach, word for word: the doctor quotes them
// so a person can match what the browser's console shows (in English, whatever the language).
#include <string>
#include <string_view>

namespace og::install::browser_error {

inline constexpr std::string_view kHostNotFound = "Specified native messaging host not found";
inline constexpr std::string_view kForbidden =
    "Access to the specified native messaging host is forbidden";
inline constexpr std::string_view kFailedToStart = "Failed to start native messaging host";
inline constexpr std::string_view kHostExited = "Native host has exited";
inline constexpr std::string_view kCommunication =
    "Error when communicating with the native messaging host";
inline constexpr std::string_view kInvalidName = "Invalid native messaging host name specified";
inline constexpr std::string_view kPatternRefused = "Pattern ... is not allowed";
inline constexpr std::string_view kEmptyPath = "Empty path";
inline constexpr std::string_view kNoSuchApplication = "No such native application";

// Firefox's, with the host name it looked for.
inline std::string no_such_application(std::string_view host) {
    std::string out(kNoSuchApplication);
    out.append(" ").append(host);
    return out;
}

}  // namespace og::install::browser_error
