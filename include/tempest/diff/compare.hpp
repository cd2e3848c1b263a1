#pragma once
// Comparing one table as it is with the table as it should be, into operations sorted by the phase
// they run in (see diff.hpp for the order and why).
//
// Constraints and indexes are matched by what they are, not only by name: one that differs only in
// its name is renamed, never dropped and added.

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "tempest/diff/findings.hpp"
#include "tempest/diff/options.hpp"
#include "tempest/diff/sql_text.hpp"
#include "tempest/ops/lookup.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest::detail {

// Operations by the phase they run in.
struct diff_phases {
  std::vector<operation> enum_types;        // create or change enum types, before the columns using them
  std::vector<operation> table_renames;
  std::vector<operation> drop_foreign_keys;  // before anything they depend on changes
  std::vector<operation> drops;              // checks, indexes, primary keys
  std::vector<operation> renames;            // columns, indexes, constraints
  std::vector<operation> create_tables;      // without their foreign keys
  std::vector<operation> columns;            // add, alter, drop columns; table options
  std::vector<operation> adds;               // primary keys, indexes, checks
  std::vector<operation> late_create_tables;  // SQLite: with foreign keys to keys added in `adds`
  std::vector<operation> add_foreign_keys;   // last: every table they refer to exists by then
  std::vector<diff_finding> findings;

  // The rename of foreign key `name` of table `table_name` among `renames`, or renames.end().
  std::vector<operation>::iterator foreign_key_rename(const std::string& table_name, const std::string& name) {
    return std::find_if(renames.begin(), renames.end(), [&](const operation& o) {
      const auto* r = std::get_if<op::rename_constraint>(&o);
      return r && r->table_name == table_name && r->kind == op::constraint_kind::foreign_key && r->from == name;
    });
  }

  std::vector<operation> in_order() && {
    std::vector<operation> out;
    for (auto* phase : {&enum_types, &table_renames, &drop_foreign_keys, &drops, &renames, &create_tables, &columns,
                        &adds, &late_create_tables, &add_foreign_keys})
      for (auto& o : *phase) out.push_back(std::move(o));
    return out;
  }
};

class table_comparison {
 public:
  table_comparison(const table& current, const table& target, const diff_options& options, diff_phases& out)
      : cur_(current), tgt_(target), options_(options), out_(out) {}

  // Columns whose type changes, and whether the primary key is replaced: foreign keys that use them
  // are dropped before and added again after (diff.hpp).
  std::set<std::string> disturbed_columns;
  // The columns of the unique indexes dropped: a foreign key that refers to them may depend on one.
  std::vector<std::set<std::string>> dropped_unique_keys;

  void run() {
    compare_columns();
    compare_key();
    compare_indexes();
    compare_foreign_keys();
    compare_checks();
    if (kind() == dialect_kind::mysql) reattach_foreign_keys_losing_their_index();
    // With rowids while its key changes (compare_key), a table is not WITHOUT ROWID here.
    const bool without_rowid_before = cur_.without_rowid && !rowids_from_drops_;
    const bool without_rowid_after = tgt_.without_rowid && !rowids_until_key_;
    if (cur_.collation != tgt_.collation || cur_.strict != tgt_.strict || without_rowid_before != without_rowid_after)
      out_.columns.push_back(op::alter_table_options{tgt_.name, tgt_.collation, tgt_.strict, without_rowid_after, {}});
    // MariaDB changes no column's collation under a foreign key, and a new table collation is the
    // new collation of every text column that has none of its own.
    if (kind() == dialect_kind::mysql && cur_.collation != tgt_.collation)
      for (const auto& c : tgt_.columns)
        if (c.collation.empty() && (c.type.kind == type_kind::string || c.type.kind == type_kind::enumeration))
          disturbed_columns.insert(c.name);
  }

  // The comparable form of an index, a foreign key and a check: everything but the name.
  static std::string shape(const index_def& ix, dialect_kind kind) {
    index_def copy = ix;
    copy.name.clear();
    for (std::size_t i = 0; i < copy.columns.size(); ++i)
      if (!copy.is_plain_part(i) && copy.parts[i].expression) copy.columns[i] = comparable_sql(copy.columns[i], kind);
    if (!copy.predicate.empty()) copy.predicate = comparable_sql(copy.predicate, kind);
    return fmt::format("{}", copy);
  }
  static std::string shape(const foreign_key_def& fk, dialect_kind) {
    foreign_key_def copy = fk;
    copy.name.clear();
    return fmt::format("{}", copy);
  }
  static std::string shape(const check_def& ck, dialect_kind kind) { return comparable_condition(ck, kind); }

