#pragma once
// field_info: one annotated field of a model, as plain constexpr data.

#include <string_view>
#include <tuple>
#include <type_traits>

#include "tempest/model/options.hpp"
#include "tempest/model/type_map.hpp"

namespace tempest::detail {

template <class T, template <auto> class Template>
struct is_value_specialization : std::false_type {};
template <template <auto> class Template, auto V>
struct is_value_specialization<Template<V>, Template> : std::true_type {};

template <class T, template <class> class Template>
struct is_type_specialization : std::false_type {};
template <template <class> class Template, class V>
struct is_type_specialization<Template<V>, Template> : std::true_type {};

template <class Member>
struct member_pointer_traits;
template <class Class, class Field>
struct member_pointer_traits<Field Class::*> {
  using model = Class;
  using field = Field;
};

template <auto Member, class... Options>
struct field_info {
  using model_type = typename member_pointer_traits<decltype(Member)>::model;
  using field_type = typename member_pointer_traits<decltype(Member)>::field;
  using value_type = value_type_t<field_type>;
  static constexpr auto member = Member;

  std::string_view field_name;
  std::tuple<Options...> options;

  template <class Option>
  static constexpr bool has = (std::is_same_v<Options, Option> || ...);
  static constexpr bool has_default_value = (is_type_specialization<Options, default_value_t>::value || ...);
  static constexpr bool nullable = is_nullable_v<field_type>;
  static constexpr std::optional<type_kind> kind = logical_kind<value_type>();

  // The first option of the given type (callers check `has` first).
  template <class Option>
  constexpr const Option& get() const {
    return std::get<Option>(options);
  }

  constexpr std::string_view column_name() const {
    if constexpr (has<column_name_t>) return get<column_name_t>().name;
    else return field_name;
  }
};

template <auto Member, class... Options>
constexpr field_info<Member, Options...> make_field(std::string_view name, Options... options) {
  return {name, {options...}};
}

}  // namespace tempest::detail
