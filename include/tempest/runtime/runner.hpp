#pragma once
// The runner: applies and reverts migrations on a live database, records them in the version table,
// and reports status.
//
// Each migration runs in one transaction on PostgreSQL and SQLite, with its version row, so it is
// applied whole or not at all. MySQL/MariaDB commit every DDL statement by themselves; there the
// runner records its progress statement by statement, and a failure leaves a `dirty` record that
// names the failed statement and stops later runs until it is resumed or resolved.
//
// Concurrent runners are serialised by the database: a session lock for the whole run on
// PostgreSQL and MySQL, the write lock per migration on SQLite (BEGIN IMMEDIATE), and each
// re-reads the version table once it holds the lock, so every migration is applied exactly once.

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/render_operation.hpp"
#include "tempest/dialect/sqlite_rebuild.hpp"
#include "tempest/migration/history.hpp"
#include "tempest/runtime/lock.hpp"
#include "tempest/runtime/targets.hpp"
#include "tempest/runtime/version_table.hpp"

namespace tempest {

struct runner_options {
  std::string table = "tempest_migrations";
  std::chrono::milliseconds lock_timeout{60'000};
  std::function<void(const runner_event&)> on_event;
};

// The statements of one migration in one direction, rendered against the schema the history
// produces before it.
struct migration_plan {
  const migration* source = nullptr;
  tempest::direction direction = direction::up;
  std::vector<std::string> statements;
  bool foreign_keys_off = false;
};

// Renders operations one by one against `state`, which ends as the schema after them.
inline void render_into(migration_plan& plan, const dialect& d, schema& state, std::vector<operation> operations,
                        std::string_view direction_name) {
  for (std::size_t i = 0; i < operations.size(); ++i) {
    schema before = state;
    history::apply_step(state, operations[i], *plan.source, direction_name, i);
    auto rendered = render_operation(d, operations[i], before, state);
    plan.foreign_keys_off = plan.foreign_keys_off || rendered.foreign_keys_off;
    for (auto& s : rendered.statements) plan.statements.push_back(std::move(s));
  }
}

inline migration_plan plan_up(const dialect& d, const migration& m, schema& state) {
  migration_plan plan{&m, direction::up, {}, false};
  render_into(plan, d, state, m.up_operations(), "up");
  return plan;
}

// `before` is the schema before `m` was applied.
inline migration_plan plan_down(const dialect& d, const migration& m, const schema& before) {
  migration_plan plan{&m, direction::down, {}, false};
  schema state = before;
  history::apply_up(state, m);
  render_into(plan, d, state, history::down_operations(m, before), "down");
  return plan;
}

// The plan of `m` in either direction, given the schema before it was applied.
inline migration_plan plan_for(const dialect& d, const migration& m, direction way, const schema& before) {
  if (way == direction::down) return plan_down(d, m, before);
  schema state = before;
  return plan_up(d, m, state);
}

class runner {
 public:
  runner(connection& db, const history& migrations, runner_options options = {})
      : db_(db), history_(migrations), options_(std::move(options)), versions_(db, options_.table) {}

  // Applies pending migrations up to `target`. With `resume`, a dirty migration (MySQL) continues at
  // the statement that failed.
  std::vector<migration_result> upgrade(const upgrade_target& target = upgrade_target::heads(), bool resume = false) {
    if (!resume && nothing_to_upgrade(target)) return {};
    auto lock = make_migration_lock(db_, options_.table);
    lock_guard held = acquire(lock.get());
    auto rows = versions_.ensure_rows();
    std::vector<migration_result> results;
    if (auto dirty = find_dirty(rows)) {
      if (!resume) throw dirty_error(dirty_message(*dirty));
      resume_dirty(*dirty, rows, results);
      rows = versions_.rows();
    }
    verify_checksums(rows);

    std::set<std::string> applied = revisions_of(rows);
    schema state = history_.replay(applied);
    int batch = next_batch(rows);
    start_sequence(rows);
    for (const migration* m : pending(target, applied)) {
      migration_plan plan = plan_up(db_.sql_dialect(), *m, state);
      run(plan, batch, results);
    }
    return results;
  }

