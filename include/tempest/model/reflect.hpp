#pragma once
// reflect<Models...>(): the schema IR the annotated structs describe.

#include <string>
#include <type_traits>
#include <vector>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <fmt/format.h>

#include "tempest/model/model_info.hpp"
#include "tempest/schema/naming.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest {
namespace detail {

template <class T, class V>
std::string literal_text(const V& value) {
  if constexpr (std::is_same_v<V, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_enum_v<V>) {
    std::string name;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<V>>([&](auto e) {
      if (e.value == value) name = e.name;
    });
    return name;
  } else if constexpr (std::is_arithmetic_v<V>) {
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>)
      return fmt::format("{}", static_cast<T>(value));
    else if constexpr (std::is_same_v<T, decimal>)
      return canonical_literal(type_kind::decimal, fmt::format("{}", value));
    else
      return fmt::format("{}", value);
  } else {
    std::string text{std::string_view(value)};
    if constexpr (std::is_same_v<T, decimal>) return canonical_literal(type_kind::decimal, text);
    return text;
  }
}

template <class Field>
column_type column_type_of(const Field& field) {
  using value_type = typename Field::value_type;
  if constexpr (Field::template has<sql_type_t>) {
    return column_type::sql(std::string(field.template get<sql_type_t>().spelling));
  } else if constexpr (is_described_enum_v<value_type>) {
    return column_type::varchar(longest_enumerator_name<value_type>());
  } else if constexpr (std::is_same_v<value_type, std::string>) {
    if constexpr (Field::template has<length_t>) return column_type::varchar(field.template get<length_t>().value);
    else return column_type::text();
  } else if constexpr (std::is_same_v<value_type, decimal>) {
    auto p = field.template get<precision_t>();
    return column_type::numeric(p.precision, p.scale);
  } else {
    return column_type::of(*Field::kind);
  }
}

template <class Field>
column column_of_field(const Field& field) {
  column c;
  c.name = std::string(field.column_name());
  c.type = column_type_of(field);
  c.nullable = Field::nullable;
  c.autoincrement = Field::template has<autoincrement_t>;
  field.for_each_option([&]<class Option>(const Option& option) {
    if constexpr (is_type_specialization<Option, default_value_t>::value)
      c.default_value = column_default::literal(literal_text<typename Field::value_type>(option.value));
    else if constexpr (std::is_same_v<Option, default_sql_t>)
      c.default_value = column_default::expression(std::string(option.sql));
  });
  return c;
}

template <class Model, class... Members>
std::vector<std::string> column_names(const std::tuple<Members...>& members) {
  return std::apply([](auto... m) { return std::vector<std::string>{std::string(column_of<Model>(m))...}; },
                    members);
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

template <class Model>
table reflect_table() {
  constexpr auto info = info_of<Model>();
  table t;
  t.name = std::string(info.table);
  std::vector<std::string> key_columns;

  info.for_each_field([&]<class Field>(const Field& field) {
    column c = column_of_field(field);
    const std::string& name = c.name;
    if constexpr (Field::template has<primary_key_t>) key_columns.push_back(name);
    if constexpr (Field::template has<index_t>) t.indexes.push_back({naming::index(t.name, {name}), {name}, false});
    if constexpr (Field::template has<unique_t>) t.indexes.push_back({naming::unique(t.name, {name}), {name}, true});
    field.for_each_option([&]<class Option>(const Option& option) {
      if constexpr (std::is_same_v<Option, named_index_t>)
        add_to_index(t, naming::fit(std::string(option.name)), name, false);
      else if constexpr (std::is_same_v<Option, named_unique_t>)
        add_to_index(t, naming::fit(std::string(option.name)), name, true);
      else if constexpr (is_value_specialization<Option, references_t>::value) {
        constexpr auto target = []<auto Target>(const references_t<Target>&) { return Target; }(Option{});
        using target_model = typename member_pointer_traits<std::remove_const_t<decltype(target)>>::model;
        std::string referenced_table(info_of<target_model>().table);
        t.foreign_keys.push_back({naming::foreign_key(t.name, {name}, referenced_table),
                                  {name},
                                  referenced_table,
                                  {std::string(column_of<target_model>(target))},
                                  option.on_delete,
                                  option.on_update});
      }
    });
    if constexpr (is_described_enum_v<typename Field::value_type> && !Field::template has<sql_type_t>) {
      check_def ck{naming::check(t.name, name), {}, name, {}};
      boost::mp11::mp_for_each<boost::describe::describe_enumerators<typename Field::value_type>>(
          [&](auto e) { ck.allowed_values.emplace_back(e.name); });
      t.checks.push_back(std::move(ck));
    }
    t.columns.push_back(std::move(c));
  });

  std::apply(
      [&](const auto&... constraint) {
        [[maybe_unused]] auto add = [&]<class Constraint>(const Constraint& c) {
          if constexpr (is_composite_key<Constraint>::value) {
            key_columns = column_names<Model>(c.members);
          } else if constexpr (std::is_same_v<Constraint, table_check_t>) {
            t.checks.push_back({naming::check(t.name, c.label), std::string(c.expression), {}, {}});
          } else {
            auto columns = column_names<Model>(c.members);
            std::string name = c.name.empty()
                                   ? (c.unique ? naming::unique(t.name, columns) : naming::index(t.name, columns))
                                   : naming::fit(std::string(c.name));
            t.indexes.push_back({std::move(name), std::move(columns), c.unique});
          }
        };
        (add(constraint), ...);
      },
      table_constraints_of<Model>());

  if (!key_columns.empty()) t.key = primary_key_def{naming::primary_key(t.name), key_columns};
  t.normalise();
  return t;
}

}  // namespace detail

template <model... Models>
schema reflect() {
  schema s;
  (s.tables.push_back(detail::reflect_table<Models>()), ...);
  s.normalise();
  return s;
}

}  // namespace tempest
