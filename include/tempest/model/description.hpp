#pragma once
// field_description: everything TEMPEST_MODEL says about one field, as one plain literal struct.
// TEMPEST_MODEL folds each field's options into one with describe<FieldType>(name, options...): what
// depends on the C++ type is read once per type, each option is applied by an overload, and the
// rules (rules.hpp) and reflect() then read plain arrays. No template is made per field or per
// model beyond that, which keeps large model sets cheap to compile.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include "tempest/model/options.hpp"
#include "tempest/model/type_map.hpp"

namespace tempest::detail {

// A default_value as written in the model, before it becomes the column's literal text.
struct literal_value {
  enum class kind : std::uint8_t { none, boolean, integer, floating, text };
  kind type = kind::none;
  bool boolean = false;
  bool negative = false;             // integer: its sign…
  unsigned long long magnitude = 0;  // …and absolute value, so that every 64-bit value fits
  double floating = 0;
  std::string_view text;
  const std::string_view* enumeration = nullptr;  // an enumerator's name: its enum's enumerator_names
  bool from_decimal = false;
  decimal_default_t owned;  // a decimal's text, held here (text is then empty)

  constexpr std::string_view text_value() const {
    return owned.size ? std::string_view(owned.text.data(), owned.size) : text;
  }
};

// The referenced table and column of a field's foreign key, read when the schema is reflected: a
// model may reference itself, whose description is not complete while it is being made.
struct reference_target {
  std::string_view table;
  std::string_view column;
};

// A field's membership of an index: its own (named by the convention, or unnamed), or the index of
// an exact name that other fields may share.
struct index_membership {
  bool present = false;
  name_spec name;
  std::string_view predicate;
};

// Rules broken by a field, one bit each (rules.hpp sets them; TEMPEST_MODEL asserts each is clear).
enum field_issue : std::uint32_t {
  option_unknown = 1u << 0,
  enum_undescribed = 1u << 1,
  type_unsupported = 1u << 2,
  autoincrement_not_integer = 1u << 3,
  autoincrement_not_sole_key = 1u << 4,
  autoincrement_twice = 1u << 5,
  length_not_string = 1u << 6,
  length_not_positive = 1u << 7,
  precision_not_decimal = 1u << 8,
  decimal_without_precision = 1u << 9,
  default_wrong_type = 1u << 10,
  default_not_number = 1u << 11,
  default_not_finite = 1u << 12,
  default_out_of_range = 1u << 13,
  default_with_nul = 1u << 14,
  default_twice = 1u << 15,
  reference_not_model = 1u << 16,
  reference_not_listed = 1u << 17,
  set_null_on_required = 1u << 18,
  column_name_taken = 1u << 19,
  native_enum_not_enum = 1u << 20,
  on_update_not_timestamp = 1u << 21,
  decimal_default_too_long = 1u << 22,
  check_twice = 1u << 23,
  generated_with_default = 1u << 24,
  renamed_from_empty = 1u << 25,
  renamed_from_own_name = 1u << 26,
  renamed_from_malformed = 1u << 27,
  renamed_from_shared = 1u << 28,
};

struct field_description {
  std::string_view field;
  std::string_view column;
  value_category category = value_category::unsupported;
  std::optional<type_kind> kind;  // from the C++ type; none when it has no mapping
  bool nullable = false;
  std::string_view custom_type;  // sql_type(…): the column's type, verbatim
  bool has_length = false;
  int length = 0;
  bool has_precision = false;
  int precision = 0;
  int scale = 0;
  bool primary_key = false;
  name_spec key_name;
  bool autoincrement = false;
  identity_kind identity = identity_kind::by_default;
  index_membership index;  // index / index.named(unnamed) / index.where(…)
  index_membership named_index;  // index("name"): shared by the fields that name it
  index_membership unique;
  index_membership named_unique;
  literal_value default_value;
  std::string_view default_sql;
  bool on_update_current_timestamp = false;
  std::string_view generated_expression;  // empty: not generated
  bool generated_stored = false;
  std::string_view collation;
  reference_target (*reference)() = nullptr;  // set: the field references another
  fk_action on_delete = fk_action::no_action;
  fk_action on_update = fk_action::no_action;
  name_spec reference_name;
  deferrability deferral = deferrability::not_deferrable;
  bool has_check = false;
  std::string_view check_label;
  std::string_view check_expression;
  name_spec check_name;
  std::span<const std::string_view> enum_values;  // a described enum, stored by its enumerators' names
  bool native_enum = false;
  std::string_view native_enum_type;
  renamed_from_t renamed;  // the column's old names
  std::uint32_t issues = 0;
  // Counted while the options are applied, for the rules.
  std::uint8_t autoincrements = 0;
  std::uint8_t defaults = 0;
  std::uint8_t checks = 0;

  constexpr bool custom() const { return !custom_type.empty(); }
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
    if constexpr (boost::describe::has_describe_enumerators<V>::value) out.enumeration = enumerator_names<V>.data();
  } else if constexpr (std::is_integral_v<V>) {
    out.type = literal_value::kind::integer;
    out.negative = value < 0;
    out.magnitude = value < 0 ? 0ull - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
  } else if constexpr (std::is_floating_point_v<V>) {
    out.type = literal_value::kind::floating;
    out.floating = static_cast<double>(value);
  } else if constexpr (std::is_convertible_v<V, std::string_view>) {
    out.type = literal_value::kind::text;
    out.text = std::string_view(value);
  }
  return out;
}

