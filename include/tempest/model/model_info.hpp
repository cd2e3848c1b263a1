#pragma once
// What TEMPEST_MODEL records for a model, and how the rest of tempest finds it: the table name and
// the field descriptions (model_data<Model>), a field's column from its member pointer, the table's
// items from TEMPEST_TABLE_CONSTRAINTS, and the naming convention of its model set.

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "tempest/model/description.hpp"
#include "tempest/schema/naming_convention.hpp"

namespace tempest::detail {

template <std::size_t N>
struct model_description {
  std::string_view table;
  std::array<field_description, N> fields;

  static constexpr std::size_t field_count = N;
};

// Found by argument-dependent lookup of tempest_model_info(Model const*), which TEMPEST_MODEL defines
// beside the struct.
template <class Model>
concept model = requires { tempest_model_info(static_cast<const Model*>(nullptr)); };

template <class Model>
inline constexpr auto model_data = tempest_model_info(static_cast<const Model*>(nullptr));

template <class Model>
constexpr const auto& info_of() {
  return model_data<Model>;
}

// Every field of a model, described once per model.
template <class Model>
inline constexpr const auto& field_descriptions = model_data<Model>.fields;

template <class A, class B>
constexpr bool same_member(A a, B b) {
  if constexpr (std::is_same_v<A, B>) return a == b;
  else return false;
}

// The position of `member` among `members`, or -1. TEMPEST_MODEL's tempest_member_index calls it
// with the model's fields.
template <class Member, class... Members>
constexpr int member_index(Member member, Members... members) {
  int found = -1;
  int i = 0;
  ((found = found < 0 && same_member(member, members) ? i : found, ++i), ...);
  return found;
}

// The column name of a listed field, given its member pointer; empty when the member is not listed.
template <class Model, class Member>
constexpr std::string_view column_of(Member member) {
  int i = tempest_member_index(static_cast<const Model*>(nullptr), member);
  return i < 0 ? std::string_view() : field_descriptions<Model>[static_cast<std::size_t>(i)].column;
}

template <auto Target>
constexpr reference_target resolve_reference() {
  using target_model = typename member_pointer_traits<std::remove_const_t<decltype(Target)>>::model;
  return {model_data<target_model>.table, column_of<target_model>(Target)};
}

template <class F, class... Members>
constexpr void call_each(F& f, Members... members) {
  (f(members), ...);
}

// Calls f with the member pointer of each listed field, in order.
template <class Model, class F>
constexpr void for_each_member(F&& f) {
  tempest_for_each_member(static_cast<const Model*>(nullptr), f);
}

// Table-level items are optional and default to none.
constexpr std::array<table_item, 0> tempest_table_constraints(const void*) { return {}; }

template <class Model>
constexpr auto table_constraints_of() {
  return tempest_table_constraints(static_cast<const Model*>(nullptr));
}

// The naming convention: TEMPEST_NAMING_CONVENTION in the model's namespace, or the model's own
// TEMPEST_MODEL_NAMING_CONVENTION; tempest's when neither is given.
constexpr naming::convention tempest_naming_convention(const void*) { return naming::standard; }

template <class Model>
constexpr naming::convention naming_convention_of() {
  return tempest_naming_convention(static_cast<const Model*>(nullptr));
}

}  // namespace tempest::detail

namespace tempest {
template <class Model>
concept model = detail::model<Model>;
}
