#pragma once
// introspect(connection): the live database's schema as IR, in a fixed number of catalog queries
// whatever the number of tables.

#include "tempest/introspect/mysql.hpp"
#include "tempest/introspect/postgresql.hpp"
#include "tempest/introspect/sqlite.hpp"

namespace tempest {

inline schema introspect(connection& db, const introspect_options& options = {}) {
  switch (db.kind()) {
    case dialect_kind::sqlite: return detail::introspect_sqlite(db, options);
    case dialect_kind::postgresql: return detail::introspect_postgresql(db, options);
    case dialect_kind::mysql: return detail::introspect_mysql(db, options);
  }
  return {};
}

}  // namespace tempest
