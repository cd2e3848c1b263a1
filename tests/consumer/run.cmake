# Builds and runs the consumer project against tempest, as the packaging tests:
#   cmake -DMODE=subdirectory|install -DTEMPEST_SOURCE_DIR=... -DTEMPEST_BUILD_DIR=... -DWORK_DIR=...
#         -DGENERATOR=... -DCXX=... -P run.cmake
# install: cmake --install TEMPEST_BUILD_DIR into WORK_DIR/prefix, then find_package from there.
function(run)
  execute_process(COMMAND ${ARGV} COMMAND_ECHO STDOUT COMMAND_ERROR_IS_FATAL ANY)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
if(MODE STREQUAL "install")
  run("${CMAKE_COMMAND}" --install "${TEMPEST_BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
  set(use_tempest "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix")
else()
  set(use_tempest "-DTEMPEST_SOURCE_DIR=${TEMPEST_SOURCE_DIR}")
endif()
run("${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX}" "${use_tempest}")
if(MODE STREQUAL "install")
  file(STRINGS "${WORK_DIR}/build/CMakeCache.txt" found REGEX "^tempest_DIR:")
  string(FIND "${found}" "${WORK_DIR}/prefix/" at)
  if(NOT at GREATER 0)
    message(FATAL_ERROR "find_package(tempest) did not pick the installed copy: ${found}")
  endif()
endif()
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
