// Loading catalogs: from files, folders, `catalog check` paths, the built-in one, and the
// user's override.
#include <algorithm>

#include <catch2/catch.hpp>

#include "builtin/builtin.hpp"
#include "catalog/pack.hpp"
#include "test_catalog_fixture.hpp"

using og::catalog::format_problem;
using og::test::json;

namespace {
std::string describe(const std::vector<og::catalog::Problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += format_problem(p) + "\n";
    return out;
}
}  // namespace

TEST_CASE("loader: a valid catalog loads with steps numbered among counted steps",
          "[catalog][loader]") {
    auto cat = og::test::load_catalog({og::test::procedure_json()});
    REQUIRE(cat.procedures.size() == 1);
    const auto& p = cat.procedures[0];
    CHECK(cat.version == 2025112901);
    CHECK(cat.source == "test");
    CHECK(p.counted_steps() == 5);
    std::vector<std::pair<std::string, int>> indexes;
    for (const auto& s : p.steps) indexes.emplace_back(s.id, s.index);
    CHECK(indexes == std::vector<std::pair<std::string, int>>{{"open-settings", 1},
                                                              {"open-policy", 2},
                                                              {"open-form", 3},
                                                              {"wrong-form", 0},
                                                              {"submit-form", 4},
                                                              {"wait-email", 5}});
    const auto* form = p.find_step("open-form");
    REQUIRE(form);
    CHECK(form->targets.parse().size() == 3);
    CHECK(form->targets.parse()[0]["by"] == "href");
    CHECK(form->pages[0].hosts == std::vector<std::string>{"privacycenter.instagram.com"});
    CHECK(p.find_step("submit-form")->marks == "submitted");
    CHECK(og::catalog::localized(form->instruction, "fr-FR") == "Click object (fr)");
    CHECK(og::catalog::localized(form->instruction, "pt") == "Click object");
    CHECK(cat.find("test-objection") == &p);
    CHECK(cat.find("nope") == nullptr);
}

TEST_CASE("loader: problems name the file, and nothing half-loaded is returned",
          "[catalog][loader]") {
    auto files = og::test::files_of(og::test::header_json(), {og::test::procedure_json()});
    SECTION("broken JSON") {
        files[1].text = "{\"id\": \"test-objection\",";
        auto r = og::catalog::load_from_files(files, "test");
        CHECK_FALSE(r.catalog);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].file == "procedures/test-objection.json");
        CHECK_THAT(r.problems[0].message, Catch::Contains("not valid JSON"));
    }
    SECTION("a number beyond a double's range is broken JSON too, not a crash") {
        // Found by fuzz/fuzz_catalog: nlohmann throws out_of_range, not parse_error, for it.
        files[0].text = R"({"format": 1, "version": 2026e120101})";
        auto r = og::catalog::load_from_files(files, "test");
        CHECK_FALSE(r.catalog);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].file == files[0].path);
        CHECK_THAT(r.problems[0].message, Catch::Contains("not valid JSON"));
        CHECK_THAT(r.problems[0].message, Catch::Contains("2026e120101"));
    }
    SECTION("duplicate keys are reported with their pointer") {
        files[1].text =
            R"({"id": "test-objection", "steps": [{"id": "a"}, {"id": "b", "kind": "x", "kind": "y"}], "id": "x"})";
        auto r = og::catalog::load_from_files(files, "test");
        CHECK_FALSE(r.catalog);
        std::vector<std::string> dup;
        for (const auto& p : r.problems)
            if (p.message.find("duplicate key") != std::string::npos) dup.push_back(p.pointer);
        CHECK(dup == std::vector<std::string>{"/steps/1/kind", "/id"});
    }
    SECTION("missing header") {
        files.erase(files.begin());
        auto r = og::catalog::load_from_files(files, "test");
        CHECK_FALSE(r.catalog);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].file == "catalog.json");
    }
    SECTION("stray file") {
        files.push_back({"procedure/typo.json", "{}"});
        auto r = og::catalog::load_from_files(files, "test");
        CHECK_FALSE(r.catalog);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].file == "procedure/typo.json");
    }
    SECTION("no procedures") {
        files.pop_back();
        auto r = og::catalog::load_from_files(files, "test");
        CHECK_FALSE(r.catalog);
        CHECK(r.problems.size() == 1);
    }
    SECTION("duplicate procedure ids") {
        files.push_back(files[1]);
        auto r = og::catalog::load_from_files(files, "test");
        CHECK_FALSE(r.catalog);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].pointer == "/id");
    }
}

