#pragma once
// Progress per (procedure, account), derived from the journal once and then kept in memory, so
// `nextStep` reads no SQLite while nothing changed. An entry is dropped when this host writes
// for its pair; everything is dropped when another process commits (the store's data version
// moves) or when a group of writes could not be committed.
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "catalog/model.hpp"
#include "progress/state.hpp"
#include "store/store.hpp"
#include "util/result.hpp"

namespace og::protocol {

class ProgressCache {
  public:
    // Once per request, before get(): drops everything if another process wrote since.
    void revalidate(const store::Store* store);
    // `store` null: not started (and not kept, there is nothing to keep in step with).
    Result<progress::Progress> get(const catalog::Procedure& procedure, const std::string& account,
                                   const store::Store* store);
    void forget(const std::string& procedure_id, const std::string& account);
    void clear() { entries_.clear(); }

  private:
    // More pairs than a person has; past it the cache starts over rather than grow.
    static constexpr std::size_t kMaxEntries = 1024;
    std::int64_t version_ = -1;
    std::map<std::pair<std::string, std::string>, progress::Progress> entries_;
};

}  // namespace og::protocol
