#pragma once
// The tables of the random schema generator (random_schema.hpp): keys, indexes, checks and foreign
// keys that the rows of C satisfy and the database of the pair can hold, and whole new tables.

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "support/random_schema_parts.hpp"

namespace tempest_test::random_schema::detail {

class table_generator : protected generator {
 public:
  using generator::generator;

 protected:
  // An autoincrement column is the whole primary key, of an integer type (SQLite: INTEGER PRIMARY
  // KEY AUTOINCREMENT, in a table with rowids).
  bool can_autoincrement(const table& t, const column& c) const {
    if (!t.key || t.key->columns != std::vector<std::string>{c.name} || !tempest::is_integer(c.type.kind)) return false;
    return !on(tempest::dialect_kind::sqlite) || (c.type.kind == type_kind::int64 && !t.without_rowid);
  }
  void set_autoincrement(table& t, bool on_or_off) {
    if (!t.key || t.key->columns.size() != 1) return;
    column& c = *t.find_column(t.key->columns.front());
    if (on_or_off && (!can_autoincrement(t, c) || (on(tempest::dialect_kind::mysql) && checked(t, c.name)))) return;
    c.autoincrement = on_or_off;
    if (on_or_off) c.default_value.reset();
  }

  // Whether the rows hold distinct values in `columns` (NULLs never repeat in a unique index).
  bool distinct(const table& t, const std::vector<std::string>& columns) const {
    const auto& state = states_.at(t.name);
    if (!state.has_rows) return true;
    for (const auto& name : columns)
      if (state.data.at(name).aligned && t.find_column(name)->type.kind != type_kind::boolean) return true;
    return false;
  }
  bool has_null(const table& t, const std::string& column_name) const {
    const auto& state = states_.at(t.name);
    return state.has_rows && state.data.at(column_name).has_null();
  }

  // Columns a new primary key can have: keyable, never NULL in the rows.
  std::vector<std::string> key_candidates(const table& t) const {
    return columns_where(t, [&](const column& c) { return keyable(c.type) && !has_null(t, c.name); });
  }

  void set_primary_key(table& t, std::vector<std::string> columns) {
    for (const auto& name : columns) t.find_column(name)->nullable = false;
    t.key = tempest::primary_key_def{chance(0.2) ? "" : fresh_name("pk", false), std::move(columns)};
  }

  // An index over 1 to 3 columns of `t`: unique when `unique` and the rows allow it.
  std::optional<tempest::index_def> random_index(const table& t, bool unique) {
    auto candidates = columns_where(t, [&](const column& c) { return unique ? keyable(c.type) : indexable(c.type); });
    if (candidates.empty()) return std::nullopt;
    tempest::index_def ix{"", some_of(candidates, 3), unique};
    if (unique && !distinct(t, ix.columns)) return std::nullopt;
    for (const auto& other : t.indexes)
      if (other.columns == ix.columns) return std::nullopt;
    if (chance(0.3)) {
      for (std::size_t i = 0; i < ix.columns.size(); ++i) ix.parts.push_back({.descending = chance(0.5)});
      ix.normalise();
    }
    if (!unique || !ix.parts.empty() || !chance(0.15)) ix.name = fresh_name("ix", false);
    return ix;
  }

  // The numeric value row i holds in a numeric column, for judging checks.
  static double numeric_value(const column_type& type, int i) {
    auto v = value_of(type, i);
    if (auto* n = std::get_if<long long>(&v)) return static_cast<double>(*n);
    if (auto* d = std::get_if<double>(&v)) return *d;
    return std::stod(std::get<std::string>(v));
  }

  static bool holds(const check_spec& spec, double value) {
    if (spec.op == ">") return value > spec.bound;
    if (spec.op == ">=") return value >= spec.bound;
    if (spec.op == "<") return value < spec.bound;
    return value != spec.bound;
  }

  std::string check_expression(const check_spec& spec) const {
    return fmt::format("{} {} {}", dialect_.quote(spec.column), spec.op, spec.bound);
  }

