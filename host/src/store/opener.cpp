#include "store/opener.hpp"

#include <spdlog/spdlog.h>

namespace og::store {

OpenResult open_reporting(const std::filesystem::path& file,
                          const std::optional<std::string>& already_logged) {
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
            spdlog::log(
                out.health.error == already_logged ? spdlog::level::debug : spdlog::level::err,
                "store {} unavailable: {}", file.string(), *out.health.error);
        }
    } catch (const std::exception& e) {
        out.health.ok = false;
        out.health.error = e.what();
        spdlog::log(out.health.error == already_logged ? spdlog::level::debug : spdlog::level::err,
                    "store {} unavailable: {}", file.string(), *out.health.error);
    }
    return out;
}

Store* OpenOnNeed::get() {
    if (opened_.store) return opened_.store.get();
    opened_ = open_reporting(file_, tried_ ? opened_.health.error : std::nullopt);
    tried_ = true;
    return opened_.store.get();
}

const Health& OpenOnNeed::health() {
    get();
    return opened_.health;
}

}  // namespace og::store
