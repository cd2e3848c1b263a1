#pragma once
// Column and table options used in TEMPEST_MODEL and TEMPEST_TABLE_CONSTRAINTS. Each option is a
// literal value whose type says what it is, so validation happens at compile time.

#include <string_view>
#include <tuple>
#include <type_traits>

#include "tempest/schema/constraints.hpp"

namespace tempest {
namespace detail {

struct named_index_t {
  std::string_view name;
};
struct named_unique_t {
  std::string_view name;
};

// Table-level composite definitions: member pointers of the model, in key order.
template <class... Members>
struct composite_key_t {
  std::tuple<Members...> members;
};
template <class T>
struct is_composite_key : std::false_type {};
template <class... Members>
struct is_composite_key<composite_key_t<Members...>> : std::true_type {};

template <class... Members>
struct composite_index_t {
  std::string_view name;  // empty: named by the convention
  bool unique;
  std::tuple<Members...> members;
};
struct table_check_t {
  std::string_view label;
  std::string_view expression;
};

template <class T>
concept member_pointer = std::is_member_object_pointer_v<T>;

struct primary_key_t {
  template <member_pointer... Members>
  constexpr composite_key_t<Members...> operator()(Members... members) const {
    return {{members...}};
  }
};
// tempest::index and tempest::unique: a plain column option, a named one (fields naming the same
// index form one composite index, in declaration order), or a table-level composite index.
template <bool Unique, class Named>
struct index_option_t {
  constexpr Named operator()(std::string_view name) const { return {name}; }
  template <member_pointer Member, member_pointer... Members>
  constexpr composite_index_t<Member, Members...> operator()(Member first, Members... rest) const {
    return {{}, Unique, {first, rest...}};
  }
  template <member_pointer Member, member_pointer... Members>
  constexpr composite_index_t<Member, Members...> operator()(std::string_view name, Member first,
                                                             Members... rest) const {
    return {name, Unique, {first, rest...}};
  }
};
struct index_t : index_option_t<false, named_index_t> {};
struct unique_t : index_option_t<true, named_unique_t> {};
struct autoincrement_t {};
struct length_t {
  int value;
};
struct precision_t {
  int precision;
  int scale;
};
template <class Value>
struct default_value_t {
  Value value;
};
struct default_sql_t {
  std::string_view sql;
};
struct column_name_t {
  std::string_view name;
};
struct sql_type_t {
  std::string_view spelling;
};
struct on_delete_t {
  fk_action action;
};
struct on_update_t {
  fk_action action;
};
template <auto Member>
struct references_t {
  fk_action on_delete = fk_action::no_action;
  fk_action on_update = fk_action::no_action;
};

}  // namespace detail

// Column options.
inline constexpr detail::primary_key_t primary_key{};
inline constexpr detail::autoincrement_t autoincrement{};
inline constexpr detail::index_t index{};
inline constexpr detail::unique_t unique{};
constexpr detail::length_t length(int characters) { return {characters}; }
constexpr detail::precision_t precision(int digits, int scale = 0) { return {digits, scale}; }
template <class Value>
constexpr detail::default_value_t<Value> default_value(Value value) {
  return {value};
}
constexpr detail::default_sql_t default_sql(std::string_view sql) { return {sql}; }
constexpr detail::column_name_t column_name(std::string_view name) { return {name}; }
constexpr detail::sql_type_t sql_type(std::string_view spelling) { return {spelling}; }

namespace on_delete {
inline constexpr detail::on_delete_t no_action{fk_action::no_action};
inline constexpr detail::on_delete_t restrict{fk_action::restrict};
inline constexpr detail::on_delete_t cascade{fk_action::cascade};
inline constexpr detail::on_delete_t set_null{fk_action::set_null};
inline constexpr detail::on_delete_t set_default{fk_action::set_default};
}  // namespace on_delete
namespace on_update {
inline constexpr detail::on_update_t no_action{fk_action::no_action};
inline constexpr detail::on_update_t restrict{fk_action::restrict};
inline constexpr detail::on_update_t cascade{fk_action::cascade};
inline constexpr detail::on_update_t set_null{fk_action::set_null};
inline constexpr detail::on_update_t set_default{fk_action::set_default};
}  // namespace on_update

// references<&Role::id>(on_delete::cascade, on_update::cascade), actions in either order.
template <auto Member>
constexpr detail::references_t<Member> references() {
  return {};
}
template <auto Member>
constexpr detail::references_t<Member> references(detail::on_delete_t del, detail::on_update_t upd = {}) {
  return {del.action, upd.action};
}
template <auto Member>
constexpr detail::references_t<Member> references(detail::on_update_t upd, detail::on_delete_t del = {}) {
  return {del.action, upd.action};
}

// Table-level check: check("positive_price", "price > 0") is named ck_<table>_positive_price.
constexpr detail::table_check_t check(std::string_view label, std::string_view expression) {
  return {label, expression};
}

}  // namespace tempest
