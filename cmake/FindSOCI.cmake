# FindSOCI
# --------
# Debian's libsoci-dev ships no CMake package configuration, so this module finds SOCI by hand.
#
#   find_package(SOCI [version] [REQUIRED] COMPONENTS core sqlite3 postgresql mysql)
#
# Imported targets: SOCI::core and one SOCI::<backend> per requested backend component. A backend
# target links SOCI::core and carries the include directory of its client library (libpq-fe.h,
# mysql.h, sqlite3.h), which SOCI's backend headers include by bare name.
# Result variables: SOCI_FOUND, SOCI_VERSION, SOCI_INCLUDE_DIR, SOCI_<component>_FOUND.

include(FindPackageHandleStandardArgs)

find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_core_LIBRARY NAMES soci_core)

if(SOCI_INCLUDE_DIR AND EXISTS "${SOCI_INCLUDE_DIR}/soci/version.h")
  file(STRINGS "${SOCI_INCLUDE_DIR}/soci/version.h" _soci_version_line
       REGEX "^#define SOCI_VERSION [0-9]+")
  string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _soci_version "${_soci_version_line}")
  math(EXPR _soci_major "${_soci_version} / 100000")
  math(EXPR _soci_minor "${_soci_version} / 100 % 1000")
  math(EXPR _soci_patch "${_soci_version} % 100")
  set(SOCI_VERSION "${_soci_major}.${_soci_minor}.${_soci_patch}")
endif()

# Per backend: the header SOCI's backend header includes, its usual sub-directories and the client library.
set(_soci_sqlite3_header sqlite3.h)
set(_soci_sqlite3_suffixes "")
set(_soci_sqlite3_client sqlite3)
set(_soci_postgresql_header libpq-fe.h)
set(_soci_postgresql_suffixes postgresql pgsql)
set(_soci_postgresql_client pq)
set(_soci_mysql_header mysql.h)
set(_soci_mysql_suffixes mariadb mysql)
set(_soci_mysql_client mariadb mysqlclient)

set(SOCI_core_FOUND FALSE)
if(SOCI_INCLUDE_DIR AND SOCI_core_LIBRARY)
  set(SOCI_core_FOUND TRUE)
endif()

foreach(_comp IN LISTS SOCI_FIND_COMPONENTS)
  if(_comp STREQUAL "core")
    continue()
  endif()
  if(NOT DEFINED _soci_${_comp}_header)
    set(SOCI_${_comp}_FOUND FALSE)
    continue()
  endif()
  find_library(SOCI_${_comp}_LIBRARY NAMES soci_${_comp})
  find_path(SOCI_${_comp}_CLIENT_INCLUDE_DIR ${_soci_${_comp}_header}
            PATH_SUFFIXES ${_soci_${_comp}_suffixes})
  find_library(SOCI_${_comp}_CLIENT_LIBRARY NAMES ${_soci_${_comp}_client})
  mark_as_advanced(SOCI_${_comp}_LIBRARY SOCI_${_comp}_CLIENT_INCLUDE_DIR SOCI_${_comp}_CLIENT_LIBRARY)
  if(SOCI_core_FOUND AND SOCI_${_comp}_LIBRARY AND SOCI_${_comp}_CLIENT_INCLUDE_DIR
     AND SOCI_${_comp}_CLIENT_LIBRARY)
    set(SOCI_${_comp}_FOUND TRUE)
  else()
    set(SOCI_${_comp}_FOUND FALSE)
  endif()
endforeach()

find_package_handle_standard_args(SOCI
  REQUIRED_VARS SOCI_core_LIBRARY SOCI_INCLUDE_DIR
  VERSION_VAR SOCI_VERSION
  HANDLE_COMPONENTS)
mark_as_advanced(SOCI_INCLUDE_DIR SOCI_core_LIBRARY)

if(SOCI_core_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES
    IMPORTED_LOCATION "${SOCI_core_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}")
endif()

foreach(_comp IN LISTS SOCI_FIND_COMPONENTS)
  if(SOCI_${_comp}_FOUND AND NOT TARGET SOCI::${_comp})
    add_library(SOCI::${_comp} UNKNOWN IMPORTED)
    set_target_properties(SOCI::${_comp} PROPERTIES
      IMPORTED_LOCATION "${SOCI_${_comp}_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${SOCI_${_comp}_CLIENT_INCLUDE_DIR}"
      INTERFACE_LINK_LIBRARIES "SOCI::core;${SOCI_${_comp}_CLIENT_LIBRARY}")
  endif()
endforeach()
