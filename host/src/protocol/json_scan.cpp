#include "protocol/json_scan.hpp"

namespace og::protocol {

void JsonScanner::feed(char c) {
    const std::size_t at = offset_++;
    if (closed_) return;
    if (in_string_) {
        if (escaped_)
            escaped_ = false;
        else if (c == '\\')
            escaped_ = true;
        else if (c == '"')
            in_string_ = false;
        return;
    }
    switch (c) {
        case '"':
            in_string_ = true;
            break;
        case '{':
        case '[':
            started_ = true;
            ++depth_;
            if (depth_ > max_depth_) max_depth_ = depth_;
            if (depth_ > kMaxDepth && too_deep_at_ == std::string_view::npos) too_deep_at_ = at;
            break;
        case '}':
        case ']':
            if (depth_ > 0) --depth_;
            if (depth_ == 0 && started_) {
                closed_ = true;
                value_end_ = at + 1;
            }
            break;
        default:
            break;
    }
}

}  // namespace og::protocol
