#pragma once
// diff(current, target, options): the operations that turn the schema `current` into `target`, in
// an order every database accepts, each with its safety class.
//
// The order:
//   1. enum types created or changed, before the columns that use them;
//   2. tables renamed (renamed_from hints), so that everything after uses the new names;
//   3. foreign keys dropped: those that go or change, and those that would stand in the way of a
//      change below (a referenced key replaced, a column of theirs changing type);
//   4. checks, indexes and primary keys dropped;
//   5. columns, indexes and constraints renamed;
//   6. tables created, without their foreign keys (on SQLite with them: it only declares them there);
//   7. columns added, altered and dropped; table options;
//   8. primary keys, indexes and checks added;
//   9. foreign keys added: every table exists by then, so cycles of foreign keys need nothing more.
// Tables are never dropped: a table of `current` that `target` lacks is reported and left alone,
// and so are tables the options do not compare and the unmanaged objects introspection found.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "tempest/diff/compare.hpp"
#include "tempest/diff/describe.hpp"
#include "tempest/diff/safety.hpp"
#include "tempest/dialect/apply_as_stored.hpp"
#include "tempest/dialect/create_schema.hpp"
#include "tempest/dialect/registry.hpp"
#include "tempest/ops/apply.hpp"

namespace tempest {

struct planned_step {
  operation step;  // completed: a drop records what it drops, an alter the column as it was
  std::vector<safety_note> safety;  // the most severe first; never empty
  std::string description;          // in words: "drop column posts.body"

  safety_class level() const { return safety.front().level; }
};

struct diff_result {
  std::vector<planned_step> steps;
  std::vector<diff_finding> findings;

  // Nothing to do: the schemas are in sync (findings may still report what is left alone).
  bool empty() const { return steps.empty(); }

  std::vector<operation> operations() const {
    std::vector<operation> out;
    for (const auto& s : steps) out.push_back(s.step);
    return out;
  }

  // The differences in words, one per step, then the possible renames the steps hide.
  std::vector<std::string> differences() const {
    std::vector<std::string> out;
    for (const auto& s : steps) out.push_back(s.description);
    for (const auto& f : findings)
      if (f.type == diff_finding::kind::possible_rename) out.push_back(f.message);
    return out;
  }

