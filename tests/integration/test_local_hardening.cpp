// Local attacks on the files the host writes, run against the built host in a throw-away HOME:
// a link planted where a file will be written, a tampered install record, symlinked folders.
#include <catch2/catch.hpp>

#include "support/portable.hpp"

#ifndef _WIN32
#include <sys/stat.h>

#include "og/identity.hpp"
#include "test_install_support.hpp"

using namespace og_test;

namespace {

const std::string kName(og::identity::kHostName);

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

// A file of the user's that an attacker would like overwritten or opened up.
struct Victim {
    fs::path path;
    std::string content = "export SECRET=kept\n";
    explicit Victim(const fs::path& p) : path(p) {
        write_text(path, content);
        fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write,
                        fs::perm_options::replace);
    }
    void check_untouched() const {
        CHECK(read_text(path) == content);
        CHECK(mode_of(path) == 0600);
    }
};

}  // namespace

TEST_CASE("install never writes through a link planted at its temporary or final name",
          "[install][hardening]") {
    Sandbox s({".config/chromium"});
    const Victim victim(s.home() / ".bashrc");
    const auto dir = s.home() / ".config/chromium/NativeMessagingHosts";
    fs::create_directories(dir);
    const auto manifest = dir / (kName + ".json");
    // The name the installer used to write through, and the final name itself.
    fs::create_symlink(victim.path, manifest.string() + ".tmp-optout-guide");
    fs::create_symlink(victim.path, manifest);

    auto r = s.host({"install"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    victim.check_untouched();
    // The manifest is a file of its own now, the browser can read it, and the planted link at
    // the old temporary name was neither followed nor needed.
    REQUIRE_FALSE(fs::is_symlink(manifest));
    CHECK(nlohmann::json::parse(read_text(manifest))["name"] == kName);
    CHECK(mode_of(manifest) == 0644);
    for (const auto& e : fs::directory_iterator(dir))
        CHECK(
            (e.path() == manifest || e.path().string() == manifest.string() + ".tmp-optout-guide"));
}

TEST_CASE("install record is written beside no planted link", "[install][hardening]") {
    Sandbox s({".config/chromium"});
    const Victim victim(s.home() / ".profile");
    fs::create_directories(s.data_dir());
    fs::create_symlink(victim.path, s.data_dir() / "install-record.json");
    fs::create_symlink(victim.path, s.data_dir() / "install-record.json.tmp-optout-guide");
    auto r = s.host({"install"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    victim.check_untouched();
    CHECK(mode_of(s.data_dir() / "install-record.json") == 0600);
}

TEST_CASE("export -o makes the record private even over a file others could read",
          "[export][hardening]") {
    Sandbox s({});
    const auto out = s.root() / "record.json";
    write_text(out, "old");
    fs::permissions(out, static_cast<fs::perms>(0644), fs::perm_options::replace);
    auto r = s.host({"export", "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    CHECK(mode_of(out) == 0600);
    CHECK(nlohmann::json::parse(read_text(out)).is_object());
}

TEST_CASE("export -o over a planted link replaces the link, not its target",
          "[export][hardening]") {
    Sandbox s({});
    const Victim victim(s.home() / ".bashrc");
    const auto out = s.root() / "record.json";
    fs::create_symlink(victim.path, out);
    auto r = s.host({"export", "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    victim.check_untouched();
    CHECK_FALSE(fs::is_symlink(out));
    CHECK(mode_of(out) == 0600);
}

TEST_CASE("uninstall removes nothing a tampered install record names outside install's places",
          "[install][uninstall][hardening]") {
    Sandbox s({".config/chromium", ".mozilla"});
    REQUIRE(s.host({"install"}).status == 0);
    const auto chromium = s.home() / ".config/chromium/NativeMessagingHosts" / (kName + ".json");
    const auto firefox = s.home() / ".mozilla/native-messaging-hosts" / (kName + ".json");
    const Victim bashrc(s.home() / ".bashrc");
    // A file someone put in a place install would write, with our name but another program.
    const std::string replaced = nlohmann::json{
        {"name", kName},
        {"description", "not ours"},
        {"path", "/tmp/evil"},
        {"type", "stdio"},
        {"allowed_extensions",
         {"x@y"}}}.dump();
    write_text(firefox, replaced);
    const auto record_file = s.data_dir() / "install-record.json";
    auto record = nlohmann::json::parse(read_text(record_file));
    record["files"].push_back(bashrc.path.string());
    // A folder that is empty but not one install writes in.
    fs::create_directories(s.home() / "Documents");
    record["createdDirs"].push_back((s.home() / "Documents").string());
    write_text(record_file, record.dump());

    auto r = s.host({"uninstall"});
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    bashrc.check_untouched();
    CHECK(read_text(firefox) == replaced);
    CHECK(fs::is_directory(s.home() / "Documents"));
    CHECK_FALSE(fs::exists(chromium));  // what install did write and still recognises goes
    CHECK_THAT(r.out, Catch::Contains("kept " + bashrc.path.string()));
    CHECK_THAT(r.out, Catch::Contains("install never writes there"));
    CHECK_THAT(r.out, Catch::Contains("no longer holds our manifest"));
}

TEST_CASE("uninstall --purge does not delete through a symlinked data or state folder",
          "[install][uninstall][hardening]") {
    Sandbox s({".config/chromium"});
    REQUIRE(s.host({"install"}).status == 0);
    // The data folder moved elsewhere by a link; the place it points at holds other things too.
    const auto elsewhere = s.root() / "elsewhere";
    fs::create_directories(elsewhere);
    write_text(elsewhere / "thesis.tex", "years of work");
    fs::rename(s.data_dir(), elsewhere / "optout-guide");
    fs::create_symlink(elsewhere / "optout-guide", s.data_dir());
    write_text(elsewhere / "optout-guide/progress.db", "progress");

    auto r = s.host({"uninstall", "--purge", "--yes"});
    INFO(r.out << r.err);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains(s.data_dir().string() + ": it is a symbolic link"));
    CHECK(fs::is_symlink(s.data_dir()));
    CHECK(read_text(elsewhere / "optout-guide/progress.db") == "progress");
    CHECK(read_text(elsewhere / "thesis.tex") == "years of work");
}
#else
OG_SKIPPED_TEST(
    "local attacks through planted symbolic links and loosened modes (every test above)",
    "POSIX by nature: symbolic links need a privilege on Windows, files have ACLs not "
    "modes, and Windows registers by registry (test_install_windows.cpp)")
#endif
