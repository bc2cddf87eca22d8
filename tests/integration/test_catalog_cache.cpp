// A user's catalog override is validated once each time it changes, then served from its
// packed form in the user's cache folder: owner-only, ignored when anyone else could have
// written it, replaced when the override changes.
#include <catch2/catch.hpp>

#include "host_process.hpp"
#include "support/portable.hpp"

using nlohmann::json;
using namespace og::test;

namespace {

std::vector<fs::path> cached(const TempHome& home) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(home.catalog_cache(), ec)) out.push_back(e.path());
    return out;
}

fs::file_time_type mtime_of(const fs::path& p) {
    return fs::last_write_time(p);
}

json hello_of(const TempHome& home) {
    HostProcess host(home, chromium_args());
    json hello = host.request({{"id", 1}, {"type", "hello"}});
    REQUIRE(host.wait() == 0);
    return hello;
}

}  // namespace

TEST_CASE("an override is validated once, cached packed and private, and again when it changes") {
    TempHome home;
    home.install_catalog();

    const json first = hello_of(home);
    CHECK(first["catalog"]["source"] == home.catalog_override().string());
    CHECK(first["catalog"]["version"] == 9000000001LL);
    auto entries = cached(home);
    REQUIRE(entries.size() == 1);
    const fs::path pack = entries.front();
    CHECK(is_private(pack));
    CHECK(is_private(home.catalog_cache(), true));
    const auto written = mtime_of(pack);

    // Unchanged override: served from the cache, which is not written again.
    const json second = hello_of(home);
    CHECK(second["catalog"] == first["catalog"]);
    REQUIRE(cached(home) == std::vector<fs::path>{pack});
    if (owner_only_detectable()) CHECK(mtime_of(pack) == written);

    // A broken edit is noticed at the next start, whatever the cache holds.
    const fs::path header = home.catalog_override() / "catalog.json";
    const std::string good = read_file(header);
    { std::ofstream(header) << "{\"format\": 1, \"version\": "; }
    const json broken = hello_of(home);
    CHECK(broken["catalog"]["source"] == "builtin");
    REQUIRE(broken["catalog"]["overrideError"].is_string());
    CHECK_THAT(broken["catalog"]["overrideError"].get<std::string>(),
               Catch::Contains("catalog.json"));
    // ... and so is its repair; the verdict on the broken one was cached, then replaced.
    { std::ofstream(header) << good; }
    const json repaired = hello_of(home);
    CHECK(repaired["catalog"]["source"] == home.catalog_override().string());
    CHECK(repaired["catalog"]["overrideError"].is_null());
    REQUIRE(cached(home).size() == 1);

#ifndef _WIN32
    // A cached pack someone else could have written is not trusted: it is made again.
    const fs::path current = cached(home).front();
    ::chmod(current.c_str(), 0660);
    const json distrusted = hello_of(home);
    CHECK(distrusted["catalog"]["source"] == home.catalog_override().string());
    REQUIRE(cached(home).size() == 1);
    CHECK(is_private(cached(home).front()));
#endif
}

TEST_CASE("a damaged cached pack is replaced by validating the override again") {
    TempHome home;
    home.install_catalog();
    REQUIRE(hello_of(home)["catalog"]["source"] == home.catalog_override().string());
    const fs::path pack = cached(home).front();
    { std::ofstream(pack, std::ios::trunc) << "OGPACK04 and then nothing sensible"; }
#ifndef _WIN32
    ::chmod(pack.c_str(), 0600);
#endif
    const json damaged = hello_of(home);
    CHECK(damaged["catalog"]["source"] == home.catalog_override().string());
    CHECK(damaged["catalog"]["overrideError"].is_null());
    CHECK(read_file(pack).rfind("OGPACK04", 0) == 0);
    CHECK(read_file(pack).size() > 1000);
}

TEST_CASE("a cached pack of an older format, or cut short, is validated again") {
    TempHome home;
    home.install_catalog();
    REQUIRE(hello_of(home)["catalog"]["source"] == home.catalog_override().string());
    const fs::path pack = cached(home).front();
    const std::string good = read_file(pack);
    for (const std::string& bad : {"OGPACK02" + good.substr(8), good.substr(0, good.size() / 2)}) {
        { std::ofstream(pack, std::ios::binary | std::ios::trunc) << bad; }
#ifndef _WIN32
        ::chmod(pack.c_str(), 0600);
#endif
        const json again = hello_of(home);
        CHECK(again["catalog"]["source"] == home.catalog_override().string());
        CHECK(again["catalog"]["overrideError"].is_null());
        CHECK(read_file(pack) == good);
    }
}