  std::vector<migration_result> downgrade(const downgrade_target& target = downgrade_target::last_batch()) {
    auto lock = make_migration_lock(db_, options_.table);
    lock_guard held = acquire(lock.get());
    auto rows = versions_.ensure_rows();
    if (auto dirty = find_dirty(rows)) throw dirty_error(dirty_message(*dirty));
    verify_checksums(rows);

    std::vector<migration_result> results;
    start_sequence(rows);
    for (const version_row* row : to_revert(target, rows)) {
      const migration* m = history_.find(row->revision);
      if (!m)
        throw history_error(fmt::format("cannot downgrade \"{}\": it is applied but not among the migrations given",
                                        row->revision));
      std::set<std::string> earlier;
      for (const auto& r : rows)
        if (r.sequence < row->sequence) earlier.insert(r.revision);
      run(plan_down(db_.sql_dialect(), *m, history_.replay(earlier)), row->batch, results);
    }
    return results;
  }

  std::vector<status_entry> status() {
    auto rows = versions_.rows_if_exists().value_or(std::vector<version_row>{});
    std::map<std::string, const version_row*> by_revision;
    for (const auto& r : rows) by_revision[r.revision] = &r;
    std::vector<status_entry> out;
    for (const migration* m : history_.ordered()) {
      status_entry e{m->revision, m->label};
      if (auto it = by_revision.find(m->revision); it != by_revision.end()) {
        const version_row& r = *it->second;
        e.state = r.state == "applied" ? migration_state::applied : migration_state::dirty;
        e.batch = r.batch;
        e.applied_at = r.applied_at;
        e.checksum_mismatch = r.checksum != m->checksum();
        e.error = r.error.value_or("");
        e.next_statement = r.next_statement;
      }
      out.push_back(std::move(e));
    }
    for (const auto& r : rows)
      if (!history_.find(r.revision))
        out.push_back({r.revision, r.label, r.state == "applied" ? migration_state::unknown : migration_state::dirty,
                       r.batch, r.applied_at, false, r.error.value_or(""), r.next_statement});
    return out;
  }

  // Settles a dirty record once the database has been fixed by hand.
  void resolve(std::string_view revision, resolution how) {
    auto lock = make_migration_lock(db_, options_.table);
    lock_guard held = acquire(lock.get());
    auto rows = versions_.rows();
    auto it = std::find_if(rows.begin(), rows.end(), [&](const version_row& r) { return r.revision == revision; });
    if (it == rows.end() || it->state == "applied")
      throw error(fmt::format("resolve: \"{}\" has no dirty record in {}", revision, options_.table));
    if (how == resolution::not_applied) {
      db_.execute(versions_.delete_statement(revision));
      return;
    }
    db_.execute(versions_.progress_statement(revision, "applied", "up", 0, std::nullopt));
    if (const migration* m = history_.find(revision)) db_.execute(versions_.checksum_statement(revision, m->checksum()));
  }

 private:
  lock_guard acquire(migration_lock* lock) {
    notify({runner_event::kind::lock_waiting});
    lock_guard held(lock, options_.lock_timeout);
    notify({runner_event::kind::lock_acquired});
    return held;
  }

  void notify(const runner_event& event) const {
    if (options_.on_event) options_.on_event(event);
  }

  // Without taking the lock: is every migration the target needs applied, cleanly and unchanged?
  bool nothing_to_upgrade(const upgrade_target& target) {
    auto rows = versions_.rows_if_exists();
    if (!rows) return false;
    if (find_dirty(*rows)) return false;
    std::set<std::string> applied = revisions_of(*rows);
    if (!pending(target, applied).empty()) return false;
    try {
      verify_checksums(*rows);
    } catch (const checksum_error&) {
      return false;  // reported under the lock
    }
    return true;
  }

  static std::set<std::string> revisions_of(const std::vector<version_row>& rows) {
    std::set<std::string> out;
    for (const auto& r : rows)
      if (r.state == "applied") out.insert(r.revision);
    return out;
  }

  static int next_batch(const std::vector<version_row>& rows) {
    int batch = 0;
    for (const auto& r : rows) batch = std::max(batch, r.batch);
    return batch + 1;
  }

  static std::optional<version_row> find_dirty(const std::vector<version_row>& rows) {
    for (const auto& r : rows)
      if (r.state != "applied") return r;
    return std::nullopt;
  }

