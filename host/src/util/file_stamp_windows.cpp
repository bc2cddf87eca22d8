#include <windows.h>

#include "util/file_stamp.hpp"

namespace og::util {

// The write time in 100 ns units, as NTFS keeps it.
std::optional<std::string> file_stamp(const std::filesystem::path& file) {
    WIN32_FILE_ATTRIBUTE_DATA data{};
    if (!GetFileAttributesExW(file.wstring().c_str(), GetFileExInfoStandard, &data))
        return std::nullopt;
    const auto wide = [](DWORD high, DWORD low) {
        return (static_cast<unsigned long long>(high) << 32) | low;
    };
    return std::to_string(wide(data.nFileSizeHigh, data.nFileSizeLow)) + " " +
           std::to_string(
               wide(data.ftLastWriteTime.dwHighDateTime, data.ftLastWriteTime.dwLowDateTime));
}

}  // namespace og::util
