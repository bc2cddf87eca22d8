# One static library per folder of the host's sources, with the modules it may use declared,
# and the layering checked when the directory that declares them has been read:
#
#   og_module(<name> [DEPS <module>...] [LIBS <target>...] [SOURCES <file>...] [EXCLUDE <file>...])
#
# builds library og_<name> from ${OG_MODULE_ROOT}/<name>/ (every .cpp below it, plus SOURCES;
# EXCLUDE names files compiled elsewhere, such as main.cpp, which are still checked), linked to
# og_<dep> for each DEPS and to LIBS (external targets). Configuring fails
#   - when the declared dependencies have a cycle, naming it (a -> b -> a);
#   - when a file of a module includes "<folder>/..." of a module it does not depend on,
#     directly or through its dependencies, naming the file and line.
# OG_MODULE_ROOT defaults to ${CMAKE_CURRENT_SOURCE_DIR}/src; it is also the include root.
#
# Platform code lives in files named after their platform, each compiled only when building for
# it: <name>_linux.cpp, <name>_macos.cpp, <name>_windows.cpp, and <name>_posix.cpp for code that
# Linux and macOS share (every one is still checked).

# The headers nearly every source of ours includes, parsed once per target instead of once per
# source: nlohmann/json.hpp alone is ~25,000 lines, a large share of each compile. Only for
# targets that link nlohmann themselves, or are named (the test suites); others would gain
# nothing. OG_PCH=OFF turns it off.
#   og_precompile(<target> [ALWAYS])
option(OG_PCH "Precompile the common heavy headers (nlohmann/json.hpp)" ON)
function(og_precompile target)
  get_target_property(libs ${target} LINK_LIBRARIES)
  set(uses_json FALSE)
  if("${ARGN}" STREQUAL "ALWAYS" OR "nlohmann_json::nlohmann_json" IN_LIST libs)
    set(uses_json TRUE)
  endif()
  if(OG_PCH AND uses_json)
    target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp> <map> <optional> <string>
                              <vector>)
  endif()
endfunction()

