#pragma once
// The names PostgreSQL gives the constraints and indexes it is not given names for: <t>_pkey,
// <t>_<columns>_key, <t>_<columns>_fkey, <t>_<column>_check or <t>_check, <t>_<column>_seq. A name
// that would pass 63 bytes is shortened by cutting the longer of its two name parts first, never the
// label; a name already taken gets a number after its label (<t>_pkey1). Written after the
// behaviour of makeObjectName, ChooseRelationName and ChooseConstraintName in PostgreSQL's
// src/backend/commands/indexcmds.c and src/backend/catalog/pg_constraint.c, and checked against a
// live server by tests/dialect_postgresql_names.cpp.

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/postgresql_tokens.hpp"
#include "tempest/schema/naming_convention.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest::postgresql_names {

// The first of name1_name2_label, name1_name2_label1, name1_name2_label2, … that is not in `taken`.
inline std::string choose(std::string_view name1, std::optional<std::string_view> name2, std::string_view label,
                          const std::set<std::string>& taken) {
  for (int pass = 0;; ++pass) {
    auto name = naming::postgresql_object_name(name1, name2, pass ? fmt::format("{}{}", label, pass) : std::string(label));
    if (!taken.count(name)) return name;
  }
}


// The columns of `t` that a check expression names, in the order they first appear: identifiers
// outside string literals that are neither called as functions nor follow `::` (a type name).
inline std::vector<std::string> columns_in(const table& t, std::string_view expression) {
  std::vector<std::string> found;
  bool after_cast = false;
  std::size_t i = 0;
  while (i < expression.size()) {
    char c = expression[i];
    std::string word;
    if (c == '\'') {
      i = postgresql_tokens::quoted_end(expression, i);
      after_cast = false;
      continue;
    }
    if ((c == 'e' || c == 'E') && i + 1 < expression.size() && expression[i + 1] == '\'') {
      i = postgresql_tokens::quoted_end(expression, i + 1, true);
      after_cast = false;
      continue;
    }
    if (c == '"') {
      auto end = postgresql_tokens::quoted_end(expression, i);
      for (std::size_t k = i + 1; k + 1 < end; ++k) {
        word += expression[k];
        if (expression[k] == '"') ++k;
      }
      i = end;
    } else if (postgresql_tokens::identifier_start(c)) {
      while (i < expression.size() && postgresql_tokens::identifier_char(expression[i]))
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(expression[i++])));
    } else {
      after_cast = c == ':' && i + 1 < expression.size() && expression[i + 1] == ':';
      i += after_cast ? 2 : 1;
      continue;
    }
    std::size_t next = i;
    while (next < expression.size() && std::isspace(static_cast<unsigned char>(expression[next]))) ++next;
    bool call = next < expression.size() && expression[next] == '(';
    if (!after_cast && !call && t.find_column(word) && std::find(found.begin(), found.end(), word) == found.end())
      found.push_back(word);
    after_cast = false;
  }
  return found;
}

// Gives every unnamed key, unique constraint, foreign key and check of `s` the name PostgreSQL
// chooses when it creates them. Names are chosen table by table, in the order PostgreSQL does within
// CREATE TABLE (checks, the key, unique constraints, foreign keys), avoiding every name the schema
// already holds; where two unnamed constraints of different tables would compete for a name, the
// tables' creation order decides, which this does not follow.
inline void name_unnamed(schema& s) {
  std::set<std::string> relations;    // tables, indexes, sequences, views: one namespace
  std::set<std::string> constraints;  // constraint names, unique in the schema too
  for (const auto& t : s.tables) {
    relations.insert(t.name);
    if (t.key && !t.key->name.empty()) relations.insert(t.key->name), constraints.insert(t.key->name);
    for (const auto& ix : t.indexes)
      if (!ix.name.empty()) relations.insert(ix.name), constraints.insert(ix.name);
    for (const auto& fk : t.foreign_keys)
      if (!fk.name.empty()) constraints.insert(fk.name);
    for (const auto& ck : t.checks)
      if (!ck.name.empty()) constraints.insert(ck.name);
    for (const auto& c : t.columns)
      if (c.autoincrement && c.identity == identity_kind::serial) relations.insert(naming::postgresql_object_name(t.name, c.name, "seq"));
  }
  for (const auto& object : s.unmanaged) relations.insert(object.name);
  auto both = [&] {
    std::set<std::string> all = relations;
    all.insert(constraints.begin(), constraints.end());
    return all;
  };
  for (auto& t : s.tables) {
    for (auto& ck : t.checks) {
      if (!ck.name.empty()) continue;
      auto columns = ck.allowed_values.empty() ? columns_in(t, ck.expression) : std::vector<std::string>{ck.column};
      ck.name = columns.size() == 1 ? choose(t.name, std::string_view(columns[0]), "check", constraints)
                                    : choose(t.name, std::nullopt, "check", constraints);
      constraints.insert(ck.name);
    }
    if (t.key && t.key->name.empty()) {
      t.key->name = choose(t.name, std::nullopt, "pkey", both());
      relations.insert(t.key->name), constraints.insert(t.key->name);
    }
    for (auto& ix : t.indexes) {
      if (!ix.name.empty() || !ix.unique) continue;
      ix.name = choose(t.name, naming::postgresql_column_part(ix.columns), "key", both());
      relations.insert(ix.name), constraints.insert(ix.name);
    }
    for (auto& fk : t.foreign_keys) {
      if (!fk.name.empty()) continue;
      fk.name = choose(t.name, naming::postgresql_column_part(fk.columns), "fkey", constraints);
      constraints.insert(fk.name);
    }
  }
}

}  // namespace tempest::postgresql_names
