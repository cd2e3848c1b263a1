#pragma once
// Running one migration plan and recording it in the version table.
//
// PostgreSQL and SQLite: the statements and the version row in one transaction, applied whole or
// not at all. PostgreSQL receives the whole migration in one round trip (BEGIN, statements, version
// row, COMMIT pipelined), except raw SQL steps, which go on their own through the simple protocol so
// that every statement they hold runs, and deletes, whose count of rows is checked before anything
// after them is sent.
//
// MySQL/MariaDB commit each DDL statement by themselves, so progress is recorded statement by
// statement: a DDL statement, then its progress update; a data step and its progress update in one
// transaction (InnoDB DML is transactional); a raw SQL step in a transaction whose first write marks
// the record `in_doubt` — if the raw SQL commits by itself (DDL, COMMIT), that mark is committed with
// it, and an interruption then leaves a record that says the step's effect is unknown, instead of one
// that would have it run twice.

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/runtime/connection.hpp"
#include "tempest/runtime/plan.hpp"
#include "tempest/runtime/session_settings.hpp"
#include "tempest/runtime/sqlite_rebuild.hpp"
#include "tempest/runtime/targets.hpp"
#include "tempest/runtime/version_table.hpp"

namespace tempest {

class plan_executor {
  // A raw step ended the migration's transaction (it holds a COMMIT or a ROLLBACK).
  struct transaction_ended : sql_error {
    transaction_ended(std::string_view database, const std::string& sql)
        : sql_error(fmt::format("{}: the raw SQL ended the migration's transaction (it holds a COMMIT or ROLLBACK)",
                                database),
                    sql) {}
  };

 public:
  plan_executor(connection& db, version_table& versions, std::function<void(const runner_event&)> notify)
      : db_(db), versions_(versions), notify_(std::move(notify)), settings_(db) {}

  // A run begins: what it knew of the session (settings) is taken afresh.
  void start_run() { settings_.forget(); }

  // SQLite: the caller has begun the transaction (BEGIN IMMEDIATE, which is also the lock) and
  // this commits it. PostgreSQL: this begins and commits. `row` is the version row to insert (up).
  void run_in_transaction(const migration_plan& plan, const version_row& row, std::vector<migration_result>& results) {
    migration_result result{plan.source->revision, plan.source->label, plan.direction};
    const auto started = std::chrono::steady_clock::now();
    notify({runner_event::kind::migration_started, result.revision, result.label, result.direction});
    std::size_t failed_at = 0;
    try {
      if (db_.kind() == dialect_kind::postgresql) run_pipelined(plan, row, result, failed_at);
      else run_sqlite(plan, row, result, failed_at, started);
    } catch (const transaction_ended& e) {
      // Nothing can be rolled back any more: what ran may be committed. The record says so, and
      // later runs stop until someone has looked and resolved it.
      std::string why(e.what());
      try {
        version_row dirty = row;
        dirty.state = "dirty";
        dirty.direction = std::string(to_string(plan.direction));
        dirty.next_statement = static_cast<int>(failed_at);
        dirty.error = why;
        versions_.run(plan.direction == direction::up
                          ? versions_.insert_statement(dirty)
                          : versions_.progress_statement(dirty.revision, "dirty", dirty.direction,
                                                         dirty.next_statement, why));
      } catch (...) {
      }
      result.duration = since(started);
      fail(plan, result, failed_at, why, results,
           fmt::format("The raw SQL ended the migration's transaction, so the statements before it may have been "
                       "committed. {} records the migration as dirty: check the database, then resolve it.",
                       versions_.name()));
    } catch (const std::exception& e) {
      if (db_.transaction() != transaction_status::idle) {
        try {
          db_.execute("ROLLBACK");
        } catch (...) {
        }
      }
      result.duration = since(started);
      fail(plan, result, failed_at, e.what(), results, "The migration was rolled back: the database is as it was before it.");
    }
    finish(result, started, results);
  }

