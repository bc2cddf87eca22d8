#pragma once
// What the test suites need from the operating system, for POSIX and Windows alike, and the way
// a test that is POSIX by nature (fork, setuid, rlimit, modes) says it was skipped on Windows.
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include <windows.h>
#else
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#endif

#include <catch2/catch.hpp>

#include "util/private_write.hpp"

namespace og::test {

// A pipe of C runtime descriptors: [0] reads, [1] writes (Windows: binary, 64 KiB).
inline bool make_pipe(int fds[2]) {
#ifdef _WIN32
    return ::_pipe(fds, 64 * 1024, _O_BINARY) == 0;
#else
    return ::pipe(fds) == 0;
#endif
}
inline void close_fd(int fd) {
#ifdef _WIN32
    ::_close(fd);
#else
    ::close(fd);
#endif
}

// A fresh, unique folder name under the system's temporary folder (not created).
inline std::filesystem::path unique_temp_path(const std::string& prefix) {
    std::random_device rd;
    return std::filesystem::temp_directory_path() /
           (prefix + std::to_string(rd()) + "-" + std::to_string(rd()));
}

// True when this Windows build runs under wine rather than Windows.
inline bool under_wine() {
#ifdef _WIN32
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version") != nullptr;
#else
    return false;
#endif
}

// The user's progress is theirs alone: POSIX mode exactly 0600 (files) or 0700 (folders), as the
// host sets them; on Windows a protected DACL granting the current user only. Wine keeps no
// DACL on files (it answers with one made from the Unix mode), so there the check cannot be
// made: it says so instead of passing in silence.
inline bool is_private(const std::filesystem::path& p, bool folder = false) {
#ifdef _WIN32
    (void)folder;
    if (under_wine()) {
        WARN("not checked under wine, which keeps no file ACLs: owner-only DACL of " << p.string());
        return std::filesystem::exists(p);
    }
    return og::util::owner_only(p);
#else
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && (st.st_mode & 0777) == (folder ? 0700u : 0600u);
#endif
}

// Whether the host can tell here that a file is the user's alone, as it must before it trusts a
// cached catalog pack unvalidated. Wine keeps no file ACLs, so there the cache is never trusted
// and every start validates the override again: said, not passed in silence.
inline bool owner_only_detectable() {
    if (!under_wine()) return true;
    WARN(
        "not checked under wine, which keeps no file ACLs: a cached pack is never trusted there, "
        "so the override is validated at every start");
    return false;
}

inline void set_env(const std::string& name, const std::string& value) {
#ifdef _WIN32
    ::_putenv_s(name.c_str(), value.c_str());
#else
    ::setenv(name.c_str(), value.c_str(), 1);
#endif
}

// Tests skipped on this platform, each with its reason; support/skip_listener.hpp prints them
// when the suite starts, so a Windows run says what it did not cover.
inline std::vector<std::string>& skipped_tests() {
    static std::vector<std::string> list;
    return list;
}
struct SkipNote {
    SkipNote(const char* name, const char* reason) {
        skipped_tests().push_back(std::string(name) + " (" + reason + ")");
    }
};
}  // namespace og::test

#define OG_TEST_CAT2(a, b) a##b
#define OG_TEST_CAT(a, b) OG_TEST_CAT2(a, b)
// In place of a TEST_CASE that cannot exist on this platform:
//   #ifndef _WIN32  TEST_CASE(...) {...}  #else  OG_SKIPPED_TEST("name", "why")  #endif
#define OG_SKIPPED_TEST(name, reason) \
    static const ::og::test::SkipNote OG_TEST_CAT(og_skip_note_, __LINE__)(name, reason);
