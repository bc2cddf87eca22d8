#!/usr/bin/env bash
# Cross-builds the Windows host, its test suites and the per-user installer with mingw-w64:
#   scripts/build-windows.sh [BUILD_DIR]     default build-windows/
# gives BUILD_DIR/host/optout-guide-host.exe and BUILD_DIR/optout-guide-setup.exe. Needs the
# Debian packages of OG_BUILD_PACKAGES and OG_WINDOWS_PACKAGES (scripts/lib/deps.sh), installed
# here when run as root. docs/windows.md says how it is made and tested.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/lib/deps.sh"
build=${1:-$root/build-windows}
og_ensure_packages "${OG_BUILD_PACKAGES[@]}" "${OG_WINDOWS_PACKAGES[@]}"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
mkdir -p "$build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/mingw-w64-x86_64.cmake" "${launcher[@]}" \
    >"$build/configure.log" 2>&1 || { tail -30 "$build/configure.log"; exit 1; }
CCACHE_BASEDIR=$root cmake --build "$build" -j"$(nproc)" >"$build/build.log" 2>&1 &&
    cmake --build "$build" --target windows-installer >>"$build/build.log" 2>&1 ||
    { tail -30 "$build/build.log"; exit 1; }
echo "$build/optout-guide-setup.exe"
