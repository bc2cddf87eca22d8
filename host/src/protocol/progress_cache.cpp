#include "protocol/progress_cache.hpp"

#include "record/progress.hpp"

namespace og::protocol {

void ProgressCache::revalidate(const store::Store* store) {
    if (store == nullptr) return;
    const std::int64_t now = store->data_version();
    if (now != version_ || now < 0) entries_.clear();
    version_ = now;
}

Result<progress::Progress> ProgressCache::get(const catalog::Procedure& procedure,
                                              const std::string& account,
                                              const store::Store* store) {
    if (store == nullptr) return record::progress_of(procedure, account, nullptr);
    auto key = std::make_pair(procedure.id, account);
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    auto got = record::progress_of(procedure, account, store);
    if (!got) return got;
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_.emplace(std::move(key), *got);
    return got;
}

void ProgressCache::forget(const std::string& procedure_id, const std::string& account) {
    entries_.erase(std::make_pair(procedure_id, account));
}

}  // namespace og::protocol
