#include "env/host_env.hpp"

#include <spdlog/spdlog.h>

#include "store/opener.hpp"
#include "util/paths.hpp"

namespace og::env {

HostEnv open_env(bool with_store) {
    HostEnv env;
    try {
        auto active = catalog::load_active(paths::catalog_override_dir());
        env.catalog = std::move(active.catalog);
        env.override_error = std::move(active.override_error);
    } catch (const std::exception& e) {
        // The embedded catalog is checked at build time, so this is a bug; keep serving the
        // store and report it rather than refusing to start.
        spdlog::error("catalog failed to load: {}", e.what());
        env.override_error = std::string("internal error loading the catalog: ") + e.what();
    }
    if (env.override_error) spdlog::warn("catalog override not used: {}", *env.override_error);
    spdlog::info("catalog {} version {} ({} procedures)", env.catalog.source, env.catalog.version,
                 env.catalog.procedures.size());

    const auto path = paths::store_file();
    env.health.path = path.string();
    if (!with_store) {
        env.health.error = "not opened";
        return env;
    }
    auto opened = store::open_reporting(path);
    env.store = std::move(opened.store);
    env.health = std::move(opened.health);
    return env;
}

catalog::ActiveSource open_serving_catalog() {
    catalog::ActiveSource active;
    try {
        active = catalog::open_active(paths::catalog_override_dir(), paths::catalog_cache_dir());
    } catch (const std::exception& e) {
        // The built-in pack is made from a validated catalog at build time: a bug if it fails.
        spdlog::error("catalog failed to open: {}", e.what());
        throw;
    }
    if (active.override_error)
        spdlog::warn("catalog override not used: {}", *active.override_error);
    return active;
}

}  // namespace og::env
