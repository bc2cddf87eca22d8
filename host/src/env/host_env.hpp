#pragma once
// What the host opens at start, in serve mode and for the CLI alike: the active catalog and the
// progress store. A store that cannot open does not stop anything; it is reported instead.
#include <memory>
#include <optional>
#include <string>

#include "builtin/builtin.hpp"
#include "store/store.hpp"

namespace og::env {

struct HostEnv {
    catalog::Catalog catalog;
    std::optional<std::string> override_error;
    std::unique_ptr<store::Store> store;  // null when it could not be opened
    store::Health health;                 // store->health(), or why there is no store
};

// `with_store` false: the catalog only (commands that never touch progress create no store).
HostEnv open_env(bool with_store = true);

// Serve mode's catalog: packed and read on demand, an override validated once per change and
// cached (builtin/builtin.hpp). Costs the same whatever the catalog's size.
catalog::ActiveSource open_serving_catalog();

}  // namespace og::env
