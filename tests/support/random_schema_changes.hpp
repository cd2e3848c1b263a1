#pragma once
// The random changes that make S of C (random_schema.hpp), each one kept true of the rows of C:
// tables and columns added, columns dropped, types widened, nullability and defaults changed,
// indexes, foreign keys and checks added, dropped and renamed, primary keys replaced, enum values
// added, tables and columns renamed with a rename hint.

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "support/random_schema_tables.hpp"

namespace tempest_test::random_schema::detail {

class pair_generator : table_generator {
 public:
  using table_generator::table_generator;

  schema_pair run(std::uint64_t seed) {
    schema_pair out;
    out.seed = seed;
    for (int i = between(2, 5); i > 0; --i) add_random_table();
    for (int i = between(0, static_cast<int>(s_.tables.size()) + 1); i > 0; --i) add_random_foreign_key(pick(s_.tables));
    s_.normalise();
    out.current = s_;
    out.rows = rows_of(s_);

    building_current_ = false;
    for (auto& [name, state] : states_)
      for (const auto& [column_name, data] : state.data) state.column_origin[column_name] = column_name;
    for (int i = between(1, 6); i > 0; --i)
      for (int attempt = 0; attempt < 20; ++attempt)
        if (auto done = change(); !done.empty()) {
          out.changes.push_back(std::move(done));
          break;
        }
    drop_broken_options();
    drop_broken_foreign_keys();
    for (const auto& [name, state] : states_) {
      if (!state.origin.empty() && state.origin != name) s_.renames.push_back({name, "", state.origin});
      for (const auto& [column_name, from] : state.column_origin)
        if (column_name != from) s_.renames.push_back({name, column_name, from});
    }
    s_.normalise();
    out.target = s_;
    return out;
  }

 private:
  std::vector<table_rows> rows_of(const tempest::schema& s) const {
    std::vector<table_rows> out;
    for (const auto& t : s.tables) {
      table_rows rows{t.name, {}, {}};
      for (const auto& c : t.columns) rows.columns.push_back(c.name);
      for (int i = 0; i < options_.row_count; ++i) {
        auto& row = rows.rows.emplace_back();
        for (const auto& c : t.columns)
          row.push_back(i == 0 && states_.at(t.name).data.at(c.name).null_row ? tempest::sql_value{} : value_of(c.type, i));
      }
      out.push_back(std::move(rows));
    }
    return out;
  }

  // One random change to a random table; its description, or empty when it did not apply.
  std::string change() {
    std::string t = pick(s_.tables).name;
    using step = std::string (pair_generator::*)(const std::string&);
    static const std::vector<step> steps{
        &pair_generator::add_table,        &pair_generator::add_column,     &pair_generator::add_column,
        &pair_generator::drop_column,      &pair_generator::drop_column,    &pair_generator::widen_type,
        &pair_generator::change_nullable,  &pair_generator::change_default, &pair_generator::add_index,
        &pair_generator::drop_index,       &pair_generator::rename_index,   &pair_generator::add_foreign_key,
        &pair_generator::drop_foreign_key, &pair_generator::change_action,  &pair_generator::add_check,
        &pair_generator::drop_check,       &pair_generator::rename_column,  &pair_generator::rename_column,
        &pair_generator::rename_table,     &pair_generator::change_key,     &pair_generator::rename_constraint,
        &pair_generator::add_enum_value,   &pair_generator::change_collation, &pair_generator::change_options,
        &pair_generator::change_autoincrement,
    };
    return (this->*pick(steps))(t);
  }

  table& at(const std::string& name) { return *s_.find_table(name); }

  bool has_rows_filled(const std::string& t, const std::string& column_name) const {
    const auto& state = states_.at(t);
    return state.has_rows && !state.data.at(column_name).aligned;
  }

  std::string add_table(const std::string&) {
    auto name = add_random_table();
    if (chance(0.5)) add_random_foreign_key(at(name));
    return "add table " + name;
  }

  std::string add_column(const std::string& t) {
    column c = random_column(random_type());
    add_column_to(at(t), c);
    return fmt::format("add column {}.{}", t, c.name);
  }

