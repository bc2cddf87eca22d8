#include "cli/installer_output.hpp"

#include <cstdint>
#include <ostream>
#include <sstream>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>

#include <cstdio>
#endif

#include "util/env_var.hpp"

namespace og::cli {

namespace {

void put_unit(std::string& out, std::uint16_t u) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
}

// The code point at text[i] (advancing i), U+FFFD for a byte that does not start a well-formed
// sequence.
std::uint32_t next_code_point(std::string_view text, size_t& i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b = byte(i);
    size_t len = b < 0x80           ? 1
                 : (b >> 5) == 0x6  ? 2
                 : (b >> 4) == 0xE  ? 3
                 : (b >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > text.size()) {
        ++i;
        return 0xFFFD;
    }
    std::uint32_t cp = len == 1 ? b : b & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    i += len;
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    return cp;
}

}  // namespace

std::string utf16le_lines(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size() * 2);
    for (size_t i = 0; i < utf8.size();) {
        const std::uint32_t cp = next_code_point(utf8, i);
        if (cp == '\n') put_unit(out, '\r');
        if (cp < 0x10000) {
            put_unit(out, static_cast<std::uint16_t>(cp));
        } else {
            put_unit(out, static_cast<std::uint16_t>(0xD800 + ((cp - 0x10000) >> 10)));
            put_unit(out, static_cast<std::uint16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        }
    }
    return out;
}

int with_installer_output(std::ostream& out, std::ostream& err,
                          const std::function<int(std::ostream&, std::ostream&)>& run) {
    if (env_var::get("OPTOUT_GUIDE_OUTPUT").value_or("") != "utf-16le") return run(out, err);
    std::ostringstream both;
    const int status = run(both, both);
#ifdef _WIN32
    // Text mode would add a 0x0D before every 0x0A byte, inside the UTF-16 units too.
    std::fflush(stdout);
    _setmode(_fileno(stdout), _O_BINARY);
#endif
    const std::string bytes = utf16le_lines(both.str());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    return status;
}

}  // namespace og::cli
