# The host's libraries for the Windows cross build, as targets of the same names the Linux build
# gets from find_package, made from what Debian ships for Linux (none of it has a mingw build):
#   nlohmann_json, spdlog (header-only, with fmt header-only), Catch2: the same headers;
#   SQLite: built here from the amalgamation of Debian's own source package of the version the
#   Linux build links, with Debian's compile options (scripts/windows/sqlite-amalgamation.sh).
# OG_HEADERS_FROM (default /usr/include) is where those headers live. Only their folders are
# exposed to the cross compiler: all of /usr/include would bring glibc's headers in.
set(OG_HEADERS_FROM /usr/include CACHE PATH "where Debian's header-only libraries are")
set(OG_WINDOWS_DEPS ${PROJECT_BINARY_DIR}/windows-deps CACHE PATH "SQLite amalgamation cache")

set(og_headers ${PROJECT_BINARY_DIR}/windows-deps/include)
file(MAKE_DIRECTORY ${og_headers})
foreach(lib nlohmann spdlog fmt catch2)
  if(NOT EXISTS ${OG_HEADERS_FROM}/${lib})
    message(FATAL_ERROR "${OG_HEADERS_FROM}/${lib} is missing (Debian packages: "
                        "nlohmann-json3-dev libspdlog-dev libfmt-dev catch2)")
  endif()
  file(CREATE_LINK ${OG_HEADERS_FROM}/${lib} ${og_headers}/${lib} SYMBOLIC)
endforeach()

add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${og_headers})
add_library(spdlog::spdlog INTERFACE IMPORTED)
target_include_directories(spdlog::spdlog SYSTEM INTERFACE ${og_headers})
# Debian's spdlog is configured for an external fmt (tweakme.h); both are used header-only.
# Wide file names: the log lives under the user's profile, which may be "C:\Users\Zoé".
target_compile_definitions(spdlog::spdlog INTERFACE SPDLOG_HEADER_ONLY FMT_HEADER_ONLY
                           SPDLOG_WCHAR_FILENAMES)
add_library(Catch2::Catch2 INTERFACE IMPORTED)
target_include_directories(Catch2::Catch2 SYSTEM INTERFACE ${og_headers})
# catch_discover_tests (Catch.cmake), which runs the test .exe under the emulator (wine).
set(OG_CATCH2_CMAKE_DIR /usr/lib/cmake/Catch2 CACHE PATH "where Debian's Catch.cmake is")
list(APPEND CMAKE_MODULE_PATH ${OG_CATCH2_CMAKE_DIR})
find_package(Threads REQUIRED)

execute_process(
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/windows/sqlite-amalgamation.sh ${OG_WINDOWS_DEPS}
  OUTPUT_VARIABLE og_sqlite_dir OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE og_sqlite_rc)
if(NOT og_sqlite_rc EQUAL 0 OR NOT EXISTS ${og_sqlite_dir}/sqlite3.c)
  message(FATAL_ERROR "could not make the SQLite amalgamation (see the messages above)")
endif()
message(STATUS "SQLite for Windows from ${og_sqlite_dir}")
add_library(og_sqlite3 STATIC ${og_sqlite_dir}/sqlite3.c)
target_include_directories(og_sqlite3 SYSTEM PUBLIC ${og_sqlite_dir})
# debian/rules of the same source package; SQLITE_WIN32_... defaults are upstream's.
target_compile_definitions(og_sqlite3 PRIVATE
  SQLITE_SECURE_DELETE SQLITE_ENABLE_COLUMN_METADATA SQLITE_ENABLE_FTS3
  SQLITE_ENABLE_FTS3_PARENTHESIS SQLITE_ENABLE_RTREE=1 SQLITE_SOUNDEX=1
  SQLITE_ENABLE_UNLOCK_NOTIFY SQLITE_OMIT_LOOKASIDE=1 SQLITE_ENABLE_DBSTAT_VTAB
  SQLITE_ALLOW_ROWID_IN_VIEW SQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 SQLITE_ENABLE_LOAD_EXTENSION
  SQLITE_ENABLE_JSON1 SQLITE_LIKE_DOESNT_MATCH_BLOBS SQLITE_THREADSAFE=1
  SQLITE_ENABLE_FTS3_TOKENIZER=1 SQLITE_USE_URI=1 SQLITE_MAX_SCHEMA_RETRY=25
  SQLITE_ENABLE_PREUPDATE_HOOK SQLITE_ENABLE_SESSION SQLITE_ENABLE_STMTVTAB
  SQLITE_MAX_VARIABLE_NUMBER=250000)
target_compile_options(og_sqlite3 PRIVATE -w -fno-strict-aliasing)
target_link_libraries(og_sqlite3 PUBLIC Threads::Threads)
add_library(SQLite::SQLite3 ALIAS og_sqlite3)
