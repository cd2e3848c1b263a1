#pragma once
// Running a SQLite table rebuild (dialect/sqlite_rebuild.hpp) on a live database, inside the
// migration's transaction and with foreign keys off, so that nothing is lost:
// - triggers on the table (the session's TEMP triggers too), and indexes on it that a raw SQL step
//   made, are read from the catalog before the old table is dropped (which drops them) and made
//   again from their SQL afterwards;
// - views, and triggers of other tables, that name the table are left alone: the rename runs with
//   legacy_alter_table on, so SQLite neither rewrites nor re-checks them while the name is missing
//   for a moment, and they find the new table under the old name;
// - the AUTOINCREMENT high-water mark in sqlite_sequence carries over, so ids are never reused;
// - the foreign keys of the rebuilt table and of the tables referencing it are checked before
//   commit, and only those: a violation elsewhere is not this rebuild's to report;
// - a rebuild that would lose something it cannot carry over is refused before it starts: a column
//   the IR does not know (made by raw SQL), or names that would send its statements elsewhere.

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/sqlite_rebuild.hpp"
#include "tempest/runtime/connection.hpp"

namespace tempest {

namespace detail {

using sqlite_query = std::function<std::vector<result_row>(const std::string&, const std::vector<sql_value>&)>;

// SQLite compares names without regard to ASCII case.
inline bool same_sqlite_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

// Refuses, before anything runs, a rebuild that would lose data or write it elsewhere.
inline void refuse_unsafe_sqlite_rebuild(const sqlite_rebuild_spec& spec, const std::string& statement,
                                        const sqlite_query& query) {
  // A temporary table or view named like the table or the staging table stands in front of it in
  // every unqualified name, so the rows would be copied from, or into, the wrong table.
  for (auto& row : query("SELECT 'main', type, name FROM sqlite_schema WHERE type IN ('table', 'view', 'index') "
                         "AND name = ? COLLATE NOCASE UNION ALL SELECT 'temp', type, name FROM sqlite_temp_schema "
                         "WHERE type IN ('table', 'view') AND (name = ? COLLATE NOCASE OR name = ? COLLATE NOCASE)",
                         {spec.staged, spec.table, spec.staged})) {
    const std::string type = row[1].value_or(""), name = row[2].value_or("");
    if (row[0] == "main")
      throw sql_error(fmt::format("sqlite: cannot rebuild table {}: a {} named {} already exists, and the rebuild makes "
                                  "the new table under that name. Rename or drop it and run the migration again (an "
                                  "offline script stopped part way can leave it behind, holding rows of {})",
                                  spec.table, type, name, spec.table),
                      statement);
    throw sql_error(fmt::format("sqlite: cannot rebuild table {}: this session has a temporary {} named {}, which "
                                "would stand for the rebuild's table of that name; run the migration on a session "
                                "without it",
                                spec.table, type, name),
                    statement);
  }
  for (auto& row : query("SELECT name FROM pragma_table_xinfo(?)", {spec.table})) {
    const std::string name = row[0].value_or("");
    if (std::none_of(spec.columns.begin(), spec.columns.end(), [&](const std::string& c) { return same_sqlite_name(c, name); }))
      throw sql_error(fmt::format("sqlite: cannot rebuild table {}: its column {} is not one the migrations made (a raw "
                                  "SQL step added it?), and the rebuild would drop it with its values. Drop it first, "
                                  "or make this change in a raw SQL step",
                                  spec.table, name),
                      statement);
  }
}

}  // namespace detail

// Throws when rows violate a foreign key: rows of `table`, and rows of the tables referring to it
// whose key is the one to `table`. `after` says what was done ("after rebuilding table t"), and
// `statement` is the statement the error names. A table that is gone (dropped after it was written
// to) has no rows of its own to check; naming it alone in pragma_foreign_key_check would fail.
inline void check_sqlite_foreign_keys(connection& db, const std::string& table, std::string_view after,
                                      const std::string& statement,
                                      const std::function<void(const std::string&)>& ran = {}) {
  auto query = [&](const std::string& sql, const std::vector<sql_value>& values) {
    if (ran) ran(sql);
    return db.query(sql, values);
  };
  std::vector<result_row> violations =
      query("SELECT f.\"table\", f.rowid, f.parent FROM sqlite_schema m, pragma_foreign_key_check(m.name) f "
            "WHERE m.type = 'table' AND m.name = ? COLLATE NOCASE",
            {table});
  for (auto& child : query("SELECT DISTINCT m.name FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f "
                           "WHERE m.type = 'table' AND f.\"table\" = ? COLLATE NOCASE AND m.name <> ? COLLATE NOCASE",
                           {table, table})) {
    for (auto& row : query("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?) WHERE parent = ? COLLATE NOCASE",
                           {child[0].value_or(""), table}))
      violations.push_back(std::move(row));
  }
  if (!violations.empty())
    throw sql_error(fmt::format("sqlite: {}, {} row{} violate{} a foreign key (first: rowid {} of table {}, referring "
                                "to {})",
                                after, violations.size(), violations.size() == 1 ? "" : "s",
                                violations.size() == 1 ? "s" : "", violations[0][1].value_or("?"),
                                violations[0][0].value_or("?"), violations[0][2].value_or("?")),
                    statement);
}

// Raw SQL that runs while foreign keys are off for a rebuild is neither refused nor cascaded, and
// may write to any table: the rows violating a foreign key are counted, per table and parent, when
// the migration starts and again before it commits, and any count that grew is the migration's.
// Table by table, so that one whose key SQLite cannot check ("foreign key mismatch") is passed over
// instead of failing every migration.
class sqlite_foreign_key_tally {
 public:
  explicit sqlite_foreign_key_tally(connection& db) : start_(count(db)) {}