  // Drops a column and whatever uses it: indexes, checks, foreign keys, the primary key.
  std::string drop_column(const std::string& t) {
    table& tab = at(t);
    if (tab.columns.size() < 2) return {};
    const std::string name = pick(tab.columns).name;
    auto uses = [&](const std::vector<std::string>& columns) { return std::find(columns.begin(), columns.end(), name) != columns.end(); };
    if (tab.key && uses(tab.key->columns)) tab.key.reset();
    std::erase_if(tab.indexes, [&](const tempest::index_def& ix) { return uses(ix.columns); });
    std::erase_if(tab.foreign_keys, [&](const tempest::foreign_key_def& fk) { return uses(fk.columns); });
    auto& state = states_.at(t);
    std::erase_if(tab.checks, [&](const tempest::check_def& ck) {
      auto spec = state.expression_checks.find(ck.name);
      return ck.column == name || (spec != state.expression_checks.end() && spec->second.column == name);
    });
    for (auto& other : s_.tables)
      std::erase_if(other.foreign_keys, [&](const tempest::foreign_key_def& fk) { return fk.referenced_table == t && uses(fk.referenced_columns); });
    std::erase_if(tab.columns, [&](const column& c) { return c.name == name; });
    state.data.erase(name);
    state.column_origin.erase(name);
    return fmt::format("drop column {}.{}", t, name);
  }

  // The columns tied to (t, c) by foreign keys, directly or through others: they change type together.
  std::vector<std::pair<std::string, std::string>> tied_columns(const std::string& t, const std::string& c) const {
    std::vector<std::pair<std::string, std::string>> out{{t, c}};
    for (std::size_t i = 0; i < out.size(); ++i)
      for (const auto& child : s_.tables)
        for (const auto& fk : child.foreign_keys)
          for (std::size_t j = 0; j < fk.columns.size(); ++j) {
            std::pair<std::string, std::string> from{child.name, fk.columns[j]}, to{fk.referenced_table, fk.referenced_columns[j]};
            if (out[i] == from && std::find(out.begin(), out.end(), to) == out.end()) out.push_back(to);
            if (out[i] == to && std::find(out.begin(), out.end(), from) == out.end()) out.push_back(from);
          }
    return out;
  }

  std::string widen_type(const std::string& t) {
    auto candidates = columns_where(at(t), [](const column& c) {
      return c.type.kind == type_kind::int16 || c.type.kind == type_kind::int32 || (c.type.kind == type_kind::string && c.type.length && *c.type.length < 255);
    });
    if (candidates.empty()) return {};
    const std::string name = pick(candidates);
    column_type type = at(t).find_column(name)->type;
    if (type.kind == type_kind::string) type.length = std::min(255, *type.length + between(1, 60));
    else type.kind = type.kind == type_kind::int16 && chance(0.5) ? type_kind::int32 : type_kind::int64;
    for (const auto& [table_name, column_name] : tied_columns(t, name)) at(table_name).find_column(column_name)->type = type;
    return fmt::format("widen {}.{} (and the columns tied to it by foreign keys) to {}", t, name, type);
  }

  bool in_key(const table& tab, const std::string& name) const {
    return tab.key && std::find(tab.key->columns.begin(), tab.key->columns.end(), name) != tab.key->columns.end();
  }

  // Nullable to NOT NULL (with a default, where the rows hold no NULL), or NOT NULL to nullable.
  std::string change_nullable(const std::string& t) {
    table& tab = at(t);
    auto candidates = columns_where(tab, [&](const column& c) { return !in_key(tab, c.name); });
    if (candidates.empty()) return {};
    column& c = *tab.find_column(pick(candidates));
    if (!c.nullable) {
      c.nullable = true;
      return fmt::format("make {}.{} nullable", t, c.name);
    }
    if (has_null(tab, c.name)) return {};
    for (const auto& fk : tab.foreign_keys)
      if (fk.on_delete == fk_action::set_null && std::find(fk.columns.begin(), fk.columns.end(), c.name) != fk.columns.end())
        return {};
    c.nullable = false;
    if (!c.default_value) set_random_default(c);
    return fmt::format("make {}.{} NOT NULL", t, c.name);
  }

  // Not on a column S adds to a table with rows: its rows hold the default it is added with.
  std::string change_default(const std::string& t) {
    column& c = pick(at(t).columns);
    if (has_rows_filled(t, c.name) || c.autoincrement) return {};
    if (c.default_value && chance(0.4)) {
      c.default_value.reset();
      return fmt::format("drop the default of {}.{}", t, c.name);
    }
    auto before = c.default_value;
    set_random_default(c);
    if (c.default_value == before) return {};
    return fmt::format("set the default of {}.{}", t, c.name);
  }

  std::string add_index(const std::string& t) {
    auto ix = random_index(at(t), chance(0.4));
    if (!ix) return {};
    at(t).indexes.push_back(*ix);
    return fmt::format("add {} to {}", *ix, t);
  }

  std::string drop_index(const std::string& t) {
    auto& indexes = at(t).indexes;
    if (indexes.empty()) return {};
    auto it = indexes.begin() + between(0, static_cast<int>(indexes.size()) - 1);
    auto description = fmt::format("drop {} of {}", *it, t);
    indexes.erase(it);
    return description;
  }

