#pragma once
// The events the store tests write, and opening a store that must open.
#include <filesystem>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "store/store.hpp"

namespace og::test {

inline store::Event make_event(const std::string& id, const std::string& type = "step_completed",
                               const std::string& step = "open-form") {
    store::Event e;
    e.event_id = id;
    e.platform = "instagram";
    e.account = "default";
    e.procedure_id = "instagram-ai-objection";
    e.step_id = step;
    e.type = type;
    e.url = "https://privacycenter.instagram.com/policy/";
    e.client = "chromium";
    e.catalog_version = 2025112901;
    return e;
}

inline std::unique_ptr<store::Store> open_ok(const std::filesystem::path& file) {
    auto r = store::Store::open(file);
    INFO((r ? std::string() : r.error().message));
    REQUIRE(r.ok());
    return std::move(r.value());
}

}  // namespace og::test