// What the C++ type of a field says, once per type.
template <class Field>
constexpr field_description type_description() {
  using value_type = value_type_t<Field>;
  field_description d;
  d.category = category_of<value_type>();
  d.kind = logical_kind<value_type>();
  d.nullable = is_nullable_v<Field>;
  if constexpr (is_described_enum_v<value_type>) d.enum_values = enumerator_names<value_type>;
  return d;
}

// One overload per option: overload resolution, not a template per (field, option), does the work.
constexpr void apply_option(field_description& d, primary_key_t o) {
  d.primary_key = true;
  d.key_name = o.name;
}
constexpr void apply_option(field_description& d, autoincrement_t o) {
  d.autoincrement = true;
  d.identity = o.kind;
  ++d.autoincrements;
}
template <bool Unique>
constexpr void apply_option(field_description& d, const index_option_t<Unique>& o) {
  bool grouped = o.name.from == name_spec::source::exact;
  auto& slot = Unique ? (grouped ? d.named_unique : d.unique) : (grouped ? d.named_index : d.index);
  slot = {true, o.name, o.predicate};
}
constexpr void apply_option(field_description& d, length_t o) {
  d.has_length = true;
  d.length = o.value;
}
constexpr void apply_option(field_description& d, precision_t o) {
  d.has_precision = true;
  d.precision = o.precision;
  d.scale = o.scale;
}
constexpr void apply_option(field_description& d, default_sql_t o) {
  d.default_sql = o.sql;
  ++d.defaults;
}
constexpr void apply_option(field_description& d, column_name_t o) { d.column = o.name; }
constexpr void apply_option(field_description& d, sql_type_t o) { d.custom_type = o.spelling; }
constexpr void apply_option(field_description& d, collation_t o) { d.collation = o.name; }
constexpr void apply_option(field_description& d, on_update_current_timestamp_t) {
  d.on_update_current_timestamp = true;
}
constexpr void apply_option(field_description& d, generated_t o) {
  d.generated_expression = o.expression;
  d.generated_stored = o.stored;
}
constexpr void apply_option(field_description& d, native_enum_t o) {
  d.native_enum = true;
  d.native_enum_type = o.type_name;
}
constexpr void apply_option(field_description& d, const renamed_from_t& o) {
  bool again = d.renamed.count > 0;
  d.renamed = o;
  d.renamed.malformed = d.renamed.malformed || again;
}
constexpr void apply_option(field_description& d, const check_item& o) {
  d.has_check = true;
  d.check_label = o.label;
  d.check_expression = o.expression;
  d.check_name = o.name;
  ++d.checks;
}
constexpr void apply_option(field_description& d, const decimal_default_t& o) {
  d.default_value = {};
  d.default_value.type = literal_value::kind::text;
  d.default_value.from_decimal = true;
  d.default_value.owned = o;
  if (o.too_long) d.issues |= decimal_default_too_long;
  ++d.defaults;
}
template <class V>
constexpr void apply_option(field_description& d, const default_value_t<V>& o) {
  d.default_value = literal_of(o.value);
  ++d.defaults;
}

// Found by argument-dependent lookup: TEMPEST_MODEL defines it beside each model (model.hpp).
template <class Model>
concept described_model = requires { tempest_member_index(static_cast<const Model*>(nullptr), 0); };

template <class Member>
struct member_pointer_traits;
template <class Class, class Field>
struct member_pointer_traits<Field Class::*> {
  using model = Class;
  using field = Field;
};

template <auto Target>
constexpr reference_target resolve_reference();  // model_info.hpp

template <auto Target>
constexpr void apply_option(field_description& d, const references_t<Target>& o) {
  using target_model = typename member_pointer_traits<std::remove_const_t<decltype(Target)>>::model;
  if constexpr (described_model<target_model>) {
    d.reference = &resolve_reference<Target>;
    if (tempest_member_index(static_cast<const target_model*>(nullptr), Target) < 0) d.issues |= reference_not_listed;
  } else {
    d.issues |= reference_not_model;
  }
  d.on_delete = o.on_delete;
  d.on_update = o.on_update;
  d.reference_name = o.name;
  d.deferral = o.deferral;
}
// Anything else is not a column option; the option_unknown rule reports it.
template <class Option>
constexpr void apply_option(field_description& d, const Option&) {
  d.issues |= option_unknown;
}

template <class Field, class... Options>
constexpr field_description describe(std::string_view name, const Options&... options) {
  field_description d = type_description<Field>();
  d.field = name;
  d.column = name;
  (apply_option(d, options), ...);
  return d;
}

// The type of the field a references option names (the field's own type when there is none), for
// the rule that they match: TEMPEST_MODEL asserts same_as_referenced_field on it, so that the
// compiler's note names both types.
template <class Field>
constexpr std::type_identity<value_type_t<Field>> referenced_type_of() {
  return {};
}
template <class Field, class Option, class... Rest>
constexpr auto referenced_type_of(const Option&, const Rest&... rest) {
  if constexpr (requires { Option::target; }) {
    using target = member_pointer_traits<std::remove_const_t<decltype(Option::target)>>;
    return std::type_identity<value_type_t<typename target::field>>{};
  } else {
    return referenced_type_of<Field>(rest...);
  }
}

template <class FieldType, class ReferencedFieldType>
concept same_as_referenced_field = std::is_same_v<FieldType, ReferencedFieldType>;

}  // namespace tempest::detail
