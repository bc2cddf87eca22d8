#include "protocol/progress_cache.hpp"

#include "record/progress.hpp"

namespace og::protocol {

void ProgressCache::revalidate(const store::Store* store) {
    if (store == nullptr) return;
    const std::int64_t now = store->data_version();
    if (now != version_ || now < 0) entries_.clear();
    version_ = now;
}

Result<const ProgressCache::Entry*> ProgressCache::load(const catalog::Procedure& procedure,
                                                        const std::string& account,
                                                        const store::Store* store) {
    Key key(procedure.id, account);
    if (auto it = entries_.find(key); it != entries_.end()) return &it->second;
    auto tally = record::tally_of(procedure, account, store);
    if (!tally) return tally.error();
    if (entries_.size() >= kMaxEntries) entries_.clear();
    progress::Progress progress = tally->progress(procedure);
    auto placed = entries_.emplace(std::move(key), Entry{std::move(*tally), std::move(progress)});
    return &placed.first->second;
}

Result<progress::Progress> ProgressCache::get(const catalog::Procedure& procedure,
                                              const std::string& account,
                                              const store::Store* store) {
    if (store == nullptr) return record::progress_of(procedure, account, nullptr);
    auto entry = load(procedure, account, store);
    if (!entry) return entry.error();
    return (*entry)->progress;
}

Result<progress::Progress> ProgressCache::written(const catalog::Procedure& procedure,
                                                  const store::Event& event,
                                                  store::AppendOutcome outcome,
                                                  const store::Store* store) {
    // Checked after the write, not before: inside the write's transaction the data version
    // counts every commit another process made before this host took the write lock, so a pair
    // moved on by the event alone cannot miss one of theirs.
    revalidate(store);
    if (outcome != store::AppendOutcome::inserted)  // the journal did not change
        return get(procedure, event.account, store);
    if (auto it = entries_.find(Key(procedure.id, event.account)); it != entries_.end()) {
        Entry& held = it->second;
        held.tally.apply(procedure, event);
        held.progress = held.tally.progress(procedure);
        return held.progress;
    }
    return get(procedure, event.account, store);
}

void ProgressCache::forget(const std::string& procedure_id, const std::string& account) {
    entries_.erase(Key(procedure_id, account));
}

}  // namespace og::protocol
