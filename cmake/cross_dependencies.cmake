# The host's libraries for a cross build (macOS with zig, Windows with mingw-w64), where the build
# machine's compiled libraries cannot be linked: the header-only libraries come from the build
# machine's Debian packages (nlohmann-json3-dev, libspdlog-dev, libfmt-dev), copied into the build
# tree so that no other header of /usr/include reaches the cross compiler; SQLite is compiled from
# source (cmake/sqlite_amalgamation.cmake). Defines the same target names as find_package does.
# A build with tests (the Windows one, whose suites run under wine) also takes Catch2's headers
# and Catch.cmake from the build machine's catch2 package.
set(OG_CROSS_HEADER_ROOT "/usr/include" CACHE PATH "where the header-only libraries are found")
set(og_cross_include ${CMAKE_BINARY_DIR}/cross-include)
set(og_cross_libs nlohmann spdlog fmt)
if(BUILD_TESTING)
  list(APPEND og_cross_libs catch2)
endif()
foreach(lib ${og_cross_libs})
  if(NOT IS_DIRECTORY ${OG_CROSS_HEADER_ROOT}/${lib})
    message(FATAL_ERROR "cross build: no ${OG_CROSS_HEADER_ROOT}/${lib} "
                        "(apt-get install nlohmann-json3-dev libspdlog-dev libfmt-dev catch2)")
  endif()
  file(COPY ${OG_CROSS_HEADER_ROOT}/${lib} DESTINATION ${og_cross_include})
endforeach()

add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${og_cross_include})

# Debian's spdlog is configured for an external fmt (tweakme.h); both are used header-only.
add_library(spdlog::spdlog INTERFACE IMPORTED)
target_include_directories(spdlog::spdlog SYSTEM INTERFACE ${og_cross_include})
target_compile_definitions(spdlog::spdlog INTERFACE SPDLOG_HEADER_ONLY SPDLOG_FMT_EXTERNAL
                           FMT_HEADER_ONLY)
if(WIN32)
  # Wide file names: the log lives under the user's profile, which may be "C:\Users\Zoé".
  target_compile_definitions(spdlog::spdlog INTERFACE SPDLOG_WCHAR_FILENAMES)
endif()

if(BUILD_TESTING)
  add_library(Catch2::Catch2 INTERFACE IMPORTED)
  target_include_directories(Catch2::Catch2 SYSTEM INTERFACE ${og_cross_include})
  # catch_discover_tests (Catch.cmake), for include(Catch) in tests/.
  set(OG_CATCH2_CMAKE_DIR /usr/lib/cmake/Catch2 CACHE PATH "where Debian's Catch.cmake is")
  list(APPEND CMAKE_MODULE_PATH ${OG_CATCH2_CMAKE_DIR})
endif()

find_package(Threads REQUIRED)
include(${CMAKE_CURRENT_LIST_DIR}/sqlite_amalgamation.cmake)