TEST_CASE("loader: a step or procedure for a newer engine is skipped with a note",
          "[catalog][loader]") {
    json p = og::test::procedure_json();
    p["steps"][1] = json{{"id", "hover-menu"}, {"kind", "hover"}, {"minEngine", 2}};
    json future = og::test::procedure_json("future-objection");
    future["minEngine"] = 2;
    auto r = og::catalog::load_from_files(og::test::files_of(og::test::header_json(), {p, future}),
                                          "test");
    INFO(describe(r.problems));
    REQUIRE(r.catalog);
    REQUIRE(r.catalog->procedures.size() == 1);
    const auto& proc = r.catalog->procedures[0];
    CHECK(proc.find_step("hover-menu") == nullptr);
    CHECK(proc.counted_steps() == 4);
    CHECK(proc.find_step("open-form")->index == 2);  // renumbered without the skipped step
    REQUIRE(r.notes.size() == 2);
    CHECK_THAT(r.notes[0], Catch::Contains("future-objection"));
    CHECK_THAT(r.notes[1], Catch::Contains("hover-menu"));
}

TEST_CASE("loader: check_path takes a folder, its catalog.json, or one procedure file",
          "[catalog][loader]") {
    og::test::TempDir tmp;
    auto dir = tmp / "catalog";
    og::test::write_catalog_dir(dir, og::test::header_json(), {og::test::procedure_json()});

    CHECK(og::catalog::check_path(dir).empty());
    CHECK(og::catalog::check_path(dir / "catalog.json").empty());
    CHECK(og::catalog::check_path(dir / "procedures" / "test-objection.json").empty());

    json bad = og::test::procedure_json();
    bad["start"] = "https://evil.example/";
    og::test::write_file(dir / "procedures" / "test-objection.json", bad.dump());
    auto file = dir / "procedures" / "test-objection.json";
    for (const auto& target : {dir, dir / "catalog.json", file}) {
        auto problems = og::catalog::check_path(target);
        INFO(target.string() << "\n" << describe(problems));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].file == file.string());
        CHECK(problems[0].pointer == "/start");
        CHECK(format_problem(problems[0]) == file.string() + ": /start: " + problems[0].message);
    }

    auto missing = og::catalog::check_path(tmp / "nowhere");
    REQUIRE(missing.size() == 1);
    CHECK_THAT(missing[0].message, Catch::Contains("no such file"));
}

TEST_CASE("loader: load_directory reads nested procedures and reports the folder",
          "[catalog][loader]") {
    og::test::TempDir tmp;
    og::test::write_catalog_dir(
        tmp.path(), og::test::header_json(),
        {og::test::procedure_json(), og::test::procedure_json("b-objection")});
    og::test::write_file(tmp / "README.md", "not json, ignored");
    auto r = og::catalog::load_directory(tmp.path());
    INFO(describe(r.problems));
    REQUIRE(r.catalog);
    REQUIRE(r.catalog->procedures.size() == 2);
    CHECK(r.catalog->procedures[0].id == "b-objection");  // file-name order
    CHECK(r.catalog->source == tmp.path().string());
}

TEST_CASE("loader: the user's override wins only when valid and newer", "[catalog][loader]") {
    og::test::TempDir tmp;
    auto dir = tmp / "catalog";
    auto builtin = og::catalog::load_embedded();
    std::int64_t builtin_version = builtin.catalog ? builtin.catalog->version : 0;

    SECTION("no override folder: the built-in catalog, no error") {
        auto a = og::catalog::load_active(tmp / "absent");
        CHECK(a.catalog.source == "builtin");
        CHECK_FALSE(a.override_error);
    }
    SECTION("newer and valid: used") {
        og::test::write_catalog_dir(dir, og::test::header_json(builtin_version + 1),
                                    {og::test::procedure_json("override-objection")});
        auto a = og::catalog::load_active(dir);
        CHECK(a.catalog.source == dir.string());
        CHECK(a.catalog.version == builtin_version + 1);
        REQUIRE(a.catalog.procedures.size() == 1);
        CHECK(a.catalog.procedures[0].id == "override-objection");
        CHECK_FALSE(a.override_error);
    }
    SECTION("newer but invalid: ignored, with the reason") {
        json bad = og::test::procedure_json();
        bad["directLink"] = "https://evil.example/";
        og::test::write_catalog_dir(dir, og::test::header_json(builtin_version + 1), {bad});
        auto a = og::catalog::load_active(dir);
        CHECK(a.catalog.source == "builtin");
        REQUIRE(a.override_error);
        CHECK_THAT(*a.override_error, Catch::Contains("test-objection.json: /directLink"));
    }
    SECTION("newer but widening the allowlist: ignored, the domain named") {
        json header = og::test::header_json(builtin_version + 1);
        header["platforms"].push_back(
            og::test::platform_json("example", "Example", {"example.com"}));
        og::test::write_catalog_dir(dir, header, {og::test::procedure_json()});
        auto a = og::catalog::load_active(dir);
        CHECK(a.catalog.source == "builtin");
        REQUIRE(a.override_error);
        CHECK_THAT(*a.override_error, Catch::Contains("catalog.json: /platforms/3/domains/0"));
        CHECK_THAT(*a.override_error, Catch::Contains("\"example.com\""));
        CHECK_THAT(*a.override_error, Catch::Contains("cannot widen"));
        // `catalog check` holds a folder to the same floor, so a person sees it before dropping
        // the folder in place.
        auto problems = og::catalog::check_path(dir);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].pointer == "/platforms/3/domains/0");
    }
    SECTION("valid but not newer: the built-in one stays") {
        if (builtin_version > 1) {
            og::test::write_catalog_dir(dir, og::test::header_json(builtin_version),
                                        {og::test::procedure_json()});
            auto a = og::catalog::load_active(dir);
            CHECK(a.catalog.source == "builtin");
            CHECK_FALSE(a.override_error);
            CHECK_FALSE(a.notes.empty());
        }
    }
}

