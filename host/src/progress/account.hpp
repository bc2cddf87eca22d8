#pragma once
// What an account name may be (docs/protocol.md, "Accounts"): the same rule for the extension
// (shared/messages.js validAccount) and the host, held by tests/conformance/rules.json.
#include <cstddef>
#include <string_view>

namespace og::progress {

inline constexpr std::size_t kMaxAccountBytes = 64;

// 1 to 64 bytes of UTF-8 (already checked at the frame), no control character (U+0000-U+001F,
// U+007F), not only white space. Anything else a person types (a handle with dots, "Travail")
// is a name.
bool valid_account_name(std::string_view name);

}  // namespace og::progress
