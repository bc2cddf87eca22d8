#include "catalog/pack.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "catalog/loader.hpp"

namespace og::catalog {
namespace {

using nlohmann::json;

// Layout, every number a little-endian u32:
//   0  "OGPACK02"
//   8  header offset, length          (JSON: format, version, verified, platforms, allowlist,
//                                      notes)
//   16 index entries, offset          (entry: key offset, key length, procedure; sorted)
//   24 procedures, offset             (entry: id offset, id length, body offset, body length)
//   32 offset of the by-id table      (procedure numbers sorted by id)
//   36 total size
//   40 the strings and bodies
constexpr std::string_view kMagic = "OGPACK02";
constexpr std::size_t kFixed = 40;

void put(std::string& out, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

void append_u32(std::string& out, std::uint32_t v) {
    out.append(4, '\0');
    put(out, out.size() - 4, v);
}

std::uint32_t size32(std::size_t n) {
    if (n > 0xffffffffu) throw std::length_error("catalog too large to pack");
    return static_cast<std::uint32_t>(n);
}

Error bad_pack(const std::string& source, const std::string& what) {
    return make_error("catalog_pack", "compact catalog " + source + ": " + what);
}

// The hosts the procedures name (Catalog::allowlist), kept in the header so that hello and the
// override check need no procedure.
std::vector<std::string> allowlist_of(const std::vector<Procedure>& procedures) {
    Catalog c;
    c.procedures = procedures;
    return c.allowlist();
}

}  // namespace

std::string write_pack(const json& header, const std::vector<json>& documents,
                       const std::vector<Procedure>& procedures,
                       const std::vector<std::string>& notes) {
    std::string data;  // strings and bodies, placed after the tables
    auto add = [&](std::string_view s) {
        const auto at = size32(data.size());
        data.append(s);
        return std::make_pair(at, size32(s.size()));
    };
    json head = {{"format", header.at("format")},         {"version", header.at("version")},
                 {"verified", header.at("verified")},     {"platforms", header.at("platforms")},
                 {"allowlist", allowlist_of(procedures)}, {"notes", notes}};
    const auto head_at = add(head.dump());

    struct Entry {
        std::string key;
        std::uint32_t procedure;
    };
    std::vector<Entry> index;
    std::vector<std::array<std::uint32_t, 4>> table;
    for (std::size_t i = 0; i < procedures.size(); ++i) {
        for (const auto& step : procedures[i].steps)
            for (const auto& page : step.pages)
                for (auto& key : index_keys(page))
                    index.push_back(Entry{std::move(key), static_cast<std::uint32_t>(i)});
        const auto id = add(procedures[i].id);
        const auto body = add(documents[i].dump());
        table.push_back({id.first, id.second, body.first, body.second});
    }
    std::sort(index.begin(), index.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.key, a.procedure) < std::tie(b.key, b.procedure);
    });
    index.erase(std::unique(index.begin(), index.end(),
                            [](const Entry& a, const Entry& b) {
                                return a.key == b.key && a.procedure == b.procedure;
                            }),
                index.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> keys;
    for (const auto& e : index) keys.push_back(add(e.key));
    std::vector<std::uint32_t> by_id(procedures.size());
    for (std::size_t i = 0; i < by_id.size(); ++i) by_id[i] = static_cast<std::uint32_t>(i);
    std::sort(by_id.begin(), by_id.end(), [&](std::uint32_t a, std::uint32_t b) {
        return procedures[a].id < procedures[b].id;
    });

    const std::size_t index_at = kFixed;
    const std::size_t procedures_at = index_at + 12 * index.size();
    const std::size_t by_id_at = procedures_at + 16 * table.size();
    const std::size_t data_at = by_id_at + 4 * by_id.size();
    std::string out(kFixed, '\0');
    out.replace(0, kMagic.size(), kMagic);
    const auto base = size32(data_at);
    put(out, 8, base + head_at.first);
    put(out, 12, head_at.second);
    put(out, 16, size32(index.size()));
    put(out, 20, size32(index_at));
    put(out, 24, size32(table.size()));
    put(out, 28, size32(procedures_at));
    put(out, 32, size32(by_id_at));
    put(out, 36, size32(data_at + data.size()));
    for (std::size_t i = 0; i < index.size(); ++i) {
        append_u32(out, base + keys[i].first);
        append_u32(out, keys[i].second);
        append_u32(out, index[i].procedure);
    }
    for (const auto& t : table) {
        append_u32(out, base + t[0]);
        append_u32(out, t[1]);
        append_u32(out, base + t[2]);
        append_u32(out, t[3]);
    }
    for (auto i : by_id) append_u32(out, i);
    out += data;
    return out;
}

std::uint32_t PackedCatalog::u32(std::size_t at) const {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + at);
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

std::string_view PackedCatalog::slice(std::size_t entry) const {
    const std::size_t at = u32(entry), length = u32(entry + 4);
    if (at > bytes_.size() || length > bytes_.size() - at)
        throw std::runtime_error("compact catalog " + header_.source + " is damaged");
    return bytes_.substr(at, length);
}

Result<std::unique_ptr<PackedCatalog>> PackedCatalog::open(std::string_view bytes,
                                                           std::string source,
                                                           std::shared_ptr<const void> keep) {
    std::unique_ptr<PackedCatalog> p(new PackedCatalog());
    p->bytes_ = bytes;
    p->keep_ = std::move(keep);
    p->header_.source = source;
    if (bytes.size() < kFixed || bytes.substr(0, kMagic.size()) != kMagic)
        return bad_pack(source, "not a compact catalog of this version");
    if (p->u32(36) != bytes.size()) return bad_pack(source, "cut short or padded");
    p->index_count_ = p->u32(16);
    p->index_at_ = p->u32(20);
    p->count_ = p->u32(24);
    p->procedures_at_ = p->u32(28);
    p->by_id_at_ = p->u32(32);
    const auto fits = [&](std::size_t at, std::size_t n, std::size_t size) {
        return at <= bytes.size() && n <= (bytes.size() - at) / size;
    };
    if (!fits(p->index_at_, p->index_count_, 12) || !fits(p->procedures_at_, p->count_, 16) ||
        !fits(p->by_id_at_, p->count_, 4))
        return bad_pack(source, "its tables run past its end");
    try {
        const json head = json::parse(p->slice(8));
        p->header_.format = head.at("format").get<int>();
        p->header_.version = head.at("version").get<std::int64_t>();
        p->header_.verified = head.at("verified").get<std::string>();
        for (const auto& platform : head.at("platforms"))
            p->header_.platforms.push_back(platform_from(platform));
        p->header_.packed_allowlist = head.at("allowlist").get<std::vector<std::string>>();
        p->notes_ = head.at("notes").get<std::vector<std::string>>();
    } catch (const std::exception& e) {
        return bad_pack(source, std::string("unreadable header: ") + e.what());
    }
    return p;
}

const Procedure* PackedCatalog::procedure(std::uint32_t index) {
    if (full_) return &full_->procedures[index];
    auto& slot = loaded_[index];
    if (!slot) {
        std::vector<std::string> ignored;  // the pack's notes already say what was skipped
        auto built = procedure_from(json::parse(slice(procedures_at_ + 16 * index + 8)), ignored);
        if (!built) throw std::runtime_error("compact catalog " + header_.source + " is damaged");
        slot = std::make_unique<Procedure>(std::move(*built));
    }
    return slot.get();
}

const Procedure* PackedCatalog::find(std::string_view id) {
    std::size_t lo = 0, hi = count_;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        const std::uint32_t n = u32(by_id_at_ + 4 * mid);
        if (n >= count_)
            throw std::runtime_error("compact catalog " + header_.source + " is damaged");
        const std::string_view here = slice(procedures_at_ + 16 * n);
        if (here == id) return procedure(n);
        if (here < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return nullptr;
}

std::vector<StepRef> PackedCatalog::candidates(const ParsedUrl& url, const PageContext& ctx) {
    std::vector<std::uint32_t> hits;
    for (const auto& key : lookup_keys(url)) {
        // First entry whose key is not less than `key`; entries of one key are adjacent.
        std::size_t lo = 0, hi = index_count_;
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            if (slice(index_at_ + 12 * mid) < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < index_count_ && slice(index_at_ + 12 * lo) == key; ++lo) {
            const std::uint32_t n = u32(index_at_ + 12 * lo + 8);
            if (n < count_) hits.push_back(n);
        }
    }
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    std::vector<StepRef> out;
    for (const std::uint32_t n : hits) {
        const Procedure* p = procedure(n);
        for (const auto& s : p->steps)
            if (step_fits(s, url, ctx)) out.push_back(StepRef{p, &s});
    }
    return out;
}

const Catalog& PackedCatalog::full() {
    if (!full_) {
        Catalog all = header_;
        all.procedures.reserve(count_);
        for (std::uint32_t i = 0; i < count_; ++i) all.procedures.push_back(*procedure(i));
        full_ = std::move(all);
    }
    return *full_;
}

}  // namespace og::catalog
