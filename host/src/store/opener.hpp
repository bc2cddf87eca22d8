#pragma once
// Opening the store as the host does: a store that cannot open does not stop anything, it is
// reported in its Health instead. OpenOnNeed defers that until something needs the store, so a
// host that only answers `hello` or guides from the catalog never pays for SQLite's start.
#include <filesystem>
#include <memory>

#include "store/store.hpp"

namespace og::store {

struct OpenResult {
    std::unique_ptr<Store> store;  // null when it could not be opened
    Health health;                 // store->health(), or why there is no store
};

// Logs what went wrong (or what was recovered).
OpenResult open_reporting(const std::filesystem::path& file);

class OpenOnNeed {
  public:
    explicit OpenOnNeed(std::filesystem::path file) : file_(std::move(file)) {}
    Store* get();            // opens on the first call; null when the store is unavailable
    const Health& health();  // opens first, so the health reported is the real one
    bool opened() const { return tried_; }

  private:
    std::filesystem::path file_;
    bool tried_ = false;
    OpenResult opened_;
};

}  // namespace og::store
