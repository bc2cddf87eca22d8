// macOS: the system sandbox's built-in "no network" profile, applied with sandbox_init(3).
// Apple marks sandbox_init deprecated (it wants App Sandbox entitlements instead, which exist
// only for signed app bundles, not for a command-line program a browser starts) but still ships
// it in libSystem and uses these profiles itself; there is no other way for a plain executable
// to give up the network. The SDK's <sandbox.h> is not part of zig's macOS headers, so the three
// symbols are declared here as libSystem exports them.
#include <cstdint>
#include <string>

#include "app/sandbox.hpp"

extern "C" {
int sandbox_init(const char* profile, std::uint64_t flags, char** errorbuf);
void sandbox_free_error(char* errorbuf);
extern const char* const kSBXProfileNoNetwork;
}

namespace og::app {

namespace {
constexpr std::uint64_t kSandboxNamed = 0x0001;  // SANDBOX_NAMED: profile is a built-in name
}

const std::vector<const char*>& forbidden_network_calls() {
    // The profile refuses network operations, not a list of system calls.
    static const std::vector<const char*> none;
    return none;
}

Status forbid_network() {
    char* error = nullptr;
    if (sandbox_init(kSBXProfileNoNetwork, kSandboxNamed, &error) == 0) return Ok{};
    std::string message = "cannot forbid network access: sandbox_init: ";
    message += error != nullptr ? error : "unknown error";
    if (error != nullptr) sandbox_free_error(error);
    return make_error("sandbox_unavailable", message);
}

}  // namespace og::app
