#pragma once
// How the operations on keys, names, table options and enum types change the schema IR (apply.hpp
// applies the others). Each also completes its operation with what its inverse needs.

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/error.hpp"
#include "tempest/ops/lookup.hpp"
#include "tempest/ops/operations.hpp"
#include "tempest/schema/literal_rules.hpp"

namespace tempest::detail {

inline bool is_of_enum_type(const column& c, const std::string& type_name) {
  return c.type.kind == type_kind::enumeration && c.type.custom == type_name;
}

inline void check_labels(std::string_view what, const std::string& type_name, const std::vector<std::string>& values) {
  std::set<std::string> seen;
  for (const auto& v : values) {
    if (!seen.insert(v).second)
      throw schema_error(fmt::format("{}: enum type \"{}\" lists the value '{}' twice", what, type_name, v));
    if (auto issue = check_string(v); issue != literal_issue::none)
      throw schema_error(fmt::format("{}: enum type \"{}\": value {} {}", what, type_name, shown(v),
                                     describe(issue, type_kind::string)));
  }
}

inline void apply_change(schema& s, op::add_primary_key& o) {
  table& t = table_for(s, o.table_name, "add_primary_key");
  if (t.key)
    throw schema_error(fmt::format("add_primary_key: table \"{}\" already has the primary key {}({}); drop it first",
                                   t.name, shown_name(t.key->name), fmt::join(t.key->columns, ", ")));
  if (o.definition.columns.empty())
    throw schema_error(fmt::format("add_primary_key: no columns given for table \"{}\"", t.name));
  if (auto holder = holder_of_name(t, o.definition.name); !holder.empty())
    throw schema_error(fmt::format("add_primary_key: the name \"{}\" is already used on \"{}\" by {}",
                                   o.definition.name, t.name, holder));
  for (const auto& name : o.definition.columns)
    if (column_for(t, name, "add_primary_key").nullable)
      throw schema_error(
          fmt::format("add_primary_key: column \"{}\".\"{}\" is nullable; make it NOT NULL first", t.name, name));
  t.key = o.definition;
}

inline void apply_change(schema& s, op::drop_primary_key& o) {
  table& t = table_for(s, o.table_name, "drop_primary_key");
  if (!t.key) throw schema_error(fmt::format("drop_primary_key: table \"{}\" has no primary key", t.name));
  auto same_columns = [&](std::vector<std::string> a) {
    auto b = t.key->columns;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  // A foreign key needs a key of the referenced table on its columns: it is dropped first, explicitly.
  for (const auto& other : s.tables)
    for (const auto& fk : other.foreign_keys)
      if (fk.referenced_table == t.name && (fk.referenced_columns.empty() || same_columns(fk.referenced_columns)))
        throw schema_error(fmt::format("drop_primary_key: the primary key {}of table \"{}\" is referenced by foreign key "
                                       "{}of table \"{}\"; drop that first",
                                       shown_name(t.key->name), t.name, shown_name(fk.name), other.name));
  o.dropped = t.key;
  t.key.reset();
}

inline void apply_change(schema& s, op::rename_index& o) {
  table& t = table_for(s, o.table_name, "rename_index");
  auto it = named_item(t.indexes, o.from, "rename_index", "index", t);
  if (o.to == o.from) return;
  if (auto holder = holder_of_name(t, o.to); !holder.empty())
    throw schema_error(fmt::format("rename_index: the name \"{}\" is already used on \"{}\" by {}", o.to, t.name, holder));
  if (o.to.empty() && (!it->unique || !it->parts.empty() || !it->predicate.empty()))
    throw schema_error(fmt::format("rename_index: index \"{}\" on \"{}\" cannot go without a name: only a unique "
                                   "constraint of plain columns can",
                                   o.from, t.name));
  it->name = o.to;
  t.normalise();
}

inline void apply_change(schema& s, op::rename_constraint& o) {
  table& t = table_for(s, o.table_name, "rename_constraint");
  std::string* name = nullptr;
  switch (o.kind) {
    case op::constraint_kind::primary_key:
      if (!t.key) throw schema_error(fmt::format("rename_constraint: table \"{}\" has no primary key", t.name));
      if (t.key->name != o.from)
        throw schema_error(fmt::format("rename_constraint: the primary key of \"{}\" is {}not \"{}\"", t.name,
                                       t.key->name.empty() ? std::string("unnamed, ") : "named \"" + t.key->name + "\", ", o.from));
      name = &t.key->name;
      break;
    case op::constraint_kind::foreign_key:
      name = &named_item(t.foreign_keys, o.from, "rename_constraint", "foreign key", t)->name;
      break;
    case op::constraint_kind::check: name = &named_item(t.checks, o.from, "rename_constraint", "check", t)->name; break;
  }
  if (o.to == o.from) return;
  if (auto holder = holder_of_name(t, o.to); !holder.empty())
    throw schema_error(fmt::format("rename_constraint: the name \"{}\" is already used on \"{}\" by {}", o.to, t.name, holder));
  *name = o.to;
  t.normalise();
}

inline void apply_change(schema& s, op::alter_table_options& o) {
  table& t = table_for(s, o.table_name, "alter_table_options");
  o.before = t;
  t.collation = o.collation;
  t.strict = o.strict;
  t.without_rowid = o.without_rowid;
}

inline void apply_change(schema& s, op::create_enum_type& o) {
  if (s.find_enum_type(o.definition.name))
    throw schema_error(fmt::format("create_enum_type: enum type \"{}\" already exists", o.definition.name));
  check_labels("create_enum_type", o.definition.name, o.definition.values);
  s.enum_types.push_back(o.definition);
  s.normalise();
}

inline void apply_change(schema& s, op::drop_enum_type& o) {
  const enum_type_def* e = s.find_enum_type(o.name);
  if (!e) throw schema_error(fmt::format("drop_enum_type: enum type \"{}\" does not exist", o.name));
  for (const auto& t : s.tables)
    for (const auto& c : t.columns)
      if (is_of_enum_type(c, o.name))
        throw schema_error(fmt::format("drop_enum_type: enum type \"{}\" is used by column \"{}\".\"{}\"; drop or change "
                                       "that first",
                                       o.name, t.name, c.name));
  o.dropped = *e;
  std::erase_if(s.enum_types, [&](const enum_type_def& x) { return x.name == o.name; });
}

inline void apply_change(schema& s, op::alter_enum_type& o) {
  auto it = find_named(s.enum_types, o.name);
  if (it == s.enum_types.end()) throw schema_error(fmt::format("alter_enum_type: enum type \"{}\" does not exist", o.name));
  check_labels("alter_enum_type", o.name, o.values);
  for (const auto& t : s.tables)
    for (const auto& c : t.columns)
      if (is_of_enum_type(c, o.name) && c.default_value && c.default_value->kind == column_default::source::literal &&
          !contains(o.values, c.default_value->text))
        throw schema_error(fmt::format("alter_enum_type: column \"{}\".\"{}\" defaults to '{}', which enum type \"{}\" "
                                       "would no longer have; change that default first",
                                       t.name, c.name, c.default_value->text, o.name));
  o.before = it->values;
  it->values = o.values;
  for (auto& t : s.tables)
    for (auto& c : t.columns)
      if (is_of_enum_type(c, o.name)) c.type.values = o.values;
}

}  // namespace tempest::detail
