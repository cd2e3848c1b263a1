#pragma once
// How each operation changes the schema IR. apply() also completes the operation: a drop records
// what it dropped and an alter records the column as it was, which is what inverse() needs.

#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "tempest/error.hpp"
#include "tempest/ops/apply_schema_changes.hpp"
#include "tempest/ops/lookup.hpp"
#include "tempest/ops/operations.hpp"
#include "tempest/schema/literal_rules.hpp"

namespace tempest {
namespace detail {

// Refuses to drop a column that a key, index, foreign key or check still uses: databases disagree on
// what such a drop does, so the dependent objects are dropped first, explicitly.
inline void check_unused(const schema& s, const table& t, const std::string& column_name, std::string_view what) {
  auto refuse = [&](std::string_view kind, std::string_view name) {
    throw schema_error(fmt::format("{}: column \"{}\".\"{}\" is used by {} {}; drop that first", what, t.name,
                                   column_name, kind, name));
  };
  if (t.key && contains(t.key->columns, column_name)) refuse("primary key", t.key->name);
  for (const auto& ix : t.indexes)
    if (contains(ix.columns, column_name)) refuse("index", ix.name);
  for (const auto& fk : t.foreign_keys)
    if (contains(fk.columns, column_name)) refuse("foreign key", fk.name);
  for (const auto& ck : t.checks)
    if (ck.column == column_name) refuse("check", ck.name);
  for (const auto& other : s.tables)
    for (const auto& fk : other.foreign_keys)
      if (fk.referenced_table == t.name && contains(fk.referenced_columns, column_name))
        refuse("foreign key", fmt::format("{} of table {}", fk.name, other.name));
}

// Refuses literals that cannot be written into SQL text (literal_rules.hpp) before any is rendered.
inline void check_literals(std::string_view what, const table& t) {
  for (const auto& c : t.columns) check_default(what, t.name, c);
  for (const auto& ck : t.checks) check_allowed_values(what, t.name, ck);
}

inline void check_values(std::string_view what, const table& t, const std::vector<std::string>& columns,
                         const std::vector<std::vector<sql_value>>& rows) {
  for (std::size_t row = 0; row < rows.size(); ++row)
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const column& c = *t.find_column(columns[i]);
      auto issue = literal_issue::none;
      std::string value;
      if (const auto* text = std::get_if<std::string>(&rows[row][i])) {
        issue = check_string(*text);
        value = shown(*text);
      } else if (const auto* number = std::get_if<double>(&rows[row][i])) {
        issue = check_floating(*number, c.type.kind);
        value = fmt::format("{}", *number);
      }
      if (issue != literal_issue::none)
        throw schema_error(fmt::format("{}: column \"{}\".\"{}\", row {}: value {} {}", what, t.name, c.name, row + 1,
                                       value, describe(issue, c.type.kind)));
    }
}

}  // namespace detail