  std::string dirty_message(const version_row& row) const {
    std::string what = row.state == "dirty" ? fmt::format("failed at statement {}", row.next_statement + 1)
                                            : fmt::format("was interrupted ({} {}) at statement {}", row.state,
                                                          row.direction, row.next_statement + 1);
    std::string statement;
    if (const migration* m = history_.find(row.revision)) {
      auto statements = statements_of(*m, row.direction == "down" ? direction::down : direction::up);
      if (row.next_statement < static_cast<int>(statements.size()))
        statement = fmt::format("\n  statement: {}", statements[row.next_statement]);
    }
    return fmt::format(
        "migration \"{}\" ({}) is dirty: it {} going {}{}{}\nThe database may hold part of it. Fix it by hand, then "
        "either upgrade with resume to continue at that statement, or resolve \"{}\" as applied or not applied.",
        row.revision, row.label, what, row.direction, row.error ? "\n  error: " + *row.error : "", statement,
        row.revision);
  }

  void verify_checksums(const std::vector<version_row>& rows) const {
    for (const auto& r : rows) {
      const migration* m = history_.find(r.revision);
      if (!m || r.state != "applied") continue;
      auto now = m->checksum();
      if (now != r.checksum)
        throw checksum_error(fmt::format(
            "migration \"{}\" ({}) was edited after it was applied: {} records checksum {}, its steps now hash to {}. "
            "Restore it, and put the change in a new migration.",
            r.revision, r.label, options_.table, r.checksum, now));
    }
  }

  std::vector<const migration*> pending(const upgrade_target& target, const std::set<std::string>& applied) const {
    std::set<std::string> wanted;
    if (target.type == upgrade_target::kind::revision) wanted = history_.lineage(target.revision);
    std::vector<const migration*> out;
    for (const migration* m : history_.ordered()) {
      if (applied.count(m->revision)) continue;
      if (target.type == upgrade_target::kind::revision && !wanted.count(m->revision)) continue;
      if (target.type == upgrade_target::kind::steps && static_cast<int>(out.size()) >= target.steps) break;
      out.push_back(m);
    }
    return out;
  }

  std::vector<const version_row*> to_revert(const downgrade_target& target, const std::vector<version_row>& rows) const {
    std::vector<const version_row*> out;
    int last_batch = next_batch(rows) - 1;
    std::set<std::string> keep;
    if (target.type == downgrade_target::kind::revision) keep = history_.lineage(target.revision);
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
      switch (target.type) {
        case downgrade_target::kind::last_batch:
          if (it->batch != last_batch) continue;
          break;
        case downgrade_target::kind::steps:
          if (static_cast<int>(out.size()) >= target.steps) return out;
          break;
        case downgrade_target::kind::revision:
          if (keep.count(it->revision)) continue;
          break;
        case downgrade_target::kind::base: break;
      }
      out.push_back(&*it);
    }
    return out;
  }

  // The statements of `m` in `direction`, as the history renders them.
  std::vector<std::string> statements_of(const migration& m, direction d) const {
    auto lineage = history_.lineage(m.revision);
    lineage.erase(m.revision);
    return plan_for(db_.sql_dialect(), m, d, history_.replay(lineage)).statements;
  }

  void run(const migration_plan& plan, int batch, std::vector<migration_result>& results) {
    if (db_.kind() == dialect_kind::mysql) run_with_progress(plan, batch, 0, results);
    else run_in_transaction(plan, batch, results);
  }

  version_row row_for(const migration_plan& plan, int batch, int sequence, std::string_view state) const {
    return {plan.source->revision, plan.source->label, batch, sequence, detail::utc_now(), plan.source->checksum(), 0,
            std::string(state), std::string(to_string(plan.direction)), 0, std::nullopt};
  }

  // The sequence numbers of a run continue from the highest recorded; on SQLite, where the lock is
  // per migration, the transaction re-reads it.
  void start_sequence(const std::vector<version_row>& rows) {
    last_sequence_ = 0;
    for (const auto& r : rows) last_sequence_ = std::max(last_sequence_, r.sequence);
  }

