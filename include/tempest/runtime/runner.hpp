#pragma once
// The runner: applies and reverts migrations on a live database, records them in the version table,
// and reports status.
//
// Concurrent runners are serialised by the database: a session lock for the whole run on
// PostgreSQL and MySQL, SQLite's write lock per migration (BEGIN IMMEDIATE). Everything a plan
// depends on — the applied migrations, hence the schema its statements are rendered against, the
// batch and the sequence — is read while the lock is held, so that runners with different
// migration lists or targets never render against a schema that is no longer there.
//
// Batches are contiguous in the order of application: a run that finds another run's migrations
// after its own starts a new batch, so "the last batch" is always the most recent migrations.

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/migration/history.hpp"
#include "tempest/runtime/executor.hpp"
#include "tempest/runtime/lock.hpp"
#include "tempest/runtime/plan.hpp"
#include "tempest/runtime/resume.hpp"
#include "tempest/runtime/run_scope.hpp"
#include "tempest/runtime/targets.hpp"
#include "tempest/runtime/version_table.hpp"

namespace tempest {

struct runner_options {
  std::string table = "tempest_migrations";
  std::chrono::milliseconds lock_timeout{60'000};
  std::function<void(const runner_event&)> on_event;
};

namespace detail {

inline std::size_t utf8_characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Refuses, before anything runs, a revision or label the version table cannot hold.
inline void check_recordable(const history& h) {
  for (const auto& m : h.migrations()) {
    if (utf8_characters(m.revision) > max_revision_length)
      throw history_error(fmt::format("migration \"{}\": the revision id is {} characters long; the version table "
                                      "holds at most {}",
                                      m.revision, utf8_characters(m.revision), max_revision_length));
    if (utf8_characters(m.label) > max_label_length)
      throw history_error(fmt::format("migration \"{}\": the label is {} characters long; the version table holds at "
                                      "most {}",
                                      m.revision, utf8_characters(m.label), max_label_length));
  }
}

}  // namespace detail

class runner {
 public:
  runner(connection& db, const history& migrations, runner_options options = {})
      : db_(db), history_(migrations), options_(std::move(options)), versions_(db, options_.table),
        executor_(db, versions_, [this](const runner_event& e) { notify(e); }) {}

  // Applies pending migrations up to `target`. With `resume`, a dirty migration (MySQL) is finished
  // first: an interrupted upgrade goes on to `target`; an interrupted downgrade is completed, and
  // the call ends there.
  std::vector<migration_result> upgrade(const upgrade_target& target = upgrade_target::heads(), bool resume = false) {
    return sqlite_busy_is_a_lock_timeout([&] { return upgrade_now(target, resume); });
  }

  // Reverts the last batch (or `target`). With `resume`, a dirty migration (MySQL) is finished in
  // the direction it was going, and the call ends there.
  std::vector<migration_result> downgrade(const downgrade_target& target = downgrade_target::last_batch(),
                                         bool resume = false) {
    return sqlite_busy_is_a_lock_timeout([&] { return downgrade_now(target, resume); });
  }

 private:
  std::vector<migration_result> upgrade_now(const upgrade_target& target, bool resume) {
    detail::check_recordable(history_);
    auto scope = begin_run();
    if (!resume && nothing_to_upgrade(target)) return {};
    auto lock = make_migration_lock(db_, options_.table);
    lock_guard held = acquire(lock.get());
    mysql_empty_strings_kept empty_strings(db_);
    auto rows = versions_.ensure_rows();
    std::vector<migration_result> results;
    if (auto dirty = find_dirty(rows)) {
      if (!resume) throw dirty_error(dirty_message(*dirty));
      resume_dirty(*dirty, rows, results);
      if (dirty->direction == "down") return results;
      rows = versions_.rows();
    }
    verify_checksums(rows);
    if (db_.kind() == dialect_kind::sqlite) upgrade_sqlite(target, rows, results);
    else upgrade_locked(target, rows, results);
    return results;
  }

