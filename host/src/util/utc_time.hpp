#pragma once
// Broken-down UTC time, thread-safe on every platform (gmtime_r is POSIX, gmtime_s Windows').
#include <ctime>

namespace og {

inline std::tm utc_tm(std::time_t t) {
    std::tm tm{};
#ifdef _WIN32
    gmtime_s(&tm, &t);
#else
    gmtime_r(&t, &tm);
#endif
    return tm;
}

}  // namespace og
