# SQLite compiled from its amalgamation, for builds that cannot link the build machine's libsqlite3
# (cross builds for macOS and Windows):
#
#   cmake -DOG_SQLITE_AMALGAMATION_DIR=$(scripts/lib/sqlite-source.sh) ...
#
# The folder holds sqlite3.c and sqlite3.h of the same version, with the same Debian patches, as
# the Linux build's libsqlite3-dev. Defines the imported name the host links, SQLite::SQLite3.
if(TARGET SQLite::SQLite3)
  return()
endif()
if(NOT EXISTS "${OG_SQLITE_AMALGAMATION_DIR}/sqlite3.c")
  message(FATAL_ERROR "OG_SQLITE_AMALGAMATION_DIR (${OG_SQLITE_AMALGAMATION_DIR}) has no sqlite3.c: "
                      "run scripts/lib/sqlite-source.sh and pass the folder it prints")
endif()
add_library(og_sqlite3 STATIC "${OG_SQLITE_AMALGAMATION_DIR}/sqlite3.c")
target_include_directories(og_sqlite3 SYSTEM PUBLIC "${OG_SQLITE_AMALGAMATION_DIR}")
# The options of Debian's build that change behaviour the host relies on (secure delete: a purged
# record is overwritten, not left in free pages), plus no run-time extension loading: the host
# never loads one, and leaving it out keeps dlopen out of the binary.
target_compile_definitions(og_sqlite3 PRIVATE SQLITE_THREADSAFE=1 SQLITE_SECURE_DELETE
                           SQLITE_MAX_SCHEMA_RETRY=25 SQLITE_LIKE_DOESNT_MATCH_BLOBS
                           SQLITE_OMIT_LOAD_EXTENSION SQLITE_DQS=0)
# Third-party code: its warnings are not ours to fix.
target_compile_options(og_sqlite3 PRIVATE -w)
add_library(SQLite::SQLite3 ALIAS og_sqlite3)
