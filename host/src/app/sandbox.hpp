#pragma once
// The host never needs the network, so in serve mode it gives the ability up before it reads a
// single byte from the browser: a bug, a hostile catalog or a compromised dependency then cannot
// phone home. Calls that would open or address a socket fail with EPERM instead of killing the
// process, so code that merely probes (glibc's NSS asking nscd, for instance) degrades rather
// than crashing the host mid-commit.
#include <vector>

#include "util/result.hpp"

namespace og::app {

// The system calls the filter refuses, by name (for the log and for tests). Windows has no such
// filter: there these are the network libraries the host must not have loaded, and
// forbid_network() only checks that (sandbox_windows.cpp says why).
const std::vector<const char*>& forbidden_network_calls();

// Installs the filter on the calling process; it is inherited by threads created afterwards
// and by children, and cannot be lifted. Sets no_new_privs. Error code "sandbox_unavailable"
// when the kernel or libseccomp refuses (the caller decides whether to go on without it).
Status forbid_network();

}  // namespace og::app
