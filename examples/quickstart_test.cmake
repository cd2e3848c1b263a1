# Runs the quickstart twice in an empty directory and checks what each start prints (literals).
include("${CMAKE_CURRENT_LIST_DIR}/expect_output.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

expect_output("${QUICKSTART}" 0
  "starting on sqlite:quickstart.db;migration 0001_roles (roles): applied in;sync: applied: create table users;the database matches the models"
  "none pending")
expect_output("${QUICKSTART}" 0
  "starting on sqlite:quickstart.db;migrations: none pending;sync: nothing to do;the database matches the models"
  "applied")
