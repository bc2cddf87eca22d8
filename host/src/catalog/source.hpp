#pragma once
// Where requests read the active catalog from. A packed catalog (pack.hpp) loads a procedure
// only when a request needs it, so the host answers before it has read its catalog; a loaded
// one wraps a Catalog already in memory (tests, the CLI). Both answer alike.
#include <cstddef>
#include <string_view>
#include <vector>

#include "catalog/matcher.hpp"
#include "catalog/model.hpp"

namespace og::catalog {

class CatalogSource {
  public:
    virtual ~CatalogSource() = default;
    // format, version, verified, source and platforms. Its `procedures` may be empty: ask
    // find(), candidates() or full() for those.
    virtual const Catalog& header() const = 0;
    virtual std::size_t procedure_count() const = 0;
    virtual const Procedure* find(std::string_view id) = 0;
    // As MatchIndex::candidates: every (procedure, step) that fits the page, in catalog order.
    virtual std::vector<StepRef> candidates(const ParsedUrl& url, const PageContext& ctx) = 0;
    // Every procedure (listProcedures, getProgress, the record). Pointers any of these
    // returned stay valid for the source's lifetime. Single-threaded, like the host.
    virtual const Catalog& full() = 0;
};

class LoadedCatalog final : public CatalogSource {
  public:
    // `catalog` must outlive this.
    explicit LoadedCatalog(const Catalog& catalog) : catalog_(catalog), index_(catalog) {}
    const Catalog& header() const override { return catalog_; }
    std::size_t procedure_count() const override { return catalog_.procedures.size(); }
    const Procedure* find(std::string_view id) override { return catalog_.find(std::string(id)); }
    std::vector<StepRef> candidates(const ParsedUrl& url, const PageContext& ctx) override {
        return index_.candidates(url, ctx);
    }
    const Catalog& full() override { return catalog_; }

  private:
    const Catalog& catalog_;
    MatchIndex index_;
};

}  // namespace og::catalog
