# OG_STATIC_DEPS (CMakeLists.txt): the libraries the host links, as archives, under the names
# the rest of the build already uses. Debian ships spdlog and fmt as shared libraries only, so
# their compiled halves are built here from their headers (host/link/spdlog_fmt.cpp), with the
# same macros their shared libraries' users see: the host's own objects are the same either way.
#   OG_SPDLOG_TARGET   what og_util links for spdlog
#   og_link_static(<executable>)   also links libstdc++ and libgcc into it, relocations packed
set(OG_SPDLOG_TARGET spdlog::spdlog)
if(NOT OG_STATIC_DEPS)
  function(og_link_static target)
  endfunction()
  return()
endif()

add_library(og_spdlog_fmt STATIC ${PROJECT_SOURCE_DIR}/host/link/spdlog_fmt.cpp)
target_compile_definitions(og_spdlog_fmt PUBLIC SPDLOG_SHARED_LIB SPDLOG_COMPILED_LIB
                           SPDLOG_FMT_EXTERNAL FMT_SHARED)
target_link_libraries(og_spdlog_fmt PUBLIC Threads::Threads)
set(OG_SPDLOG_TARGET og_spdlog_fmt)

find_library(OG_SQLITE3_ARCHIVE NAMES libsqlite3.a REQUIRED)
set_target_properties(SQLite::SQLite3 PROPERTIES IMPORTED_LOCATION ${OG_SQLITE3_ARCHIVE}
                      INTERFACE_LINK_LIBRARIES "m;${CMAKE_DL_LIBS};Threads::Threads")
find_library(OG_SECCOMP_ARCHIVE NAMES libseccomp.a REQUIRED)

# Relative relocations packed (DT_RELR, binutils 2.38 and glibc 2.36 on): the loader applies the
# host's 7,000 of them from 1.4 KiB instead of reading 168 KiB of .rela.dyn (docs/benchmarks.md).
include(CheckLinkerFlag)
check_linker_flag(CXX "-Wl,-z,pack-relative-relocs" OG_LINKER_PACKS_RELOCS)
function(og_link_static target)
  target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  if(OG_LINKER_PACKS_RELOCS)
    target_link_options(${target} PRIVATE -Wl,-z,pack-relative-relocs)
  endif()
endfunction()
