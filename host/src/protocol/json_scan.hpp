#pragma once
// A byte-level structural scan of JSON text: nesting depth and where the top-level value ends.
// It runs before the real parser so that nothing recurses thousands of levels deep, and it lets
// the session tell a frame whose length header lied (JSON cut short, or followed by the next
// frame) from plain garbage.
#include <cstddef>
#include <string_view>

namespace og::protocol {

inline constexpr int kMaxDepth = 64;

class JsonScanner {
  public:
    void feed(char c);
    void feed(std::string_view text) {
        for (char c : text) feed(c);
    }

    int depth() const { return depth_; }
    int max_depth() const { return max_depth_; }
    // Byte offset at which nesting first went past kMaxDepth, or npos.
    std::size_t too_deep_at() const { return too_deep_at_; }
    // True once a top-level object or array has been closed.
    bool closed() const { return closed_; }
    // Offset just past the top-level closing bracket (valid when closed()).
    std::size_t value_end() const { return value_end_; }
    // True when the text so far opened a container or string it has not closed.
    bool open() const { return !closed_ && (depth_ > 0 || in_string_); }
    std::size_t consumed() const { return offset_; }

  private:
    std::size_t offset_ = 0;
    int depth_ = 0;
    int max_depth_ = 0;
    bool in_string_ = false;
    bool escaped_ = false;
    bool started_ = false;
    bool closed_ = false;
    std::size_t value_end_ = 0;
    std::size_t too_deep_at_ = std::string_view::npos;
};

}  // namespace og::protocol