  // Runs one statement of a plan; `before` and `after` ride along in the same round trip (the
  // transaction's BEGIN, and the version row and COMMIT, on PostgreSQL) but are not part of the
  // statement's record.
  void execute_statement(const migration_plan& plan, std::size_t index, const std::string& sql,
                         migration_result& result, std::string_view before = {}, std::string_view after = {}) {
    result.statements.push_back(sql);
    notify({runner_event::kind::statement_started, plan.source->revision, plan.source->label, plan.direction, index, sql});
    if (sql.starts_with(sqlite_foreign_key_check)) {
      auto violations = db_.query(sql);
      if (!violations.empty())
        throw sql_error(fmt::format("sqlite: {} rows violate foreign keys after the table rebuild (first in table {})",
                                    violations.size(), violations[0][0].value_or("?")),
                        sql);
      return;
    }
    if (before.empty() && after.empty()) {
      db_.execute(sql);
      return;
    }
    std::string combined;
    if (!before.empty()) combined = fmt::format("{};\n", before);
    combined += sql;
    if (!after.empty()) combined += fmt::format("\n;\n{}", after);  // own line: `sql` may end in a comment
    try {
      db_.execute(combined);
    } catch (const sql_error& e) {
      throw sql_error(std::string(e.what()).substr(0, std::string_view(e.what()).find("\n  statement: ")), sql);
    }
  }

  [[noreturn]] void fail(const migration_plan& plan, migration_result& result, const std::string& cause,
                         std::vector<migration_result>& results, std::string_view outcome) {
    result.error = cause;
    results.push_back(result);
    notify({runner_event::kind::migration_finished, result.revision, result.label, result.direction, 0, {}, &results.back()});
    throw migration_error(fmt::format("migration \"{}\" ({}) failed going {} at statement {} of its {}: {}\n{}",
                                      result.revision, result.label, to_string(result.direction),
                                      result.statements.size(), plan.statements.size(), cause, outcome),
                          results);
  }

