#include <fstream>
#include <system_error>

#include "util/stream_write.hpp"

namespace og::util {

// Devices (NUL, CON) and named pipes are what Windows offers here; the stream opens them
// without creating anything that was not there.
std::optional<Status> write_to_stream_file(const std::filesystem::path& file,
                                           std::string_view content) {
    std::error_code ec;
    const auto st = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::exists(st) || std::filesystem::is_regular_file(st))
        return std::nullopt;
    std::ofstream out(file, std::ios::binary | std::ios::app);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) return make_error("io_error", "cannot write " + file.string());
    return Status(Ok{});
}

}  // namespace og::util
