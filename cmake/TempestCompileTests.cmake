# Compile-time tests, in the manner of fmt's test/compile-error-test: each test compiles one source
# file (-fsyntax-only) with the compiler, flags and include directories of tempest::tempest.
#
#   tempest_compile_fail(NAME name SOURCE file.cpp EXPECT "regex" [ERRORS n])
#     passes only if the file does NOT compile and the compiler output matches EXPECT (a CMake regex),
#     and, with ERRORS, holds exactly n errors (one mistake, one error: no cascade).
#   tempest_compile_ok(NAME name SOURCE file.cpp)
#     passes only if the file compiles.
#
# The ctest names are compile_fail.<name> and compile_ok.<name>, both with the label compile-fail.
include_guard(GLOBAL)
include(TempestCompileFlags)

set(TEMPEST_COMPILE_FLAGS_FILE "${PROJECT_BINARY_DIR}/tempest-compile-flags.txt")
tempest_write_compile_flags("${TEMPEST_COMPILE_FLAGS_FILE}")
set(_tempest_compile_check "${CMAKE_CURRENT_LIST_DIR}/TempestCompileCheck.cmake")

function(_tempest_compile_test mode)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME;SOURCE;EXPECT;ERRORS" "")
  if(NOT arg_NAME OR NOT arg_SOURCE OR (mode STREQUAL "fail" AND NOT DEFINED arg_EXPECT))
    message(FATAL_ERROR "tempest_compile_${mode}: NAME, SOURCE and (for fail) EXPECT are required")
  endif()
  get_filename_component(source "${arg_SOURCE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  # Parameters go through a file so that EXPECT may hold any character (ctest splits arguments at ';').
  set(case "${CMAKE_CURRENT_BINARY_DIR}/compile_${mode}.${arg_NAME}.cmake")
  file(CONFIGURE OUTPUT "${case}" CONTENT [==[
set(MODE [=[@mode@]=])
set(CXX [=[@CMAKE_CXX_COMPILER@]=])
set(FLAGS_FILE [=[@TEMPEST_COMPILE_FLAGS_FILE@]=])
set(SOURCE [=[@source@]=])
set(EXPECT [=[@arg_EXPECT@]=])
set(ERRORS [=[@arg_ERRORS@]=])
]==] @ONLY)
  add_test(NAME compile_${mode}.${arg_NAME}
           COMMAND "${CMAKE_COMMAND}" "-DCASE=${case}" -P "${_tempest_compile_check}")
  set_tests_properties(compile_${mode}.${arg_NAME} PROPERTIES LABELS compile-fail TIMEOUT 300)
endfunction()

function(tempest_compile_fail)
  _tempest_compile_test(fail ${ARGN})
endfunction()

function(tempest_compile_ok)
  _tempest_compile_test(ok ${ARGN})
endfunction()
