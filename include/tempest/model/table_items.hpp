#pragma once
// The options that name members of a model: table-level key parts, composite keys and indexes, and
// foreign keys. A member is looked up in its model's description where it is written (in
// TEMPEST_TABLE_CONSTRAINTS, after TEMPEST_MODEL), and becomes its column name.

#include <array>
#include <cstddef>
#include <type_traits>

#include "tempest/model/model_info.hpp"

namespace tempest {

template <detail::member_pointer Member>
constexpr detail::key_part_spec key(Member member) {
  using model_type = typename detail::member_pointer_traits<Member>::model;
  detail::key_part_spec part;
  if constexpr (detail::model<model_type>) {
    part.table = detail::model_data<model_type>.table;
    part.column = detail::column_of<model_type>(member);
  }
  part.listed = !part.column.empty();
  return part;
}

namespace detail {

template <member_pointer Member>
constexpr key_part_spec to_key_part(Member member) {
  return ::tempest::key(member);
}
constexpr key_part_spec to_key_part(const key_part_spec& part) { return part; }

template <member_pointer... Members>
constexpr key_item primary_key_t::operator()(Members... members) const {
  key_item k;
  k.kind = table_item::kind_t::primary_key;
  k.name = name;
  (k.add_part(to_key_part(members)), ...);
  return k;
}

template <bool Unique>
template <key_part_like First, key_part_like... Rest>
constexpr index_item index_option_t<Unique>::operator()(First first, Rest... rest) const {
  index_item i;
  i.kind = Unique ? table_item::kind_t::unique : table_item::kind_t::index;
  i.name = name;
  i.predicate = predicate;
  i.add_part(to_key_part(first));
  (i.add_part(to_key_part(rest)), ...);
  return i;
}

// One failing pair, one error whose note names both types.
template <class FieldType, class ReferencedFieldType>
constexpr bool check_reference_types() {
  static_assert(same_as_referenced_field<FieldType, ReferencedFieldType>,
                "tempest::foreign_key(...).references<...>() names a field of another type");
  return true;
}

template <class Member>
using member_value_type = value_type_t<typename member_pointer_traits<Member>::field>;

template <class... Members>
template <auto... Targets>
constexpr foreign_key_item foreign_key_t<Members...>::references(on_delete_t del, on_update_t upd) const {
  static_assert(sizeof...(Targets) == sizeof...(Members),
                "tempest::foreign_key(...).references<...>() names as many referenced fields as referencing ones");
  if constexpr (sizeof...(Targets) == sizeof...(Members))
    (check_reference_types<member_value_type<Members>, member_value_type<std::remove_const_t<decltype(Targets)>>>(), ...);
  foreign_key_item f;
  f.kind = table_item::kind_t::foreign_key;
  std::apply([&](auto... member) { (f.add_part(to_key_part(member)), ...); }, members);
  f.has_target = true;
  std::size_t i = 0;
  auto add_target = [&](key_part_spec target) {
    if (i == 0) f.referenced_table = target.table;
    f.referenced_listed = f.referenced_listed && target.listed && target.table == f.referenced_table;
    if (i < max_key_parts) f.referenced_columns[i] = target.column;
    ++i;
  };
  (add_target(::tempest::key(Targets)), ...);
  f.on_delete = del.action;
  f.on_update = upd.action;
  return f;
}

constexpr table_item to_item(const table_item& item) { return item; }
constexpr table_item to_item(collation_t c) {
  table_item item;
  item.kind = table_item::kind_t::collation;
  item.label = c.name;
  return item;
}
constexpr table_item to_item(strict_t) {
  table_item item;
  item.kind = table_item::kind_t::strict;
  return item;
}
constexpr table_item to_item(without_rowid_t) {
  table_item item;
  item.kind = table_item::kind_t::without_rowid;
  return item;
}
constexpr table_item to_item(const renamed_from_t& r) {
  table_item item;
  item.kind = table_item::kind_t::renamed_from;
  item.renamed = r;
  return item;
}
// Anything else is not a table-level item (the item_unknown rule reports it).
template <class T>
  requires(!std::is_base_of_v<table_item, T>)
constexpr table_item to_item(const T&) {
  return {};
}

template <class... Items>
constexpr std::array<table_item, sizeof...(Items)> table_items(const Items&... items) {
  return {to_item(items)...};
}

}  // namespace detail
}  // namespace tempest
