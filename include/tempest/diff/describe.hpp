#pragma once
// An operation in words, as a drift report or a plan review shows it: "drop column posts.body".

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/dialect/dialect.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest {

// A many-to-many pivot (join) table: its primary key is made of the columns of exactly two foreign
// keys, to two tables. Returns the two tables it joins.
inline std::optional<std::pair<std::string, std::string>> pivot_of(const table& t) {
  if (!t.key || t.foreign_keys.size() != 2) return std::nullopt;
  std::vector<std::string> fk_columns;
  for (const auto& fk : t.foreign_keys) fk_columns.insert(fk_columns.end(), fk.columns.begin(), fk.columns.end());
  std::vector<std::string> key = t.key->columns;
  std::sort(fk_columns.begin(), fk_columns.end());
  std::sort(key.begin(), key.end());
  if (fk_columns != key) return std::nullopt;
  return std::pair{t.foreign_keys[0].referenced_table, t.foreign_keys[1].referenced_table};
}

namespace detail {

inline std::string column_words(const column& c) { return fmt::format("{}", c); }

inline std::string default_words(const std::optional<column_default>& d) {
  return d ? fmt::format("{}", *d) : std::string("none");
}

inline std::string_view kind_words(op::constraint_kind k) {
  switch (k) {
    case op::constraint_kind::primary_key: return "primary key";
    case op::constraint_kind::foreign_key: return "foreign key";
    case op::constraint_kind::check: return "check";
  }
  return "constraint";
}

inline std::string name_or_unnamed(std::string_view name) { return name.empty() ? std::string("(unnamed)") : std::string(name); }

}  // namespace detail

// `before`: the schema the operation applies to.
inline std::string describe(const operation& operation, const schema& before, dialect_kind kind = dialect_kind::postgresql) {
  (void)kind;
  return std::visit(
      [&](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::create_table>) {
          const table& t = o.definition;
          if (auto pivot = pivot_of(t))
            return fmt::format("create pivot table {} ({} ↔ {}, many-to-many)", t.name, pivot->first, pivot->second);
          return fmt::format("create table {} ({} columns)", t.name, t.columns.size());
        } else if constexpr (std::is_same_v<T, op::drop_table>) {
          return fmt::format("drop table {}", o.name);
        } else if constexpr (std::is_same_v<T, op::rename_table>) {
          return fmt::format("rename table {} to {}", o.from, o.to);
        } else if constexpr (std::is_same_v<T, op::add_column>) {
          return fmt::format("add column {}.{}", o.table_name, detail::column_words(o.definition));
        } else if constexpr (std::is_same_v<T, op::drop_column>) {
          return fmt::format("drop column {}.{}", o.table_name, o.name);
        } else if constexpr (std::is_same_v<T, op::alter_column>) {
          const table* t = before.find_table(o.table_name);
          const column* was = t ? t->find_column(o.name) : nullptr;
          std::vector<std::string> changes;
          if (o.definition)
            return fmt::format("alter column {}.{}: {} → {}", o.table_name, o.name, was ? detail::column_words(*was) : "?",
                               detail::column_words(*o.definition));
          if (o.type) changes.push_back(fmt::format("type {} → {}", was ? fmt::format("{}", was->type) : "?", *o.type));
          if (o.nullable) changes.push_back(*o.nullable ? "drop not null" : "set not null");
          if (o.default_value)
            changes.push_back(fmt::format("default {} → {}", was ? detail::default_words(was->default_value) : "?",
                                          detail::default_words(*o.default_value)));
          return fmt::format("alter column {}.{}: {}", o.table_name, o.name, fmt::join(changes, ", "));
        } else if constexpr (std::is_same_v<T, op::rename_column>) {
          return fmt::format("rename column {}.{} to {}", o.table_name, o.from, o.to);
        } else if constexpr (std::is_same_v<T, op::create_index>) {
          return fmt::format("create {} on {}", o.definition, o.table_name);
        } else if constexpr (std::is_same_v<T, op::drop_index>) {
          return fmt::format("drop index {} on {}", detail::name_or_unnamed(o.name), o.table_name);
        } else if constexpr (std::is_same_v<T, op::add_foreign_key>) {
          return fmt::format("add {} to {}", o.definition, o.table_name);
        } else if constexpr (std::is_same_v<T, op::drop_foreign_key>) {
          return fmt::format("drop foreign key {} on {}", detail::name_or_unnamed(o.name), o.table_name);
        } else if constexpr (std::is_same_v<T, op::add_check>) {
          return fmt::format("add {} to {}", o.definition, o.table_name);
        } else if constexpr (std::is_same_v<T, op::drop_check>) {
          return fmt::format("drop check {} on {}", detail::name_or_unnamed(o.name), o.table_name);
        } else if constexpr (std::is_same_v<T, op::add_primary_key>) {
          return fmt::format("add {} to {}", o.definition, o.table_name);
        } else if constexpr (std::is_same_v<T, op::drop_primary_key>) {
          const table* t = before.find_table(o.table_name);
          return t && t->key ? fmt::format("drop {} of {}", *t->key, o.table_name)
                             : fmt::format("drop the primary key of {}", o.table_name);
        } else if constexpr (std::is_same_v<T, op::rename_index>) {
          return fmt::format("rename index {} on {} to {}", detail::name_or_unnamed(o.from), o.table_name, detail::name_or_unnamed(o.to));
        } else if constexpr (std::is_same_v<T, op::rename_constraint>) {
          return fmt::format("rename {} {} on {} to {}", detail::kind_words(o.kind), detail::name_or_unnamed(o.from), o.table_name,
                             detail::name_or_unnamed(o.to));
        } else if constexpr (std::is_same_v<T, op::alter_table_options>) {
          std::vector<std::string> options;
          if (!o.collation.empty()) options.push_back("collate " + o.collation);
          if (o.strict) options.push_back("strict");
          if (o.without_rowid) options.push_back("without rowid");
          return fmt::format("set the options of table {} to: {}", o.table_name,
                             options.empty() ? std::string("none") : fmt::format("{}", fmt::join(options, ", ")));
        } else if constexpr (std::is_same_v<T, op::create_enum_type>) {
          return fmt::format("create enum type {} ('{}')", o.definition.name, fmt::join(o.definition.values, "', '"));
        } else if constexpr (std::is_same_v<T, op::drop_enum_type>) {
          return fmt::format("drop enum type {}", o.name);
        } else if constexpr (std::is_same_v<T, op::alter_enum_type>) {
          const enum_type_def* was = before.find_enum_type(o.name);
          return fmt::format("change enum type {}: ('{}') → ('{}')", o.name,
                             was ? fmt::format("{}", fmt::join(was->values, "', '")) : "?", fmt::join(o.values, "', '"));
        } else if constexpr (std::is_same_v<T, op::raw_sql>) {
          return fmt::format("run SQL: {}", o.up);
        } else if constexpr (std::is_same_v<T, op::insert_rows>) {
          return fmt::format("insert {} rows into {}", o.rows.size(), o.table_name);
        } else {
          return fmt::format("delete {} rows from {}", o.rows.size(), o.table_name);
        }
      },
      operation);
}

}  // namespace tempest
