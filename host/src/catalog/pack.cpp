#include "catalog/pack.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "catalog/loader.hpp"
#include "catalog/model_codec.hpp"

namespace og::catalog {
namespace {

using nlohmann::json;

// Layout, every number little-endian (u32 unless said):
//   0  "OGPACK04"                     the format's version: any other is not read
//   8  header offset, length          (model_codec.hpp: format, version, verified, platforms,
//                                      allowlist, notes)
//   16 header digest (u64)
//   24 index entries, offset          (entry: key offset, key length, procedure; sorted)
//   32 procedures, offset             (entry: id offset, id length, body offset, body length,
//                                      body digest (u64); a body is model_codec.hpp's procedure)
//   40 offset of the by-id table      (procedure numbers sorted by id)
//   44 total size
//   48 the strings and bodies
constexpr std::string_view kMagic = "OGPACK04";
constexpr std::size_t kFixed = 48;
constexpr std::size_t kEntry = 24;  // a procedures-table entry

void put(std::string& out, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

void append_u32(std::string& out, std::uint32_t v) {
    out.append(4, '\0');
    put(out, out.size() - 4, v);
}

void append_u64(std::string& out, std::uint64_t v) {
    append_u32(out, static_cast<std::uint32_t>(v));
    append_u32(out, static_cast<std::uint32_t>(v >> 32));
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

std::string write_pack(const json& header, const std::vector<Procedure>& procedures,
                       const std::vector<std::string>& notes) {
    std::string data;  // strings and bodies, placed after the tables
    auto add = [&](std::string_view s) {
        const auto at = size32(data.size());
        data.append(s);
        return std::make_pair(at, size32(s.size()));
    };
    Catalog head;
    head.format = header.at("format").get<int>();
    head.version = header.at("version").get<std::int64_t>();
    head.verified = header.at("verified").get<std::string>();
    for (const auto& p : header.at("platforms")) head.platforms.push_back(platform_from(p));
    const std::string head_bytes = encode_header(head, allowlist_of(procedures), notes);
    const auto head_at = add(head_bytes);

    struct Entry {
        std::string key;
        std::uint32_t procedure;
    };
    std::vector<Entry> index;
    struct Row {
        std::pair<std::uint32_t, std::uint32_t> id, body;
        std::uint64_t digest;
    };
    std::vector<Row> table;
    for (std::size_t i = 0; i < procedures.size(); ++i) {
        for (const auto& step : procedures[i].steps)
            for (const auto& page : step.pages)
                for (auto& key : index_keys(page))
                    index.push_back(Entry{std::move(key), static_cast<std::uint32_t>(i)});
        const auto id = add(procedures[i].id);
        const std::string body = encode_procedure(procedures[i]);
        table.push_back(Row{id, add(body), pack_digest(body)});
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
    const std::size_t by_id_at = procedures_at + kEntry * table.size();
    const std::size_t data_at = by_id_at + 4 * by_id.size();
    std::string out(kFixed, '\0');
    out.replace(0, kMagic.size(), kMagic);
    const auto base = size32(data_at);
    put(out, 8, base + head_at.first);
    put(out, 12, head_at.second);
    const std::uint64_t head_digest = pack_digest(head_bytes);
    put(out, 16, static_cast<std::uint32_t>(head_digest));
    put(out, 20, static_cast<std::uint32_t>(head_digest >> 32));
    put(out, 24, size32(index.size()));
    put(out, 28, size32(index_at));
    put(out, 32, size32(table.size()));
    put(out, 36, size32(procedures_at));
    put(out, 40, size32(by_id_at));
    put(out, 44, size32(data_at + data.size()));
    for (std::size_t i = 0; i < index.size(); ++i) {
        append_u32(out, base + keys[i].first);
        append_u32(out, keys[i].second);
        append_u32(out, index[i].procedure);
    }
    for (const auto& t : table) {
        append_u32(out, base + t.id.first);
        append_u32(out, t.id.second);
        append_u32(out, base + t.body.first);
        append_u32(out, t.body.second);
        append_u64(out, t.digest);
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

std::uint64_t PackedCatalog::u64(std::size_t at) const {
    return static_cast<std::uint64_t>(u32(at)) | static_cast<std::uint64_t>(u32(at + 4)) << 32;
}

std::string_view PackedCatalog::slice(std::size_t entry) const {
    const std::size_t at = u32(entry), length = u32(entry + 4);
    if (at > bytes_.size() || length > bytes_.size() - at) damaged("an entry points past its end");
    return bytes_.substr(at, length);
}

void PackedCatalog::damaged(const std::string& what) const {
    if (!on_damaged_)
        throw DamagedPack("compact catalog " + header_.source + " is damaged (" + what + ")");
    on_damaged_();
    throw DamagedPack("compact catalog " + header_.source + " is damaged (" + what +
                      "); it is validated again at the next start");
}

Result<std::unique_ptr<PackedCatalog>> PackedCatalog::open(std::string_view bytes,
                                                           std::string source,
                                                           std::shared_ptr<const void> keep) {
    std::unique_ptr<PackedCatalog> p(new PackedCatalog());
    p->bytes_ = bytes;
    p->keep_ = std::move(keep);
    p->header_.source = source;
    if (bytes.size() < kFixed || bytes.substr(0, kMagic.size()) != kMagic)
        return bad_pack(source, "not a compact catalog of this version (" +
                                    std::string(kMagic.substr(0, 6)) + " format " +
                                    std::string(kMagic.substr(6)) + ")");
    if (p->u32(44) != bytes.size()) return bad_pack(source, "cut short or padded");
    p->index_count_ = p->u32(24);
    p->index_at_ = p->u32(28);
    p->count_ = p->u32(32);
    p->procedures_at_ = p->u32(36);
    p->by_id_at_ = p->u32(40);
    const auto fits = [&](std::size_t at, std::size_t n, std::size_t size) {
        return at >= kFixed && at <= bytes.size() && n <= (bytes.size() - at) / size;
    };
    if (!fits(p->index_at_, p->index_count_, 12) || !fits(p->procedures_at_, p->count_, kEntry) ||
        !fits(p->by_id_at_, p->count_, 4))
        return bad_pack(source, "its tables run past its end");
    const std::size_t head_at = p->u32(8), head_length = p->u32(12);
    if (head_at > bytes.size() || head_length > bytes.size() - head_at)
        return bad_pack(source, "its header runs past its end");
    const std::string_view head = bytes.substr(head_at, head_length);
    if (pack_digest(head) != p->u64(16)) return bad_pack(source, "its header is damaged");
    try {
        decode_header(head, p->header_, p->notes_);
    } catch (const DamagedPack& e) {
        return bad_pack(source, std::string("unreadable header: ") + e.what());
    }
    return p;
}

const Procedure* PackedCatalog::procedure(std::uint32_t index) {
    if (full_) return &full_->procedures[index];
    auto& slot = loaded_[index];
    if (!slot) {
        const std::size_t entry = procedures_at_ + kEntry * index;
        const std::string_view body = slice(entry + 8);
        // Checked before it is decoded: a flipped bit would otherwise read as other data.
        if (pack_digest(body) != u64(entry + 16)) damaged("procedure " + std::to_string(index));
        std::optional<Procedure> got;
        try {
            got = decode_procedure(body);
        } catch (const DamagedPack& e) {
            damaged(e.what());
        }
        if (got->id != slice(entry)) damaged("procedure " + got->id + " filed under another id");
        slot = std::make_unique<Procedure>(std::move(*got));
    }
    return slot.get();
}

const Procedure* PackedCatalog::find(std::string_view id) {
    std::size_t lo = 0, hi = count_;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        const std::uint32_t n = u32(by_id_at_ + 4 * mid);
        if (n >= count_) damaged("its by-id table names procedure " + std::to_string(n));
        const std::string_view here = slice(procedures_at_ + kEntry * n);
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