 private:
  dialect_kind kind() const { return options_.dialect.value_or(dialect_kind::postgresql); }

  static bool same_enum_type(const column_type& a, const column_type& b) {
    return a.kind == type_kind::enumeration && b.kind == type_kind::enumeration && !a.custom.empty() && a.custom == b.custom;
  }

  static bool same_generated(const std::optional<generated_column>& a, const std::optional<generated_column>& b,
                             dialect_kind kind) {
    if (!a || !b) return !a && !b;
    return a->stored == b->stored && comparable_sql(a->expression, kind) == comparable_sql(b->expression, kind);
  }

  void compare_columns() {
    for (const auto& want : tgt_.columns) {
      const column* have = cur_.find_column(want.name);
      if (!have) {
        out_.columns.push_back(op::add_column{tgt_.name, want});
        continue;
      }
      if (!same_generated(have->generated, want.generated, kind())) {
        // A generated column holds nothing of its own; a column that becomes or stops being one
        // loses what it held either way, which the drop says.
        out_.columns.push_back(op::drop_column{tgt_.name, want.name, {}});
        out_.columns.push_back(op::add_column{tgt_.name, want});
        continue;
      }
      column have_as_wanted = *have;
      have_as_wanted.generated = want.generated;
      // A column of a named enum type holds what the type holds: a change of its values is the
      // type's change (compare_enum_types), not the column's.
      if (same_enum_type(have->type, want.type)) have_as_wanted.type = want.type;
      if (have_as_wanted == want) continue;
      bool type = have_as_wanted.type != want.type, nullable = have->nullable != want.nullable,
           default_value = have->default_value != want.default_value;
      if (type || (kind() == dialect_kind::mysql && have->collation != want.collation)) disturbed_columns.insert(want.name);
      column rest = have_as_wanted;
      rest.type = want.type;
      rest.nullable = want.nullable;
      rest.default_value = want.default_value;
      rest.generated = want.generated;
      if (rest == want) {
        op::alter_column alter{tgt_.name, want.name, {}, {}, {}, {}, {}};
        if (type) alter.type = want.type;
        if (nullable) alter.nullable = want.nullable;
        if (default_value) alter.default_value = want.default_value;
        out_.columns.push_back(std::move(alter));
      } else if (want.autoincrement && !have->autoincrement && !same_key()) {
        // An autoincrement column must be the key while it is one (MariaDB, SQLite): it becomes
        // one after the new key is added (compare_key), and changes in anything else here.
        column first = want;
        first.autoincrement = false;
        if (first != *have) out_.columns.push_back(op::alter_column{tgt_.name, want.name, {}, {}, {}, {}, first});
        autoincrement_starts_.push_back(want);
      } else if (have->autoincrement && !want.autoincrement) {
        // Likewise, a key that goes is dropped right after the column stops being autoincrement;
        // a column of that key can only become nullable after it.
        column first = want;
        first.nullable = want.nullable && !(cur_.key && contains(cur_.key->columns, want.name));
        out_.columns.push_back(op::alter_column{tgt_.name, want.name, {}, {}, {}, {}, first});
        autoincrement_ends_at_ = out_.columns.size();
        if (first.nullable != want.nullable) out_.columns.push_back(op::alter_column{tgt_.name, want.name, {}, true, {}, {}, {}});
      } else {
        out_.columns.push_back(op::alter_column{tgt_.name, want.name, {}, {}, {}, {}, want});
      }
    }
    std::vector<const column*> dropped;
    for (const auto& have : cur_.columns)
      if (!tgt_.find_column(have.name)) {
        dropped.push_back(&have);
        if (have.autoincrement) {  // not autoincrement first, while it is still the key (see above)
          column released = have;
          released.autoincrement = false;
          out_.drops.push_back(op::alter_column{tgt_.name, have.name, {}, {}, {}, {}, released});
        }
        out_.columns.push_back(op::drop_column{tgt_.name, have.name, {}});
      }
    for (const column* gone : dropped)
      for (const auto& want : tgt_.columns)
        if (!cur_.find_column(want.name) && want.type == gone->type)
          out_.findings.push_back({diff_finding::kind::possible_rename, tgt_.name, want.name,
                                   fmt::format("column {}.{} is dropped and column {}.{} of the same type {} is added: "
                                               "if it was renamed, say tempest::renamed_from(\"{}\") on the field, or "
                                               "the data of {}.{} is lost",
                                               tgt_.name, gone->name, tgt_.name, want.name, want.type, gone->name,
                                               tgt_.name, gone->name)});
  }

