#pragma once
// What the fuzz targets share: a quiet logger, a crash that names the broken promise, and a
// scratch folder that lives as long as the fuzzing process.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "util/logging.hpp"

namespace og::fuzz {

// A property the code promises (docs/protocol.md, docs/catalog.md) did not hold: abort so
// libFuzzer saves the input as a crash.
[[noreturn]] inline void broken(const char* promise, const std::string& detail = {}) {
    std::fprintf(stderr, "broken promise: %s %s\n", promise, detail.c_str());
    std::abort();
}

inline void quiet_logs() {
    logging::silence();
}

// A fresh private folder under $TMPDIR (or /tmp), made once per process.
inline const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        const char* base = std::getenv("TMPDIR");
        std::string templ = std::string(base && *base ? base : "/tmp") + "/og-fuzz-XXXXXX";
        if (::mkdtemp(templ.data()) == nullptr) broken("scratch folder", templ);
        return std::filesystem::path(templ);
    }();
    return dir;
}

}  // namespace og::fuzz
