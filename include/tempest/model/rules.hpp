#pragma once
// Compile-time rules for models. validated() sets each field's issues (one bit per rule) from the
// field descriptions, once per model; TEMPEST_MODEL turns each rule into a static_assert whose message
// names the model and the field. table_issues() does the same for TEMPEST_TABLE_CONSTRAINTS.
//
// A field whose type has no column type reports that alone: the other rules about it say nothing.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "tempest/model/model_info.hpp"
#include "tempest/schema/literal_rules.hpp"

namespace tempest::detail {

constexpr bool is_integer_category(value_category c) {
  return c == value_category::signed_integer || c == value_category::unsigned_integer;
}

// Whether a default of type V fits a column of C++ type T (for column<T>(…).default_value(v)).
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

// Whether a field's default_value has a type the field can hold (sql_type does not change what the
// field holds, so it does not change this either).
constexpr bool default_fits(const field_description& d) {
  const auto& v = d.default_value;
  bool number = v.type == literal_value::kind::integer || v.type == literal_value::kind::floating;
  bool text = v.type == literal_value::kind::text && !v.enumeration && !v.from_decimal;
  switch (d.category) {
    case value_category::boolean: return v.type == literal_value::kind::boolean;
    case value_category::signed_integer:
    case value_category::unsigned_integer: return v.type == literal_value::kind::integer;
    case value_category::floating: return number;
    case value_category::string: return text;
    case value_category::decimal: return text || number || v.from_decimal;
    case value_category::enumeration: return v.enumeration && v.enumeration == d.enum_values.data();
    case value_category::unsupported: return d.custom() && (number || text || v.type == literal_value::kind::boolean);
    default: return false;
  }
}

// A default_value as a literal of the field's column (literal_rules.hpp): a decimal given as text must
// be a number, a floating-point one finite, an integer one within the column's width.
constexpr literal_issue default_value_issue(const field_description& d) {
  type_kind kind = d.kind.value_or(type_kind::custom);
  bool is_unsigned = d.category == value_category::unsigned_integer;
  switch (d.default_value.type) {
    case literal_value::kind::text: return check_literal(kind, d.default_value.text_value(), is_unsigned);
    case literal_value::kind::floating: return check_floating(d.default_value.floating, kind);
    case literal_value::kind::integer:
      return check_integer(d.default_value.negative, d.default_value.magnitude, kind, is_unsigned);
    default: return literal_issue::none;
  }
}

constexpr std::uint32_t own_issues(const field_description& d) {
  std::uint32_t issues = d.issues;
  auto rule = [&](bool broken, field_issue issue) {
    if (broken) issues |= issue;
  };
  if (d.category == value_category::undescribed_enum) return enum_undescribed;
  if (!d.kind && !d.custom()) return type_unsupported;
  bool integer = is_integer_category(d.category);
  rule(d.autoincrement && (!integer || d.nullable), autoincrement_not_integer);
  rule(d.has_length && d.category != value_category::string, length_not_string);
  rule(d.has_length && d.length <= 0, length_not_positive);
  rule(d.has_precision && d.category != value_category::decimal, precision_not_decimal);
  rule(d.category == value_category::decimal && !d.has_precision && !d.custom(), decimal_without_precision);
  rule(d.defaults > 1, default_twice);
  if (d.default_value.type != literal_value::kind::none) {
    if (!default_fits(d)) {
      issues |= default_wrong_type;
    } else if (!(issues & decimal_default_too_long)) {
      switch (default_value_issue(d)) {
        case literal_issue::not_number:
        case literal_issue::not_integer:
        case literal_issue::not_boolean: issues |= default_not_number; break;
        case literal_issue::not_finite: issues |= default_not_finite; break;
        case literal_issue::out_of_range: issues |= default_out_of_range; break;
        case literal_issue::nul_byte: issues |= default_with_nul; break;
        case literal_issue::none: break;
      }
    }
  }
  rule(!d.nullable && (d.on_delete == fk_action::set_null || d.on_update == fk_action::set_null), set_null_on_required);
  rule(d.native_enum && d.category != value_category::enumeration, native_enum_not_enum);
  rule(d.on_update_current_timestamp && d.category != value_category::timestamp, on_update_not_timestamp);
  rule(d.checks > 1, check_twice);
  rule(!d.generated_expression.empty() && (d.defaults > 0 || d.autoincrements > 0 || d.on_update_current_timestamp),
       generated_with_default);
  rule(d.autoincrements > 1, autoincrement_twice);
  rule(d.renamed.malformed, renamed_from_malformed);
  for (std::size_t i = 0; i < d.renamed.count; ++i) {
    rule(d.renamed.names[i].empty(), renamed_from_empty);
    rule(d.renamed.names[i] == d.column, renamed_from_own_name);
  }
  return issues;
}

// Whether an earlier field of the model gives one of d's old names (one column cannot become two):
// the second field to give it is the one reported, once.
template <std::size_t N>
constexpr bool shares_old_name(const field_description& d, const std::array<field_description, N>& fields) {
  for (const auto& other : fields) {
    if (&other == &d) break;
    for (std::size_t i = 0; i < d.renamed.count; ++i)
      for (std::size_t j = 0; j < other.renamed.count; ++j)
        if (d.renamed.names[i] == other.renamed.names[j]) return true;
  }
  return false;
}

// The model's fields with their issues, including the rules across fields.
template <std::size_t N>
constexpr model_description<N> validated(model_description<N> m) {
  std::size_t keys = 0;
  std::size_t autoincrements = 0;
  for (const auto& d : m.fields) {
    keys += d.primary_key ? 1 : 0;
    autoincrements += d.autoincrement ? 1 : 0;
  }
  for (auto& d : m.fields) {
    d.issues = own_issues(d);
    if (d.issues & (type_unsupported | enum_undescribed)) continue;
    if (d.autoincrement && (!d.primary_key || keys != 1)) d.issues |= autoincrement_not_sole_key;
    if (d.autoincrement && autoincrements > 1) d.issues |= autoincrement_twice;
    std::size_t same_column = 0;
    for (const auto& other : m.fields) same_column += other.column == d.column ? 1 : 0;
    if (same_column > 1) d.issues |= column_name_taken;
    if (d.renamed.count > 0 && shares_old_name(d, m.fields)) d.issues |= renamed_from_shared;
  }
  return m;
}

// Rules for TEMPEST_TABLE_CONSTRAINTS, checked where it is written.
enum table_issue : std::uint32_t {
  item_unknown = 1u << 0,
  member_not_listed = 1u << 1,
  member_of_another_model = 1u << 2,
  composite_key_with_field_key = 1u << 3,
  check_without_label = 1u << 4,
  two_primary_keys = 1u << 5,
  too_many_key_parts = 1u << 6,
  referenced_not_listed = 1u << 7,
  prefix_not_positive = 1u << 8,
  table_renamed_from_empty = 1u << 9,
  table_renamed_from_own_name = 1u << 10,
  table_renamed_from_malformed = 1u << 11,
};

template <class Model>
constexpr std::uint32_t table_issues() {
  constexpr auto items = table_constraints_of<Model>();
  const auto& model = model_data<Model>;
  std::uint32_t issues = 0;
  std::size_t keys = 0;
  std::size_t renames = 0;
  for (const auto& item : items) {
    using kind = table_item::kind_t;
    if (item.kind == kind::invalid) issues |= item_unknown;
    if (item.too_many_parts) issues |= too_many_key_parts;
    for (std::size_t i = 0; i < item.part_count; ++i) {
      const auto& part = item.parts[i];
      if (part.expression) continue;
      if (!part.listed) issues |= member_not_listed;
      else if (part.table != model.table) issues |= member_of_another_model;
      if (part.prefix_length < 0) issues |= prefix_not_positive;
    }
    if (item.kind == kind::primary_key) ++keys;
    if (item.kind == kind::check && item.label.empty() && item.name.from == name_spec::source::convention)
      issues |= check_without_label;
    if (item.kind == kind::foreign_key && !item.referenced_listed) issues |= referenced_not_listed;
    if (item.kind == kind::renamed_from) {
      if (item.renamed.malformed || ++renames > 1) issues |= table_renamed_from_malformed;
      for (std::size_t i = 0; i < item.renamed.count; ++i) {
        if (item.renamed.names[i].empty()) issues |= table_renamed_from_empty;
        if (item.renamed.names[i] == model.table) issues |= table_renamed_from_own_name;
      }
    }
  }
  if (keys > 1) issues |= two_primary_keys;
  if (keys > 0)
    for (const auto& d : model.fields)
      if (d.primary_key || d.autoincrement) issues |= composite_key_with_field_key;
  return issues;
}

}  // namespace tempest::detail
