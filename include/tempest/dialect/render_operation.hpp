#pragma once
// Rendering one operation for a dialect: native ALTER statements where the database has them; on
// SQLite, a table rebuild where it has not.

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/sqlite_rebuild.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest {

struct rendered_operation {
  std::vector<std::string> statements;
  // SQLite table rebuilds run with foreign key enforcement off, switched outside the transaction,
  // so that dropping the old table never cascades into child rows.
  bool foreign_keys_off = false;
};

inline std::string value_literal(const dialect& d, const sql_value& value) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "NULL";
        else if constexpr (std::is_same_v<T, bool>) return d.boolean_literal(v);
        else if constexpr (std::is_same_v<T, long long>) return fmt::format("{}", v);
        else if constexpr (std::is_same_v<T, double>) return fmt::format("{}", v);
        else return d.string_literal(v);
      },
      value);
}

namespace detail {

inline std::string insert_statement(const dialect& d, const op::insert_rows& o) {
  std::string rows;
  for (const auto& row : o.rows) {
    std::string values;
    for (const auto& v : row) values += (values.empty() ? "" : ", ") + value_literal(d, v);
    rows += fmt::format("{}({})", rows.empty() ? "" : ", ", values);
  }
  return fmt::format("INSERT INTO {} ({}) VALUES {}", d.quote(o.table_name), d.column_list(o.columns), rows);
}

inline std::string delete_statement(const dialect& d, const op::delete_rows& o) {
  std::string where;
  for (const auto& row : o.rows) {
    std::string match;
    for (std::size_t i = 0; i < o.columns.size(); ++i) {
      auto column = d.quote(o.columns[i]);
      auto condition = std::holds_alternative<std::monostate>(row[i])
                           ? fmt::format("{} IS NULL", column)
                           : fmt::format("{} = {}", column, value_literal(d, row[i]));
      match += (match.empty() ? "" : " AND ") + condition;
    }
    where += fmt::format("{}({})", where.empty() ? "" : " OR ", match);
  }
  return fmt::format("DELETE FROM {} WHERE {}", d.quote(o.table_name), where.empty() ? "1 = 0" : where);
}

}  // namespace detail

// Renders `completed` (an operation apply() has filled in) given the schema before and after it.
inline rendered_operation render_operation(const dialect& d, const operation& completed, const schema& before,
                                           const schema& after) {
  rendered_operation out;
  auto& statements = out.statements;
  auto table_before = [&](const std::string& name) -> const table& { return *before.find_table(name); };
  auto table_after = [&](const std::string& name) -> const table& { return *after.find_table(name); };
  bool sqlite = d.kind() == dialect_kind::sqlite;
  auto rebuild = [&](const std::string& name, std::map<std::string, std::string> renamed = {}) {
    statements = sqlite_rebuild(d, table_before(name), table_after(name), renamed);
    out.foreign_keys_off = true;
  };

  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::create_table>) {
          statements = d.create_table(o.definition);
        } else if constexpr (std::is_same_v<T, op::drop_table>) {
          statements = {d.drop_table(o.name)};
        } else if constexpr (std::is_same_v<T, op::rename_table>) {
          statements = {d.rename_table(o.from, o.to)};
        } else if constexpr (std::is_same_v<T, op::add_column>) {
          if (sqlite && !sqlite_can_add_column(o.definition)) rebuild(o.table_name);
          else statements = {d.add_column(table_after(o.table_name), o.definition)};
        } else if constexpr (std::is_same_v<T, op::drop_column>) {
          statements = {d.drop_column(o.table_name, o.name)};
        } else if constexpr (std::is_same_v<T, op::alter_column>) {
          if (sqlite) return rebuild(o.table_name);
          const column& c = *table_after(o.table_name).find_column(o.name);
          const column& was = *o.before;
          statements = d.alter_column(table_after(o.table_name), c, c.type != was.type, c.nullable != was.nullable,
                                      c.default_value != was.default_value);
        } else if constexpr (std::is_same_v<T, op::rename_column>) {
          statements = {d.rename_column(o.table_name, o.from, o.to)};
        } else if constexpr (std::is_same_v<T, op::create_index>) {
          statements = {d.create_index(table_after(o.table_name), o.definition)};
        } else if constexpr (std::is_same_v<T, op::drop_index>) {
          statements = {d.drop_index(o.table_name, o.name)};
        } else if constexpr (std::is_same_v<T, op::add_foreign_key>) {
          if (auto statement = d.add_foreign_key(o.table_name, o.definition)) statements = {*statement};
          else rebuild(o.table_name);
        } else if constexpr (std::is_same_v<T, op::drop_foreign_key>) {
          if (sqlite) return rebuild(o.table_name);
          statements = d.drop_foreign_key(table_before(o.table_name), o.name);
        } else if constexpr (std::is_same_v<T, op::add_check>) {
          if (auto statement = d.add_check(o.table_name, o.definition)) statements = {*statement};
          else rebuild(o.table_name);
        } else if constexpr (std::is_same_v<T, op::drop_check>) {
          if (auto statement = d.drop_check(o.table_name, o.name)) statements = {*statement};
          else rebuild(o.table_name);
        } else if constexpr (std::is_same_v<T, op::raw_sql>) {
          if (!o.only_on || *o.only_on == d.kind()) statements = {o.up};
        } else if constexpr (std::is_same_v<T, op::insert_rows>) {
          if (!o.rows.empty()) statements = {detail::insert_statement(d, o)};
        } else {
          if (!o.rows.empty()) statements = {detail::delete_statement(d, o)};
        }
      },
      completed);
  return out;
}

}  // namespace tempest