  std::vector<migration_result> downgrade_now(const downgrade_target& target, bool resume) {
    detail::check_recordable(history_);
    auto scope = begin_run();
    auto lock = make_migration_lock(db_, options_.table);
    lock_guard held = acquire(lock.get());
    mysql_empty_strings_kept empty_strings(db_);
    auto rows = versions_.ensure_rows();
    std::vector<migration_result> results;
    if (auto dirty = find_dirty(rows)) {
      if (!resume) throw dirty_error(dirty_message(*dirty));
      resume_dirty(*dirty, rows, results);
      return results;
    }
    verify_checksums(rows);
    if (db_.kind() == dialect_kind::sqlite) {
      downgrade_sqlite(target, rows, results);
      return results;
    }
    std::vector<std::string> revert;
    for (const version_row* row : to_revert(target, rows)) revert.push_back(row->revision);
    for (const auto& revision : revert) revert_locked(revision, rows, results);
    return results;
  }

  // SQLite reports a lock another connection held past the busy timeout (the lock timeout, while a
  // run lasts) as SQLITE_BUSY, wherever the run was.
  template <class Run>
  std::vector<migration_result> sqlite_busy_is_a_lock_timeout(Run run) {
    try {
      return run();
    } catch (const sql_error& e) {
      if (e.code() == "SQLITE_BUSY" || e.code() == "SQLITE_LOCKED")
        throw lock_timeout_error(fmt::format("timed out after {} ms waiting for SQLite's write lock (another connection "
                                             "holds it): {}",
                                             options_.lock_timeout.count(), e.what()));
      throw;
    }
  }

 public:
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
        e.checksum_mismatch = r.checksum.substr(0, 16) != m->checksum();
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

  // Settles a dirty record once the database has been looked at (and fixed) by hand.
  void resolve(std::string_view revision, resolution how) {
    auto scope = begin_run();
    auto lock = make_migration_lock(db_, options_.table);
    lock_guard held = acquire(lock.get());
    auto rows = versions_.rows();
    auto it = std::find_if(rows.begin(), rows.end(), [&](const version_row& r) { return r.revision == revision; });
    if (it == rows.end() || it->state == "applied")
      throw error(fmt::format("resolve: \"{}\" has no dirty record in {}", revision, options_.table));
    switch (how) {
      case resolution::not_applied: versions_.run(versions_.delete_statement(revision)); return;
      case resolution::applied:
        versions_.run(versions_.progress_statement(revision, "applied", "up", 0, std::nullopt));
        if (const migration* m = history_.find(revision))
          versions_.run(versions_.checksum_statement(revision, m->checksum()));
        return;
      case resolution::statement_applied:
      case resolution::statement_not_applied: {
        // The person vouches for what ran: the record drops its digest of the statements done.
        int next = it->next_statement + (how == resolution::statement_applied ? 1 : 0);
        versions_.run(versions_.progress_statement(
            revision, "dirty", it->direction, next,
            fmt::format("resolved by hand: statement {} {}", it->next_statement + 1,
                        how == resolution::statement_applied ? "took effect" : "did not take effect"),
            std::nullopt, it->checksum.substr(0, 16)));
        return;
      }
    }
  }

 private:
  run_scope begin_run() {
    executor_.start_run();
    return run_scope(db_, options_.lock_timeout, [this](std::string_view message) {
      notify({runner_event::kind::notice, {}, {}, direction::up, 0, message});
    });
  }

  lock_guard acquire(migration_lock* lock) {
    if (!lock) return lock_guard(nullptr, options_.lock_timeout);
    notify({runner_event::kind::lock_waiting});
    lock_guard held(lock, options_.lock_timeout);
    notify({runner_event::kind::lock_acquired});
    return held;
  }

  void notify(const runner_event& event) const {
    if (options_.on_event) options_.on_event(event);
  }

  // ---- upgrade --------------------------------------------------------------------------------

