# Configures the og_module fixture (tests/cmake/layers) for one case and checks the outcome:
#   cmake -DCASE=<ok|cycle|undeclared> -DEXPECT=<regex> -DHELPER=<og_module.cmake>
#         -DBINARY=<build dir> [-DCXX=<compiler>] -P expect_configure.cmake
# EXPECT empty: configuring must succeed. Otherwise it must fail with output matching EXPECT
# (whitespace collapsed, since CMake wraps its error messages).
file(REMOVE_RECURSE ${BINARY})
set(compiler)
if(CXX)
  set(compiler -DCMAKE_CXX_COMPILER=${CXX})
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR}/layers -B ${BINARY}
          -DOG_LAYERS_CASE=${CASE} -DOG_MODULE_HELPER=${HELPER} ${compiler}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)
string(REGEX REPLACE "[ \t\r\n]+" " " flat "${out}")
if(NOT EXPECT)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "case ${CASE}: configuring should succeed but failed:\n${out}")
  endif()
elseif(rc EQUAL 0)
  message(FATAL_ERROR "case ${CASE}: configuring should fail but succeeded:\n${out}")
elseif(NOT flat MATCHES "${EXPECT}")
  message(FATAL_ERROR "case ${CASE}: configuring failed, but not with /${EXPECT}/:\n${out}")
endif()
message(STATUS "case ${CASE}: as expected")
