#pragma once
// The schema IR: plain data that models reflect into, databases are introspected into, and the
// differ compares.

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/schema/table.hpp"

namespace tempest {

// A PostgreSQL CREATE TYPE … AS ENUM. (MySQL's ENUM is a column type with its labels inline.)
struct enum_type_def {
  std::string name;
  std::vector<std::string> values;  // in order

  friend bool operator==(const enum_type_def&, const enum_type_def&) = default;
};

// Something introspection found that tempest does not model: a view, a trigger, a function, a
// domain, a FULLTEXT index, an exclusion constraint… It is kept by name with the DDL that recreates
// it, so that nothing is lost silently: later steps leave it alone, and rendering a schema recreates
// it in its place (types and domains before the tables, everything else after them).
struct unmanaged_object {
  std::string kind;   // "view", "trigger", "function", "domain", "type", "fulltext index", …
  std::string name;
  std::string table;  // the table it belongs to, if any
  std::string ddl;    // the statement that creates it, as the database gives it
  bool before_tables = false;
  // Names of other unmanaged objects it needs (a view on a view, a partition of its table):
  // create_schema creates those first.
  std::vector<std::string> depends_on;

  std::string warning() const {
    return table.empty() ? fmt::format("{} \"{}\" is not managed by tempest: it is left as it is", kind, name)
                         : fmt::format("{} \"{}\" on table \"{}\" is not managed by tempest: it is left as it is",
                                       kind, name, table);
  }
  friend bool operator==(const unmanaged_object&, const unmanaged_object&) = default;
};

// A model's word that a table or a column had another name (tempest::renamed_from): the differ
// renames it instead of dropping the old and adding the new. Not part of what a schema is: two
// schemas that differ only in their hints compare equal.
struct rename_hint {
  std::string table;   // the table's name now
  std::string column;  // the column's name now; empty: the hint is for the table itself
  std::string from;    // the name it had

  friend bool operator==(const rename_hint&, const rename_hint&) = default;
};

struct schema {
  std::vector<table> tables;  // sorted by name (see normalise)
  std::vector<enum_type_def> enum_types;  // sorted by name
  std::vector<unmanaged_object> unmanaged;  // sorted by kind, table and name
  std::vector<rename_hint> renames;  // from the models; introspection and replay leave it empty

  const table* find_table(std::string_view name) const {
    auto it = std::find_if(tables.begin(), tables.end(), [&](const table& t) { return t.name == name; });
    return it == tables.end() ? nullptr : &*it;
  }
  table* find_table(std::string_view name) { return const_cast<table*>(std::as_const(*this).find_table(name)); }

  const enum_type_def* find_enum_type(std::string_view name) const {
    auto it = std::find_if(enum_types.begin(), enum_types.end(), [&](const enum_type_def& e) { return e.name == name; });
    return it == enum_types.end() ? nullptr : &*it;
  }

  // One warning per unmanaged object: what introspection found and leaves alone.
  std::vector<std::string> warnings() const {
    std::vector<std::string> out;
    for (const auto& object : unmanaged) out.push_back(object.warning());
    return out;
  }

  void normalise() {
    for (auto& t : tables) t.normalise();
    std::sort(tables.begin(), tables.end(), [](const table& a, const table& b) { return a.name < b.name; });
    std::sort(enum_types.begin(), enum_types.end(),
              [](const enum_type_def& a, const enum_type_def& b) { return a.name < b.name; });
    std::sort(unmanaged.begin(), unmanaged.end(), [](const unmanaged_object& a, const unmanaged_object& b) {
      return std::tie(a.kind, a.table, a.name) < std::tie(b.kind, b.table, b.name);
    });
  }

  friend bool operator==(const schema& a, const schema& b) {
    return a.tables == b.tables && a.enum_types == b.enum_types && a.unmanaged == b.unmanaged;
  }
};

}  // namespace tempest

template <>
struct fmt::formatter<tempest::schema> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::schema& s, FormatContext& ctx) const {
    auto out = ctx.out();
    for (const auto& e : s.enum_types) out = fmt::format_to(out, "enum type {} ('{}')\n", e.name, fmt::join(e.values, "', '"));
    for (const auto& t : s.tables) out = fmt::format_to(out, "{}", t);
    for (const auto& u : s.unmanaged)
      out = fmt::format_to(out, "unmanaged {} {}{}\n", u.kind, u.name, u.table.empty() ? "" : " on " + u.table);
    return out;
  }
};
