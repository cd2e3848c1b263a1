#pragma once
// Finding the tables, columns and named items an operation names, with errors that name them.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tempest/error.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest::detail {

inline table& table_for(schema& s, const std::string& name, std::string_view what) {
  table* t = s.find_table(name);
  if (!t) throw schema_error(fmt::format("{}: table \"{}\" does not exist", what, name));
  return *t;
}

inline column& column_for(table& t, const std::string& name, std::string_view what) {
  column* c = t.find_column(name);
  if (!c) throw schema_error(fmt::format("{}: column \"{}\".\"{}\" does not exist", what, t.name, name));
  return *c;
}

template <class List>
auto find_named(List& list, const std::string& name) {
  return std::find_if(list.begin(), list.end(), [&](const auto& item) { return item.name == name; });
}

// The item of `list` named `name`; an empty name means the table's one unnamed item of that kind.
template <class List>
auto named_item(List& list, const std::string& name, std::string_view what, std::string_view kind, const table& t) {
  auto it = find_named(list, name);
  if (it == list.end())
    throw schema_error(name.empty() ? fmt::format("{}: table \"{}\" has no unnamed {}", what, t.name, kind)
                                    : fmt::format("{}: {} \"{}\" does not exist on \"{}\"", what, kind, name, t.name));
  if (name.empty() && std::count_if(list.begin(), list.end(), [](const auto& item) { return item.name.empty(); }) > 1)
    throw schema_error(fmt::format("{}: table \"{}\" has several unnamed {}s; which one is meant cannot be told", what,
                                   t.name, kind));
  return it;
}

// The item a drop names: by its name, or, for an unnamed one, by the definition the drop carries
// (a table may have several unnamed ones; without a definition, the first). An unnamed one that
// matches no definition is none (the end): another unnamed one is never dropped in its place.
template <class List, class Item>
auto dropped_item(List& list, const std::string& name, const std::optional<Item>& dropped) {
  if (name.empty() && dropped) return std::find(list.begin(), list.end(), *dropped);
  return find_named(list, name);
}

inline bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

inline void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  std::replace(names.begin(), names.end(), from, to);
}

// What of `t` already has the name `name` (its key, an index, a foreign key or a check); empty if
// nothing. Constraint names share one namespace per table in every supported database.
inline std::string_view holder_of_name(const table& t, const std::string& name) {
  if (name.empty()) return {};
  if (t.key && t.key->name == name) return "the primary key";
  if (find_named(t.indexes, name) != t.indexes.end()) return "an index";
  if (find_named(t.foreign_keys, name) != t.foreign_keys.end()) return "a foreign key";
  if (find_named(t.checks, name) != t.checks.end()) return "a check";
  return {};
}

}  // namespace tempest::detail