  void compare_key() {
    const auto& have = cur_.key;
    const auto& want = tgt_.key;
    if (have && want && have->columns == want->columns) {
      if (have->name != want->name && options_.rename_constraints)
        out_.renames.push_back(op::rename_constraint{tgt_.name, op::constraint_kind::primary_key, have->name, want->name});
      return;
    }
    if (!have && !want) return;
    if (have) {
      // SQLite has no WITHOUT ROWID table without a key: the table has rowids from before its key
      // is dropped until its new key is added, if it is to be WITHOUT ROWID then.
      if (cur_.without_rowid) {
        rowids_from_drops_ = true;
        out_.drops.push_back(op::alter_table_options{tgt_.name, cur_.collation, cur_.strict, false, {}});
      }
      if (autoincrement_ends_at_)
        out_.columns.insert(out_.columns.begin() + static_cast<std::ptrdiff_t>(*autoincrement_ends_at_),
                            op::drop_primary_key{tgt_.name, {}});
      else
        out_.drops.push_back(op::drop_primary_key{tgt_.name, {}});
      key_replaced = true;
      for (const auto& c : have->columns) disturbed_columns.insert(c);
    }
    if (!want) return;
    auto& after_key = autoincrement_starts_.empty() ? out_.adds : out_.columns;
    after_key.push_back(op::add_primary_key{tgt_.name, *want});
    for (const auto& c : autoincrement_starts_) after_key.push_back(op::alter_column{tgt_.name, c.name, {}, {}, {}, {}, c});
    rowids_until_key_ = tgt_.without_rowid;
    if (rowids_until_key_)
      after_key.push_back(op::alter_table_options{tgt_.name, tgt_.collation, tgt_.strict, true, {}});
  }

  bool same_key() const { return cur_.key && tgt_.key && cur_.key->columns == tgt_.key->columns; }

 public:
  bool key_replaced = false;

 private:
  // Pairs `have` with `want`: by name first (a changed definition is dropped and added), then the
  // rest by shape (renamed, or left as it is under rename_constraints = false); what is left over
  // is dropped or added.
  template <class Item, class Drop, class Add, class Rename>
  void pair_up(const std::vector<Item>& have, const std::vector<Item>& want, Drop drop, Add add, Rename rename) {
    std::vector<bool> have_used(have.size()), want_used(want.size());
    const auto unnamed = std::count_if(have.begin(), have.end(), [](const Item& item) { return item.name.empty(); });
    for (std::size_t w = 0; w < want.size(); ++w)
      for (std::size_t h = 0; h < have.size(); ++h)
        if (!have_used[h] && !want[w].name.empty() && have[h].name == want[w].name) {
          have_used[h] = want_used[w] = true;
          if (shape(have[h], kind()) != shape(want[w], kind())) {
            drop(have[h]);
            add(want[w]);
          }
          break;
        }
    for (std::size_t w = 0; w < want.size(); ++w) {
      if (want_used[w]) continue;
      for (std::size_t h = 0; h < have.size(); ++h)
        if (!have_used[h] && shape(have[h], kind()) == shape(want[w], kind())) {
          have_used[h] = want_used[w] = true;
          if (have[h].name == want[w].name || !options_.rename_constraints) break;
          // A rename names what it renames: one of several unnamed items cannot be, so it is
          // dropped (by what it is) and added under its name.
          if (have[h].name.empty() && unnamed > 1) {
            drop(have[h]);
            add(want[w]);
          } else {
            rename(have[h], want[w]);
          }
          break;
        }
    }
    for (std::size_t h = 0; h < have.size(); ++h)
      if (!have_used[h]) drop(have[h]);
    for (std::size_t w = 0; w < want.size(); ++w)
      if (!want_used[w]) add(want[w]);
  }

