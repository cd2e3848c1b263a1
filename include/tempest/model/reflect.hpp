#pragma once
// reflect<Models...>(): the schema IR the annotated structs describe.

#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "tempest/model/description.hpp"
#include "tempest/schema/naming.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest {
namespace detail {

inline column_type column_type_of(const field_description& d) {
  if (!d.kind) return column_type::sql(std::string(d.custom_type));
  if (!d.enum_values.empty()) {
    int longest = 1;
    for (auto name : d.enum_values) longest = std::max(longest, static_cast<int>(name.size()));
    return column_type::varchar(longest);
  }
  switch (*d.kind) {
    case type_kind::string: return d.has_length ? column_type::varchar(d.length) : column_type::text();
    case type_kind::decimal: return column_type::numeric(d.precision, d.scale);
    default: return column_type::of(*d.kind);
  }
}

inline std::string literal_text(const field_description& d) {
  const auto& v = d.default_value;
  type_kind kind = d.kind.value_or(type_kind::custom);
  switch (v.type) {
    case literal_value::kind::boolean: return v.boolean ? "true" : "false";
    case literal_value::kind::integer:
      if (kind == type_kind::float32) return fmt::format("{}", static_cast<float>(v.integer));
      if (kind == type_kind::float64) return fmt::format("{}", static_cast<double>(v.integer));
      return fmt::format("{}", v.integer);
    case literal_value::kind::floating:
      if (kind == type_kind::float32) return fmt::format("{}", static_cast<float>(v.floating));
      return canonical_literal(kind, fmt::format("{}", v.floating));
    case literal_value::kind::text: return canonical_literal(kind, v.text);
    case literal_value::kind::none: break;
  }
  return {};
}

inline column column_from(const field_description& d) {
  column c;
  c.name = std::string(d.column);
  c.type = column_type_of(d);
  c.nullable = d.nullable;
  c.autoincrement = d.autoincrement;
  if (d.default_value.type != literal_value::kind::none) c.default_value = column_default::literal(literal_text(d));
  else if (!d.default_sql.empty()) c.default_value = column_default::expression(std::string(d.default_sql));
  return c;
}

// Adds `column` to the index called `name`, creating it if needed: fields naming the same index
// form one composite index in declaration order.
inline void add_to_index(table& t, const std::string& name, const std::string& column, bool unique) {
  for (auto& ix : t.indexes)
    if (ix.name == name) {
      ix.columns.push_back(column);
      return;
    }
  t.indexes.push_back({name, {column}, unique});
}

// The table the field descriptions say, before table-level constraints.
inline table table_from(std::string_view table_name, std::span<const field_description> fields) {
  table t;
  t.name = std::string(table_name);
  std::vector<std::string> key_columns;
  for (const auto& d : fields) {
    column c = column_from(d);
    const std::string& name = c.name;
    if (d.primary_key) key_columns.push_back(name);
    if (d.index) t.indexes.push_back({naming::index(t.name, {name}), {name}, false});
    if (d.unique) t.indexes.push_back({naming::unique(t.name, {name}), {name}, true});
    if (!d.index_name.empty()) add_to_index(t, naming::fit(std::string(d.index_name)), name, false);
    if (!d.unique_name.empty()) add_to_index(t, naming::fit(std::string(d.unique_name)), name, true);
    if (d.references) {
      std::string referenced(d.referenced_table);
      t.foreign_keys.push_back({naming::foreign_key(t.name, {name}, referenced), {name}, referenced,
                                {std::string(d.referenced_column)}, d.on_delete, d.on_update});
    }
    if (!d.enum_values.empty()) {
      check_def ck{naming::check(t.name, name), {}, name, {}};
      for (auto value : d.enum_values) ck.allowed_values.emplace_back(value);
      t.checks.push_back(std::move(ck));
    }
    t.columns.push_back(std::move(c));
  }
  if (!key_columns.empty()) t.key = primary_key_def{naming::primary_key(t.name), std::move(key_columns)};
  return t;
}

template <class Model, class... Members>
std::vector<std::string> column_names(const std::tuple<Members...>& members) {
  return std::apply([](auto... m) { return std::vector<std::string>{std::string(column_of<Model>(m))...}; },
                    members);
}

template <class Model, class Constraint>
void add_table_constraint(table& t, const Constraint& c) {
  if constexpr (is_composite_key<Constraint>::value) {
    t.key = primary_key_def{naming::primary_key(t.name), column_names<Model>(c.members)};
  } else if constexpr (std::is_same_v<Constraint, table_check_t>) {
    t.checks.push_back({naming::check(t.name, c.label), std::string(c.expression), {}, {}});
  } else {
    auto columns = column_names<Model>(c.members);
    std::string name = c.name.empty() ? (c.unique ? naming::unique(t.name, columns) : naming::index(t.name, columns))
                                      : naming::fit(std::string(c.name));
    t.indexes.push_back({std::move(name), std::move(columns), c.unique});
  }
}

template <class Model>
table reflect_table() {
  table t = table_from(info_of<Model>().table, field_descriptions<Model>);
  std::apply([&](const auto&... constraint) { (add_table_constraint<Model>(t, constraint), ...); },
             table_constraints_of<Model>());
  t.normalise();
  return t;
}

}  // namespace detail

template <model... Models>
schema reflect() {
  schema s;
  s.tables.reserve(sizeof...(Models));
  (s.tables.push_back(detail::reflect_table<Models>()), ...);
  s.normalise();
  return s;
}

}  // namespace tempest
