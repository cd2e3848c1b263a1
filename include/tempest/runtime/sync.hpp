#pragma once
// sync_schema(connection, models): what `sync_schemas = true` does at start-up in a development
// build. It adds what the database lacks — tables, columns, indexes, enum types and values — and
// runs nothing that is not `safe`; everything else the diff finds is skipped, with the reason, for
// a migration to do. A second sync finds nothing to do and issues no DDL at all.
//
// Under the migration lock (SQLite: the database's write lock, taken before introspecting), so
// any number of processes starting at once each see what the one before them did.

#include <chrono>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "tempest/runtime/apply_plan.hpp"
#include "tempest/runtime/drift.hpp"
#include "tempest/runtime/lock.hpp"

namespace tempest {

struct sync_options {
  live_diff_options diff;
  std::chrono::milliseconds lock_timeout{60'000};
};

struct skipped_step {
  planned_step step;
  std::string reason;
};

struct sync_report {
  std::vector<planned_step> applied;
  std::vector<skipped_step> skipped;
  std::vector<diff_finding> findings;

  // One line per step applied or skipped, then the findings.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const auto& s : applied) out.push_back("applied: " + s.description);
    for (const auto& s : skipped) out.push_back(fmt::format("skipped: {} ({})", s.step.description, s.reason));
    for (const auto& f : findings) out.push_back(fmt::format("{}: {}", to_string(f.type), f.message));
    return out;
  }
};

namespace detail {

// Why sync leaves a step to a migration; empty when it runs it.
inline std::string sync_refusal(const planned_step& s) {
  const bool adds = std::visit(
      [](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        return std::is_same_v<T, op::create_table> || std::is_same_v<T, op::add_column> ||
               std::is_same_v<T, op::create_index> || std::is_same_v<T, op::add_foreign_key> ||
               std::is_same_v<T, op::add_check> || std::is_same_v<T, op::add_primary_key> ||
               std::is_same_v<T, op::create_enum_type> || std::is_same_v<T, op::alter_enum_type>;
      },
      s.step);
  if (!adds) return "sync only adds; this is a change for a migration";
  if (s.level() != safety_class::safe)
    return fmt::format("{}: {}; it is left to a migration", to_string(s.level()), s.safety.front().reason);
  return {};
}

// A key, index, check or foreign key added to a table without rows: what makes it data_dependent
// (rows that break it) cannot happen, nor a long check of every row under a lock, so the step is as
// safe as its other notes say. This is how a
// sync killed on MySQL, where each DDL commits alone, is finished: its table was created, its foreign
// keys not yet. (Rows written between the look and the DDL make the step fail, with the error.)
inline bool safe_on_empty_table(connection& db, const planned_step& s) {
  const std::string* table_name = std::visit(
      [](const auto& o) -> const std::string* {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::add_foreign_key> || std::is_same_v<T, op::add_check> ||
                      std::is_same_v<T, op::create_index> || std::is_same_v<T, op::add_primary_key>)
          return &o.table_name;
        else
          return nullptr;
      },
      s.step);
  if (!table_name) return false;
  for (const auto& note : s.safety)
    if (note.level != safety_class::safe && note.level != safety_class::data_dependent && note.code != "validate-foreign-key")
      return false;
  const dialect& d = db.sql_dialect();
  return db.query(fmt::format("SELECT COUNT(*) FROM (SELECT 1 AS one FROM {} LIMIT 1) rows_there", d.quote(*table_name)))
             .at(0)
             .at(0) == "0";
}

}  // namespace detail

inline sync_report sync_schema(connection& db, const schema& models, const sync_options& options = {}) {
  sync_report report;
  run_scope scope(db, options.lock_timeout, {});
  auto lock = make_migration_lock(db, options.diff.version_table);
  lock_guard held(lock.get(), options.lock_timeout);
  const auto facts = detail::with_connection_facts(db, options.diff);
  // SQLite: introspect under the write lock (BEGIN IMMEDIATE), so that a concurrent sync waits for
  // this one and then sees its tables. The others hold the session lock already.
  auto run = [&](bool transactional) {
    schema live = introspect(db, {{facts.version_table}});
    auto plan = diff(live, models, facts.diff);
    report.findings = std::move(plan.findings);
    std::vector<operation> chosen;
    schema state = live;
    for (auto& s : plan.steps) {
      auto why = detail::sync_refusal(s);
      if (!why.empty() && s.level() == safety_class::data_dependent && detail::safe_on_empty_table(db, s)) why.clear();
      if (why.empty()) {
        // A step may need one that was skipped (an index on a column a skipped step renames).
        try {
          operation o = s.step;
          detail::apply_as_stored(&db.sql_dialect(), state, o);
        } catch (const schema_error& e) {
          why = fmt::format("it needs a step that is skipped: {}", e.what());
        }
      }
      if (!why.empty()) {
        report.skipped.push_back({std::move(s), std::move(why)});
        continue;
      }
      chosen.push_back(s.step);
      report.applied.push_back(std::move(s));
    }
    if (!chosen.empty()) detail::run_rendered(db, detail::render_plan(db.sql_dialect(), live, std::move(chosen)), transactional);
    return 0;
  };
  detail::in_transaction(db, run);
  return report;
}

}  // namespace tempest
