#pragma once
// Rendering one operation for a dialect: native ALTER statements where the database has them; on
// SQLite, a table rebuild where it has not.

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/sqlite_rebuild.hpp"
#include "tempest/dialect/statement.hpp"
#include "tempest/dialect/values.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest {

struct rendered_operation {
  std::vector<statement> statements;
  // SQLite table rebuilds run with foreign key enforcement off, switched outside the transaction,
  // so that dropping the old table never cascades into child rows.
  bool foreign_keys_off = false;
};

namespace detail {

// At most this many bound values in one statement (SQLite's default limit is 32766); longer data
// steps become several statements.
inline constexpr std::size_t max_values_per_statement = 30000;

// Calls emit(first, last) for consecutive row ranges of at most max_values_per_statement values.
template <class Emit>
void in_chunks(const std::vector<std::vector<sql_value>>& rows, std::size_t values_per_row, Emit emit) {
  const std::size_t per_chunk = std::max<std::size_t>(1, max_values_per_statement / std::max<std::size_t>(1, values_per_row));
  for (std::size_t first = 0; first < rows.size(); first += per_chunk) emit(first, std::min(rows.size(), first + per_chunk));
}

inline std::vector<statement> insert_statements(const dialect& d, const op::insert_rows& o, value_style style) {
  std::vector<statement> out;
  in_chunks(o.rows, o.columns.size(), [&](std::size_t first, std::size_t last) {
    statement s{statement::kind::data, {}, {}, nullptr, std::nullopt};
    value_writer value(d, s, style);
    std::string rows;
    for (std::size_t r = first; r < last; ++r) {
      std::string values;
      for (const auto& v : o.rows[r]) values += (values.empty() ? "" : ", ") + value(v);
      rows += fmt::format("{}({})", rows.empty() ? "" : ", ", values);
    }
    s.sql = fmt::format("INSERT INTO {} ({}) VALUES {}", d.quote(o.table_name), d.column_list(o.columns), rows);
    out.push_back(std::move(s));
  });
  return out;
}

// The positions in `columns` that identify a row: the table's primary key when the columns hold
// it all (other columns may have changed since, or change while the statement runs, as ON DELETE
// SET NULL does), or else every column.
inline std::vector<std::size_t> identifying(const table* t, const std::vector<std::string>& columns) {
  std::vector<std::size_t> out;
  if (t && t->key) {
    for (const auto& k : t->key->columns) {
      auto it = std::find(columns.begin(), columns.end(), k);
      if (it == columns.end()) {
        out.clear();
        break;
      }
      out.push_back(static_cast<std::size_t>(it - columns.begin()));
    }
  }
  if (out.empty())
    for (std::size_t i = 0; i < columns.size(); ++i) out.push_back(i);
  return out;
}

// Each row is matched exactly (see dialect::exact_match) and must be there: the statement expects to
// delete as many rows as it names.
inline std::vector<statement> delete_statements(const dialect& d, const op::delete_rows& o, const table* t,
                                                value_style style) {
  std::vector<statement> out;
  const auto by = identifying(t, o.columns);
  in_chunks(o.rows, by.size(), [&](std::size_t first, std::size_t last) {
    statement s{statement::kind::data, {}, {}, nullptr, last - first};
    value_writer value(d, s, style);
    std::string where;
    for (std::size_t r = first; r < last; ++r) {
      std::string match;
      for (std::size_t i : by) {
        auto column = d.quote(o.columns[i]);
        const sql_value& v = o.rows[r][i];
        auto condition = std::holds_alternative<std::monostate>(v)
                             ? fmt::format("{} IS NULL", column)
                             : fmt::format("{} = {}", column,
                                           d.exact_match(t ? t->find_column(o.columns[i]) : nullptr, v, value(v)));
        match += (match.empty() ? "" : " AND ") + condition;
      }
      where += fmt::format("{}({})", where.empty() ? "" : " OR ", match);
    }
    s.sql = fmt::format("DELETE FROM {} WHERE {}", d.quote(o.table_name), where.empty() ? "1 = 0" : where);
    out.push_back(std::move(s));
  });
  return out;
}

// The name the database knows an item of table `t` of `s` by: its own, or for an unnamed one, the
// name the database gives it (as stored_form() predicts). `same` tells the item among the others.
template <class Item, class Same>
std::string stored_name(const dialect& d, const schema& s, const table& t, const Item& item,
                        std::vector<Item> table::*list, Same same) {
  if (!item.name.empty()) return item.name;
  const schema stored = d.stored_form(s);
  for (const auto& candidate : stored.find_table(t.name)->*list)
    if (std::none_of((t.*list).begin(), (t.*list).end(), [&](const Item& x) { return x.name == candidate.name; }) &&
        same(candidate, item))
      return candidate.name;
  throw schema_error(
      fmt::format("{}: which name the database gave an unnamed item of table \"{}\" cannot be told", d.name(), t.name));
}

inline std::string stored_key_name(const dialect& d, const schema& s, const table& t) {
  return t.key->name.empty() ? d.stored_form(s).find_table(t.name)->key->name : t.key->name;
}

// The item `name` of a list (an empty name: the unnamed one) and, renamed, as stored after.
template <class Item, class Same>
std::pair<std::string, Item> stored_rename(const dialect& d, const schema& before, const schema& after,
                                           const std::string& table_name, std::vector<Item> table::*list,
                                           const std::string& from, const std::string& to, Same same) {
  const table& was = *before.find_table(table_name);
  const Item& item = *std::find_if((was.*list).begin(), (was.*list).end(), [&](const Item& x) { return x.name == from; });
  Item renamed = item;
  renamed.name = to;
  std::string from_name = stored_name(d, before, was, item, list, same);
  renamed.name = stored_name(d, after, *after.find_table(table_name), renamed, list, same);
  return {std::move(from_name), std::move(renamed)};
}

inline bool same_index(const index_def& a, const index_def& b) { return a.columns == b.columns && a.unique == b.unique; }
inline bool same_foreign_key(const foreign_key_def& a, const foreign_key_def& b) {
  return a.columns == b.columns && a.referenced_table == b.referenced_table;
}
inline bool same_check(const check_def& a, const check_def& b) {
  return a.column == b.column && a.allowed_values == b.allowed_values;
}

inline std::vector<statement> ddl(std::vector<std::string> sql) {
  std::vector<statement> out;
  out.reserve(sql.size());
  for (auto& s : sql) out.push_back(statement::ddl(std::move(s)));
  return out;
}

}  // namespace detail

