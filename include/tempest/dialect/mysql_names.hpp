#pragma once
// The names MySQL and MariaDB give to what DDL leaves unnamed, so that stored_form() can tell what
// introspection will read back. Measured on MariaDB 10.11 (server code: make_unique_key_name,
// make_unique_constraint_name, InnoDB's dict_create_add_foreign_id):
//   - an index: its first column's name, or that name with _2, _3… when a key declared before it
//     already has it (compared case-insensitively; PRIMARY is never given);
//   - a foreign key: <table>_ibfk_<n>, numbered from 1 within CREATE TABLE, and from the highest
//     such number of the table + 1 when ALTER TABLE adds it;
//   - the index a foreign key needs when no key of the table starts with its columns: named like an
//     unnamed index, at the foreign key's place (or after the key, when the key has a name:
//     introspection leaves that one out, as InnoDB's);
//   - a check: CONSTRAINT_<n>, the n-th name that no check of the table has. (MySQL 8 names it
//     <table>_chk_<n> instead: not predicted, untested here.)
// mysql_dialect declares a table's keys in this order: primary key, named indexes, unnamed indexes,
// foreign keys, checks; create_schema adds the foreign keys of a reference cycle afterwards.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tempest/schema/table.hpp"

namespace tempest::detail {

inline bool same_name_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Names of the keys a table's CREATE TABLE has declared so far, as the server checks them.
class key_names {
 public:
  bool taken(std::string_view name) const {
    return same_name_ignoring_case(name, "PRIMARY") ||
           std::any_of(names_.begin(), names_.end(), [&](const std::string& n) { return same_name_ignoring_case(n, name); });
  }
  void add(std::string name) { names_.push_back(std::move(name)); }

  // The name the server gives an unnamed key whose first column is `column`.
  std::string next(const std::string& column) {
    std::string name = column;
    if (taken(name)) {
      std::string stem = column.substr(0, 61);
      for (int i = 2; taken(name); ++i) name = fmt::format("{}_{}", stem, i);
    }
    add(name);
    return name;
  }

 private:
  std::vector<std::string> names_;
};

// Whether a key of `t` (but the index named `except`) starts with `columns`, in order and whole (no
// prefix length), so that a foreign key on them needs no index of its own.
inline bool key_starts_with(const table& t, const std::vector<std::string>& columns, std::string_view except = {}) {
  auto leads = [&](const std::vector<std::string>& key) {
    return key.size() >= columns.size() && std::equal(columns.begin(), columns.end(), key.begin());
  };
  if (t.key && leads(t.key->columns)) return true;
  for (const auto& ix : t.indexes) {
    bool whole = std::none_of(ix.parts.begin(), ix.parts.end(), [](const key_part& p) { return p.prefix_length || p.expression; });
    if (whole && (except.empty() || ix.name != except) && leads(ix.columns)) return true;
  }
  return false;
}

// The number n of a foreign key named <table>_ibfk_<n>; 0 for any other name.
inline int ibfk_number(std::string_view table_name, std::string_view name) {
  std::string prefix = std::string(table_name) + "_ibfk_";
  if (name.size() <= prefix.size() || !name.starts_with(prefix)) return 0;
  int n = 0;
  for (char c : name.substr(prefix.size())) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || n > 100000000) return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

// RENAME TABLE renames the foreign keys the server named after the table (<from>_ibfk_<n> becomes
// <to>_ibfk_<n>); the indexes it made for them keep their names.
inline void rename_generated_foreign_keys(table& renamed, std::string_view from) {
  for (auto& fk : renamed.foreign_keys)
    if (int n = ibfk_number(from, fk.name)) fk.name = fmt::format("{}_ibfk_{}", renamed.name, n);
}

// Gives `t`'s unnamed indexes, foreign keys and checks the names the server will give them, and
// adds the indexes it makes for unnamed foreign keys. `added_later[i]` tells whether foreign key i
// is added by ALTER TABLE after the table is created (a reference cycle) rather than declared in it.
inline void name_as_mysql_does(table& t, const std::vector<bool>& added_later) {
  key_names keys;
  for (const auto& ix : t.indexes)
    if (!ix.name.empty()) keys.add(ix.name);
  for (auto& ix : t.indexes)
    if (ix.name.empty() && !ix.columns.empty()) ix.name = keys.next(ix.columns[0]);

  // CREATE TABLE numbers its unnamed foreign keys from 1; ALTER TABLE from the highest number + 1.
  int number = 0;
  auto declare = [&](foreign_key_def& fk) {
    const bool unnamed = fk.name.empty();
    if (unnamed) fk.name = fmt::format("{}_ibfk_{}", t.name, ++number);
    if (fk.columns.empty() || key_starts_with(t, fk.columns)) return;
    if (unnamed) t.indexes.push_back({keys.next(fk.columns[0]), fk.columns, false});
    else keys.add(fk.name);  // InnoDB's own index, named after the key: introspection leaves it out
  };
  auto later = [&](std::size_t i) { return i < added_later.size() && added_later[i]; };
  for (std::size_t i = 0; i < t.foreign_keys.size(); ++i)
    if (!later(i)) declare(t.foreign_keys[i]);
  for (std::size_t i = 0; i < t.foreign_keys.size(); ++i)
    if (!later(i)) number = std::max(number, ibfk_number(t.name, t.foreign_keys[i].name));
  for (std::size_t i = 0; i < t.foreign_keys.size(); ++i) {
    if (!later(i)) continue;
    declare(t.foreign_keys[i]);
    number = std::max(number, ibfk_number(t.name, t.foreign_keys[i].name));
  }

  std::vector<std::string> check_names;
  for (const auto& ck : t.checks)
    if (!ck.name.empty()) check_names.push_back(ck.name);
  int check_number = 0;
  for (auto& ck : t.checks) {
    if (!ck.name.empty()) continue;
    std::string name;
    do name = fmt::format("CONSTRAINT_{}", ++check_number);
    while (std::any_of(check_names.begin(), check_names.end(), [&](const std::string& n) { return same_name_ignoring_case(n, name); }));
    ck.name = name;
  }
}

}  // namespace tempest::detail