inline void apply(schema& s, operation& operation) {
  using namespace detail;
  std::visit(
      [&](auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::create_table>) {
          if (s.find_table(o.definition.name))
            throw schema_error(fmt::format("create_table: table \"{}\" already exists", o.definition.name));
          check_literals("create_table", o.definition);
          o.definition.normalise();
          s.tables.push_back(o.definition);
          s.normalise();
        } else if constexpr (std::is_same_v<T, op::drop_table>) {
          table& t = table_for(s, o.name, "drop_table");
          for (const auto& other : s.tables)
            for (const auto& fk : other.foreign_keys)
              if (other.name != t.name && fk.referenced_table == t.name)
                throw schema_error(fmt::format("drop_table: table \"{}\" is referenced by foreign key {} of table {}; "
                                               "drop that first",
                                               t.name, fk.name, other.name));
          o.dropped = t;
          std::erase_if(s.tables, [&](const table& x) { return x.name == o.name; });
        } else if constexpr (std::is_same_v<T, op::rename_table>) {
          if (s.find_table(o.to)) throw schema_error(fmt::format("rename_table: table \"{}\" already exists", o.to));
          table_for(s, o.from, "rename_table").name = o.to;
          for (auto& other : s.tables)
            for (auto& fk : other.foreign_keys)
              if (fk.referenced_table == o.from) fk.referenced_table = o.to;
          s.normalise();
        } else if constexpr (std::is_same_v<T, op::add_column>) {
          table& t = table_for(s, o.table_name, "add_column");
          if (t.find_column(o.definition.name))
            throw schema_error(
                fmt::format("add_column: column \"{}\".\"{}\" already exists", t.name, o.definition.name));
          check_default("add_column", t.name, o.definition);
          t.columns.push_back(o.definition);
        } else if constexpr (std::is_same_v<T, op::drop_column>) {
          table& t = table_for(s, o.table_name, "drop_column");
          o.dropped = column_for(t, o.name, "drop_column");
          check_unused(s, t, o.name, "drop_column");
          std::erase_if(t.columns, [&](const column& c) { return c.name == o.name; });
        } else if constexpr (std::is_same_v<T, op::alter_column>) {
          table& t = table_for(s, o.table_name, "alter_column");
          column& c = column_for(t, o.name, "alter_column");
          column after = c;
          if (o.definition) {
            if (o.type || o.nullable || o.default_value)
              throw schema_error(fmt::format("alter_column: column \"{}\".\"{}\": a whole definition leaves type, "
                                             "nullability and default unset", t.name, c.name));
            after = *o.definition;
            after.name = c.name;
          }
          if (o.type) after.type = *o.type;
          if (o.nullable) after.nullable = *o.nullable;
          if (o.default_value) after.default_value = *o.default_value;
          check_default("alter_column", t.name, after);  // a new type can make the old default unwritable
          o.before = std::exchange(c, std::move(after));
        } else if constexpr (std::is_same_v<T, op::rename_column>) {
          table& t = table_for(s, o.table_name, "rename_column");
          if (t.find_column(o.to))
            throw schema_error(fmt::format("rename_column: column \"{}\".\"{}\" already exists", t.name, o.to));
          column_for(t, o.from, "rename_column").name = o.to;
          if (t.key) rename_in(t.key->columns, o.from, o.to);
          for (auto& ix : t.indexes) rename_in(ix.columns, o.from, o.to);
          for (auto& fk : t.foreign_keys) rename_in(fk.columns, o.from, o.to);
          for (auto& ck : t.checks)
            if (ck.column == o.from) ck.column = o.to;
          for (auto& other : s.tables)
            for (auto& fk : other.foreign_keys)
              if (fk.referenced_table == t.name) rename_in(fk.referenced_columns, o.from, o.to);
        } else if constexpr (std::is_same_v<T, op::create_index>) {
          table& t = table_for(s, o.table_name, "create_index");
          if (!o.definition.name.empty() && find_named(t.indexes, o.definition.name) != t.indexes.end())
            throw schema_error(fmt::format("create_index: index \"{}\" already exists on \"{}\"", o.definition.name, t.name));
          for (const auto& name : o.definition.columns) column_for(t, name, "create_index");
          t.indexes.push_back(o.definition);
          t.normalise();
        } else if constexpr (std::is_same_v<T, op::drop_index>) {
          table& t = table_for(s, o.table_name, "drop_index");
          auto it = dropped_item(t.indexes, o.name, o.dropped);
          if (it == t.indexes.end())
            throw schema_error(o.name.empty() ? fmt::format("drop_index: table \"{}\" has no such unnamed index", t.name)
                                              : fmt::format("drop_index: index \"{}\" does not exist on \"{}\"", o.name, t.name));
          o.dropped = *it;
          t.indexes.erase(it);
        } else if constexpr (std::is_same_v<T, op::add_foreign_key>) {
          table& t = table_for(s, o.table_name, "add_foreign_key");
          if (!o.definition.name.empty() && find_named(t.foreign_keys, o.definition.name) != t.foreign_keys.end())
            throw schema_error(fmt::format("add_foreign_key: foreign key \"{}\" already exists on \"{}\"",
                                           o.definition.name, t.name));
          for (const auto& name : o.definition.columns) column_for(t, name, "add_foreign_key");
          if (o.definition.referenced_table != t.name) table_for(s, o.definition.referenced_table, "add_foreign_key");
          const table& parent = *s.find_table(o.definition.referenced_table);
          for (const auto& name : o.definition.referenced_columns)
            if (!parent.find_column(name))
              throw schema_error(fmt::format("add_foreign_key: column \"{}\".\"{}\" does not exist", parent.name, name));
          t.foreign_keys.push_back(o.definition);
          t.normalise();
        } else if constexpr (std::is_same_v<T, op::drop_foreign_key>) {
          table& t = table_for(s, o.table_name, "drop_foreign_key");
          auto it = dropped_item(t.foreign_keys, o.name, o.dropped);
          if (it == t.foreign_keys.end())
            throw schema_error(o.name.empty() ? fmt::format("drop_foreign_key: table \"{}\" has no such unnamed foreign key", t.name)
                                              : fmt::format("drop_foreign_key: foreign key \"{}\" does not exist on \"{}\"", o.name, t.name));
          o.dropped = *it;
          t.foreign_keys.erase(it);
        } else if constexpr (std::is_same_v<T, op::add_check>) {
          table& t = table_for(s, o.table_name, "add_check");
          if (!o.definition.name.empty() && find_named(t.checks, o.definition.name) != t.checks.end())
            throw schema_error(fmt::format("add_check: check \"{}\" already exists on \"{}\"", o.definition.name, t.name));
          check_allowed_values("add_check", t.name, o.definition);
          t.checks.push_back(o.definition);
          t.normalise();
        } else if constexpr (std::is_same_v<T, op::drop_check>) {
          table& t = table_for(s, o.table_name, "drop_check");
          auto it = dropped_item(t.checks, o.name, o.dropped);
          if (it == t.checks.end())
            throw schema_error(o.name.empty() ? fmt::format("drop_check: table \"{}\" has no such unnamed check", t.name)
                                              : fmt::format("drop_check: check \"{}\" does not exist on \"{}\"", o.name, t.name));
          o.dropped = *it;
          t.checks.erase(it);
        } else if constexpr (std::is_same_v<T, op::insert_rows> || std::is_same_v<T, op::delete_rows>) {
          constexpr auto what = std::is_same_v<T, op::insert_rows> ? "insert_rows" : "delete_rows";
          table& t = table_for(s, o.table_name, what);
          for (const auto& name : o.columns) column_for(t, name, "data step");
          for (const auto& row : o.rows)
            if (row.size() != o.columns.size())
              throw schema_error(fmt::format("data step on \"{}\": a row has {} values for {} columns", t.name,
                                             row.size(), o.columns.size()));
          check_values(what, t, o.columns, o.rows);
          if constexpr (std::is_same_v<T, op::delete_rows>) {
            o.unlisted.clear();
            for (const auto& c : t.columns)
              if (!contains(o.columns, c.name)) o.unlisted.push_back(c.name);
          }
        } else if constexpr (std::is_same_v<T, op::raw_sql>) {
          // The IR cannot know what raw SQL does; but a NUL byte would cut it short in a driver.
          if (o.up.find('\0') != std::string::npos || (o.down && o.down->find('\0') != std::string::npos))
            throw schema_error("raw SQL: the text holds a NUL byte");
        } else {
          apply_change(s, o);
        }
      },
      operation);
}

}  // namespace tempest