// Renders `completed` (an operation apply() has filled in) given the schema before and after it.
inline rendered_operation render_operation(const dialect& d, const operation& completed, const schema& before,
                                           const schema& after, value_style values = value_style::parameters) {
  rendered_operation out;
  auto& statements = out.statements;
  auto table_before = [&](const std::string& name) -> const table& { return *before.find_table(name); };
  auto table_after = [&](const std::string& name) -> const table& { return *after.find_table(name); };
  bool sqlite = d.kind() == dialect_kind::sqlite;
  auto rebuild = [&](const std::string& name) {
    std::vector<std::string> referencing;
    for (const auto& t : after.tables)
      if (t.name != name && std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(),
                                        [&](const foreign_key_def& fk) { return fk.referenced_table == name; }))
        referencing.push_back(t.name);
    statements = {sqlite_rebuild(d, table_before(name), table_after(name), {}, std::move(referencing))};
    out.foreign_keys_off = true;
  };

  std::optional<std::pair<std::string, foreign_key_def>> added_foreign_key;  // table, key: added by its name
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::create_table>) {
          statements = detail::ddl(d.create_table(o.definition));
        } else if constexpr (std::is_same_v<T, op::drop_table>) {
          statements = {statement::ddl(d.drop_table(o.name))};
        } else if constexpr (std::is_same_v<T, op::rename_table>) {
          statements = {statement::ddl(d.rename_table(o.from, o.to))};
        } else if constexpr (std::is_same_v<T, op::add_column>) {
          if (sqlite && !sqlite_can_add_column(o.definition)) rebuild(o.table_name);
          else statements = {statement::ddl(d.add_column(table_after(o.table_name), o.definition))};
        } else if constexpr (std::is_same_v<T, op::drop_column>) {
          statements = {statement::ddl(d.drop_column(o.table_name, o.name))};
        } else if constexpr (std::is_same_v<T, op::alter_column>) {
          if (sqlite) return rebuild(o.table_name);
          const column& c = *table_after(o.table_name).find_column(o.name);
          const column& was = *o.before;
          if (o.definition)
            statements = detail::ddl(d.redefine_column(table_after(o.table_name), was, c));
          else
            statements = detail::ddl(d.alter_column(table_after(o.table_name), c, c.type != was.type,
                                                    c.nullable != was.nullable, c.default_value != was.default_value));
        } else if constexpr (std::is_same_v<T, op::rename_column>) {
          statements = {statement::ddl(d.rename_column(o.table_name, o.from, o.to))};
        } else if constexpr (std::is_same_v<T, op::create_index>) {
          // SQLite: an unnamed unique is declared in CREATE TABLE only, so adding or dropping one
          // rebuilds the table.
          if (sqlite && o.definition.name.empty()) return rebuild(o.table_name);
          statements = {statement::ddl(d.create_index(table_after(o.table_name), o.definition))};
        } else if constexpr (std::is_same_v<T, op::drop_index>) {
          if (sqlite && o.name.empty()) return rebuild(o.table_name);
          // PostgreSQL: a unique declared in CREATE TABLE is a constraint, which DROP INDEX refuses;
          // the IR does not tell the two apart, so the constraint goes first if there is one.
          if (d.kind() == dialect_kind::postgresql && o.dropped && o.dropped->unique)
            statements = {statement::ddl(fmt::format("ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}", d.quote(o.table_name),
                                                     d.quote(o.name))),
                          statement::ddl(fmt::format("DROP INDEX IF EXISTS {}", d.quote(o.name)))};
          else statements = {statement::ddl(d.drop_index(o.table_name, o.name))};
        } else if constexpr (std::is_same_v<T, op::add_foreign_key>) {
          if (auto sql = d.add_foreign_key(o.table_name, o.definition)) statements = {statement::ddl(*sql)};
          else rebuild(o.table_name);
          if (!o.definition.name.empty()) added_foreign_key = {o.table_name, o.definition};
        } else if constexpr (std::is_same_v<T, op::drop_foreign_key>) {
          if (sqlite) return rebuild(o.table_name);
          statements = detail::ddl(d.drop_foreign_key(table_before(o.table_name), o.name));
        } else if constexpr (std::is_same_v<T, op::add_check>) {
          if (auto sql = d.add_check(o.table_name, o.definition)) statements = {statement::ddl(*sql)};
          else rebuild(o.table_name);
        } else if constexpr (std::is_same_v<T, op::drop_check>) {
          if (auto sql = d.drop_check(o.table_name, o.name)) statements = {statement::ddl(*sql)};
          else rebuild(o.table_name);
        } else if constexpr (std::is_same_v<T, op::add_primary_key>) {
          if (sqlite) return rebuild(o.table_name);
          statements = {statement::ddl(d.add_primary_key(table_after(o.table_name)))};
        } else if constexpr (std::is_same_v<T, op::drop_primary_key>) {
          if (sqlite) return rebuild(o.table_name);
          const table& t = table_before(o.table_name);
          statements = {statement::ddl(d.drop_primary_key(t, detail::stored_key_name(d, before, t)))};
        } else if constexpr (std::is_same_v<T, op::rename_index>) {
          // SQLite has no RENAME INDEX: a named index is made again; an unnamed one is part of the table.
          if (sqlite && (o.from.empty() || o.to.empty())) return rebuild(o.table_name);
          auto [from, renamed] =
              detail::stored_rename(d, before, after, o.table_name, &table::indexes, o.from, o.to, detail::same_index);
          if (from != renamed.name) statements = detail::ddl(d.rename_index(table_after(o.table_name), from, renamed));
        } else if constexpr (std::is_same_v<T, op::rename_constraint>) {
          if (sqlite) return rebuild(o.table_name);
          const table& was = table_before(o.table_name);
          if (o.kind == op::constraint_kind::primary_key) {
            auto from = detail::stored_key_name(d, before, was);
            auto to = detail::stored_key_name(d, after, table_after(o.table_name));
            if (from != to) statements = detail::ddl(d.rename_constraint(o.table_name, from, to));
          } else if (o.kind == op::constraint_kind::foreign_key) {
            auto [from, renamed] = detail::stored_rename(d, before, after, o.table_name, &table::foreign_keys, o.from,
                                                         o.to, detail::same_foreign_key);
            if (from != renamed.name) {
              statements = detail::ddl(d.rename_foreign_key(was, from, renamed));
              added_foreign_key = {o.table_name, renamed};
            }
          } else {
            auto [from, renamed] =
                detail::stored_rename(d, before, after, o.table_name, &table::checks, o.from, o.to, detail::same_check);
            if (from != renamed.name) statements = detail::ddl(d.rename_check(was, from, renamed));
          }
        } else if constexpr (std::is_same_v<T, op::alter_table_options>) {
          if (sqlite) return rebuild(o.table_name);
          statements = detail::ddl(d.alter_table_options(*o.before, table_after(o.table_name)));
        } else if constexpr (std::is_same_v<T, op::create_enum_type>) {
          if (auto sql = d.create_enum_type(o.definition)) statements = {statement::ddl(std::move(*sql))};
        } else if constexpr (std::is_same_v<T, op::drop_enum_type>) {
          statements = {statement::ddl(d.drop_enum_type(o.name))};
        } else if constexpr (std::is_same_v<T, op::alter_enum_type>) {
          statements = detail::ddl(d.alter_enum_type(after, o.name, *o.before));
        } else if constexpr (std::is_same_v<T, op::raw_sql>) {
          if (!o.only_on || *o.only_on == d.kind()) statements = {statement::raw(o.up)};
        } else if constexpr (std::is_same_v<T, op::insert_rows>) {
          statements = detail::insert_statements(d, o, values);
        } else {
          static_assert(std::is_same_v<T, op::delete_rows>);
          statements = detail::delete_statements(d, o, before.find_table(o.table_name), values);
        }
      },
      completed);
  if (added_foreign_key)
    for (auto& sql : d.after_adding_foreign_key(after, added_foreign_key->first, added_foreign_key->second))
      statements.push_back(statement::ddl(std::move(sql)));
  return out;
}

}  // namespace tempest
