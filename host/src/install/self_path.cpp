#include "install/self_path.hpp"

#include <system_error>

#if defined(_WIN32)
#include <windows.h>
#elif defined(__APPLE__)
#include <mach-o/dyld.h>

#include <vector>
#endif

namespace og::install {

namespace fs = std::filesystem;

Result<fs::path> self_executable_path() {
    std::error_code ec;
#if defined(_WIN32)
    wchar_t buf[32768];
    DWORD n = GetModuleFileNameW(nullptr, buf, static_cast<DWORD>(std::size(buf)));
    if (n == 0 || n >= std::size(buf))
        return make_error("self_path", "cannot find this program's own path");
    return fs::path(std::wstring(buf, n));
#elif defined(__APPLE__)
    uint32_t size = 0;
    _NSGetExecutablePath(nullptr, &size);
    std::vector<char> buf(size + 1);
    if (_NSGetExecutablePath(buf.data(), &size) != 0)
        return make_error("self_path", "cannot find this program's own path");
    auto p = fs::canonical(fs::path(buf.data()), ec);
    if (ec) return make_error("self_path", "cannot resolve this program's path: " + ec.message());
    return p;
#else
    auto p = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return make_error("self_path",
                          "cannot read /proc/self/exe (" + ec.message() + "); pass --host-path");
    return p;
#endif
}

}  // namespace og::install
