# expect_output(PROGRAM RC LINES FORBIDDEN ARGS...): runs PROGRAM ARGS in WORK_DIR and fails unless it
# exits with RC, prints each of LINES (a list of literals) and, unless FORBIDDEN is empty, never
# prints FORBIDDEN.
function(expect_output program expected_rc expected_lines forbidden)
  get_filename_component(name "${program}" NAME)
  execute_process(COMMAND "${program}" ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expected_rc)
    message(FATAL_ERROR "${name} ${ARGN}: exit ${rc}, not ${expected_rc}:\n${out}\n${err}")
  endif()
  foreach(line IN LISTS expected_lines)
    string(FIND "${out}" "${line}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${name} ${ARGN} did not print \"${line}\":\n${out}\n${err}")
    endif()
  endforeach()
  if(NOT forbidden STREQUAL "")
    string(FIND "${out}" "${forbidden}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${name} ${ARGN} printed \"${forbidden}\":\n${out}")
    endif()
  endif()
endfunction()
