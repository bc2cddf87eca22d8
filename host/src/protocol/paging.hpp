#pragma once
// Replies that could outgrow a frame are paged: each page holds as many whole items as fit in
// the budget, and `nextCursor` says where the next page starts (null on the last one).
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/result.hpp"

namespace og::protocol {

// Paged answers stop adding items before this many bytes, leaving room for the envelope.
inline constexpr std::size_t kPageBudget = 900 * 1024;
// exportRecord hands the record out in chunks of at most this many bytes.
inline constexpr std::size_t kRecordChunk = 512 * 1024;

struct Page {
    nlohmann::json items;        // array
    nlohmann::json next_cursor;  // integer, or null on the last page
};

// Items from `cursor` on. A cursor past the end is `invalid_value` at `cursor_pointer`; one item
// larger than the budget alone is `reply_too_large`.
Result<Page> page_of(const std::vector<nlohmann::json>& items, std::int64_t cursor,
                     const std::string& cursor_pointer);

}  // namespace og::protocol
