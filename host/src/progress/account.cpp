#include "progress/account.hpp"

#include <algorithm>

namespace og::progress {

bool valid_account_name(std::string_view name) {
    if (name.empty() || name.size() > kMaxAccountBytes) return false;
    const auto control = [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b < 0x20 || b == 0x7F;
    };
    if (std::any_of(name.begin(), name.end(), control)) return false;
    return name.find_first_not_of(' ') != std::string_view::npos;
}

}  // namespace og::progress
