#include "catalog/model_codec.hpp"

#include <limits>

namespace og::catalog {
namespace {

class Writer {
  public:
    void u32(std::uint32_t v) {
        const char b[4] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
                           static_cast<char>((v >> 16) & 0xff), static_cast<char>(v >> 24)};
        out_.append(b, 4);
    }
    void i64(std::int64_t v) {
        const auto u = static_cast<std::uint64_t>(v);
        u32(static_cast<std::uint32_t>(u));
        u32(static_cast<std::uint32_t>(u >> 32));
    }
    void count(std::size_t n) {
        if (n > std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("catalog too large to pack");
        u32(static_cast<std::uint32_t>(n));
    }
    void str(std::string_view s) {
        count(s.size());
        out_.append(s);
    }
    void opt(const std::optional<std::string>& s) {
        u32(s ? 1 : 0);
        if (s) str(*s);
    }
    void list(const std::vector<std::string>& v) {
        count(v.size());
        for (const auto& s : v) str(s);
    }
    void text(const LocalizedText& t) {
        count(t.size());
        for (const auto& [lang, s] : t) {
            str(lang);
            str(s);
        }
    }
    void lists(const LocalizedList& t) {
        count(t.size());
        for (const auto& [lang, v] : t) {
            str(lang);
            list(v);
        }
    }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

class Reader {
  public:
    explicit Reader(std::string_view b) : b_(b) {}
    std::uint32_t u32() {
        need(4);
        const auto* p = reinterpret_cast<const unsigned char*>(b_.data() + at_);
        at_ += 4;
        return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
               static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
    }
    std::int64_t i64() {
        const std::uint64_t lo = u32();
        const std::uint64_t hi = u32();
        return static_cast<std::int64_t>(lo | hi << 32);
    }
    bool flag() {
        const auto v = u32();
        if (v > 1) throw DamagedPack("a flag is neither 0 nor 1");
        return v == 1;
    }
    // Every item takes at least 4 bytes: a count beyond that is damage, caught before a loop.
    std::size_t count() {
        const std::size_t n = u32();
        if (n > (b_.size() - at_) / 4) throw DamagedPack("a count runs past the end");
        return n;
    }
    std::string str() {
        const std::size_t n = u32();
        need(n);
        std::string s(b_.substr(at_, n));
        at_ += n;
        return s;
    }
    std::optional<std::string> opt() {
        if (!flag()) return std::nullopt;
        return str();
    }
    std::vector<std::string> list() {
        std::vector<std::string> v(count());
        for (auto& s : v) s = str();
        return v;
    }
    LocalizedText text() {
        LocalizedText t;
        for (std::size_t n = count(); n > 0; --n) {
            std::string lang = str();
            t.emplace_hint(t.end(), std::move(lang), str());
        }
        return t;
    }
    LocalizedList lists() {
        LocalizedList t;
        for (std::size_t n = count(); n > 0; --n) {
            std::string lang = str();
            t.emplace_hint(t.end(), std::move(lang), list());
        }
        return t;
    }
    void end() const {
        if (at_ != b_.size()) throw DamagedPack("bytes left over after the last field");
    }

  private:
    void need(std::size_t n) const {
        if (n > b_.size() - at_) throw DamagedPack("a field runs past the end");
    }
    std::string_view b_;
    std::size_t at_ = 0;
};

void write_page(Writer& w, const PageMatcher& m) {
    w.list(m.hosts);
    w.list(m.paths);
    w.count(m.query.size());
    for (const auto& [name, value] : m.query) {
        w.str(name);
        w.str(value);
    }
    w.lists(m.headings);
}

PageMatcher read_page(Reader& r) {
    PageMatcher m;
    m.hosts = r.list();
    m.paths = r.list();
    for (std::size_t n = r.count(); n > 0; --n) {
        std::string name = r.str();
        m.query.emplace_hint(m.query.end(), std::move(name), r.str());
    }
    m.headings = r.lists();
    return m;
}

void write_step(Writer& w, const Step& s) {
    w.str(s.id);
    w.str(s.kind);
    w.u32(static_cast<std::uint32_t>(s.index));
    w.count(s.pages.size());
    for (const auto& m : s.pages) write_page(w, m);
    w.str(s.targets.text);
    w.str(s.complete.text);
    w.text(s.instruction);
    w.text(s.look_for);
    w.text(s.warning);
    w.opt(s.direct_link);
    w.opt(s.marks);
    w.u32(s.unverified ? 1 : 0);
    w.count(s.answers.size());
    for (const auto& a : s.answers) {
        w.str(a.id);
        w.text(a.advice);
    }
}

Step read_step(Reader& r) {
    Step s;
    s.id = r.str();
    s.kind = r.str();
    s.index = static_cast<int>(r.u32());
    s.pages.resize(r.count());
    for (auto& m : s.pages) m = read_page(r);
    s.targets.text = r.str();
    s.complete.text = r.str();
    s.instruction = r.text();
    s.look_for = r.text();
    s.warning = r.text();
    s.direct_link = r.opt();
    s.marks = r.opt();
    s.unverified = r.flag();
    s.answers.resize(r.count());
    for (auto& a : s.answers) {
        a.id = r.str();
        a.advice = r.text();
    }
    return s;
}

}  // namespace

std::string encode_procedure(const Procedure& p) {
    Writer w;
    w.str(p.id);
    w.str(p.platform);
    w.str(p.kind);
    w.u32(static_cast<std::uint32_t>(p.priority));
    w.str(p.verified);
    w.text(p.title);
    w.text(p.summary);
    w.str(p.start);
    w.opt(p.direct_link);
    w.list(p.sources);
    w.str(p.fallback_targets.text);
    w.count(p.steps.size());
    for (const auto& s : p.steps) write_step(w, s);
    w.count(p.routes.size());
    for (const auto& route : p.routes) {
        w.str(route.id);
        w.list(route.steps);
    }
    return w.take();
}

Procedure decode_procedure(std::string_view bytes) {
    Reader r(bytes);
    Procedure p;
    p.id = r.str();
    p.platform = r.str();
    p.kind = r.str();
    p.priority = static_cast<int>(static_cast<std::int32_t>(r.u32()));
    p.verified = r.str();
    p.title = r.text();
    p.summary = r.text();
    p.start = r.str();
    p.direct_link = r.opt();
    p.sources = r.list();
    p.fallback_targets.text = r.str();
    p.steps.resize(r.count());
    for (auto& s : p.steps) s = read_step(r);
    p.routes.resize(r.count());
    for (auto& route : p.routes) {
        route.id = r.str();
        route.steps = r.list();
    }
    r.end();
    return p;
}

std::string encode_header(const Catalog& header, const std::vector<std::string>& allowlist,
                          const std::vector<std::string>& notes) {
    Writer w;
    w.u32(static_cast<std::uint32_t>(header.format));
    w.i64(header.version);
    w.str(header.verified);
    w.count(header.platforms.size());
    for (const auto& p : header.platforms) {
        w.str(p.id);
        w.text(p.name);
        w.list(p.hosts);
        w.list(p.domains);
    }
    w.list(allowlist);
    w.list(notes);
    return w.take();
}

void decode_header(std::string_view bytes, Catalog& header, std::vector<std::string>& notes) {
    Reader r(bytes);
    header.format = static_cast<int>(r.u32());
    header.version = r.i64();
    header.verified = r.str();
    header.platforms.resize(r.count());
    for (auto& p : header.platforms) {
        p.id = r.str();
        p.name = r.text();
        p.hosts = r.list();
        p.domains = r.list();
    }
    header.packed_allowlist = r.list();
    notes = r.list();
    r.end();
}

std::uint64_t pack_digest(std::string_view bytes) {
    std::uint64_t h = 0x9e3779b97f4a7c15ull ^ bytes.size();
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        // Little-endian whatever the machine: the built-in pack is made on the build machine.
        std::uint64_t w = 0;
        for (int k = 7; k >= 0; --k) w = w << 8 | static_cast<unsigned char>(bytes[i + k]);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001b3ull;
    return h ^ (h >> 29);
}

}  // namespace og::catalog
