#pragma once
// Running a SQLite table rebuild (dialect/sqlite_rebuild.hpp) on a live database, inside the
// migration's transaction and with foreign keys off, so that nothing is lost:
// - triggers on the table, and indexes on it that a raw SQL step made, are read from the catalog
//   before the old table is dropped (which drops them) and made again from their SQL afterwards;
// - views, and triggers of other tables, that name the table are left alone: the rename runs with
//   legacy_alter_table on, so SQLite neither rewrites nor re-checks them while the name is missing
//   for a moment, and they find the new table under the old name;
// - the AUTOINCREMENT high-water mark in sqlite_sequence carries over, so ids are never reused;
// - the foreign keys of the rebuilt table and of the tables referencing it are checked before
//   commit, and only those: a violation elsewhere is not this rebuild's to report.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/sqlite_rebuild.hpp"
#include "tempest/runtime/connection.hpp"

namespace tempest {

// `ran` is told each statement as it is sent.
inline void run_sqlite_rebuild(connection& db, const sqlite_rebuild_spec& spec,
                               const std::function<void(const std::string&)>& ran) {
  const dialect& d = db.sql_dialect();
  auto execute = [&](const std::string& sql) {
    ran(sql);
    db.execute(sql);
  };
  auto query = [&](const std::string& sql, const std::vector<sql_value>& values) {
    ran(sql);
    return db.query(sql, values);
  };

  std::vector<std::string> remake;  // what the drop takes along and the IR does not know
  for (auto& row : query("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? COLLATE NOCASE "
                         "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid",
                         {spec.table}))
    if (!(row[0] == "index" && spec.index_names.count(row[1].value_or("")))) remake.push_back(row[2].value_or(""));
  const bool legacy = query("PRAGMA legacy_alter_table", {}).at(0).at(0) == "1";

  execute(spec.create_staged);
  execute(spec.copy);
  if (spec.autoincrement) {
    query("DELETE FROM sqlite_sequence WHERE name = ?", {spec.staged});
    query("INSERT INTO sqlite_sequence (name, seq) SELECT ?, seq FROM sqlite_sequence WHERE name = ?",
          {spec.staged, spec.table});
  }
  if (!legacy) execute("PRAGMA legacy_alter_table = ON");
  try {
    execute(d.drop_table(spec.table));
    execute(d.rename_table(spec.staged, spec.table));
  } catch (...) {
    if (!legacy) db.execute("PRAGMA legacy_alter_table = OFF");
    throw;
  }
  if (!legacy) execute("PRAGMA legacy_alter_table = OFF");
  for (const auto& sql : spec.create_indexes) execute(sql);
  for (const auto& sql : remake) execute(sql);

  // The rebuilt table's own rows, and the rows of tables that refer to it.
  std::vector<result_row> violations = query(
      "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?)", {spec.table});
  for (auto& child : query("SELECT DISTINCT m.name FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f "
                           "WHERE m.type = 'table' AND f.\"table\" = ? COLLATE NOCASE AND m.name <> ? COLLATE NOCASE",
                           {spec.table, spec.table})) {
    for (auto& row : query("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?) WHERE parent = ? COLLATE NOCASE",
                           {child[0].value_or(""), spec.table}))
      violations.push_back(std::move(row));
  }
  if (!violations.empty())
    throw sql_error(fmt::format("sqlite: after rebuilding table {}, {} row{} violate{} a foreign key (first: rowid {} of "
                                "table {}, referring to {})",
                                spec.table, violations.size(), violations.size() == 1 ? "" : "s",
                                violations.size() == 1 ? "s" : "", violations[0][1].value_or("?"),
                                violations[0][0].value_or("?"), violations[0][2].value_or("?")),
                    fmt::format("-- rebuild table {}", d.quote(spec.table)));
}

}  // namespace tempest