  // PostgreSQL and SQLite: the statements and the version row in one transaction.
  void run_in_transaction(const migration_plan& plan, int batch, std::vector<migration_result>& results) {
    const bool sqlite = db_.kind() == dialect_kind::sqlite;
    migration_result result{plan.source->revision, plan.source->label, plan.direction};
    auto started = std::chrono::steady_clock::now();
    if (sqlite && plan.foreign_keys_off) db_.execute("PRAGMA foreign_keys = OFF");
    auto restore_foreign_keys = [&] {
      if (sqlite && plan.foreign_keys_off) db_.execute("PRAGMA foreign_keys = ON");
    };
    // PostgreSQL takes several statements in one round trip: BEGIN travels with the first
    // statement, and the version row and COMMIT with the last, so a migration costs as many round
    // trips as it has statements. The server then measures the execution time itself: now() is
    // the transaction's start.
    const bool batched = !sqlite && !plan.statements.empty();
    if (!batched) {
      try {
        db_.execute(sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
      } catch (const sql_error& e) {
        restore_foreign_keys();
        throw lock_timeout_error(fmt::format("could not take SQLite's write lock for migration \"{}\": {}",
                                             plan.source->revision, e.what()));
      }
    }
    try {
      if (sqlite) {  // under the write lock now: another runner may have got here first
        auto [highest, present] = versions_.sequence_and_presence(plan.source->revision);
        last_sequence_ = highest;
        if (present == (plan.direction == direction::up)) {
          db_.execute("ROLLBACK");
          restore_foreign_keys();
          return;
        }
      }
      notify({runner_event::kind::migration_started, result.revision, result.label, result.direction});
      auto record = [&](long long execution_ms, std::string_view execution_ms_sql = {}) {
        if (plan.direction == direction::down) return versions_.delete_statement(plan.source->revision);
        auto row = row_for(plan, batch, ++last_sequence_, "applied");
        row.execution_ms = execution_ms;
        return versions_.insert_statement(row, {.execution_ms = execution_ms_sql});
      };
      const std::size_t last = plan.statements.size() - 1;
      for (std::size_t i = 0; i < plan.statements.size(); ++i) {
        std::string before = batched && i == 0 ? "BEGIN" : "";
        std::string after = batched && i == last
                                ? record(0, "(EXTRACT(EPOCH FROM clock_timestamp() - now()) * 1000)::bigint") + "\n;\nCOMMIT"
                                : "";
        execute_statement(plan, i, plan.statements[i], result, before, after);
      }
      if (!batched) {
        db_.execute(record(elapsed_ms(started)));
        db_.execute("COMMIT");
      }
    } catch (const std::exception& e) {
      try {
        db_.execute("ROLLBACK");
      } catch (...) {
      }
      restore_foreign_keys();
      result.duration = std::chrono::milliseconds(elapsed_ms(started));
      fail(plan, result, e.what(), results, "The migration was rolled back: the database is as it was before it.");
    }
    restore_foreign_keys();
    result.success = true;
    result.duration = std::chrono::milliseconds(elapsed_ms(started));
    results.push_back(std::move(result));
    notify({runner_event::kind::migration_finished, results.back().revision, results.back().label,
            results.back().direction, 0, {}, &results.back()});
  }

  // MySQL/MariaDB: statement by statement, recording progress after each.
  void run_with_progress(const migration_plan& plan, int batch, std::size_t first, std::vector<migration_result>& results) {
    migration_result result{plan.source->revision, plan.source->label, plan.direction};
    const std::string revision = plan.source->revision;
    const std::string dir(to_string(plan.direction));
    const std::string running = plan.direction == direction::up ? "running" : "reverting";
    auto started = std::chrono::steady_clock::now();
    if (first == 0) {
      if (plan.direction == direction::up)
        db_.execute(versions_.insert_statement(row_for(plan, batch, ++last_sequence_, running)));
      else db_.execute(versions_.progress_statement(revision, running, dir, 0, std::nullopt));
    } else {
      db_.execute(versions_.progress_statement(revision, running, dir, static_cast<int>(first), std::nullopt));
    }
    notify({runner_event::kind::migration_started, result.revision, result.label, result.direction});
    for (std::size_t i = first; i < plan.statements.size(); ++i) {
      try {
        execute_statement(plan, i, plan.statements[i], result);
      } catch (const std::exception& e) {
        db_.execute(versions_.progress_statement(revision, "dirty", dir, static_cast<int>(i), std::string(e.what())));
        result.duration = std::chrono::milliseconds(elapsed_ms(started));
        fail(plan, result, e.what(), results,
             fmt::format("MySQL/MariaDB commit each DDL statement, so statements 1 to {} stay applied; {} records the "
                         "migration as dirty. Fix the cause, then upgrade with resume, or resolve it.",
                         i, options_.table));
      }
      db_.execute(versions_.progress_statement(revision, running, dir, static_cast<int>(i + 1), std::nullopt));
    }
    if (plan.direction == direction::up)
      db_.execute(versions_.progress_statement(revision, "applied", dir, static_cast<int>(plan.statements.size()),
                                               std::nullopt, elapsed_ms(started)));
    else
      db_.execute(versions_.delete_statement(revision));
    result.success = true;
    result.duration = std::chrono::milliseconds(elapsed_ms(started));
    results.push_back(std::move(result));
    notify({runner_event::kind::migration_finished, results.back().revision, results.back().label,
            results.back().direction, 0, {}, &results.back()});
  }

  void resume_dirty(const version_row& row, const std::vector<version_row>& rows, std::vector<migration_result>& results) {
    const migration* m = history_.find(row.revision);
    if (!m) throw dirty_error(fmt::format("cannot resume \"{}\": it is not among the migrations given", row.revision));
    direction d = row.direction == "down" ? direction::down : direction::up;
    std::set<std::string> earlier;
    for (const auto& r : rows)
      if (r.sequence < row.sequence && r.state == "applied") earlier.insert(r.revision);
    migration_plan plan = plan_for(db_.sql_dialect(), *m, d, history_.replay(earlier));
    if (db_.kind() != dialect_kind::mysql)
      throw dirty_error(fmt::format("\"{}\" is marked {} but {} runs migrations in transactions; resolve it instead",
                                    row.revision, row.state, db_.sql_dialect().name()));
    // The migration was fixed before the resume: from now on its record carries what it is now.
    db_.execute(versions_.checksum_statement(row.revision, m->checksum()));
    start_sequence(rows);
    run_with_progress(plan, row.batch, static_cast<std::size_t>(row.next_statement), results);
  }

  static long long elapsed_ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
  }

  connection& db_;
  const history& history_;
  runner_options options_;
  version_table versions_;
  int last_sequence_ = 0;
};

}  // namespace tempest
