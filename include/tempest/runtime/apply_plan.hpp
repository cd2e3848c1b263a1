#pragma once
// Running operations that are not a migration: what sync_schemas applies and what verify tries on
// a scratch database. Nothing is recorded in the version table.
//
// SQLite and PostgreSQL run them in one transaction, all or nothing. MySQL/MariaDB commit each DDL
// statement by themselves; a failure there names the statement and the steps that already ran.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/apply_as_stored.hpp"
#include "tempest/dialect/render_operation.hpp"
#include "tempest/diff/describe.hpp"
#include "tempest/ops/apply.hpp"
#include "tempest/runtime/run_scope.hpp"
#include "tempest/runtime/sqlite_rebuild.hpp"

namespace tempest {

struct plan_error : error {
  using error::error;
};

namespace detail {

// Operations rendered for one database, each with its description for errors.
struct rendered_plan {
  struct step {
    std::string description;
    rendered_operation rendered;
  };
  std::vector<step> steps;
  bool foreign_keys_off = false;
  schema after;
};

inline rendered_plan render_plan(const dialect& d, schema current, std::vector<operation> operations) {
  rendered_plan plan;
  for (auto& o : operations) {
    schema before = current;
    auto description = describe(o, before, d.kind());
    detail::apply_as_stored(&d, current, o);
    plan.steps.push_back({std::move(description), render_operation(d, o, before, current)});
    plan.foreign_keys_off = plan.foreign_keys_off || plan.steps.back().rendered.foreign_keys_off;
  }
  plan.after = std::move(current);
  return plan;
}

// Runs the statements of `plan` in the caller's transaction (or none, on MySQL); a failure names
// the step and its statement. `transactional`: what the caller does with a failure.
inline void run_rendered(connection& db, const rendered_plan& plan, bool transactional) {
  std::size_t done = 0;
  for (const auto& step : plan.steps) {
    for (const auto& s : step.rendered.statements) {
      try {
        switch (s.type) {
          case statement::kind::sqlite_rebuild: run_sqlite_rebuild(db, *s.rebuild, [](const std::string&) {}); break;
          case statement::kind::data: db.query(s.sql, s.parameters); break;
          default: db.execute(s.sql); break;
        }
      } catch (const std::exception& e) {
        throw plan_error(fmt::format("{}: step {} of {} ({}) failed: {}{}{}", db.sql_dialect().name(), done + 1,
                                     plan.steps.size(), step.description, e.what(),
                                     s.sql.empty() ? "" : fmt::format("\n  statement: {}", s.sql),
                                     transactional ? "\n  nothing was changed: the transaction was rolled back"
                                     : done == 0   ? "\n  no step had run"
                                                   : fmt::format("\n  the {} steps before it ran and stay", done)));
      }
    }
    ++done;
  }
}

// Runs `body` in a transaction on SQLite (BEGIN IMMEDIATE: the database's write lock) and
// PostgreSQL, rolled back if it throws; on MySQL, without one.
template <class Body>
auto in_transaction(connection& db, Body body) {
  const bool transactional = db.kind() != dialect_kind::mysql;
  if (transactional) db.execute(db.kind() == dialect_kind::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  try {
    auto result = body(transactional);
    if (transactional) db.execute("COMMIT");
    return result;
  } catch (...) {
    if (transactional && db.transaction() != transaction_status::idle) {
      try {
        db.execute("ROLLBACK");
      } catch (...) {
      }
    }
    throw;
  }
}

}  // namespace detail

// Applies `operations` to the database whose schema is `current`; returns the schema after them.
inline schema apply_operations(connection& db, schema current, std::vector<operation> operations) {
  auto plan = detail::render_plan(db.sql_dialect(), std::move(current), std::move(operations));
  if (plan.steps.empty()) return std::move(plan.after);
  run_scope scope(db, std::chrono::milliseconds(60'000), {});
  sqlite_foreign_keys foreign_keys(db);
  if (db.kind() == dialect_kind::sqlite && plan.foreign_keys_off) foreign_keys.set_off(true);
  detail::in_transaction(db, [&](bool transactional) {
    detail::run_rendered(db, plan, transactional);
    return 0;
  });
  return std::move(plan.after);
}

}  // namespace tempest
