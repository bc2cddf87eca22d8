#include "store/opener.hpp"

#include <spdlog/spdlog.h>

namespace og::store {

OpenResult open_reporting(const std::filesystem::path& file) {
    OpenResult out;
    out.health.path = file.string();
    try {
        auto opened = Store::open(file);
        if (opened) {
            out.store = std::move(*opened);
            out.health = out.store->health();
            if (out.health.recovered)
                spdlog::warn("store was corrupt; moved aside to {}", *out.health.recovered);
        } else {
            out.health.ok = false;
            out.health.error = opened.error().message;
            spdlog::error("store {} unavailable: {}", file.string(), opened.error().message);
        }
    } catch (const std::exception& e) {
        out.health.ok = false;
        out.health.error = e.what();
        spdlog::error("store {} unavailable: {}", file.string(), e.what());
    }
    return out;
}

Store* OpenOnNeed::get() {
    if (!tried_) {
        tried_ = true;
        opened_ = open_reporting(file_);
    }
    return opened_.store.get();
}

const Health& OpenOnNeed::health() {
    get();
    return opened_.health;
}

}  // namespace og::store
