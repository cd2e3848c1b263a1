#pragma once
// The DDL that creates a whole schema: tables in dependency order, so that each foreign key refers to
// a table that already exists. Foreign keys inside a reference cycle are added once all the tables
// exist (SQLite, which does not check references at creation, keeps them inline), and on PostgreSQL so
// are those of a table to its own columns under a named unique index, created after its table. Enum types and
// unmanaged types and domains come first; other unmanaged objects (views, triggers…) last, as written,
// each after the unmanaged objects it depends on, and triggers after the rest (a trigger on a view
// needs the view).

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tempest/dialect/dialect.hpp"

namespace tempest {

namespace detail {

// The tables in the order create_schema creates them: each after the tables its foreign keys refer
// to, a reference cycle broken where it is found.
inline std::vector<const table*> creation_order(const schema& s) {
  std::vector<const table*> ordered;
  std::set<std::string> created;
  std::set<std::string> visiting;
  auto visit = [&](auto& self, const table& t) -> void {
    if (created.count(t.name) || visiting.count(t.name)) return;
    visiting.insert(t.name);
    for (const auto& fk : t.foreign_keys)
      if (const table* parent = s.find_table(fk.referenced_table); parent && parent != &t) self(self, *parent);
    visiting.erase(t.name);
    created.insert(t.name);
    ordered.push_back(&t);
  };
  for (const auto& t : s.tables) visit(visit, t);
  return ordered;
}

// Whether CREATE TABLE itself declares a key on exactly these columns (its primary key or an unnamed
// unique constraint; with `named_indexes`, a unique index too), so that a foreign key of the table
// to them can be declared in it too.
inline bool declared_key_of(const table& t, const std::vector<std::string>& columns, bool named_indexes = false) {
  auto same = [&](const std::vector<std::string>& key) {
    return std::is_permutation(key.begin(), key.end(), columns.begin(), columns.end());
  };
  if (t.key && same(t.key->columns)) return true;
  return std::any_of(t.indexes.begin(), t.indexes.end(), [&](const index_def& ix) {
    return ix.unique && (named_indexes || ix.name.empty()) && ix.predicate.empty() && !ix.has_expression() && same(ix.columns);
  });
}

}  // namespace detail

inline std::vector<std::string> create_schema(const dialect& d, const schema& s) {
  std::vector<const table*> ordered = detail::creation_order(s);
  std::vector<std::pair<std::string, foreign_key_def>> deferred;

  std::vector<std::string> statements;
  for (const auto& e : s.enum_types)
    if (auto statement = d.create_enum_type(e)) statements.push_back(std::move(*statement));
  // Unmanaged objects in their order, each after the ones it depends on.
  std::set<const unmanaged_object*> emitted;
  auto emit_unmanaged = [&](auto& self, const unmanaged_object& object, bool before_tables) -> void {
    if (object.before_tables != before_tables || !emitted.insert(&object).second) return;
    for (const auto& name : object.depends_on)
      for (const auto& other : s.unmanaged)
        if (other.name == name) self(self, other, before_tables);
    statements.push_back(object.ddl);
  };
  for (const auto& object : s.unmanaged) emit_unmanaged(emit_unmanaged, object, true);
  std::set<std::string> existing;
  bool inline_everything = d.kind() == dialect_kind::sqlite;
  for (const table* t : ordered) {
    table body = *t;
    if (!inline_everything) {
      std::erase_if(body.foreign_keys, [&](const foreign_key_def& fk) {
        // MySQL declares every index in CREATE TABLE (and refers to any indexed columns).
        bool later = fk.referenced_table == t->name
                         ? d.kind() == dialect_kind::postgresql && !detail::declared_key_of(*t, fk.referenced_columns)
                         : !existing.count(fk.referenced_table) && s.find_table(fk.referenced_table);
        if (later) deferred.emplace_back(t->name, fk);
        return later;
      });
    }
    for (auto& statement : d.create_table(body)) statements.push_back(std::move(statement));
    existing.insert(t->name);
  }
  for (const auto& [table_name, fk] : deferred)
    if (auto statement = d.add_foreign_key(table_name, fk)) statements.push_back(std::move(*statement));
  for (bool triggers : {false, true})
    for (const auto& object : s.unmanaged)
      if ((object.kind == "trigger") == triggers) emit_unmanaged(emit_unmanaged, object, false);
  return statements;
}

}  // namespace tempest
