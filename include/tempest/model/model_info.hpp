#pragma once
// model_info: a model's table name and fields; what TEMPEST_MODEL records for reflect().

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "tempest/model/field.hpp"

namespace tempest::detail {

template <class Model, class... Fields>
struct model_info {
  using model_type = Model;
  std::string_view table;
  std::tuple<Fields...> fields;

  static constexpr std::size_t field_count = sizeof...(Fields);

  template <class Visitor>
  constexpr void for_each_field(Visitor&& visit) const {
    std::apply([&](const auto&... field) { (visit(field), ...); }, fields);
  }
};

template <class Model, class... Fields>
constexpr model_info<Model, Fields...> make_model_info(std::string_view table, Fields... fields) {
  return {table, {fields...}};
}

// Found by argument-dependent lookup of tempest_model_info(Model const*), which TEMPEST_MODEL defines
// beside the struct. Table constraints are optional and default to none.
template <class Model>
concept model = requires { tempest_model_info(static_cast<const Model*>(nullptr)); };

template <class Model>
constexpr auto info_of() {
  return tempest_model_info(static_cast<const Model*>(nullptr));
}

constexpr std::tuple<> tempest_table_constraints(const void*) { return {}; }

template <class Model>
constexpr auto table_constraints_of() {
  return tempest_table_constraints(static_cast<const Model*>(nullptr));
}

// The column name of a listed field, given its member pointer; empty when the member is not listed.
template <class Model, class Member>
constexpr std::string_view column_of(Member member) {
  std::string_view found;
  info_of<Model>().for_each_field([&]<class Field>(const Field& field) {
    if constexpr (std::is_same_v<std::remove_const_t<decltype(Field::member)>, Member>)
      if (Field::member == member) found = field.column_name();
  });
  return found;
}

template <class Model, class... Members>
constexpr bool members_listed(const std::tuple<Members...>& members) {
  return std::apply([](auto... member) { return (!column_of<Model>(member).empty() && ...); }, members);
}

template <class Model>
constexpr bool table_constraints_valid() {
  bool ok = true;
  std::apply(
      [&](const auto&... constraint) {
        auto listed = [](const auto& c) {
          if constexpr (requires { c.members; }) return members_listed<Model>(c.members);
          else return true;
        };
        ok = (listed(constraint) && ...);
      },
      table_constraints_of<Model>());
  return ok;
}

}  // namespace tempest::detail

namespace tempest {
template <class Model>
concept model = detail::model<Model>;
}
