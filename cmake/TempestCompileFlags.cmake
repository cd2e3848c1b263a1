# tempest_write_compile_flags(<file>)
# Writes the compiler arguments that a translation unit using tempest::tempest is compiled with
# (language standard, CMAKE_CXX_FLAGS[_<CONFIG>], include directories, definitions, options), one
# argument per line, for compiling outside the build system: compile-fail tests, compile-time benchmarks.
# The file is written at generate time.
function(tempest_write_compile_flags file)
  # Evaluated on a real target that links tempest::tempest, so that the usage requirements of
  # tempest's own dependencies (Boost, fmt, SOCI, ...) are included transitively.
  set(probe tempest_flags_probe)
  if(NOT TARGET ${probe})
    file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/tempest_flags_probe.cpp" CONTENT "")
    add_library(${probe} OBJECT EXCLUDE_FROM_ALL "${PROJECT_BINARY_DIR}/tempest_flags_probe.cpp")
    target_link_libraries(${probe} PRIVATE tempest::tempest)
  endif()

  set(std 20)
  if(CMAKE_CXX_STANDARD GREATER std)
    set(std ${CMAKE_CXX_STANDARD})
  endif()
  if(NOT DEFINED CMAKE_CXX_EXTENSIONS OR CMAKE_CXX_EXTENSIONS)
    set(lines "${CMAKE_CXX${std}_EXTENSION_COMPILE_OPTION}")
  else()
    set(lines "${CMAKE_CXX${std}_STANDARD_COMPILE_OPTION}")
  endif()
  string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  separate_arguments(flags UNIX_COMMAND "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${config}}")
  foreach(flag IN LISTS flags)
    string(APPEND lines "\n${flag}")
  endforeach()

  # The compiler's own directories (/usr/include) are left out, as CMake does: -I on them can break
  # #include_next in the standard library.
  set(implicit "")
  foreach(dir IN LISTS CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
    string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" dir "${dir}")
    list(APPEND implicit "${dir}")
  endforeach()
  list(JOIN implicit "|" implicit)
  set(includes "$<TARGET_PROPERTY:${probe},INCLUDE_DIRECTORIES>")
  if(implicit)
    set(includes "$<FILTER:${includes},EXCLUDE,^(${implicit})/?$>")
  endif()
  set(defs "$<TARGET_PROPERTY:${probe},COMPILE_DEFINITIONS>")
  set(opts "$<TARGET_PROPERTY:${probe},COMPILE_OPTIONS>")
  string(APPEND lines
    "$<$<BOOL:${includes}>:\n-I$<JOIN:${includes},\n-I>>"
    "$<$<BOOL:${defs}>:\n-D$<JOIN:${defs},\n-D>>"
    "$<$<BOOL:${opts}>:\n$<JOIN:${opts},\n>>\n")
  file(GENERATE OUTPUT "${file}" CONTENT "${lines}")
endfunction()