  std::string rename_index(const std::string& t) {
    auto& indexes = at(t).indexes;
    if (indexes.empty()) return {};
    auto& ix = pick(indexes);
    auto from = ix.name;
    ix.name = ix.unique && ix.parts.empty() && !from.empty() && chance(0.2) ? "" : fresh_name("ix", false);
    return fmt::format("rename index {} of {} to {}", from, t, ix.name);
  }

  std::string add_foreign_key(const std::string& t) {
    if (!add_random_foreign_key(at(t))) return {};
    return fmt::format("add {} to {}", at(t).foreign_keys.back(), t);
  }

  std::string drop_foreign_key(const std::string& t) {
    auto& fks = at(t).foreign_keys;
    if (fks.empty()) return {};
    auto it = fks.begin() + between(0, static_cast<int>(fks.size()) - 1);
    auto description = fmt::format("drop {} of {}", *it, t);
    fks.erase(it);
    return description;
  }

  std::string change_action(const std::string& t) {
    table& tab = at(t);
    if (tab.foreign_keys.empty()) return {};
    auto& fk = pick(tab.foreign_keys);
    auto action = pick(actions_for(tab, fk.columns));
    if (action == fk.on_delete) return {};
    auto changed = fk;
    changed.on_delete = action;
    if (!database_allows(tab, changed)) return {};
    fk.on_delete = action;
    return fmt::format("change {} of {} to ON DELETE {}", fk.name, t, action);
  }

  std::string add_check(const std::string& t) {
    if (!add_random_check(at(t))) return {};
    return fmt::format("add {} to {}", at(t).checks.back(), t);
  }

  std::string drop_check(const std::string& t) {
    auto& checks = at(t).checks;
    if (checks.empty()) return {};
    auto it = checks.begin() + between(0, static_cast<int>(checks.size()) - 1);
    auto description = fmt::format("drop {} of {}", *it, t);
    states_.at(t).expression_checks.erase(it->name);
    checks.erase(it);
    return description;
  }

  std::string rename_column(const std::string& t) {
    table& tab = at(t);
    const std::string from = pick(tab.columns).name, to = fresh_name("c", true);
    auto rename = [&](std::vector<std::string>& names) { std::replace(names.begin(), names.end(), from, to); };
    tab.find_column(from)->name = to;
    if (tab.key) rename(tab.key->columns);
    for (auto& ix : tab.indexes) rename(ix.columns);
    for (auto& fk : tab.foreign_keys) rename(fk.columns);
    for (auto& other : s_.tables)
      for (auto& fk : other.foreign_keys)
        if (fk.referenced_table == t) rename(fk.referenced_columns);
    auto& state = states_.at(t);
    for (auto& ck : tab.checks) {
      if (ck.column == from) ck.column = to;
      if (auto spec = state.expression_checks.find(ck.name); spec != state.expression_checks.end() && spec->second.column == from) {
        spec->second.column = to;
        ck.expression = check_expression(spec->second);
      }
    }
    state.data[to] = state.data.at(from);
    state.data.erase(from);
    if (auto origin = state.column_origin.find(from); origin != state.column_origin.end()) {
      state.column_origin[to] = origin->second;
      state.column_origin.erase(from);
    }
    return fmt::format("rename column {}.{} to {}", t, from, to);
  }

  std::string rename_table(const std::string& t) {
    const std::string to = fresh_name("t", true);
    at(t).name = to;
    for (auto& other : s_.tables)
      for (auto& fk : other.foreign_keys)
        if (fk.referenced_table == t) fk.referenced_table = to;
    auto state = states_.extract(t);
    state.key() = to;
    states_.insert(std::move(state));
    return fmt::format("rename table {} to {}", t, to);
  }

  // Drops the primary key, or gives the table another one.
  std::string change_key(const std::string& t) {
    table& tab = at(t);
    if (tab.key && chance(0.25)) {
      tab.key.reset();
      return fmt::format("drop the primary key of {}", t);
    }
    auto candidates = key_candidates(tab);
    if (candidates.empty()) return {};
    auto columns = some_of(candidates, 2);
    if (!distinct(tab, columns) || (tab.key && tab.key->columns == columns)) return {};
    set_primary_key(tab, columns);
    return fmt::format("give {} the {}", t, *tab.key);
  }

  std::string rename_constraint(const std::string& t) {
    table& tab = at(t);
    std::vector<std::pair<std::string*, std::string>> names;  // the name, and the prefix of a new one
    if (tab.key) names.emplace_back(&tab.key->name, "pk");
    for (auto& fk : tab.foreign_keys) names.emplace_back(&fk.name, "fk");
    for (auto& ck : tab.checks) names.emplace_back(&ck.name, "ck");
    if (names.empty()) return {};
    auto [name, prefix] = pick(names);
    const std::string from = *name, to = fresh_name(prefix, false);
    auto& checks = states_.at(t).expression_checks;
    if (auto spec = checks.find(from); spec != checks.end()) {
      checks[to] = spec->second;
      checks.erase(from);
    }
    *name = to;
    return fmt::format("rename constraint {} of {} to {}", from, t, to);
  }