  // PostgreSQL, MySQL: the session lock is held for the whole run.
  void upgrade_locked(const upgrade_target& target, std::vector<version_row>& rows, std::vector<migration_result>& results) {
    const auto todo = pending(target, revisions_of(rows), 0);
    if (todo.empty()) return;
    schema state = replay_rows(history_, rows, options_.table, db_.sql_dialect());
    const int batch = highest(rows, &version_row::batch) + 1;
    for (const migration* m : todo) {
      migration_plan plan = plan_up(db_.sql_dialect(), *m, state);
      version_row row = row_for(*m, batch, highest(rows, &version_row::sequence) + 1, "applied", "up");
      if (db_.kind() == dialect_kind::mysql) {
        row.state = "running";
        executor_.run_with_progress(plan, row, 0, true, results);
        row.state = "applied";
      } else {
        executor_.run_in_transaction(plan, row, results);
      }
      rows.push_back(std::move(row));
    }
  }

  // SQLite: the write lock is taken per migration, and the version table read again under it
  // whenever another connection has committed since (PRAGMA data_version tells).
  void upgrade_sqlite(const upgrade_target& target, std::vector<version_row>& rows, std::vector<migration_result>& results) {
    int batch = 0;
    int applied_now = 0;
    std::optional<std::string> seen;
    std::optional<schema> state;
    sqlite_foreign_keys foreign_keys(db_);
    for (;;) {
      begin_immediate();
      try {
        // The rows read before the lock may be stale at the first pass; later passes read them again
        // only when another connection has committed in the meantime.
        if (auto version = data_version(); version != seen) {
          rows = versions_.rows();
          verify_checksums(rows);
          state.reset();
          seen = std::move(version);
        }
        auto todo = pending(target, revisions_of(rows), applied_now);
        if (todo.empty()) {
          db_.execute("ROLLBACK");
          return;
        }
        const migration& m = *todo.front();
        if (!state) state = replay_rows(history_, rows, options_.table, db_.sql_dialect());
        schema after = *state;
        migration_plan plan = plan_up(db_.sql_dialect(), m, after);
        if (plan.foreign_keys_off != foreign_keys.off()) {  // switched outside a transaction only
          db_.execute("ROLLBACK");
          foreign_keys.set_off(plan.foreign_keys_off);
          continue;
        }
        const int highest_batch = highest(rows, &version_row::batch);
        if (batch == 0 || highest_batch > batch) batch = highest_batch + 1;
        version_row row = row_for(m, batch, highest(rows, &version_row::sequence) + 1, "applied", "up");
        executor_.run_in_transaction(plan, row, results);
        rows.push_back(row);
        state = std::move(after);
        ++applied_now;
      } catch (...) {
        rollback_quietly();
        throw;
      }
    }
  }

  // ---- downgrade ------------------------------------------------------------------------------

  void revert_locked(const std::string& revision, std::vector<version_row>& rows, std::vector<migration_result>& results) {
    auto [plan, row] = plan_revert(revision, rows);
    if (db_.kind() == dialect_kind::mysql) executor_.run_with_progress(plan, row, 0, false, results);
    else executor_.run_in_transaction(plan, row, results);
    forget(rows, revision);
  }

  // SQLite: the write lock is taken per migration. What to revert is decided under the first, from
  // the version table as it is then; under each, the table is read again, what another runner
  // reverted is skipped, and plan_revert refuses what another runner has applied on top since.
  void downgrade_sqlite(const downgrade_target& target, std::vector<version_row>& rows,
                        std::vector<migration_result>& results) {
    std::optional<std::vector<std::string>> revert;
    std::size_t next = 0;
    sqlite_foreign_keys foreign_keys(db_);
    for (;;) {
      begin_immediate();
      try {
        rows = versions_.rows();
        if (!revert) {
          revert.emplace();
          for (const version_row* row : to_revert(target, rows)) revert->push_back(row->revision);
        }
        auto applied = revisions_of(rows);
        while (next < revert->size() && !applied.count((*revert)[next])) ++next;
        if (next == revert->size()) {
          db_.execute("ROLLBACK");
          return;
        }
        auto [plan, row] = plan_revert((*revert)[next], rows);
        if (plan.foreign_keys_off != foreign_keys.off()) {
          db_.execute("ROLLBACK");
          foreign_keys.set_off(plan.foreign_keys_off);
          continue;
        }
        executor_.run_in_transaction(plan, row, results);
        ++next;
      } catch (...) {
        rollback_quietly();
        throw;
      }
    }
  }

