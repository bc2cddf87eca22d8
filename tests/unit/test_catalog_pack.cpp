// The compact catalog (catalog/pack.hpp): the model read back from it is the model validated,
// and a pack that is stale, cut short or has any bit flipped is refused or reported damaged,
// never read as another catalog and never read past its end.
#include <catch2/catch.hpp>
#include <map>

#include "builtin/builtin.hpp"
#include "catalog/loader.hpp"
#include "catalog/model_codec.hpp"
#include "catalog/pack.hpp"

using namespace og::catalog;

namespace {

const std::filesystem::path kBuiltinDir = std::filesystem::path(OG_SOURCE_DIR) / "host" / "catalog";

// Every procedure in its binary form, so two models compare field by field.
std::vector<std::string> encoded(const Catalog& c) {
    std::vector<std::string> out;
    for (const auto& p : c.procedures) out.push_back(encode_procedure(p));
    return out;
}

std::unique_ptr<PackedCatalog> open_pack(std::string_view bytes) {
    auto opened = PackedCatalog::open(bytes, "test");
    REQUIRE(opened);
    return std::move(*opened);
}

enum class Outcome { refused, reported, same, different };

// What reading all of a (damaged) pack gives, against the model it should hold.
Outcome read_all(std::string_view bytes, const std::vector<std::string>& expected,
                 const std::string& some_id) {
    auto opened = PackedCatalog::open(bytes, "cache");
    if (!opened) return Outcome::refused;
    try {
        // Index and by-id table damage can only lose a look-up; it must not crash either.
        (void)(*opened)->find(some_id);
        ParsedUrl url;
        if (parse_url("https://privacycenter.instagram.com/policy/", url))
            (void)(*opened)->candidates(url, PageContext{});
        return encoded((*opened)->full()) == expected ? Outcome::same : Outcome::different;
    } catch (const DamagedPack& e) {
        CHECK_THAT(e.what(), Catch::Contains("compact catalog cache is damaged"));
        return Outcome::reported;
    }
}

}  // namespace

TEST_CASE("pack: the model read from the pack is the one the validator built", "[catalog][pack]") {
    const auto loaded = load_directory(kBuiltinDir);
    REQUIRE(loaded.catalog);
    auto pack = open_pack(embedded_pack());
    const Catalog& full = pack->full();
    CHECK(encoded(full) == encoded(*loaded.catalog));
    CHECK(pack->header().version == loaded.catalog->version);
    CHECK(pack->header().allowlist() == loaded.catalog->allowlist());
    REQUIRE(!loaded.catalog->procedures.empty());
    const Procedure& first = loaded.catalog->procedures.front();
    const Procedure* found = pack->find(first.id);
    REQUIRE(found != nullptr);
    // Locators travel as the JSON text the protocol would have written.
    CHECK(found->steps.front().targets.text == first.steps.front().targets.text);
    CHECK(found->steps.front().targets.parse().is_array());
}

// The comparison above goes through the codec itself, so a field the codec forgets would
// compare equal; the fields added since the codec was written are checked by value.
TEST_CASE("pack: a wait step's answers and their advice come back from the pack", "[catalog][pack]") {
    const auto loaded = load_directory(kBuiltinDir);
    REQUIRE(loaded.catalog);
    auto pack = open_pack(embedded_pack());
    int declared = 0;
    for (const auto& p : loaded.catalog->procedures) {
        const Step* want = p.answer_step();
        if (!want || want->answers.empty()) continue;
        const Procedure* got = pack->find(p.id);
        REQUIRE(got != nullptr);
        const Step* step = got->answer_step();
        REQUIRE(step != nullptr);
        REQUIRE(step->answers.size() == want->answers.size());
        for (std::size_t i = 0; i < want->answers.size(); ++i) {
            CHECK(step->answers[i].id == want->answers[i].id);
            CHECK(step->answers[i].advice == want->answers[i].advice);
        }
        declared += static_cast<int>(want->answers.size());
    }
    CHECK(declared >= 3);  // the third-party form: accepted, refused, more-info
}

TEST_CASE("pack: a pack of another format version is refused, saying so", "[catalog][pack]") {
    std::string stale(embedded_pack());
    stale.replace(0, 8, "OGPACK02");
    const auto opened = PackedCatalog::open(stale, "cache");
    REQUIRE(!opened);
    CHECK(opened.error().code == "catalog_pack");
    CHECK_THAT(opened.error().message, Catch::Contains("not a compact catalog of this version"));
}

TEST_CASE("pack: a pack cut short at any length is refused", "[catalog][pack]") {
    const std::string_view whole = embedded_pack();
    for (std::size_t n = 0; n < whole.size(); n += 1 + n / 3) {
        INFO("cut at " << n);
        const auto opened = PackedCatalog::open(whole.substr(0, n), "cache");
        REQUIRE(!opened);
        CHECK(opened.error().code == "catalog_pack");
    }
    // Cut short with its size field made to agree: refused, reported or, when only index keys
    // were lost, the same catalog.
    const auto expected = encoded(open_pack(whole)->full());
    const auto some_id = open_pack(whole)->full().procedures.front().id;
    for (std::size_t n = 48; n < whole.size(); n += 1 + n / 5) {
        INFO("cut at " << n);
        std::string cut(whole.substr(0, n));
        for (int i = 0; i < 4; ++i) cut[44 + i] = static_cast<char>((n >> (8 * i)) & 0xff);
        CHECK(read_all(cut, expected, some_id) != Outcome::different);
    }
}

TEST_CASE("pack: a flipped bit anywhere is refused or reported, never a different catalog",
          "[catalog][pack]") {
    const std::string_view whole = embedded_pack();
    const auto expected = encoded(open_pack(whole)->full());
    const auto some_id = open_pack(whole)->full().procedures.front().id;
    std::map<Outcome, int> seen;
    // Every byte of the fixed part and tables, then a spread through the strings and bodies.
    for (std::size_t at = 0; at < whole.size(); at += at < 4096 ? 1 : 61) {
        std::string flipped(whole);
        flipped[at] = static_cast<char>(flipped[at] ^ (1 << (at % 8)));
        INFO("bit " << at % 8 << " of byte " << at);
        const Outcome got = read_all(flipped, expected, some_id);
        CHECK(got != Outcome::different);
        ++seen[got];
    }
    CHECK(seen[Outcome::refused] > 0);
    CHECK(seen[Outcome::reported] > 0);
}

TEST_CASE("pack: a damaged procedure calls the hook that drops the cache", "[catalog][pack]") {
    std::string bytes(embedded_pack());
    // The first procedure's body: its offset is the procedures table's first entry's third word.
    auto u32 = [&](std::size_t i) {
        std::uint32_t v = 0;
        for (int k = 3; k >= 0; --k) v = v << 8 | static_cast<unsigned char>(bytes[i + k]);
        return v;
    };
    const std::size_t body = u32(u32(36) + 8);
    bytes[body + u32(u32(36) + 12) / 2] ^= 0x20;
    auto pack = open_pack(bytes);
    int dropped = 0;
    pack->on_damaged([&] { ++dropped; });
    CHECK_THROWS_WITH(pack->full(), Catch::Contains("validated again at the next start"));
    CHECK(dropped == 1);
}
