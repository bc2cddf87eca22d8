// One request's bytes through parsing, field checks and the real dispatcher, with the built-in
// catalog and a real SQLite store (on disk, in a scratch folder). Whatever the request, the
// answer is one envelope with a stable error code or ok, and it fits in a frame.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "builtin/builtin.hpp"
#include "fuzz_support.hpp"
#include "protocol/dispatcher.hpp"
#include "protocol/fields.hpp"
#include "protocol/framing.hpp"
#include "protocol/message.hpp"
#include "protocol/reply.hpp"
#include "protocol/session.hpp"
#include "store/store.hpp"

namespace {

using namespace og;

struct World {
    catalog::Catalog catalog;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<protocol::Dispatcher> dispatcher;
};

World& world() {
    static World w = [] {
        World made;
        auto loaded = catalog::load_embedded();
        if (!loaded.catalog) fuzz::broken("the built-in catalog does not load");
        made.catalog = std::move(*loaded.catalog);
        auto opened = store::Store::open(fuzz::scratch_dir() / "progress.db");
        if (!opened) fuzz::broken("the store does not open", opened.error().message);
        made.store = std::move(*opened);
        protocol::HostContext ctx;
        ctx.catalog = &made.catalog;
        ctx.store = made.store.get();
        ctx.store_health = made.store->health();
        ctx.client = "chromium";
        made.dispatcher = std::make_unique<protocol::Dispatcher>(std::move(ctx));
        return made;
    }();
    return w;
}

// The serve loop's path for one frame's bytes: parse (UTF-8, depth, JSON), string limits, then
// the dispatcher.
nlohmann::json answer(std::string_view payload) {
    auto parsed = protocol::parse_message(payload);
    if (!parsed) return protocol::error_reply(nullptr, parsed.error());
    if (auto too_long = protocol::check_string_limits(*parsed))
        return protocol::error_reply(protocol::request_id(*parsed), *too_long);
    return world().dispatcher->handle(*parsed);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    og::fuzz::quiet_logs();
    world();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view payload(reinterpret_cast<const char*>(data), size);
    const nlohmann::json reply = answer(payload);
    if (!reply.is_object() || !reply.contains("id") || !reply.contains("ok") ||
        !reply["ok"].is_boolean())
        fuzz::broken("reply is not an envelope", reply.dump().substr(0, 200));
    if (!reply["ok"].get<bool>()) {
        const auto& error = reply["error"];
        if (!error.is_object() || !error.contains("code") || !error["code"].is_string() ||
            !error.contains("message") || !error["message"].is_string())
            fuzz::broken("error without code and message", reply.dump().substr(0, 200));
        if (error["code"] == "internal")
            fuzz::broken("internal error", reply.dump().substr(0, 400));
    }
    if (protocol::serialize_reply(reply).size() > protocol::kMaxOutbound)
        fuzz::broken("serialized reply over 1 MiB");
    return 0;
}