  // The down plan of an applied revision: derived against the schema before it, rendered against
  // the schema now (which holds whatever was applied after it).
  std::pair<migration_plan, version_row> plan_revert(const std::string& revision, const std::vector<version_row>& rows) {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const version_row& r) { return r.revision == revision; });
    const migration* m = history_.find(revision);
    if (!m)
      throw history_error(
          fmt::format("cannot downgrade \"{}\": it is applied but not among the migrations given", revision));
    for (const auto& r : rows)
      if (const migration* later = history_.find(r.revision);
          later && std::count(later->down_revisions.begin(), later->down_revisions.end(), revision))
        throw error(fmt::format("cannot downgrade \"{}\" ({}): \"{}\" ({}), which follows it, is applied; another runner "
                                "applied it after this downgrade was planned. Downgrade again to revert both.",
                                revision, m->label, later->revision, later->label));
    std::vector<version_row> earlier;
    for (const auto& r : rows)
      if (r.sequence < row->sequence) earlier.push_back(r);
    schema current = replay_rows(history_, rows, options_.table, db_.sql_dialect());
    return {plan_down(db_.sql_dialect(), *m, replay_rows(history_, earlier, options_.table, db_.sql_dialect()), current), *row};
  }

  static void forget(std::vector<version_row>& rows, const std::string& revision) {
    std::erase_if(rows, [&](const version_row& r) { return r.revision == revision; });
  }

  // ---- resuming (MySQL) -----------------------------------------------------------------------

  void resume_dirty(const version_row& row, const std::vector<version_row>& rows, std::vector<migration_result>& results) {
    if (db_.kind() != dialect_kind::mysql)
      throw dirty_error(fmt::format("\"{}\" is marked {} but {} runs migrations in transactions; resolve it instead",
                                    row.revision, row.state, db_.sql_dialect().name()));
    const migration* m = history_.find(row.revision);
    if (!m) throw dirty_error(fmt::format("cannot resume \"{}\": it is not among the migrations given", row.revision));
    if (row.state == "in_doubt") throw dirty_error(in_doubt_message(row));
    migration_plan plan = plan_of_dirty(db_.sql_dialect(), history_, *m, row, rows, options_.table);
    check_statements_done_unchanged(plan, row);
    // The migration may have been fixed from the failed statement on: from now on its record carries
    // what it is now.
    std::size_t first = static_cast<std::size_t>(row.next_statement);
    if (first < plan.statements.size() && plan.statements[first].type == statement::kind::ddl)
      first = where_to_resume(db_, options_.table, plan, first, row);
    executor_.run_with_progress(plan, row, first, false, results);
  }

  // ---- reading the version table --------------------------------------------------------------

  // Without taking the lock: is every migration the target needs applied, cleanly and unchanged?
  // Every start-up asks, so each row's migration is looked up once; a checksum that differs is
  // reported under the lock (verify_checksums).
  bool nothing_to_upgrade(const upgrade_target& target) {
    auto rows = versions_.rows_if_exists();
    if (!rows) return false;
    if (find_dirty(*rows)) return false;
    std::vector<const migration*> recorded;  // the migration of each row, if given
    recorded.reserve(rows->size());
    for (const auto& r : *rows) recorded.push_back(history_.find(r.revision));
    // Rows name distinct revisions (the primary key): as many of them given as there are migrations
    // means that every one is applied, the usual case, and needs no set of revisions.
    const auto given = rows->size() - static_cast<std::size_t>(std::count(recorded.begin(), recorded.end(), nullptr));
    if (given != history_.migrations().size() && !pending(target, revisions_of(*rows), 0).empty()) return false;
    for (std::size_t i = 0; i < rows->size(); ++i)
      if (recorded[i] && recorded[i]->checksum() != (*rows)[i].checksum) return false;
    return true;
  }

  static std::set<std::string> revisions_of(const std::vector<version_row>& rows) {
    std::set<std::string> out;
    for (const auto& r : rows)
      if (r.state == "applied") out.insert(r.revision);
    return out;
  }