TEST_CASE("loader: platforms come from the header, in catalog order", "[catalog][loader]") {
    json header = og::test::header_json();
    header["platforms"].push_back(og::test::platform_json("horizon", "Horizon", {"meta.com"}));
    header["platforms"][3]["hosts"] = {"horizon.meta.com", "*.horizon.meta.com"};
    header["platforms"][3]["name"]["fr"] = "Horizon (fr)";
    auto r = og::catalog::load_from_files(
        og::test::files_of(header, {og::test::procedure_json("test-objection", "horizon")}),
        "test");
    INFO(describe(r.problems));
    REQUIRE(r.catalog);
    const auto& c = *r.catalog;
    std::vector<std::string> ids;
    for (const auto& p : c.platforms) ids.push_back(p.id);
    CHECK(ids == std::vector<std::string>{"instagram", "facebook", "meta", "horizon"});
    REQUIRE(c.find_platform("horizon"));
    CHECK(og::catalog::localized(c.find_platform("horizon")->name, "fr-FR") == "Horizon (fr)");
    CHECK(og::catalog::platform_name(c, "horizon", "en") == "Horizon");
    CHECK(og::catalog::platform_name(c, "myspace", "en") == "myspace");
    CHECK(c.find_platform("tiktok") == nullptr);
    CHECK(c.domains() == std::vector<std::string>{"facebook.com", "instagram.com", "messenger.com",
                                                  "meta.com", "threads.com", "threads.net",
                                                  "whatsapp.com"});
    // The allowlist is the hosts the catalog names, not every host of those domains.
    const auto hosts = c.allowlist();
    REQUIRE_FALSE(hosts.empty());
    const og::catalog::Allowlist domains(c.domains());
    for (const auto& h : hosts) CHECK(domains.allows_host(h));
    CHECK(std::find(hosts.begin(), hosts.end(), "apps.facebook.com") == hosts.end());
    CHECK(std::find(hosts.begin(), hosts.end(), "l.facebook.com") == hosts.end());
    CHECK(std::is_sorted(hosts.begin(), hosts.end()));

    // The most specific host pattern decides: *.horizon.meta.com is narrower than *.meta.com.
    auto id_for = [&](std::string_view host) {
        const auto* p = c.platform_for_host(host);
        return p ? p->id : std::string("none");
    };
    CHECK(id_for("www.horizon.meta.com") == "horizon");
    CHECK(id_for("horizon.meta.com") == "horizon");
    CHECK(id_for("accountscenter.meta.com") == "meta");
    CHECK(id_for("meta.com") == "meta");
    CHECK(id_for("help.instagram.com") == "instagram");
    CHECK(id_for("www.threads.net") == "none");  // a meta domain, but no meta host pattern
    CHECK(id_for("evilinstagram.com") == "none");
}

TEST_CASE("loader: the built-in catalog passes the validator", "[catalog][loader][builtin]") {
    // The build packs host/catalog after validating it; what is compiled in is exactly that.
    const auto packed =
        og::catalog::pack_directory(std::filesystem::path(OG_SOURCE_DIR) / "host" / "catalog");
    INFO(describe(packed.problems));
    REQUIRE(packed.pack);
    CHECK(*packed.pack == og::catalog::embedded_pack());
    auto r = og::catalog::load_embedded();
    INFO(describe(r.problems));
    REQUIRE(r.problems.empty());
    REQUIRE(r.catalog);
    CHECK_FALSE(r.catalog->procedures.empty());
    CHECK(r.catalog->source == "builtin");
}
