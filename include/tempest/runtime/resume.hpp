#pragma once
// Resuming a migration that a MySQL/MariaDB run left dirty (each DDL statement commits by itself
// there): its plan in the direction it was going, rendered against the schema as it was when it
// started; the check that the statements it already ran were not edited since; and where to go on —
// an interrupted DDL statement either took effect or did not (each is atomic), and the live schema
// tells which.

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/introspect/introspect.hpp"
#include "tempest/runtime/plan.hpp"
#include "tempest/runtime/recovery.hpp"
#include "tempest/runtime/targets.hpp"
#include "tempest/runtime/version_table.hpp"

namespace tempest {

// The schema the rows' migrations produce, applied in the order of the rows (their sequence).
// Without every one of them that schema is a guess, and a plan rendered against it can undo what the
// missing ones did (a SQLite rebuild drops their columns): no plan is made then.
inline schema replay_rows(const history& h, const std::vector<version_row>& rows, std::string_view table,
                          const dialect& d) {
  std::vector<std::string> order, unknown;
  order.reserve(rows.size());
  for (const auto& r : rows) {
    order.push_back(r.revision);
    if (!h.find(r.revision)) unknown.push_back(r.revision);
  }
  if (!unknown.empty())
    throw history_error(fmt::format(
        "{} records {} as applied, not among the migrations given: the schema the migrations would run against "
        "cannot be known without them. Run with a migration list that holds them.",
        table, fmt::join(unknown, ", ")));
  return h.replay_in_order(order, &d);
}

// The plan of a dirty migration in the direction it was going, with the schema before and after
// each statement.
inline migration_plan plan_of_dirty(const dialect& d, const history& h, const migration& m, const version_row& row,
                                    const std::vector<version_row>& rows, std::string_view table) {
  std::vector<version_row> earlier;
  for (const auto& r : rows)
    if (r.sequence < row.sequence && r.state == "applied") earlier.push_back(r);
  schema before = replay_rows(h, earlier, table, d);
  if (row.direction != "down") return plan_up(d, m, before, true);
  std::vector<version_row> with_it = earlier;
  with_it.push_back(row);
  for (const auto& r : rows)
    if (r.sequence > row.sequence && r.state == "applied") with_it.push_back(r);
  schema current = replay_rows(h, with_it, table, d);
  return plan_down(d, m, before, current, true);
}

// A fix may change the statement that failed and those after it; the statements that already ran
// must be the ones the record's digest covers, or the database holds something else than the
// history says.
inline void check_statements_done_unchanged(const migration_plan& plan, const version_row& row) {
  if (row.checksum.size() != 32) return;  // a record settled by hand carries no digest
  const auto done = static_cast<std::size_t>(row.next_statement);
  const auto digests = statement_digests(plan);
  if (done < digests.size() && digests[done] == row.checksum.substr(16)) return;
  throw dirty_error(fmt::format(
      "cannot resume \"{}\" ({}) going {}: statements 1 to {} of it ran, and they have been edited since. The database "
      "holds what the old statements did. Restore them in the migration and resume, or make the database match by "
      "hand and resolve \"{}\".",
      row.revision, row.label, row.direction, done, row.revision));
}

// Where to go on from interrupted statement `at` (a DDL statement): at it, if the live schema is
// as it was before; after it, if as it is after. Neither means something else changed that object:
// a person has to look.
inline std::size_t where_to_resume(connection& db, std::string_view version_table_name, const migration_plan& plan,
                                   std::size_t at, const version_row& row) {
  const dialect& d = db.sql_dialect();
  schema live = introspect(db, {.exclude_tables = {std::string(version_table_name)}});
  const auto& [before, after] = plan.states[at];
  auto check = check_statement(plan.operations_of[at], live, d.stored_form(before), d.stored_form(after));
  switch (check.outcome) {
    case statement_outcome::not_applied: return at;
    case statement_outcome::applied: return at + 1;
    case statement_outcome::unknown: break;
  }
  throw dirty_error(fmt::format(
      "cannot resume \"{}\" ({}) going {}: statement {} ({}) was interrupted, and the database matches neither the "
      "schema before it nor the schema after it.\nfound:\n{}expected before:\n{}expected after:\n{}Put it in one of "
      "these states by hand and resume, or resolve \"{}\".",
      row.revision, row.label, row.direction, at + 1, plan.statements[at].sql, check.found, check.before, check.after,
      row.revision));
}

inline std::string in_doubt_message(const version_row& row) {
  return fmt::format(
      "migration \"{}\" ({}) is dirty: its raw SQL statement {} committed part of its work by itself (MySQL/MariaDB "
      "commit DDL and COMMIT statements at once) and was then interrupted or failed, so tempest cannot tell how far "
      "it got.{} Look at the database; then resolve \"{}\" with resolution::statement_applied if the statement took "
      "effect in full (a resume goes on after it), or undo what it did and resolve with "
      "resolution::statement_not_applied (a resume runs it again).",
      row.revision, row.label, row.next_statement + 1, row.error ? "\n  error: " + *row.error + "\n" : " ",
      row.revision);
}

}  // namespace tempest