  // MySQL/MariaDB: from statement `first`. `fresh` when the migration has no version row yet (an
  // upgrade that starts now); otherwise the row exists (a downgrade, or a resume) and is updated.
  void run_with_progress(const migration_plan& plan, const version_row& row, std::size_t first, bool fresh,
                         std::vector<migration_result>& results) {
    migration_result result{plan.source->revision, plan.source->label, plan.direction};
    const auto started = std::chrono::steady_clock::now();
    const std::string& revision = plan.source->revision;
    const std::string way(to_string(plan.direction));
    const std::string running = plan.direction == direction::up ? "running" : "reverting";
    const std::size_t count = plan.statements.size();
    // While it runs, the record's checksum is the migration's followed by the digest of the
    // statements done so far.
    const std::string checksum = plan.source->checksum();
    const auto digests = statement_digests(plan);
    auto progress = [&](std::size_t next) {
      return versions_.progress_statement(revision, running, way, static_cast<int>(next), std::nullopt, std::nullopt,
                                          checksum + digests[next]);
    };
    if (fresh) {
      version_row started_row = row;
      started_row.checksum = checksum + digests[first];
      versions_.run(versions_.insert_statement(started_row));
    } else {
      versions_.run(progress(first));
    }
    notify({runner_event::kind::migration_started, result.revision, result.label, result.direction});

    // What records statement i as done: the next one's progress, or the end of the migration.
    auto done = [&](std::size_t i) {
      if (i + 1 < count) return progress(i + 1);
      return finished_record(plan, revision, count, started);
    };
    if (count == 0 || first >= count) versions_.run(finished_record(plan, revision, count, started));
    for (std::size_t i = first; i < count; ++i) {
      const statement& s = plan.statements[i];
      started_statement(plan, i, s, result);
      bool raw_sent = false;
      try {
        switch (s.type) {
          case statement::kind::ddl:
            db_.execute(s.sql);
            versions_.run(done(i));
            break;
          case statement::kind::data:
            db_.execute("START TRANSACTION");
            run_data(s);
            versions_.run(done(i));
            db_.execute("COMMIT");
            break;
          case statement::kind::raw:
            db_.execute("START TRANSACTION");
            versions_.run(versions_.progress_statement(revision, "in_doubt", way, static_cast<int>(i), std::nullopt));
            raw_sent = true;
            run_raw(plan, i, s);
            versions_.run(done(i));
            if (db_.transaction() != transaction_status::idle) db_.execute("COMMIT");
            break;
          case statement::kind::sqlite_rebuild: throw error("a SQLite table rebuild cannot run on MySQL");
        }
      } catch (const std::exception& e) {
        std::string outcome = fmt::format(
            "MySQL/MariaDB commit each DDL statement, so {}; {} records the migration as dirty. Fix the cause, then "
            "upgrade with resume, or resolve it.",
            i == 0 ? std::string("none of its statements had run")
                   : fmt::format("statements 1 to {} stay applied", i),
            versions_.name());
        // A raw step that left no transaction open committed something by itself (DDL, COMMIT)
        // before it failed: its mark stays in doubt, for a person to settle, since running it again
        // would repeat what it did.
        std::string state = "dirty";
        if (db_.transaction() != transaction_status::idle) {
          try {
            db_.execute("ROLLBACK");
          } catch (...) {
          }
        } else if (raw_sent) {
          state = "in_doubt";
          outcome = fmt::format(
              "The raw SQL of statement {} committed part of its work by itself before it failed (MySQL/MariaDB commit "
              "DDL and COMMIT at once), so {} records it in doubt: look at the database, then resolve it with "
              "resolution::statement_applied or statement_not_applied.",
              i + 1, versions_.name());
        }
        try {
          versions_.run(versions_.progress_statement(revision, state, way, static_cast<int>(i), std::string(e.what())));
        } catch (...) {  // the record keeps saying where the migration stopped
        }
        result.duration = since(started);
        fail(plan, result, i, e.what(), results, outcome);
      }
    }
    finish(result, started, results);
  }

 private:
  void run_pipelined(const migration_plan& plan, const version_row& row, migration_result& result,
                     std::size_t& failed_at) {
    static const std::vector<sql_value> none;
    std::vector<detail::batch_entry> batch{{"BEGIN", &none}};
    std::vector<std::size_t> statement_of{0};  // batch entry -> plan statement
    auto flush = [&] {
      try {
        db_.execute_batch(batch);
      } catch (const detail::batch_error& e) {
        failed_at = statement_of[e.index];
        result.statements.resize(std::min(result.statements.size(), failed_at + 1));
        throw;
      }
      batch.clear();
      statement_of.clear();
    };
    for (std::size_t i = 0; i < plan.statements.size(); ++i) {
      const statement& s = plan.statements[i];
      started_statement(plan, i, s, result);
      if (s.type == statement::kind::raw) {
        flush();
        failed_at = i;
        run_raw(plan, i, s);
        continue;
      }
      if (s.expected_changes) {  // counted before anything after it is sent
        flush();
        failed_at = i;
        run_data(s);
        continue;
      }
      batch.push_back({s.sql, &s.parameters});
      statement_of.push_back(i);
    }
    // The server measures the execution time itself: now() is the transaction's start.
    const statement record =
        plan.direction == direction::down
            ? versions_.delete_statement(plan.source->revision)
            : versions_.insert_statement(
                  row, {.execution_ms = "(EXTRACT(EPOCH FROM clock_timestamp() - now()) * 1000)::bigint"});
    const std::size_t last = plan.statements.empty() ? 0 : plan.statements.size() - 1;
    batch.push_back({.sql = record.sql, .parameters = &record.parameters, .repeats = true});
    statement_of.push_back(last);
    batch.push_back({"COMMIT", &none});
    statement_of.push_back(last);
    flush();
  }

