# Runs the quickstart twice in an empty directory and checks what each start prints (literals).
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(start expected_lines forbidden)
  execute_process(COMMAND "${QUICKSTART}" WORKING_DIRECTORY "${WORK_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "quickstart exited with ${rc}:\n${out}\n${err}")
  endif()
  foreach(line IN LISTS expected_lines)
    string(FIND "${out}" "${line}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "quickstart did not print \"${line}\":\n${out}")
    endif()
  endforeach()
  string(FIND "${out}" "${forbidden}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "quickstart printed \"${forbidden}\":\n${out}")
  endif()
endfunction()

start("starting on sqlite:quickstart.db;migration 0001_roles (roles): applied in;sync: applied: create table users;the database matches the models"
      "none pending")
start("starting on sqlite:quickstart.db;migrations: none pending;sync: nothing to do;the database matches the models"
      "applied")