  static int highest(const std::vector<version_row>& rows, int version_row::*field) {
    int out = 0;
    for (const auto& r : rows) out = std::max(out, r.*field);
    return out;
  }

  static std::optional<version_row> find_dirty(const std::vector<version_row>& rows) {
    for (const auto& r : rows)
      if (r.state != "applied") return r;
    return std::nullopt;
  }

  version_row row_for(const migration& m, int batch, int sequence, std::string state, std::string way) const {
    return {m.revision, m.label, batch, sequence, detail::utc_now(), m.checksum(), 0, std::move(state),
            std::move(way), 0, std::nullopt};
  }

  std::string dirty_message(const version_row& row) {
    if (row.state == "in_doubt") return in_doubt_message(row);
    std::string what = row.state == "dirty" ? fmt::format("failed at statement {}", row.next_statement + 1)
                                            : fmt::format("was interrupted ({} {}) at statement {}", row.state,
                                                          row.direction, row.next_statement + 1);
    std::string statement;
    if (const migration* m = history_.find(row.revision)) {
      try {
        auto plan = plan_of_dirty(db_.sql_dialect(), history_, *m, row, versions_.rows(), options_.table);
        if (row.next_statement < static_cast<int>(plan.statements.size()))
          statement = fmt::format("\n  statement: {}", plan.statements[row.next_statement].sql);
      } catch (const error&) {  // the message stands without the statement
      }
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
      if (now == r.checksum) continue;
      if (auto tables = m->tables_from_models(); !tables.empty())
        throw checksum_error(fmt::format(
            "migration \"{}\" ({}) no longer hashes to the checksum {} records ({}; now {}). It creates {} {} with "
            "create_table<Model>(), so its steps are the models as they are now, and a model has changed since it was "
            "applied. Spell {} out in the migration as {} applied (`freeze {}` writes that form), or restore the "
            "model; put the model's change in a new migration.",
            r.revision, r.label, options_.table, r.checksum, now, tables.size() == 1 ? "table" : "tables",
            fmt::join(tables, ", "), tables.size() == 1 ? "the table" : "the tables",
            tables.size() == 1 ? "it was" : "they were", r.revision));
      throw checksum_error(fmt::format(
          "migration \"{}\" ({}) was edited after it was applied: {} records checksum {}, its steps now hash to {}. "
          "Restore it, and put the change in a new migration.",
          r.revision, r.label, options_.table, r.checksum, now));
    }
  }

  // The migrations `target` still needs, in history order; `already` of them were applied by this run.
  std::vector<const migration*> pending(const upgrade_target& target, const std::set<std::string>& applied,
                                        int already) const {
    std::set<std::string> wanted;
    if (target.type == upgrade_target::kind::revision) wanted = history_.lineage(target.revision);
    std::vector<const migration*> out;
    for (const migration* m : history_.ordered()) {
      if (applied.count(m->revision)) continue;
      if (target.type == upgrade_target::kind::revision && !wanted.count(m->revision)) continue;
      if (target.type == upgrade_target::kind::steps && static_cast<int>(out.size()) + already >= target.steps) break;
      out.push_back(m);
    }
    return out;
  }

  std::vector<const version_row*> to_revert(const downgrade_target& target, const std::vector<version_row>& rows) const {
    std::vector<const version_row*> out;
    int last_batch = highest(rows, &version_row::batch);
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

  // ---- SQLite's write lock --------------------------------------------------------------------

  // Waits for the write lock up to the lock timeout (SQLite's busy timeout, while a run lasts).
  void begin_immediate() {
    notify({runner_event::kind::lock_waiting});
    db_.execute("BEGIN IMMEDIATE");
    notify({runner_event::kind::lock_acquired});
  }

  // Changes whenever another connection commits to the database.
  std::string data_version() { return db_.query("PRAGMA data_version").at(0).at(0).value_or(""); }

  void rollback_quietly() noexcept {
    try {
      if (db_.transaction() != transaction_status::idle) db_.execute("ROLLBACK");
    } catch (...) {
    }
  }

  connection& db_;
  const history& history_;
  runner_options options_;
  version_table versions_;
  plan_executor executor_;
};

}  // namespace tempest