  // A new value in an enum: at the end, or between two others.
  std::string add_enum_value(const std::string& t) {
    auto candidates = columns_where(at(t), [](const column& c) { return c.type.kind == type_kind::enumeration; });
    if (candidates.empty()) return {};
    const column_type before = at(t).find_column(pick(candidates))->type;
    auto values = before.values;
    auto label = fresh_name("n", false);
    values.insert(chance(0.6) ? values.end() : values.begin() + between(0, static_cast<int>(values.size())), label);
    for (auto& tab : s_.tables)
      for (auto& c : tab.columns)
        if (c.type == before && (!before.custom.empty() || tab.name == t)) c.type.values = values;
    for (auto& e : s_.enum_types)
      if (!before.custom.empty() && e.name == before.custom) e.values = values;
    return fmt::format("add the value {} to {}", label, before);
  }

  // A string column's collation, and that of the columns tied to it by foreign keys.
  std::string change_collation(const std::string& t) {
    auto candidates = columns_where(at(t), [](const column& c) { return c.type.kind == type_kind::string; });
    if (candidates.empty()) return {};
    const std::string name = pick(candidates);
    auto choices = collations();
    choices.push_back("");
    const std::string collation = pick(choices);
    if (collation == at(t).find_column(name)->collation) return {};
    for (const auto& [table_name, column_name] : tied_columns(t, name)) at(table_name).find_column(column_name)->collation = collation;
    return fmt::format("collate {}.{} (and the columns tied to it by foreign keys) {}", t, name, collation.empty() ? "by default" : collation);
  }

  // SQLite: WITHOUT ROWID or not; MySQL: the table's collation.
  std::string change_options(const std::string& t) {
    table& tab = at(t);
    if (on(tempest::dialect_kind::mysql)) {
      tab.collation = tab.collation.empty() ? "utf8mb4_bin" : "";
      return fmt::format("collate table {} {}", t, tab.collation.empty() ? "by default" : tab.collation);
    }
    if (!on(tempest::dialect_kind::sqlite) || !tab.key) return {};
    if (!tab.without_rowid && std::any_of(tab.columns.begin(), tab.columns.end(), [](const column& c) { return c.autoincrement; }))
      return {};
    tab.without_rowid = !tab.without_rowid;
    return fmt::format("make {} {}", t, tab.without_rowid ? "WITHOUT ROWID" : "a rowid table");
  }

  std::string change_autoincrement(const std::string& t) {
    table& tab = at(t);
    if (!tab.key || tab.key->columns.size() != 1) return {};
    const column& c = *tab.find_column(tab.key->columns.front());
    const bool was = c.autoincrement;
    set_autoincrement(tab, !was);
    if (c.autoincrement == was) return {};
    return fmt::format("{} autoincrement on {}.{}", was ? "drop" : "set", t, c.name);
  }

  // What a changed primary key leaves behind: autoincrement off a column that is no longer the
  // key, rowids back in a table without a key.
  void drop_broken_options() {
    for (auto& tab : s_.tables) {
      if (!tab.key) tab.without_rowid = false;
      for (auto& c : tab.columns)
        if (c.autoincrement && !can_autoincrement(tab, c)) c.autoincrement = false;
    }
  }

  // Foreign keys the changes broke: a referenced key that is no longer one, a type that no longer
  // matches (type, or collation), SET NULL on a column that became NOT NULL, what MariaDB refuses
  // (database_allows).
  void drop_broken_foreign_keys() {
    for (auto& child : s_.tables)
      std::erase_if(child.foreign_keys, [&](const tempest::foreign_key_def& fk) {
        const table* parent = s_.find_table(fk.referenced_table);
        if (!parent) return true;
        auto keys = keys_of(*parent);
        if (std::find(keys.begin(), keys.end(), fk.referenced_columns) == keys.end()) return true;
        for (std::size_t i = 0; i < fk.columns.size(); ++i) {
          const column* c = child.find_column(fk.columns[i]);
          const column* key = parent->find_column(fk.referenced_columns[i]);
          if (!c || c->type != key->type || effective_collation(child, *c) != effective_collation(*parent, *key)) return true;
          if (fk.on_delete == fk_action::set_null && !c->nullable) return true;
        }
        return !database_allows(child, fk);
      });
  }
};

}  // namespace tempest_test::random_schema::detail
