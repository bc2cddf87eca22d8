# Cross build of the Windows host with Debian's mingw-w64 (g++-mingw-w64-x86-64-posix: the
# posix thread model, which std::thread and std::mutex need):
#   cmake -S . -B build-windows -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain_mingw_windows.cmake
# Everything is linked statically, so the .exe needs nothing beside it. Tests and the
# Catch test discovery run the .exe files under wine (CMAKE_CROSSCOMPILING_EMULATOR).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(OG_MINGW_PREFIX x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${OG_MINGW_PREFIX}-gcc-posix)
set(CMAKE_CXX_COMPILER ${OG_MINGW_PREFIX}-g++-posix)
set(CMAKE_RC_COMPILER ${OG_MINGW_PREFIX}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${OG_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
find_program(OG_WINE NAMES wine wine64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${OG_WINE})
