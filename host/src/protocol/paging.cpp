#include "protocol/paging.hpp"

#include "protocol/message.hpp"

namespace og::protocol {

Result<Page> page_of(const std::vector<nlohmann::json>& items, std::int64_t cursor,
                     const std::string& cursor_pointer) {
    if (static_cast<std::size_t>(cursor) > items.size())
        return make_error("invalid_value",
                          cursor_pointer + ": cursor " + std::to_string(cursor) +
                              " is past the end (" + std::to_string(items.size()) + " items)",
                          cursor_pointer);
    Page out{nlohmann::json::array(), nullptr};
    std::size_t used = 0;
    std::size_t i = static_cast<std::size_t>(cursor);
    for (; i < items.size(); ++i) {
        const std::size_t size = dump(items[i]).size() + 1;
        if (used + size > kPageBudget) {
            if (out.items.empty())
                return make_error("reply_too_large", "item " + std::to_string(i) +
                                                         " alone is larger than a reply may be");
            break;
        }
        used += size;
        out.items.push_back(items[i]);
    }
    if (i < items.size()) out.next_cursor = i;
    return out;
}

}  // namespace og::protocol
