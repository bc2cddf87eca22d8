#pragma once
// The compact form of a validated catalog, a "pack": what the build embeds in the host and what
// the host caches for a user's override, so that neither is parsed nor validated at start-up.
// It holds the header (format, version, platforms), an index from the page keys of matcher.hpp
// to procedures, sorted so that it is searched in place, the procedures sorted by id, and each
// procedure's validated model in binary (model_codec.hpp) with its digest, decoded only when a
// request needs that procedure. Opening one costs the same whatever the catalog's size. Layout
// and versioning: pack.cpp and docs/catalog.md, "The compact form".
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/model.hpp"
#include "catalog/source.hpp"
#include "util/result.hpp"

namespace og::catalog {

// `header` has passed the validator; `procedures` are the models built from validated documents
// (catalog order), `notes` what was skipped on the way.
std::string write_pack(const nlohmann::json& header, const std::vector<Procedure>& procedures,
                       const std::vector<std::string>& notes);

class PackedCatalog final : public CatalogSource {
  public:
    // Reads `bytes` in place; `keep` owns them (null when they are static). A pack that is not
    // one, or is cut short, is an error naming `source`.
    // A pack of another format version, cut short, or whose header's digest is wrong is such an
    // error; a procedure found damaged when it is first read (digest, or a field running past
    // its end) throws DamagedPack naming `source`, after calling the hook set by on_damaged.
    static Result<std::unique_ptr<PackedCatalog>> open(std::string_view bytes, std::string source,
                                                       std::shared_ptr<const void> keep = nullptr);
    void on_damaged(std::function<void()> hook) { on_damaged_ = std::move(hook); }

    const Catalog& header() const override { return header_; }
    std::size_t procedure_count() const override { return count_; }
    const Procedure* find(std::string_view id) override;
    std::vector<StepRef> candidates(const ParsedUrl& url, const PageContext& ctx) override;
    const Catalog& full() override;
    const std::vector<std::string>& notes() const { return notes_; }

  private:
    PackedCatalog() = default;
    std::uint32_t u32(std::size_t at) const;
    std::uint64_t u64(std::size_t at) const;
    std::string_view slice(std::size_t entry) const;  // (offset, length) pair at `entry`
    [[noreturn]] void damaged(const std::string& what) const;
    const Procedure* procedure(std::uint32_t index);

    std::string_view bytes_;
    std::shared_ptr<const void> keep_;
    std::function<void()> on_damaged_;
    Catalog header_;
    std::vector<std::string> notes_;
    std::uint32_t count_ = 0, index_count_ = 0;
    std::size_t index_at_ = 0, procedures_at_ = 0, by_id_at_ = 0;
    // Loaded on demand; unique_ptr so that a Procedure never moves once handed out.
    std::unordered_map<std::uint32_t, std::unique_ptr<Procedure>> loaded_;
    std::optional<Catalog> full_;
};

}  // namespace og::catalog
