#pragma once
// SQLite's way to make the changes its ALTER TABLE cannot
// (https://www.sqlite.org/lang_altertable.html, "other kinds of table schema changes"): create the
// new table under a temporary name, copy every row, drop the old table, rename the new one, and
// recreate what the drop took with it.
//
// The IR knows the table's columns, keys and indexes, but not the triggers, views and indexes a
// raw SQL step may have made; so the rebuild is described here and run by the runner, which reads
// those from the live catalog (runtime/sqlite_rebuild.hpp). Offline scripts get the static part.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/statement.hpp"

namespace tempest {

inline constexpr std::string_view sqlite_rebuild_prefix = "_tempest_rebuild_";

struct sqlite_rebuild_spec {
  std::string table;                        // the rebuilt table; its name does not change
  std::string staged;                       // the new table's temporary name
  std::string create_staged;                // CREATE TABLE of the new definition, under `staged`
  std::string copy;                         // INSERT INTO staged (...) SELECT ... FROM table
  std::vector<std::string> columns;         // the table's columns before, as the IR knows them
  std::vector<std::string> create_indexes;  // the table's indexes as the IR knows them
  std::set<std::string> index_names;        // the names the IR knows, before or after: other indexes
                                            // found live are kept as they were
  bool autoincrement = false;               // the table's key is AUTOINCREMENT: keep its high-water mark
  std::vector<std::string> referencing;     // the tables the IR knows whose foreign keys refer to it

  // The statements without the live catalog: what an offline script can do.
  std::vector<std::string> offline_statements(const dialect& d) const {
    std::vector<std::string> out{create_staged, copy};
    if (autoincrement) {
      out.push_back(fmt::format("DELETE FROM sqlite_sequence WHERE name = {}", d.string_literal(staged)));
      out.push_back(fmt::format("INSERT INTO sqlite_sequence (name, seq) SELECT {}, seq FROM sqlite_sequence WHERE name = {}",
                                d.string_literal(staged), d.string_literal(table)));
    }
    out.push_back("PRAGMA legacy_alter_table = ON");
    out.push_back(d.drop_table(table));
    out.push_back(d.rename_table(staged, table));
    out.push_back("PRAGMA legacy_alter_table = OFF");
    out.insert(out.end(), create_indexes.begin(), create_indexes.end());
    // A check that fails in SQL, so that a script stops at it (PRAGMA foreign_key_check only
    // returns rows, which a script does not read): the rebuilt table's rows and the rows of the
    // tables referring to it.
    std::string count = fmt::format("(SELECT COUNT(*) FROM pragma_foreign_key_check({}))", d.string_literal(table));
    for (const auto& child : referencing)
      count += fmt::format(" + (SELECT COUNT(*) FROM pragma_foreign_key_check({}) WHERE parent = {})",
                           d.string_literal(child), d.string_literal(table));
    const std::string check_table = d.quote("_tempest_foreign_key_check");
    out.push_back(fmt::format("CREATE TEMP TABLE {} (violations INTEGER CONSTRAINT {} CHECK (violations = 0))", check_table,
                              d.quote(fmt::format("rows violate a foreign key after the rebuild of table {}", table))));
    out.push_back(fmt::format("INSERT INTO {} SELECT {}", check_table, count));
    out.push_back(fmt::format("DROP TABLE {}", check_table));
    return out;
  }
};

// Whether SQLite's ADD COLUMN can add this column: not a key, and NULL or a constant as default.
inline bool sqlite_can_add_column(const column& c) {
  if (c.autoincrement) return false;
  if (!c.nullable && !c.default_value) return false;
  if (c.default_value && c.default_value->kind == column_default::source::expression) return false;
  return true;
}

// The rebuild of `before` into `after`. `renamed` maps a column of `after` to its name in `before`
// where they differ. Columns new in `after` take their defaults.
// `referencing` names the tables whose foreign keys refer to it.
inline statement sqlite_rebuild(const dialect& d, const table& before, const table& after,
                                const std::map<std::string, std::string>& renamed = {},
                                std::vector<std::string> referencing = {}) {
  auto spec = std::make_shared<sqlite_rebuild_spec>();
  spec->referencing = std::move(referencing);
  spec->table = after.name;
  spec->staged = fmt::format("{}{}", sqlite_rebuild_prefix, after.name);
  table staged = after;
  staged.name = spec->staged;
  // Unnamed unique indexes are UNIQUE constraints of the new table; the named ones come after the copy.
  std::erase_if(staged.indexes, [](const index_def& ix) { return !ix.name.empty(); });
  spec->create_staged = d.create_table_statement(staged);

  for (const auto& c : before.columns) spec->columns.push_back(c.name);
  std::vector<std::string> targets;
  std::vector<std::string> sources;
  for (const auto& c : after.columns) {
    auto it = renamed.find(c.name);
    const std::string& source = it == renamed.end() ? c.name : it->second;
    if (before.find_column(source)) {
      targets.push_back(c.name);
      sources.push_back(source);
    }
    if (c.autoincrement) spec->autoincrement = true;
  }
  spec->copy = fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}", d.quote(spec->staged), d.column_list(targets),
                           d.column_list(sources), d.quote(before.name));
  for (const auto& ix : after.indexes) {
    if (ix.name.empty()) continue;
    spec->create_indexes.push_back(d.create_index(after, ix));
    spec->index_names.insert(ix.name);
  }
  // One the change renamed or made unnamed is not to be made again under its old name.
  for (const auto& ix : before.indexes)
    if (!ix.name.empty()) spec->index_names.insert(ix.name);
  statement out;
  out.type = statement::kind::sqlite_rebuild;
  out.sql = fmt::format("-- rebuild table {}", d.quote(after.name));
  out.rebuild = std::move(spec);
  return out;
}

}  // namespace tempest