TEST_CASE("a bit flipped in a cached procedure is an error for its page, then revalidated") {
    if (!owner_only_detectable()) return;
    TempHome home;
    home.install_catalog();
    REQUIRE(hello_of(home)["catalog"]["source"] == home.catalog_override().string());
    const fs::path pack = cached(home).front();
    std::string bytes = read_file(pack);
    const std::size_t at = bytes.find("A paragraph about AI at Meta.");  // a text: in a body
    REQUIRE(at != std::string::npos);
    bytes[at] ^= 0x01;
    { std::ofstream(pack, std::ios::binary | std::ios::trunc) << bytes; }
#ifndef _WIN32
    ::chmod(pack.c_str(), 0600);
#endif
    const json ask = {{"id", 5},
                      {"type", "nextStep"},
                      {"context",
                       {{"url", "https://privacycenter.instagram.com/policy/"},
                        {"title", "Privacy Policy"},
                        {"docLang", "en"},
                        {"uiLang", "en"},
                        {"signals", {{"headings", json::array()}}}}}};
    {
        HostProcess host(home, chromium_args());
        const json reply = host.request(ask);
        CHECK(reply["ok"] == false);
        CHECK_THAT(reply["error"]["message"].get<std::string>(),
                   Catch::Contains("is damaged") && Catch::Contains("validated again"));
        // The host goes on answering.
        CHECK(host.request({{"id", 6}, {"type", "hello"}})["ok"] == true);
        CHECK(host.wait() == 0);
    }
    CHECK(cached(home).empty());
    HostProcess host(home, chromium_args());
    const json reply = host.request(ask);
    CHECK(reply["ok"] == true);
    CHECK(reply["match"]["procedureId"] == "test-objection");
    CHECK(host.wait() == 0);
    REQUIRE(cached(home).size() == 1);
    CHECK(read_file(cached(home).front()).find("A paragraph about AI at Meta.") !=
          std::string::npos);
}

// Start-up looks at three stamps only (the folders' and catalog.json's), which a file rewritten
// in place, as some editors save, leaves alone: every file is checked before the first request
// that reads a procedure, so the edit still guides the user, from this very start on.
TEST_CASE("a procedure file rewritten in place is picked up before it guides anyone") {
    TempHome home;
    home.install_catalog();
    REQUIRE(hello_of(home)["catalog"]["source"] == home.catalog_override().string());
    REQUIRE(cached(home).size() == 1);
    const fs::path first_entry = cached(home).front();
    const fs::path file = home.catalog_override() / "procedures" / "test-objection.json";
    const std::string before = read_file(file);
    auto rewrite_in_place = [&](const std::string& text) {
        const auto folder_time = fs::last_write_time(file.parent_path());
        { std::ofstream(file, std::ios::binary | std::ios::trunc) << text; }  // same inode
        REQUIRE(fs::last_write_time(file.parent_path()) == folder_time);
    };
    const json ask = {{"id", 2},
                      {"type", "nextStep"},
                      {"context",
                       {{"url", "https://privacycenter.instagram.com/policy/"},
                        {"title", "Privacy Policy"},
                        {"docLang", "en"},
                        {"uiLang", "fr"},
                        {"signals", {{"headings", json::array()}}}}}};

    std::string edited = before;
    const std::string old_text = "Cliquez sur « vous opposer ».";
    REQUIRE(edited.find(old_text) != std::string::npos);
    edited.replace(edited.find(old_text), old_text.size(), "Cliquez sur « m’opposer ».");
    rewrite_in_place(edited);
    {
        HostProcess host(home, chromium_args());
        CHECK(host.request({{"id", 1}, {"type", "hello"}})["catalog"]["source"] ==
              home.catalog_override().string());
        const json next = host.request(ask);
        CHECK(next["match"]["instruction"] == "Cliquez sur « m’opposer ».");
        CHECK(host.wait() == 0);
    }
    // Cached again under the files as they are now: the next start needs no second look.
    REQUIRE(cached(home).size() == 1);
    CHECK(cached(home).front() != first_entry);
    const fs::path second_entry = cached(home).front();
    {
        HostProcess host(home, chromium_args());
        CHECK(host.request(ask)["match"]["instruction"] == "Cliquez sur « m’opposer ».");
        CHECK(host.wait() == 0);
    }
    CHECK(cached(home) == std::vector<fs::path>{second_entry});

    // Broken in place: refused before any guidance comes from it, and the next hello says why.
    rewrite_in_place("{\"id\": \"test-objection\", ");
    HostProcess host(home, chromium_args());
    const json first = host.request({{"id", 1}, {"type", "hello"}});
    // Until then the cached verdict serves, where a cached pack is trusted at all (not under
    // wine: there the override is validated at every start, so hello knows at once).
    if (owner_only_detectable()) CHECK(first["catalog"]["overrideError"].is_null());
    const json next = host.request(ask);
    CHECK(next["ok"] == true);
    CHECK(next.dump().find("m’opposer") == std::string::npos);
    const json again = host.request({{"id", 3}, {"type", "hello"}});
    CHECK(again["catalog"]["source"] == "builtin");
    CHECK_THAT(again["catalog"]["overrideError"].get<std::string>(),
               Catch::Contains("test-objection.json"));
    CHECK(host.wait() == 0);
}
