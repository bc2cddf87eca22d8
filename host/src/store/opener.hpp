#pragma once
// Opening the store as the host does: a store that cannot open does not stop anything, it is
// reported in its Health instead. OpenOnNeed defers that until something needs the store, so a
// host that only answers `hello` or guides from the catalog never pays for SQLite's start.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "store/store.hpp"

namespace og::store {

struct OpenResult {
    std::unique_ptr<Store> store;  // null when it could not be opened
    Health health;                 // store->health(), or why there is no store
};

// Logs what went wrong (or what was recovered); a failure whose message equals
// `already_logged` is logged at debug level only.
OpenResult open_reporting(const std::filesystem::path& file,
                          const std::optional<std::string>& already_logged = {});

class OpenOnNeed {
  public:
    explicit OpenOnNeed(std::filesystem::path file) : file_(std::move(file)) {}
    // Opens on the first call, and again on each later call while the store is unavailable: the
    // user may repair it (free the disk, remove what stood in the file's place) while this host
    // keeps serving, and the events the extension kept must then reach it.
    Store* get();            // null when the store is unavailable
    const Health& health();  // opens first, so the health reported is the real one
    bool opened() const { return tried_; }

  private:
    std::filesystem::path file_;
    bool tried_ = false;
    OpenResult opened_;
};

}  // namespace og::store
