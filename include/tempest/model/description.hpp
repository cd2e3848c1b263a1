#pragma once
// field_description: everything TEMPEST_MODEL says about one field, as one plain literal struct.
// Each field's options are folded into it once, at compile time; rules and reflect() then read
// plain arrays instead of instantiating templates per option, which keeps large model sets cheap to
// compile.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include "tempest/model/model_info.hpp"

namespace tempest::detail {

struct literal_value {
  enum class kind : std::uint8_t { none, boolean, integer, floating, text };
  kind type = kind::none;
  bool boolean = false;
  long long integer = 0;
  double floating = 0;
  std::string_view text;
};

struct field_description {
  std::string_view field;
  std::string_view column;
  std::optional<type_kind> kind;  // no value: custom_type
  std::string_view custom_type;
  bool has_length = false;
  int length = 0;
  int precision = 0;
  int scale = 0;
  bool nullable = false;
  bool primary_key = false;
  bool autoincrement = false;
  bool index = false;
  bool unique = false;
  std::string_view index_name;   // fields naming the same index form one composite index
  std::string_view unique_name;
  literal_value default_value;
  std::string_view default_sql;
  bool references = false;
  std::string_view referenced_table;
  std::string_view referenced_column;
  fk_action on_delete = fk_action::no_action;
  fk_action on_update = fk_action::no_action;
  std::span<const std::string_view> enum_values;  // a described enum stored by name
};

template <class E>
constexpr auto make_enumerator_names() {
  using list = boost::describe::describe_enumerators<E>;
  std::array<std::string_view, boost::mp11::mp_size<list>::value> names{};
  std::size_t i = 0;
  boost::mp11::mp_for_each<list>([&](auto e) { names[i++] = e.name; });
  return names;
}
template <class E>
inline constexpr auto enumerator_names = make_enumerator_names<E>();

template <class E>
constexpr std::string_view enumerator_name(E value) {
  std::string_view name;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto e) {
    if (e.value == value) name = e.name;
  });
  return name;
}

template <class V>
constexpr literal_value literal_of(const V& value) {
  literal_value out;
  if constexpr (std::is_same_v<V, bool>) {
    out.type = literal_value::kind::boolean;
    out.boolean = value;
  } else if constexpr (std::is_enum_v<V>) {
    out.type = literal_value::kind::text;
    out.text = enumerator_name(value);
  } else if constexpr (std::is_integral_v<V>) {
    out.type = literal_value::kind::integer;
    out.integer = static_cast<long long>(value);
  } else if constexpr (std::is_floating_point_v<V>) {
    out.type = literal_value::kind::floating;
    out.floating = static_cast<double>(value);
  } else if constexpr (std::is_convertible_v<V, std::string_view>) {
    out.type = literal_value::kind::text;
    out.text = std::string_view(value);
  }
  return out;
}

// One overload per option: overload resolution, not a template per (field, option), does the work.
constexpr void apply_option(field_description& d, primary_key_t) { d.primary_key = true; }
constexpr void apply_option(field_description& d, autoincrement_t) { d.autoincrement = true; }
constexpr void apply_option(field_description& d, index_t) { d.index = true; }
constexpr void apply_option(field_description& d, unique_t) { d.unique = true; }
constexpr void apply_option(field_description& d, named_index_t o) { d.index_name = o.name; }
constexpr void apply_option(field_description& d, named_unique_t o) { d.unique_name = o.name; }
constexpr void apply_option(field_description& d, length_t o) {
  d.has_length = true;
  d.length = o.value;
}
constexpr void apply_option(field_description& d, precision_t o) {
  d.precision = o.precision;
  d.scale = o.scale;
}
constexpr void apply_option(field_description& d, default_sql_t o) { d.default_sql = o.sql; }
constexpr void apply_option(field_description& d, column_name_t o) { d.column = o.name; }
constexpr void apply_option(field_description& d, sql_type_t o) {
  d.custom_type = o.spelling;
  d.kind.reset();
}
template <class V>
constexpr void apply_option(field_description& d, const default_value_t<V>& o) {
  d.default_value = literal_of(o.value);
}
template <auto Target>
constexpr void apply_option(field_description& d, const references_t<Target>& o) {
  using target_model = typename member_pointer_traits<std::remove_const_t<decltype(Target)>>::model;
  d.references = true;
  if constexpr (model<target_model>) {
    d.referenced_table = info_of<target_model>().table;
    d.referenced_column = column_of<target_model>(Target);
  }
  d.on_delete = o.on_delete;
  d.on_update = o.on_update;
}
// Anything else is not a column option; the options_known rule reports it.
template <class Option>
constexpr void apply_option(field_description&, const Option&) {}

template <class Field>
constexpr field_description describe_field(const Field& field) {
  using value_type = typename Field::value_type;
  field_description d;
  d.field = field.field_name;
  d.column = field.field_name;
  d.kind = Field::kind;
  d.nullable = Field::nullable;
  if constexpr (is_described_enum_v<value_type>) d.enum_values = enumerator_names<value_type>;
  std::apply([&](const auto&... option) { (apply_option(d, option), ...); }, field.options);
  return d;
}

// Every field of a model, described once per model.
template <class Model>
inline constexpr auto field_descriptions = std::apply(
    [](const auto&... field) { return std::array<field_description, sizeof...(field)>{describe_field(field)...}; },
    info_of<Model>().fields);

}  // namespace tempest::detail