function(og_module name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEPS;LIBS;SOURCES;EXCLUDE")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "og_module(${name}): unexpected arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT OG_MODULE_ROOT)
    set(OG_MODULE_ROOT ${CMAKE_CURRENT_SOURCE_DIR}/src)
  endif()
  set(dir ${OG_MODULE_ROOT}/${name})
  if(NOT IS_DIRECTORY ${dir})
    message(FATAL_ERROR "og_module(${name}): no folder ${dir}")
  endif()
  get_property(known GLOBAL PROPERTY OG_MODULES)
  if(name IN_LIST known)
    message(FATAL_ERROR "og_module(${name}): declared twice")
  endif()

  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${dir}/*.cpp ${dir}/*.hpp ${dir}/*.h ${dir}/*.in)
  set(sources ${files})
  list(FILTER sources INCLUDE REGEX "\\.cpp$")
  foreach(excluded ${arg_EXCLUDE})
    list(REMOVE_ITEM sources ${dir}/${excluded})
  endforeach()
  _og_module_platform_suffix(this_platform)
  set(platforms ${this_platform})
  if(NOT this_platform STREQUAL "windows")
    list(APPEND platforms posix)
  endif()
  foreach(platform linux macos windows posix)
    if(NOT platform IN_LIST platforms)
      list(FILTER sources EXCLUDE REGEX "_${platform}\\.cpp$")
    endif()
  endforeach()
  add_library(og_${name} STATIC ${sources} ${arg_SOURCES})
  target_include_directories(og_${name} PUBLIC ${OG_MODULE_ROOT})
  foreach(dep ${arg_DEPS})
    target_link_libraries(og_${name} PUBLIC og_${dep})
  endforeach()
  target_link_libraries(og_${name} PUBLIC ${arg_LIBS})
  og_precompile(og_${name})

  set_property(GLOBAL APPEND PROPERTY OG_MODULES ${name})
  set_property(GLOBAL PROPERTY OG_MODULE_DEPS_${name} ${arg_DEPS})
  set_property(GLOBAL PROPERTY OG_MODULE_FILES_${name} ${files})
  # Checked once everything in this directory is declared, whatever the order of declaration.
  get_property(deferred GLOBAL PROPERTY OG_MODULE_CHECK_DEFERRED)
  if(NOT deferred)
    set_property(GLOBAL PROPERTY OG_MODULE_CHECK_DEFERRED TRUE)
    cmake_language(DEFER CALL og_module_check)
  endif()
endfunction()

# The file-name suffix of the platform being built for (see og_module).
function(_og_module_platform_suffix out)
  if(WIN32)
    set(${out} windows PARENT_SCOPE)
  elseif(APPLE)
    set(${out} macos PARENT_SCOPE)
  else()
    set(${out} linux PARENT_SCOPE)
  endif()
endfunction()

# Depth-first walk from `name`; `path` is the chain that led here (for the cycle message).
# Sets og_closure_<name> (every module it reaches) in the caller's scope.
function(_og_module_visit name path)
  if(name IN_LIST path)
    list(APPEND path ${name})
    list(FIND path ${name} first)
    list(SUBLIST path ${first} -1 cycle)
    list(JOIN cycle " -> " cycle)
    message(FATAL_ERROR "og_module: dependency cycle between modules: ${cycle}")
  endif()
  get_property(done GLOBAL PROPERTY OG_MODULE_CLOSURE_${name} SET)
  if(done)
    return()
  endif()
  list(APPEND path ${name})
  get_property(known GLOBAL PROPERTY OG_MODULES)
  get_property(deps GLOBAL PROPERTY OG_MODULE_DEPS_${name})
  set(closure ${deps})
  foreach(dep ${deps})
    if(NOT dep IN_LIST known)
      message(FATAL_ERROR "og_module(${name}): DEPS names ${dep}, which is not a module")
    endif()
    _og_module_visit(${dep} "${path}")
    get_property(sub GLOBAL PROPERTY OG_MODULE_CLOSURE_${dep})
    list(APPEND closure ${sub})
  endforeach()
  list(REMOVE_DUPLICATES closure)
  set_property(GLOBAL PROPERTY OG_MODULE_CLOSURE_${name} ${closure})
endfunction()

function(og_module_check)
  get_property(modules GLOBAL PROPERTY OG_MODULES)
  foreach(module ${modules})
    _og_module_visit(${module} "")
  endforeach()

  # A quoted include whose first folder is a module is a use of that module.
  set(include_regex "^[ \t]*#[ \t]*include[ \t]*\"([A-Za-z0-9_]+)/[^\"]*\"")
  set(problems)
  foreach(module ${modules})
    get_property(allowed GLOBAL PROPERTY OG_MODULE_CLOSURE_${module})
    get_property(deps GLOBAL PROPERTY OG_MODULE_DEPS_${module})
    get_property(files GLOBAL PROPERTY OG_MODULE_FILES_${module})
    foreach(file ${files})
      file(STRINGS ${file} includes REGEX "${include_regex}")
      if(NOT includes)
        continue()
      endif()
      file(READ ${file} text)
      foreach(line ${includes})
        string(REGEX MATCH "${include_regex}" match "${line}")
        set(used ${CMAKE_MATCH_1})
        if(used STREQUAL module OR used IN_LIST allowed OR NOT used IN_LIST modules)
          continue()
        endif()
        # file(STRINGS) gives no line numbers: count the newlines before the first occurrence.
        string(FIND "${text}" "${line}" at)
        string(SUBSTRING "${text}" 0 ${at} before)
        string(REGEX REPLACE "[^\n]" "" newlines "${before}")
        string(LENGTH "${newlines}" number)
        math(EXPR number "${number} + 1")
        string(REGEX MATCH "\"[^\"]*\"" header "${line}")
        file(RELATIVE_PATH where ${CMAKE_SOURCE_DIR} ${file})
        list(JOIN deps ", " declared)
        if(NOT declared)
          set(declared "none")
        endif()
        list(APPEND problems
             "${where}:${number}: module ${module} includes ${header}, but ${used} is not among "
             "its dependencies (DEPS: ${declared}): declare it, or move the code down a layer\n")
      endforeach()
    endforeach()
  endforeach()
  if(problems)
    string(JOIN "" problems ${problems})
    message(FATAL_ERROR "og_module: undeclared module use:\n${problems}")
  endif()
endfunction()
