#pragma once
// dialect_for(kind): the one shared, stateless instance of each dialect.

#include "tempest/dialect/mysql.hpp"
#include "tempest/dialect/postgresql.hpp"
#include "tempest/dialect/sqlite.hpp"

namespace tempest {

inline const dialect& dialect_for(dialect_kind kind) {
  static const sqlite_dialect sqlite;
  static const postgresql_dialect postgresql;
  static const mysql_dialect mysql;
  switch (kind) {
    case dialect_kind::sqlite: return sqlite;
    case dialect_kind::postgresql: return postgresql;
    case dialect_kind::mysql: return mysql;
  }
  return sqlite;
}

}  // namespace tempest
