#!/usr/bin/env bash
# Cross-builds the Windows host, its test suites and the per-user installer with mingw-w64:
#
#   scripts/build-windows.sh [BUILD_DIR]     # default BUILD_DIR: build-windows/
#
# gives BUILD_DIR/host/optout-guide-host.exe, BUILD_DIR/tests/og_*_tests.exe and
# BUILD_DIR/optout-guide-setup.exe (which scripts/release.sh picks up). SQLite comes from
# Debian's source (scripts/lib/sqlite-source.sh), the packed catalog from a packer built for this
# machine (scripts/lib/pack-tool.sh). Needs the Debian packages of OG_BUILD_PACKAGES and
# OG_WINDOWS_PACKAGES (scripts/lib/deps.sh), installed here when run as root. docs/windows.md
# says how it is made and tested.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/lib/deps.sh"
build=${1:-$root/build-windows}
og_ensure_packages "${OG_BUILD_PACKAGES[@]}" "${OG_WINDOWS_PACKAGES[@]}"
sqlite=$("$root/scripts/lib/sqlite-source.sh")
mkdir -p "$build"
pack_tool=$("$root/scripts/lib/pack-tool.sh" "$build/pack-tool")
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchain_mingw_windows.cmake" "${launcher[@]}" \
    -DOG_SQLITE_AMALGAMATION_DIR="$sqlite" -DOG_PACK_CATALOG_TOOL="$pack_tool" \
    >"$build/configure.log" 2>&1 || { tail -30 "$build/configure.log" >&2; exit 1; }
CCACHE_BASEDIR=$root cmake --build "$build" -j"${OG_JOBS:-2}" >"$build/build.log" 2>&1 &&
    cmake --build "$build" --target windows-installer >>"$build/build.log" 2>&1 ||
    { tail -30 "$build/build.log" >&2; exit 1; }
echo "$build/optout-guide-setup.exe"
