#pragma once
// Creating a whole schema on a live database, in one transaction where the database has
// transactional DDL (SQLite, PostgreSQL).

#include "tempest/dialect/create_schema.hpp"
#include "tempest/runtime/connection.hpp"

namespace tempest {

inline void create_schema(connection& db, const schema& target) {
  auto statements = create_schema(db.sql_dialect(), target);
  if (db.kind() == dialect_kind::mysql) {
    for (const auto& statement : statements) db.execute(statement);
    return;
  }
  db.execute("BEGIN");
  try {
    for (const auto& statement : statements) db.execute(statement);
    db.execute("COMMIT");
  } catch (...) {
    try {
      db.execute("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

}  // namespace tempest
