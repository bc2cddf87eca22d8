# Cross-compiling the host for macOS with zig's clang, libc++ and Mach-O linker on Linux
# (scripts/build-macos.sh). zig is one executable with subcommands, CMake wants one program per
# tool, so build-macos.sh writes small wrappers (cc, c++, ar, ranlib) that call
# `zig <tool> -target <arch>-macos.<version>` and names their folder in OG_ZIG_WRAPPERS.
# An environment variable, not a cache entry, so that CMake's own try_compile projects see it too.
set(CMAKE_SYSTEM_NAME Darwin)
if(NOT DEFINED ENV{OG_ZIG_WRAPPERS} OR NOT DEFINED ENV{OG_ZIG_ARCH})
  message(FATAL_ERROR "toolchain_zig_macos.cmake: set OG_ZIG_WRAPPERS and OG_ZIG_ARCH "
                      "(scripts/build-macos.sh does)")
endif()
set(CMAKE_SYSTEM_PROCESSOR $ENV{OG_ZIG_ARCH})
set(CMAKE_C_COMPILER $ENV{OG_ZIG_WRAPPERS}/cc)
set(CMAKE_CXX_COMPILER $ENV{OG_ZIG_WRAPPERS}/c++)
set(CMAKE_AR $ENV{OG_ZIG_WRAPPERS}/ar CACHE FILEPATH "" FORCE)
set(CMAKE_RANLIB $ENV{OG_ZIG_WRAPPERS}/ranlib CACHE FILEPATH "" FORCE)
# zig brings the SDK's headers and libSystem stubs itself: no sysroot, no -arch flags.
set(CMAKE_OSX_SYSROOT "" CACHE PATH "" FORCE)
set(CMAKE_OSX_ARCHITECTURES "" CACHE STRING "" FORCE)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