  safety_class worst() const {
    safety_class w = safety_class::safe;
    for (const auto& s : steps) w = std::max(w, s.level());
    return w;
  }
};

namespace detail {

// Tables by name: the comparison looks each one up, and schemas of thousands of tables must not
// cost a scan per lookup.
class table_index {
 public:
  explicit table_index(const schema& s) {
    by_name_.reserve(s.tables.size());
    for (const auto& t : s.tables) by_name_.emplace(t.name, &t);
  }
  const table* find(std::string_view name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string_view, const table*> by_name_;
};

// Equal in every field, check conditions included (check_def's == compares named checks by name).
inline bool identical(const table& a, const table& b) {
  if (!(a == b)) return false;
  for (std::size_t i = 0; i < a.checks.size(); ++i)
    if (a.checks[i].expression != b.checks[i].expression || a.checks[i].allowed_values != b.checks[i].allowed_values ||
        a.checks[i].column != b.checks[i].column)
      return false;
  return true;
}

// The dialect the options name, if any.
inline const dialect* dialect_of(const diff_options& options) {
  return options.dialect ? &dialect_for(*options.dialect) : nullptr;
}

inline schema compared_form(const schema& s, const diff_options& options) {
  schema out = options.dialect ? dialect_of(options)->stored_form(s) : s;
  std::erase_if(out.tables, [&](const table& t) { return !options.compares(t.name); });
  if (!options.default_collation.empty())
    for (auto& t : out.tables)
      if (t.collation == options.default_collation) t.collation.clear();
  out.normalise();
  return out;
}

// Applies the renamed_from hints of `target` to `working`, which is `current` as it is compared.
inline void apply_rename_hints(schema& working, const schema& target, const diff_options& options, diff_phases& out) {
  auto ignored = [&](const rename_hint& h, const std::string& why) {
    out.findings.push_back({diff_finding::kind::ignored_hint, h.table, h.column,
                            fmt::format("renamed_from(\"{}\") on {}{}{} is not used: {}", h.from, h.table,
                                        h.column.empty() ? "" : ".", h.column, why)});
  };
  auto hint = [&](operation o, std::vector<operation>& phase, const rename_hint& h) {
    try {
      apply_as_stored(dialect_of(options), working, o);
      phase.push_back(std::move(o));
    } catch (const schema_error& e) {
      ignored(h, e.what());
    }
  };
  // Both names taken: the hint cannot say which holds the data, and the old one is then compared as
  // any other (a column of it dropped), so the user hears why the rename did not happen.
  for (const auto& h : target.renames) {
    if (!h.column.empty() || !options.compares(h.table)) continue;
    if (working.find_table(h.table) && working.find_table(h.from) && h.from != h.table)
      ignored(h, fmt::format("table {} and table {} both exist", h.from, h.table));
    if (working.find_table(h.table) || !working.find_table(h.from) || !target.find_table(h.table)) continue;
    hint(op::rename_table{h.from, h.table}, out.table_renames, h);
  }
  for (const auto& h : target.renames) {
    if (h.column.empty() || !options.compares(h.table)) continue;
    const table* t = working.find_table(h.table);
    const table* want = target.find_table(h.table);
    if (t && t->find_column(h.column) && t->find_column(h.from) && h.from != h.column)
      ignored(h, fmt::format("columns {0}.{1} and {0}.{2} both exist", h.table, h.from, h.column));
    if (!t || !want || t->find_column(h.column) || !t->find_column(h.from) || !want->find_column(h.column)) continue;
    hint(op::rename_column{h.table, h.from, h.column}, out.renames, h);
  }
}

// Foreign keys that stay but reference (or hold) columns that change type, or a key that is
// replaced: dropped before and added again after, as no database changes those under a foreign key.
inline void reattach_disturbed_foreign_keys(const schema& working, const table_index& target,
                                            const std::map<std::string, std::set<std::string>>& disturbed,
                                            const std::map<std::string, std::vector<std::set<std::string>>>& dropped_unique_keys,
                                            diff_phases& out) {
  if (disturbed.empty() && dropped_unique_keys.empty()) return;
  auto touches = [&](const std::string& table_name, const std::vector<std::string>& columns) {
    auto it = disturbed.find(table_name);
    if (it == disturbed.end()) return false;
    return std::any_of(columns.begin(), columns.end(), [&](const std::string& c) { return it->second.count(c) > 0; });
  };
  // A foreign key depends on the unique index of the referenced columns (PostgreSQL refuses to drop it).
  auto refers_to_dropped = [&](const foreign_key_def& fk) {
    auto it = dropped_unique_keys.find(fk.referenced_table);
    if (it == dropped_unique_keys.end()) return false;
    const std::set<std::string> columns(fk.referenced_columns.begin(), fk.referenced_columns.end());
    return std::find(it->second.begin(), it->second.end(), columns) != it->second.end();
  };
  // An unnamed foreign key is told from the others by what it is.
  auto already = [&](const std::string& table_name, const foreign_key_def& fk) {
    return std::any_of(out.drop_foreign_keys.begin(), out.drop_foreign_keys.end(), [&](const operation& o) {
      const auto* d = std::get_if<op::drop_foreign_key>(&o);
      return d && d->table_name == table_name && d->name == fk.name && (!fk.name.empty() || d->dropped == fk);
    });
  };
  for (const auto& t : working.tables) {
    const table* want = target.find(t.name);
    if (!want) continue;
    for (const auto& fk : t.foreign_keys) {
      if (!touches(fk.referenced_table, fk.referenced_columns) && !touches(t.name, fk.columns) && !refers_to_dropped(fk))
        continue;
      if (already(t.name, fk)) continue;
      // A foreign key the comparison only renames is dropped and added under its new name instead:
      // the rename would run after the change it stands in the way of.
      std::string name = fk.name;
      auto rename = out.foreign_key_rename(t.name, fk.name);
      if (rename != out.renames.end()) name = std::get<op::rename_constraint>(*rename).to;
      auto kept = std::find_if(want->foreign_keys.begin(), want->foreign_keys.end(), [&](const foreign_key_def& w) {
        foreign_key_def renamed = fk;
        renamed.name = name;
        return w == renamed;
      });
      if (kept == want->foreign_keys.end()) continue;  // changed: dropped and added by the comparison
      if (rename != out.renames.end()) out.renames.erase(rename);
      out.drop_foreign_keys.push_back(op::drop_foreign_key{t.name, fk.name, fk});
      out.add_foreign_keys.push_back(op::add_foreign_key{t.name, *kept});
    }
  }
}

// Drops run before the plan's column renames: an unnamed item they drop is found by its
// definition, which must name the columns as they are then.
inline void name_dropped_columns_as_before_renames(diff_phases& phases) {
  std::map<std::pair<std::string, std::string>, std::string> old_names;  // (table, new name): old name
  for (const auto& o : phases.renames)
    if (const auto* r = std::get_if<op::rename_column>(&o)) old_names[{r->table_name, r->to}] = r->from;
  if (old_names.empty()) return;
  auto restore = [&](const std::string& table_name, std::vector<std::string>& columns) {
    for (auto& c : columns)
      if (auto it = old_names.find({table_name, c}); it != old_names.end()) c = it->second;
  };
  for (auto* phase : {&phases.drop_foreign_keys, &phases.drops})
    for (auto& o : *phase) {
      if (auto* fk = std::get_if<op::drop_foreign_key>(&o); fk && fk->name.empty() && fk->dropped) {
        restore(fk->table_name, fk->dropped->columns);
        restore(fk->dropped->referenced_table, fk->dropped->referenced_columns);
      } else if (auto* ix = std::get_if<op::drop_index>(&o); ix && ix->name.empty() && ix->dropped) {
        for (std::size_t i = 0; i < ix->dropped->columns.size(); ++i)
          if (ix->dropped->is_plain_part(i)) {
            std::vector<std::string> one{ix->dropped->columns[i]};
            restore(ix->table_name, one);
            ix->dropped->columns[i] = one[0];
          }
      } else if (auto* ck = std::get_if<op::drop_check>(&o); ck && ck->name.empty() && ck->dropped && !ck->dropped->column.empty()) {
        std::vector<std::string> one{ck->dropped->column};
        restore(ck->table_name, one);
        ck->dropped->column = one[0];
      }
    }
}

inline void compare_enum_types(const schema& working, const schema& target, diff_phases& out) {
  for (const auto& want : target.enum_types) {
    const enum_type_def* have = working.find_enum_type(want.name);
    if (!have) out.enum_types.push_back(op::create_enum_type{want});
    else if (have->values != want.values) out.enum_types.push_back(op::alter_enum_type{want.name, want.values, {}});
  }
  for (const auto& have : working.enum_types)
    if (!target.find_enum_type(have.name))
      out.findings.push_back({diff_finding::kind::unmanaged_enum_type, have.name, {},
                              fmt::format("enum type {} is in the database but not in the models: it is left alone", have.name)});
}

inline void report_unmanaged_tables(const schema& working, const table_index& working_index, const schema& target,
                                    const table_index& target_index, diff_phases& out) {
  std::vector<const table*> created;
  for (const auto& t : target.tables)
    if (!working_index.find(t.name)) created.push_back(&t);
  for (const auto& t : working.tables) {
    if (target_index.find(t.name)) continue;
    out.findings.push_back({diff_finding::kind::unmanaged_table, t.name, {},
                            fmt::format("table {} is in the database but not in the models: it is left alone (tempest "
                                        "never drops a table)",
                                        t.name)});
    auto names = [](const table& x) {
      std::set<std::string> out;
      for (const auto& c : x.columns) out.insert(c.name);
      return out;
    };
    for (const table* n : created)
      if (names(*n) == names(t))
        out.findings.push_back({diff_finding::kind::possible_rename, n->name, {},
                                fmt::format("table {} is new and has the columns of table {}, which is not in the models: "
                                            "if it was renamed, say tempest::renamed_from(\"{}\") on the model, or a new "
                                            "empty table {} is created and {} keeps the rows",
                                            n->name, t.name, t.name, n->name, t.name)});
  }
}

}  // namespace detail

inline diff_result diff(const schema& current, const schema& target_schema, const diff_options& options = {}) {
  schema working = detail::compared_form(current, options);
  schema target = detail::compared_form(target_schema, options);
  target.renames = target_schema.renames;
  const schema original = working;
  const dialect_kind kind = options.dialect.value_or(dialect_kind::postgresql);

  detail::diff_phases phases;
  detail::compare_enum_types(working, target, phases);
  detail::apply_rename_hints(working, target, options, phases);
  const detail::table_index working_index(working), target_index(target);
  detail::report_unmanaged_tables(working, working_index, target, target_index, phases);

  std::map<std::string, std::set<std::string>> disturbed;
  std::map<std::string, std::vector<std::set<std::string>>> dropped_unique_keys;
  for (const auto& want : target.tables) {
    const table* have = working_index.find(want.name);
    if (!have) {
      // SQLite declares foreign keys in CREATE TABLE only (adding one rebuilds the table), and
      // takes a reference to a table that does not exist yet: there, they stay in the table.
      // Until the key a foreign key refers to exists, SQLite refuses to check any key of the table
      // ("foreign key mismatch"), which every rebuild does: such a table comes after the keys.
      if (kind == dialect_kind::sqlite && options.dialect) {
        const bool refers_to_a_new_key = std::any_of(want.foreign_keys.begin(), want.foreign_keys.end(), [&](const foreign_key_def& fk) {
          const table* parent = working_index.find(fk.referenced_table);
          return parent && !detail::declared_key_of(*parent, fk.referenced_columns, true);
        });
        (refers_to_a_new_key ? phases.late_create_tables : phases.create_tables).push_back(op::create_table{want});
        continue;
      }
      table without_foreign_keys = want;
      without_foreign_keys.foreign_keys.clear();
      phases.create_tables.push_back(op::create_table{std::move(without_foreign_keys)});
      for (const auto& fk : want.foreign_keys) phases.add_foreign_keys.push_back(op::add_foreign_key{want.name, fk});
      continue;
    }
    if (detail::identical(*have, want)) continue;
    detail::table_comparison comparison(*have, want, options, phases);
    comparison.run();
    if (!comparison.disturbed_columns.empty()) disturbed[want.name] = comparison.disturbed_columns;
    if (!comparison.dropped_unique_keys.empty()) dropped_unique_keys[want.name] = comparison.dropped_unique_keys;
  }
  detail::reattach_disturbed_foreign_keys(working, target_index, disturbed, dropped_unique_keys, phases);
  detail::name_dropped_columns_as_before_renames(phases);

  // Applying the plan to `current` completes each step and proves that it holds together; the
  // safety of a step is judged on the schema just before it.
  std::set<std::string> created;
  for (const auto* phase : {&phases.create_tables, &phases.late_create_tables})
    for (const auto& o : *phase) created.insert(std::get<op::create_table>(o).definition.name);
  diff_result result;
  result.findings = std::move(phases.findings);
  schema state = original;
  for (auto& o : std::move(phases).in_order()) {
    auto notes = classify(o, state, created, options);
    // A new table is described whole, its foreign keys included (a pivot table is named so).
    const auto* create = std::get_if<op::create_table>(&o);
    auto description = create ? describe(op::create_table{*target_index.find(create->definition.name)}, state, kind)
                              : describe(o, state, kind);
    detail::apply_as_stored(detail::dialect_of(options), state, o);
    result.steps.push_back({std::move(o), std::move(notes), std::move(description)});
  }
  return result;
}

}  // namespace tempest
