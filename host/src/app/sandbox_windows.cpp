// Windows has no system-call filter a process can put on itself. The stronger mechanism, a
// relaunch inside an AppContainer without network capabilities, was not taken: it cannot be
// tested here (wine does not implement AppContainers), and a browser's Job object and pipes
// would have to follow the relaunch. So on Windows the promise is the code's own: the host
// links no socket library (tests/stages/windows.sh checks the import table and runs a
// conversation under wine's Winsock trace), and this check makes a host that finds one loaded
// anyway say so in its log. docs/windows.md says this plainly.
#include <windows.h>

#include "app/sandbox.hpp"

namespace og::app {

const std::vector<const char*>& forbidden_network_calls() {
    // On Windows: the libraries through which a socket would be opened.
    static const std::vector<const char*> libraries = {"ws2_32.dll", "wsock32.dll", "mswsock.dll",
                                                       "wininet.dll", "winhttp.dll"};
    return libraries;
}

Status forbid_network() {
    for (const char* name : forbidden_network_calls())
        if (GetModuleHandleA(name) != nullptr)
            return make_error("sandbox_unavailable",
                              std::string("no network filter on Windows, and ") + name +
                                  " is loaded in the host: something linked a network library");
    return Ok{};
}

}  // namespace og::app
