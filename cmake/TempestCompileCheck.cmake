# Runs one compile test: cmake -DCASE=<case file> -P TempestCompileCheck.cmake
# The case file (written by TempestCompileTests.cmake) sets MODE (fail|ok), CXX, FLAGS_FILE, SOURCE, EXPECT
# and ERRORS (empty: any number).
include("${CASE}")
file(STRINGS "${FLAGS_FILE}" flags)
list(REMOVE_ITEM flags "")
# LC_ALL=C: EXPECT is matched against the compiler's untranslated messages.
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env LC_ALL=C "${CXX}" ${flags} -fsyntax-only "${SOURCE}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)

if(MODE STREQUAL "ok")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${SOURCE} should compile, but:\n${output}")
  endif()
elseif(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it should not")
elseif(NOT output MATCHES "${EXPECT}")
  message(FATAL_ERROR "${SOURCE} failed to compile as it should, but its diagnostics do not match\n"
                      "  ${EXPECT}\n${output}")
else()
  if(NOT ERRORS STREQUAL "")
    string(REGEX MATCHALL "error:" errors "${output}")
    list(LENGTH errors error_count)
    if(NOT error_count EQUAL ERRORS)
      message(FATAL_ERROR "${SOURCE} failed to compile with ${error_count} errors instead of ${ERRORS}:\n${output}")
    endif()
  endif()
  message(STATUS "${SOURCE} failed to compile, as expected")
endif()