  void run_sqlite(const migration_plan& plan, const version_row& row, migration_result& result, std::size_t& failed_at,
                  std::chrono::steady_clock::time_point started) {
    std::optional<sqlite_foreign_key_tally> tally;
    if (plan.foreign_keys_off && std::any_of(plan.statements.begin(), plan.statements.end(),
                                             [](const statement& s) { return s.type == statement::kind::raw; }))
      tally.emplace(db_);
    for (std::size_t i = 0; i < plan.statements.size(); ++i) {
      const statement& s = plan.statements[i];
      failed_at = i;
      started_statement(plan, i, s, result);
      switch (s.type) {
        case statement::kind::ddl: db_.execute(s.sql); break;
        case statement::kind::data: run_data(s); break;
        case statement::kind::raw:
          db_.execute(s.sql);
          if (db_.transaction() != transaction_status::active) throw transaction_ended("sqlite", s.sql);
          break;
        case statement::kind::sqlite_rebuild:
          run_sqlite_rebuild(db_, *s.rebuild, [&](const std::string& sql) { result.statements.push_back(sql); });
          break;
      }
    }
    if (plan.foreign_keys_off) check_data_step_foreign_keys(plan);
    if (tally) tally->check(db_, "PRAGMA foreign_key_check");
    version_row record = row;
    record.execution_ms = since(started).count();
    const statement write = plan.direction == direction::down ? versions_.delete_statement(plan.source->revision)
                                                              : versions_.insert_statement(record);
    db_.query(write.sql, write.parameters);
    db_.execute("COMMIT");
  }

  // With foreign keys off for a rebuild, rows that data steps of the same migration wrote are
  // checked here (rebuilt tables are checked by the rebuild): each table's own rows, and the rows
  // referring to it, which a delete leaves without their parent (nothing cascades).
  void check_data_step_foreign_keys(const migration_plan& plan) {
    const migration& m = *plan.source;
    std::set<std::string> tables;
    // A derived down writes to the tables its up writes to.
    for (const auto& o : plan.direction == direction::down && m.down ? m.explicit_down_operations() : m.up_operations()) {
      if (const auto* insert = std::get_if<op::insert_rows>(&o)) tables.insert(insert->table_name);
      if (const auto* remove = std::get_if<op::delete_rows>(&o)) tables.insert(remove->table_name);
    }
    for (const auto& t : tables)
      check_sqlite_foreign_keys(db_, t, fmt::format("after the data steps on table {}", t), "PRAGMA foreign_key_check");
  }

  // A data step; one that names the rows it deletes must delete exactly those.
  void run_data(const statement& s) {
    if (!s.expected_changes) {
      db_.query(s.sql, s.parameters);
      return;
    }
    auto changed = db_.change(s.sql, s.parameters);
    if (changed != *s.expected_changes)
      throw detail::unexpected_changes(db_.sql_dialect().name(), changed, *s.expected_changes, s.sql);
  }

  statement finished_record(const migration_plan& plan, const std::string& revision, std::size_t count,
                            std::chrono::steady_clock::time_point started) const {
    if (plan.direction == direction::down) return versions_.delete_statement(revision);
    return versions_.progress_statement(revision, "applied", "up", static_cast<int>(count), std::nullopt,
                                        since(started).count(), plan.source->checksum());
  }

  void started_statement(const migration_plan& plan, std::size_t index, const statement& s, migration_result& result) {
    result.statements.push_back(s.sql);
    notify({runner_event::kind::statement_started, plan.source->revision, plan.source->label, plan.direction, index,
            s.sql});
  }

  [[noreturn]] void fail(const migration_plan& plan, migration_result& result, std::size_t index,
                         const std::string& cause, std::vector<migration_result>& results, std::string_view outcome) {
    result.error = cause;
    results.push_back(result);
    notify({runner_event::kind::migration_finished, result.revision, result.label, result.direction, 0, {},
            &results.back()});
    throw migration_error(fmt::format("migration \"{}\" ({}) failed going {} at statement {} of its {}: {}\n{}",
                                      result.revision, result.label, to_string(result.direction), index + 1,
                                      plan.statements.size(), cause, outcome),
                          results);
  }

  void finish(migration_result& result, std::chrono::steady_clock::time_point started,
              std::vector<migration_result>& results) {
    result.success = true;
    result.duration = since(started);
    results.push_back(std::move(result));
    notify({runner_event::kind::migration_finished, results.back().revision, results.back().label,
            results.back().direction, 0, {}, &results.back()});
  }

  void notify(const runner_event& event) const {
    if (notify_) notify_(event);
  }

  static std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  }

  // Runs a raw step; the session settings it changes last for that step (see session_settings.hpp).
  void run_raw(const migration_plan& plan, std::size_t index, const statement& s) {
    settings_.remember();
    db_.execute(s.sql);
    if (db_.kind() == dialect_kind::postgresql && db_.transaction() != transaction_status::active)
      throw transaction_ended("postgresql", s.sql);
    settings_.restore([&](const std::string& name) {
      const std::string message = fmt::format(
          "raw SQL statement {} of migration \"{}\" changed the session setting {}; it was set back, so that it lasts "
          "for that statement only",
          index + 1, plan.source->revision, name);
      notify({runner_event::kind::notice, plan.source->revision, plan.source->label, plan.direction, index, message});
    });
  }

  connection& db_;
  version_table& versions_;
  std::function<void(const runner_event&)> notify_;
  session_settings settings_;
};

}  // namespace tempest