  void check(connection& db, const std::string& statement) const {
    for (const auto& [key, rows] : count(db)) {
      auto it = start_.find(key);
      const long long before = it == start_.end() ? 0 : it->second;
      if (rows > before)
        throw sql_error(fmt::format("sqlite: the migration left {} more row{} of table {} violating a foreign key to {} "
                                    "(its raw SQL runs with foreign keys off while it rebuilds a table: nothing is "
                                    "refused and nothing cascades)",
                                    rows - before, rows - before == 1 ? "" : "s", key.first, key.second),
                        statement);
    }
  }

 private:
  using counts = std::map<std::pair<std::string, std::string>, long long>;

  static counts count(connection& db) {
    counts out;
    for (auto& row : db.query("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
      const std::string table = row[0].value_or("");
      try {
        for (auto& violation : db.query("SELECT parent, count(*) FROM pragma_foreign_key_check(?) GROUP BY 1", {table}))
          out[{table, violation[0].value_or("")}] = std::stoll(violation[1].value_or("0"));
      } catch (const sql_error&) {  // a key SQLite cannot check, before and after alike
      }
    }
    return out;
  }

  counts start_;
};

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

  const std::string statement = fmt::format("-- rebuild table {}", d.quote(spec.table));
  detail::refuse_unsafe_sqlite_rebuild(spec, statement, query);
  // What the drop takes along and the IR does not know. SQLite stores a TEMP trigger's SQL without
  // the TEMP, so it is put back, or the trigger would come back in the main schema.
  std::vector<std::string> remake;
  for (auto& row : query("SELECT 0, rowid, type, name, sql FROM sqlite_schema WHERE tbl_name = ? COLLATE NOCASE AND "
                         "type IN ('index', 'trigger') AND sql IS NOT NULL UNION ALL SELECT 1, rowid, type, name, sql "
                         "FROM sqlite_temp_schema WHERE tbl_name = ? COLLATE NOCASE AND type = 'trigger' ORDER BY 1, 2",
                         {spec.table, spec.table})) {
    if (row[2] == "index" && spec.index_names.count(row[3].value_or(""))) continue;
    std::string sql = row[4].value_or("");
    constexpr std::string_view plain = "CREATE TRIGGER ";
    if (row[0] == "1" && sql.starts_with(plain)) sql = fmt::format("CREATE TEMP TRIGGER {}", sql.substr(plain.size()));
    remake.push_back(std::move(sql));
  }
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

  check_sqlite_foreign_keys(db, spec.table, fmt::format("after rebuilding table {}", spec.table), statement, ran);
}

}  // namespace tempest
