# Test discovery for catch_discover_tests, used instead of Catch2's CatchAddTests.cmake
# (tests/CMakeLists.txt sets _CATCH_DISCOVER_TESTS_SCRIPT). It writes the same kind of CTest script,
# with three differences that tempest's one-discovery-per-combination-of-tags needs:
#  - every test gets the LABELS named by the tags TEST_SPEC requires ("[postgresql][mysql]~[sqlite]"
#    gives postgresql;mysql), or `unit` when it requires none: a list of labels cannot pass through
#    catch_discover_tests' PROPERTIES;
#  - a TEST_SPEC that matches no test case is normal, not warned about;
#  - test case names may contain ';'.
# TEST_PREFIX, TEST_SUFFIX, TEST_EXTRA_ARGS and TEST_PROPERTIES are honoured; REPORTER and OUTPUT_DIR
# are not (tempest does not use them).
execute_process(
  COMMAND ${TEST_EXECUTOR} "${TEST_EXECUTABLE}" ${TEST_SPEC} --list-test-names-only
  OUTPUT_VARIABLE output
  RESULT_VARIABLE result
  WORKING_DIRECTORY "${TEST_WORKING_DIR}")
if(NOT result MATCHES "^[0-9]+$")
  message(FATAL_ERROR "Listing the tests of ${TEST_EXECUTABLE} failed: ${result}\n${output}")
endif()

string(REGEX REPLACE "~\\[[^]]*\\]" "" labels "${TEST_SPEC}")
string(REGEX MATCHALL "\\[[^]]+\\]" labels "${labels}")
list(TRANSFORM labels REPLACE "^\\[(.*)\\]$" "\\1")
if(NOT labels)
  set(labels unit)
endif()

set(common "")
foreach(arg IN LISTS TEST_PROPERTIES)
  string(APPEND common " [==[${arg}]==]")
endforeach()
set(args "")
foreach(arg IN LISTS TEST_EXTRA_ARGS)
  string(APPEND args " [==[${arg}]==]")
endforeach()

string(ASCII 1 semicolon)  # stands for ';' inside names while the output is handled as a list
string(REPLACE ";" "${semicolon}" output "${output}")
string(REPLACE "\n" ";" names "${output}")
set(script "")
set(tests "")
foreach(name IN LISTS names)
  if(name STREQUAL "")
    continue()
  endif()
  string(REPLACE "${semicolon}" ";" name "${name}")
  set(test "${TEST_PREFIX}${name}${TEST_SUFFIX}")
  string(REGEX REPLACE "([],[])" "\\\\\\1" spec "${name}")  # Catch reads , [ ] as test spec syntax
  string(APPEND script
    "add_test([==[${test}]==] ${TEST_EXECUTOR} [==[${TEST_EXECUTABLE}]==] [==[${spec}]==]${args})\n"
    "set_tests_properties([==[${test}]==] PROPERTIES WORKING_DIRECTORY [==[${TEST_WORKING_DIR}]==]"
    " LABELS [==[${labels}]==]${common})\n")
  string(REPLACE ";" "\\;" test "${test}")
  list(APPEND tests "${test}")
endforeach()
string(APPEND script "set([==[${TEST_LIST}]==] [==[${tests}]==])\n")
file(WRITE "${CTEST_FILE}" "${script}")
