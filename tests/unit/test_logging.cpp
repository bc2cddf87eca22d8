// The host's log: a value from a request cannot forge a line, and every file it writes,
// rotated ones included, is the user's alone.
#ifndef _WIN32
#include <sys/stat.h>
#endif

#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

#include "support/portable.hpp"
#include "test_catalog_fixture.hpp"
#include "util/logging.hpp"

TEST_CASE("log: a newline in a logged value cannot forge a log line, and rotated files are 0600",
          "[logging]") {
    og::test::TempDir tmp;
    const auto file = tmp / "state/host.log";
#ifndef _WIN32
    const mode_t old = ::umask(022);  // one that would leave the log readable by others
#endif
    REQUIRE_FALSE(og::logging::init(file));
    spdlog::info("{} → {}", "step_shown\n2026-01-01T00:00:00.000+00:00 [1] info forged", "x");
    spdlog::default_logger()->flush();
    {
        std::ifstream in(file);
        std::string l;
        int lines = 0;
        while (std::getline(in, l)) {
            ++lines;
            CHECK(l.rfind("2026-01-01T00:00:00.000+00:00", 0) == std::string::npos);
        }
        CHECK(lines == 1);
    }
    // Enough to rotate every file at least once.
    const std::string line(4096, 'a');
    for (std::size_t i = 0; i < og::logging::kMaxFiles * og::logging::kMaxFileSize / 4096 + 16; ++i)
        spdlog::info("{}", line);
    spdlog::default_logger()->flush();
    og::logging::silence();
#ifndef _WIN32
    ::umask(old);
#endif
    for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
        INFO(entry.path());
        CHECK(og::test::is_private(entry.path()));
    }
    CHECK(og::logging::escape_controls("a\nb\r\x1b") == "a\\x0ab\\x0d\\x1b");
}
