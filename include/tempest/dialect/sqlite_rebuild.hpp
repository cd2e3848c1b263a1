#pragma once
// SQLite's way to make the changes its ALTER TABLE cannot: create the new table under a temporary
// name, copy every row, drop the old table, rename the new one, recreate the indexes, and check the
// foreign keys (https://www.sqlite.org/lang_altertable.html, "other kinds of table schema changes").

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/dialect.hpp"

namespace tempest {

inline constexpr std::string_view sqlite_rebuild_prefix = "_tempest_rebuild_";
inline constexpr std::string_view sqlite_foreign_key_check = "PRAGMA foreign_key_check";

// Whether SQLite's ADD COLUMN can add this column: not a key, and NULL or a constant as default.
inline bool sqlite_can_add_column(const column& c) {
  if (c.autoincrement) return false;
  if (!c.nullable && !c.default_value) return false;
  if (c.default_value && c.default_value->kind == column_default::source::expression) return false;
  return true;
}

// `renamed` maps a column of `after` to its name in `before` where they differ. Columns new in
// `after` take their defaults.
inline std::vector<std::string> sqlite_rebuild(const dialect& d, const table& before, const table& after,
                                               const std::map<std::string, std::string>& renamed = {}) {
  table staged = after;
  staged.name = fmt::format("{}{}", sqlite_rebuild_prefix, after.name);
  staged.indexes.clear();
  std::vector<std::string> statements = d.create_table(staged);

  std::vector<std::string> targets;
  std::vector<std::string> sources;
  for (const auto& c : after.columns) {
    auto it = renamed.find(c.name);
    const std::string& source = it == renamed.end() ? c.name : it->second;
    if (before.find_column(source)) {
      targets.push_back(c.name);
      sources.push_back(source);
    }
  }
  statements.push_back(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}", d.quote(staged.name),
                                   d.column_list(targets), d.column_list(sources), d.quote(before.name)));
  statements.push_back(d.drop_table(before.name));
  statements.push_back(d.rename_table(staged.name, after.name));
  for (const auto& ix : after.indexes) statements.push_back(d.create_index(after, ix));
  // The whole database: rows of the rebuilt table, and rows elsewhere that refer to it.
  statements.push_back(std::string(sqlite_foreign_key_check));
  return statements;
}

}  // namespace tempest