  bool checked(const table& t, const std::string& column_name) const {
    const auto& specs = states_.at(t.name).expression_checks;
    return std::any_of(t.checks.begin(), t.checks.end(), [&](const tempest::check_def& ck) {
      auto spec = specs.find(ck.name);
      return ck.column == column_name || (spec != specs.end() && spec->second.column == column_name);
    });
  }
  static bool writes_child(const tempest::foreign_key_def& fk) {
    return fk.on_update == fk_action::cascade || fk.on_update == fk_action::set_null || fk.on_delete == fk_action::set_null;
  }
  // Whether a foreign key writes into the column (MariaDB allows no check on such a column).
  bool written_by_foreign_key(const table& t, const std::string& column_name) const {
    return std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const tempest::foreign_key_def& fk) {
      return writes_child(fk) && std::find(fk.columns.begin(), fk.columns.end(), column_name) != fk.columns.end();
    });
  }
  // What MariaDB refuses of a foreign key that writes into its columns: a check on one of them, and
  // ON UPDATE CASCADE from a nullable key into a NOT NULL column.
  bool database_allows(const table& child, const tempest::foreign_key_def& fk) const {
    if (!on(tempest::dialect_kind::mysql) || !writes_child(fk)) return true;
    const table* parent = s_.find_table(fk.referenced_table);
    for (std::size_t i = 0; i < fk.columns.size(); ++i) {
      if (checked(child, fk.columns[i])) return false;
      if (fk.on_update == fk_action::cascade && parent && !child.find_column(fk.columns[i])->nullable &&
          parent->find_column(fk.referenced_columns[i])->nullable)
        return false;
    }
    return true;
  }

  // Adds a check that every row satisfies: `"col" op n` on a numeric column, or an allowed-values
  // check on a string column.
  bool add_random_check(table& t) {
    auto& state = states_.at(t.name);
    const bool mysql = on(tempest::dialect_kind::mysql);
    if (chance(0.6)) {
      auto candidates = columns_where(t, [&](const column& c) {
        return numeric(c.type) && !(mysql && (written_by_foreign_key(t, c.name) || c.autoincrement));
      });
      if (candidates.empty()) return false;
      const column& c = *t.find_column(pick(candidates));
      static const std::vector<std::pair<std::string, int>> forms{{">", 0}, {">=", -5}, {"<", 1000}, {"<>", 500}, {">", -100}};
      auto [op, bound] = pick(forms);
      check_spec spec{c.name, op, bound};
      const auto& data = state.data.at(c.name);
      if (state.has_rows && data.aligned)
        for (int i = data.null_row ? 1 : 0; i < options_.row_count; ++i)
          if (!holds(spec, numeric_value(c.type, i))) return false;
      if (state.has_rows && !data.aligned && data.fill && !holds(spec, std::stod(*data.fill))) return false;
      auto name = fresh_name("ck", false);
      t.checks.push_back({name, check_expression(spec), {}, {}});
      state.expression_checks[name] = spec;
      return true;
    }
    auto candidates = columns_where(t, [&](const column& c) {
      return c.type.kind == type_kind::string && !(mysql && written_by_foreign_key(t, c.name));
    });
    if (candidates.empty()) return false;
    const column& c = *t.find_column(pick(candidates));
    std::set<std::string> values{"x", "it's"};
    const auto& data = state.data.at(c.name);
    for (int i = 0; i < options_.row_count; ++i) values.insert(std::get<std::string>(value_of(c.type, i)));
    if (data.fill) values.insert(*data.fill);
    t.checks.push_back({chance(0.2) ? "" : fresh_name("ck", false), "", c.name, {values.begin(), values.end()}});
    return true;
  }

  // The column lists of `t` a foreign key can refer to: its primary key and its plain unique indexes.
  std::vector<std::vector<std::string>> keys_of(const table& t) const {
    std::vector<std::vector<std::string>> out;
    if (t.key) out.push_back(t.key->columns);
    for (const auto& ix : t.indexes)
      if (ix.unique && ix.parts.empty() && ix.predicate.empty()) out.push_back(ix.columns);
    std::erase_if(out, [&](const std::vector<std::string>& key) {
      return std::any_of(key.begin(), key.end(), [&](const std::string& c) { return !keyable(t.find_column(c)->type); });
    });
    return out;
  }

  std::vector<fk_action> actions_for(const table& t, const std::vector<std::string>& columns) const {
    std::vector<fk_action> out{fk_action::no_action, fk_action::restrict, fk_action::cascade};
    if (std::all_of(columns.begin(), columns.end(), [&](const std::string& c) { return t.find_column(c)->nullable; }))
      out.push_back(fk_action::set_null);
    if (!on(tempest::dialect_kind::mysql)) out.push_back(fk_action::set_default);
    return out;
  }

  // Whether the rows of `child` satisfy a foreign key from `columns` to `key` of `parent`: the child
  // has no rows, or one of the columns is NULL in every row, or row i refers to row i of the parent.
  bool rows_match(const table& child, const std::vector<std::string>& columns, const table& parent,
                  const std::vector<std::string>& key) const {
    const auto& c = states_.at(child.name);
    const auto& p = states_.at(parent.name);
    if (!c.has_rows) return true;
    for (const auto& name : columns)
      if (!c.data.at(name).aligned && !c.data.at(name).fill) return true;
    if (!p.has_rows) return false;
    for (const auto& name : columns)
      if (!c.data.at(name).aligned) return false;
    for (const auto& name : key)
      if (!p.data.at(name).aligned || p.data.at(name).null_row) return false;
    return true;
  }

  // Adds a foreign key from `child` (to itself, sometimes) that its rows satisfy, on columns it
  // has or on new ones.
  bool add_random_foreign_key(table& child) {
    std::string parent_name = chance(0.2) ? child.name : pick(s_.tables).name;
    auto keys = keys_of(*s_.find_table(parent_name));
    if (keys.empty()) return false;
    const auto key = pick(keys);
    std::vector<std::string> columns;
    for (const auto& key_column : key) {
      const column_type type = s_.find_table(parent_name)->find_column(key_column)->type;
      const table& parent_table = *s_.find_table(parent_name);
      const std::string collation = effective_collation(parent_table, *parent_table.find_column(key_column));
      auto candidates = columns_where(child, [&](const column& c) {
        return c.type == type && effective_collation(child, c) == collation &&
               std::find(columns.begin(), columns.end(), c.name) == columns.end() &&
               !(parent_name == child.name && std::find(key.begin(), key.end(), c.name) != key.end());
      });
      if (candidates.empty() || chance(0.4)) {
        column c = random_column(type);
        c.collation = collation;
        if (effective_collation(child, c) != collation) return false;  // the database's default, under a table collation
        add_column_to(child, c);
        columns.push_back(c.name);
      } else {
        columns.push_back(pick(candidates));
      }
    }
    const table& parent = *s_.find_table(parent_name);
    if (!rows_match(child, columns, parent, key)) return false;
    tempest::foreign_key_def fk{chance(0.2) ? "" : fresh_name("fk", false), columns, parent_name, key};
    fk.on_delete = pick(actions_for(child, columns));
    if (chance(0.2)) fk.on_update = fk_action::cascade;
    if (!database_allows(child, fk)) fk.on_update = fk_action::no_action;
    if (!database_allows(child, fk)) fk.on_delete = fk_action::no_action;
    if ((on(tempest::dialect_kind::postgresql) || on(tempest::dialect_kind::sqlite)) && chance(0.1))
      fk.deferrable = chance(0.5) ? tempest::deferrability::initially_deferred : tempest::deferrability::initially_immediate;
    child.foreign_keys.push_back(std::move(fk));
    return true;
  }

  // A new table: columns, usually a primary key, some indexes and checks. Returns its name.
  std::string add_random_table() {
    table fresh;
    fresh.name = fresh_name("t", true);
    states_[fresh.name] = table_state{building_current_ ? fresh.name : "", building_current_, {}, {}, {}};
    s_.tables.push_back(std::move(fresh));
    table& t = s_.tables.back();
    for (int i = between(2, 6); i > 0; --i) add_column_to(t, random_column(random_type()));
    if (chance(0.85)) {
      auto candidates = key_candidates(t);
      if (candidates.empty()) {
        column id = random_column(column_type::of(type_kind::int64));
        id.nullable = false;
        add_column_to(t, id);
        candidates = {id.name};
      }
      set_primary_key(t, some_of(candidates, chance(0.3) ? 2 : 1));
      if (on(tempest::dialect_kind::sqlite) && chance(0.1)) t.without_rowid = true;
      if (chance(0.25)) set_autoincrement(t, true);
    }
    if (on(tempest::dialect_kind::mysql) && chance(0.1)) t.collation = "utf8mb4_bin";
    for (bool unique : {true, false})
      if (chance(unique ? 0.4 : 0.5))
        if (auto ix = random_index(t, unique)) t.indexes.push_back(std::move(*ix));
    if (chance(0.5)) add_random_check(t);
    return t.name;
  }
};

}  // namespace tempest_test::random_schema::detail
