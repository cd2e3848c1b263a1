#pragma once
// Compile-time rules for annotated fields. TEMPEST_MODEL turns each into a static_assert whose
// message names the model and the field. Rules on types are folds over the option types; rules on
// values read the model's field descriptions, computed once per model.

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "tempest/model/description.hpp"
#include "tempest/schema/literal_rules.hpp"

namespace tempest::detail {

template <class T, class V>
constexpr bool default_matches() {
  if constexpr (std::is_same_v<T, bool>) return std::is_same_v<V, bool>;
  else if constexpr (std::is_integral_v<T>) return std::is_integral_v<V> && !std::is_same_v<V, bool>;
  else if constexpr (std::is_floating_point_v<T>) return std::is_arithmetic_v<V> && !std::is_same_v<V, bool>;
  else if constexpr (std::is_same_v<T, std::string>) return std::is_convertible_v<V, std::string_view>;
  else if constexpr (std::is_same_v<T, decimal>)
    return std::is_convertible_v<V, std::string_view> || (std::is_arithmetic_v<V> && !std::is_same_v<V, bool>);
  else if constexpr (std::is_enum_v<T>) return std::is_same_v<V, T>;
  else return false;
}

// A default_value as a literal of the field's column (literal_rules.hpp): a decimal given as text must
// be a number, a floating-point one finite, an integer one within the column's width.
constexpr literal_issue default_value_issue(const field_description& d) {
  type_kind kind = d.kind.value_or(type_kind::custom);
  switch (d.default_value.type) {
    case literal_value::kind::text: return check_literal(kind, d.default_value.text);
    case literal_value::kind::floating: return check_floating(d.default_value.floating, kind);
    case literal_value::kind::integer: return check_integer(d.default_value.integer, kind);
    default: return literal_issue::none;
  }
}

// Per option type: whether it is a column option, and whether it fits a field of value type T.
template <class T, bool Custom, class Option>
struct option_rules {
  static constexpr bool known =
      std::is_same_v<Option, primary_key_t> || std::is_same_v<Option, autoincrement_t> ||
      std::is_same_v<Option, index_t> || std::is_same_v<Option, unique_t> || std::is_same_v<Option, named_index_t> ||
      std::is_same_v<Option, named_unique_t> || std::is_same_v<Option, length_t> ||
      std::is_same_v<Option, precision_t> || std::is_same_v<Option, default_sql_t> ||
      std::is_same_v<Option, column_name_t> || std::is_same_v<Option, sql_type_t>;
  static constexpr bool default_fits = true;
  static constexpr bool reference_fits = true;
  static constexpr bool reference_to_model = true;
};
template <class T, bool Custom, class V>
struct option_rules<T, Custom, default_value_t<V>> {
  static constexpr bool known = true;
  static constexpr bool default_fits = Custom && !logical_kind<T>()
                                           ? std::is_arithmetic_v<V> || std::is_convertible_v<V, std::string_view>
                                           : default_matches<T, V>();
  static constexpr bool reference_fits = true;
  static constexpr bool reference_to_model = true;
};
template <class T, bool Custom, auto Target>
struct option_rules<T, Custom, references_t<Target>> {
  using target = member_pointer_traits<std::remove_const_t<decltype(Target)>>;
  static constexpr bool known = true;
  static constexpr bool default_fits = true;
  static constexpr bool reference_fits = std::is_same_v<value_type_t<typename target::field>, T>;
  static constexpr bool reference_to_model = model<typename target::model>;
};

template <class Field>
struct field_type_rules;
template <auto Member, class... Options>
struct field_type_rules<field_info<Member, Options...>> {
  using field = field_info<Member, Options...>;
  using value_type = typename field::value_type;
  static constexpr bool custom = field::template has<sql_type_t>;
  template <class Option>
  using rules = option_rules<value_type, custom, Option>;

  static constexpr bool options_known = (rules<Options>::known && ...);
  static constexpr bool default_type_matches = (rules<Options>::default_fits && ...);
  static constexpr bool reference_type_matches = (rules<Options>::reference_fits && ...);
  static constexpr bool reference_targets_model = (rules<Options>::reference_to_model && ...);
  static constexpr bool enum_described = !std::is_enum_v<value_type> || is_described_enum_v<value_type>;
  static constexpr bool type_supported = field::kind.has_value() || custom;
  static constexpr bool length_on_string = !field::template has<length_t> || std::is_same_v<value_type, std::string>;
  static constexpr bool precision_on_decimal = !field::template has<precision_t> || std::is_same_v<value_type, decimal>;
  static constexpr bool decimal_has_precision =
      !std::is_same_v<value_type, decimal> || field::template has<precision_t> || custom;
  static constexpr bool single_default = !(field::has_default_value && field::template has<default_sql_t>);
};

template <class Model, std::size_t I>
struct field_rules
    : field_type_rules<std::tuple_element_t<I, std::remove_const_t<decltype(info_of<Model>().fields)>>> {
  static constexpr const auto& all = field_descriptions<Model>;
  static constexpr const field_description& self = all[I];

  template <class Predicate>
  static constexpr std::size_t count(Predicate predicate) {
    std::size_t n = 0;
    for (const auto& d : all) n += predicate(d) ? 1 : 0;
    return n;
  }

  static constexpr bool autoincrement_on_integer =
      !self.autoincrement || (self.kind && is_integer(*self.kind) && !self.nullable);
  static constexpr bool autoincrement_on_sole_key =
      !self.autoincrement ||
      (self.primary_key && count([](const field_description& d) { return d.primary_key; }) == 1);
  static constexpr bool single_autoincrement =
      !self.autoincrement || count([](const field_description& d) { return d.autoincrement; }) == 1;
  static constexpr bool length_positive = !self.has_length || self.length > 0;
  static constexpr bool set_null_on_nullable =
      self.nullable || (self.on_delete != fk_action::set_null && self.on_update != fk_action::set_null);
  static constexpr bool column_name_unique =
      count([](const field_description& d) { return d.column == self.column; }) == 1;
  static constexpr literal_issue default_issue = default_value_issue(self);
  static constexpr bool default_is_number = default_issue != literal_issue::not_number &&
                                            default_issue != literal_issue::not_integer &&
                                            default_issue != literal_issue::not_boolean;
  static constexpr bool default_is_finite = default_issue != literal_issue::not_finite;
  static constexpr bool default_in_range = default_issue != literal_issue::out_of_range;
  static constexpr bool default_without_nul = default_issue != literal_issue::nul_byte;
};

// Rules checked by TEMPEST_TABLE_CONSTRAINTS, which comes after TEMPEST_MODEL.
template <class Model>
constexpr bool declares_composite_key() {
  return []<class... Constraints>(std::type_identity<std::tuple<Constraints...>>) {
    return (is_composite_key<Constraints>::value || ...);
  }(std::type_identity<decltype(table_constraints_of<Model>())>{});
}

template <class Model>
constexpr bool field_level_key_free() {
  if (!declares_composite_key<Model>()) return true;
  for (const auto& d : field_descriptions<Model>)
    if (d.primary_key || d.autoincrement) return false;
  return true;
}

}  // namespace tempest::detail