  void compare_indexes() {
    pair_up(
        cur_.indexes, tgt_.indexes,
        [&](const index_def& ix) {
          dropped_indexes_.insert(ix.name);
          if (ix.unique && ix.predicate.empty() && !ix.has_expression())
            dropped_unique_keys.emplace_back(ix.columns.begin(), ix.columns.end());
          out_.drops.push_back(op::drop_index{tgt_.name, ix.name, ix});
        },
        [&](const index_def& ix) { out_.adds.push_back(op::create_index{tgt_.name, ix}); },
        [&](const index_def& from, const index_def& to) {
          out_.renames.push_back(op::rename_index{tgt_.name, from.name, to.name});
        });
  }

  void compare_foreign_keys() {
    pair_up(
        cur_.foreign_keys, tgt_.foreign_keys,
        [&](const foreign_key_def& fk) { out_.drop_foreign_keys.push_back(op::drop_foreign_key{tgt_.name, fk.name, fk}); },
        [&](const foreign_key_def& fk) { out_.add_foreign_keys.push_back(op::add_foreign_key{tgt_.name, fk}); },
        [&](const foreign_key_def& from, const foreign_key_def& to) {
          out_.renames.push_back(op::rename_constraint{tgt_.name, op::constraint_kind::foreign_key, from.name, to.name});
        });
  }

  void compare_checks() {
    pair_up(
        cur_.checks, tgt_.checks, [&](const check_def& ck) { out_.drops.push_back(op::drop_check{tgt_.name, ck.name, ck}); },
        [&](const check_def& ck) { out_.adds.push_back(op::add_check{tgt_.name, ck}); },
        [&](const check_def& from, const check_def& to) {
          out_.renames.push_back(op::rename_constraint{tgt_.name, op::constraint_kind::check, from.name, to.name});
        });
  }

  std::optional<std::size_t> autoincrement_ends_at_;  // in out_.columns: just after that change
  std::vector<column> autoincrement_starts_;          // columns that become autoincrement with the new key
  bool rowids_from_drops_ = false, rowids_until_key_ = false;  // WITHOUT ROWID around a key change

  // MySQL refuses to drop the index a foreign key uses ("needed in a foreign key constraint") when
  // no other index starts with its columns. Such a foreign key is dropped before and added again
  // after; InnoDB then makes an index of its own for it, named after it (introspection hides it).
  void reattach_foreign_keys_losing_their_index() {
    if (dropped_indexes_.empty()) return;
    auto serves = [](const std::vector<std::string>& columns, const std::vector<std::string>& fk_columns) {
      return columns.size() >= fk_columns.size() && std::equal(fk_columns.begin(), fk_columns.end(), columns.begin());
    };
    for (const auto& fk : cur_.foreign_keys) {
      // It stays, or is renamed: a rename is a drop and an add on MySQL anyway, and comes too late.
      auto rename = out_.foreign_key_rename(tgt_.name, fk.name);
      foreign_key_def wanted = fk;
      if (rename != out_.renames.end()) wanted.name = std::get<op::rename_constraint>(*rename).to;
      if (std::find(tgt_.foreign_keys.begin(), tgt_.foreign_keys.end(), wanted) == tgt_.foreign_keys.end()) continue;
      bool used_by_dropped = false, kept = cur_.key && !key_replaced && serves(cur_.key->columns, fk.columns);
      for (const auto& ix : cur_.indexes) {
        if (!serves(ix.columns, fk.columns) || ix.has_expression()) continue;
        (dropped_indexes_.count(ix.name) ? used_by_dropped : kept) = true;
      }
      if (!used_by_dropped || kept) continue;
      if (rename != out_.renames.end()) out_.renames.erase(rename);
      out_.drop_foreign_keys.push_back(op::drop_foreign_key{tgt_.name, fk.name, fk});
      out_.add_foreign_keys.push_back(op::add_foreign_key{tgt_.name, wanted});
    }
  }

  std::set<std::string> dropped_indexes_;
  const table& cur_;
  const table& tgt_;
  const diff_options& options_;
  diff_phases& out_;
};

}  // namespace tempest::detail
