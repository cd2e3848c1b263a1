#pragma once
// Compile-time rules for annotated fields. TEMPEST_MODEL turns each into a static_assert whose
// message names the model and the field.

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "tempest/model/model_info.hpp"

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

template <class Model, std::size_t I>
struct field_rules {
  static constexpr auto info = info_of<Model>();
  using field = std::tuple_element_t<I, decltype(info.fields)>;
  using value_type = typename field::value_type;
  static constexpr const field& self = std::get<I>(info.fields);

  template <class Predicate>
  static constexpr std::size_t count_fields(Predicate predicate) {
    std::size_t count = 0;
    info.for_each_field([&](const auto& other) { count += predicate(other) ? 1 : 0; });
    return count;
  }

  template <class Option>
  static constexpr bool is_column_option =
      std::is_same_v<Option, primary_key_t> || std::is_same_v<Option, autoincrement_t> ||
      std::is_same_v<Option, index_t> || std::is_same_v<Option, unique_t> || std::is_same_v<Option, named_index_t> ||
      std::is_same_v<Option, named_unique_t> || std::is_same_v<Option, length_t> ||
      std::is_same_v<Option, precision_t> || is_type_specialization<Option, default_value_t>::value ||
      std::is_same_v<Option, default_sql_t> || std::is_same_v<Option, column_name_t> ||
      std::is_same_v<Option, sql_type_t> || is_value_specialization<Option, references_t>::value;
  static constexpr bool options_known = [] {
    bool ok = true;
    self.for_each_option([&]<class Option>(const Option&) { ok = ok && is_column_option<Option>; });
    return ok;
  }();

  static constexpr bool enum_described = !std::is_enum_v<value_type> || is_described_enum_v<value_type>;
  static constexpr bool type_supported = field::kind.has_value() || field::template has<sql_type_t>;

  static constexpr bool is_autoincrement = field::template has<autoincrement_t>;
  static constexpr bool autoincrement_on_integer =
      !is_autoincrement || (field::kind && is_integer(*field::kind) && !field::nullable);
  static constexpr bool autoincrement_on_sole_key =
      !is_autoincrement ||
      (field::template has<primary_key_t> &&
       count_fields([](const auto& f) { return std::decay_t<decltype(f)>::template has<primary_key_t>; }) == 1);
  static constexpr bool single_autoincrement =
      !is_autoincrement ||
      count_fields([](const auto& f) { return std::decay_t<decltype(f)>::template has<autoincrement_t>; }) == 1;

  static constexpr bool length_on_string =
      !field::template has<length_t> || std::is_same_v<value_type, std::string>;
  static constexpr bool length_positive = !field::template has<length_t> || [] {
    if constexpr (field::template has<length_t>) return self.template get<length_t>().value > 0;
    else return true;
  }();
  static constexpr bool precision_on_decimal =
      !field::template has<precision_t> || std::is_same_v<value_type, decimal>;
  static constexpr bool decimal_has_precision = !std::is_same_v<value_type, decimal> ||
                                                field::template has<precision_t> ||
                                                field::template has<sql_type_t>;

  static constexpr bool default_type_matches = [] {
    bool ok = true;
    self.for_each_option([&]<class Option>(const Option&) {
      if constexpr (is_type_specialization<Option, default_value_t>::value) {
        using V = std::decay_t<decltype(Option::value)>;
        if constexpr (field::template has<sql_type_t> && !field::kind)
          ok = ok && (std::is_arithmetic_v<V> || std::is_convertible_v<V, std::string_view>);
        else
          ok = ok && default_matches<value_type, V>();
      }
    });
    return ok;
  }();
  static constexpr bool single_default = !(field::has_default_value && field::template has<default_sql_t>);

  template <auto Target>
  static constexpr bool reference_types_match(const references_t<Target>&) {
    using target_field = typename member_pointer_traits<decltype(Target)>::field;
    return std::is_same_v<value_type_t<target_field>, value_type>;
  }
  template <class Option>
  static constexpr bool reference_types_match(const Option&) {
    return true;
  }
  static constexpr bool reference_type_matches = [] {
    bool ok = true;
    self.for_each_option([&](const auto& option) { ok = ok && reference_types_match(option); });
    return ok;
  }();

  template <auto Target>
  static constexpr bool reference_is_model(const references_t<Target>&) {
    return model<typename member_pointer_traits<decltype(Target)>::model>;
  }
  template <class Option>
  static constexpr bool reference_is_model(const Option&) {
    return true;
  }
  static constexpr bool reference_targets_model = [] {
    bool ok = true;
    self.for_each_option([&](const auto& option) { ok = ok && reference_is_model(option); });
    return ok;
  }();

  static constexpr bool set_null_on_nullable = [] {
    bool ok = true;
    self.for_each_option([&]<class Option>(const Option& option) {
      if constexpr (is_value_specialization<Option, references_t>::value)
        ok = ok && (field::nullable || (option.on_delete != fk_action::set_null &&
                                        option.on_update != fk_action::set_null));
    });
    return ok;
  }();

  static constexpr bool column_name_unique =
      count_fields([](const auto& f) { return f.column_name() == self.column_name(); }) == 1;
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
  bool free = true;
  info_of<Model>().for_each_field([&]<class Field>(const Field&) {
    free = free && !Field::template has<primary_key_t> && !Field::template has<autoincrement_t>;
  });
  return free;
}

}  // namespace tempest::detail
