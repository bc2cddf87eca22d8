#pragma once
// Progress per (procedure, account), derived from the journal once and then kept in memory, so
// `nextStep` reads no SQLite while nothing changed and `reportEvent` moves it on by the event
// it wrote (progress::Tally) instead of reading the pair's journal again. Everything is dropped
// when another process commits (the store's data version moves) or when a group of writes
// could not be committed.
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "catalog/model.hpp"
#include "progress/state.hpp"
#include "store/event.hpp"
#include "store/store.hpp"
#include "util/result.hpp"

namespace og::protocol {

class ProgressCache {
  public:
    // Before get() and after a write: drops everything if another process wrote since. Inside
    // a write's transaction this sees every commit made before this host took the write lock.
    void revalidate(const store::Store* store);
    // `store` null: not started (and not kept, there is nothing to keep in step with).
    Result<progress::Progress> get(const catalog::Procedure& procedure, const std::string& account,
                                   const store::Store* store);
    // After this host appended `event` (seq and at set), before the write's group commits: the
    // pair's progress with it. A pair held is moved on by the event alone; one not held is read
    // whole from the store, which holds the event already.
    Result<progress::Progress> written(const catalog::Procedure& procedure,
                                       const store::Event& event, store::AppendOutcome outcome,
                                       const store::Store* store);
    void forget(const std::string& procedure_id, const std::string& account);
    void clear() { entries_.clear(); }

  private:
    struct Entry {
        progress::Tally tally;
        progress::Progress progress;  // tally.progress(), made once per change
    };
    using Key = std::pair<std::string, std::string>;
    Result<const Entry*> load(const catalog::Procedure& procedure, const std::string& account,
                              const store::Store* store);

    // More pairs than a person has; past it the cache starts over rather than grow.
    static constexpr std::size_t kMaxEntries = 1024;
    std::int64_t version_ = -1;
    std::map<Key, Entry> entries_;
};

}  // namespace og::protocol
