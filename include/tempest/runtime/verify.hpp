#pragma once
// verify_plan: a plan checks itself before anyone runs it. The schema `current` is created on a
// scratch database, the plan applied to it, the result introspected and compared with the target
// again; the plan is good only if nothing differs any more. That catches what no reading of the
// plan can: SQL a database prints in other words than the models hold it (a check that would be
// dropped and added on every run), an order the database refuses, a type it does not have.
//
// The scratch database: SQLite in memory; on PostgreSQL a temporary schema, and on MySQL/MariaDB a
// temporary database, on the server of `db`, dropped afterwards whatever happens.

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/runtime/apply_plan.hpp"
#include "tempest/runtime/create_schema.hpp"
#include "tempest/runtime/drift.hpp"

namespace tempest {

struct verify_error : error {
  using error::error;
};

struct verify_report {
  std::vector<std::string> remaining;  // what still differs after the plan; empty: the plan is good
  bool ok() const { return remaining.empty(); }
};

namespace detail {

inline std::string scratch_name() {
  std::random_device random;
  return fmt::format("tempest_verify_{:08x}", random());
}

// Creates `current`, applies `plan`, and compares the result with `target`.
inline verify_report verify_on(connection& scratch, const schema& current, const std::vector<operation>& plan,
                               const schema& target, const diff_options& options) {
  try {
    create_schema(scratch, current);
  } catch (const std::exception& e) {
    throw verify_error(fmt::format("verify: the current schema could not be created on the scratch database: {}", e.what()));
  }
  apply_operations(scratch, current, plan);
  live_diff_options live;
  live.diff = options;
  verify_report report;
  report.remaining = diff_database(scratch, target, live).differences();
  return report;
}

}  // namespace detail

// Verifies that `plan` turns `current` into `target` on the kind of database `db` is, using a
// scratch database beside it (`db` itself is not changed). Throws verify_error when the plan
// cannot be applied; returns what still differs otherwise.
inline verify_report verify_plan(connection& db, const schema& current, const std::vector<operation>& plan,
                                 const schema& target, diff_options options = {}) {
  options.dialect = db.kind();
  if (db.kind() == dialect_kind::sqlite) {
    connection scratch("sqlite::memory:");
    return detail::verify_on(scratch, current, plan, target, options);
  }
  const std::string name = detail::scratch_name();
  const dialect& d = db.sql_dialect();
  if (db.kind() == dialect_kind::postgresql) {
    const std::string path = db.query("SHOW search_path").at(0).at(0).value_or("\"$user\", public");
    db.execute(fmt::format("CREATE SCHEMA {}", d.quote(name)));
    auto cleanup = [&] {
      try {
        db.query("SELECT set_config('search_path', $1, false)", {path});
        db.execute(fmt::format("DROP SCHEMA {} CASCADE", d.quote(name)));
      } catch (...) {
      }
    };
    try {
      db.query("SELECT set_config('search_path', $1, false)", {d.quote(name)});
      auto report = detail::verify_on(db, current, plan, target, options);
      cleanup();
      return report;
    } catch (...) {
      cleanup();
      throw;
    }
  }
  const std::string database = db.query("SELECT DATABASE()").at(0).at(0).value_or("");
  db.execute(fmt::format("CREATE DATABASE {}", d.quote(name)));
  auto cleanup = [&] {
    try {
      if (!database.empty()) db.execute(fmt::format("USE {}", d.quote(database)));
      db.execute(fmt::format("DROP DATABASE {}", d.quote(name)));
    } catch (...) {
    }
  };
  try {
    db.execute(fmt::format("USE {}", d.quote(name)));
    auto report = detail::verify_on(db, current, plan, target, options);
    cleanup();
    return report;
  } catch (...) {
    cleanup();
    throw;
  }
}

// verify_plan that throws unless the plan leaves nothing to differ.
inline void require_verified(connection& db, const schema& current, const diff_result& plan, const schema& target,
                             const diff_options& options = {}) {
  auto report = verify_plan(db, current, plan.operations(), target, options);
  if (!report.ok())
    throw verify_error(fmt::format(
        "verify: after the plan, the scratch database still differs from the target:\n  {}\nThe database keeps some "
        "SQL in its own words: write checks, index expressions and defaults in the models as the database prints them.",
        fmt::join(report.remaining, "\n  ")));
}

}  // namespace tempest
