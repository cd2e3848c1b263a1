#pragma once
// What a run changes on the session, for as long as it runs, and gives back afterwards (the session
// may be the application's): server notices go to the run's callback; on SQLite the busy timeout is
// the lock timeout; on MySQL autocommit is on, since the runner's own records must commit as they are
// written. A session inside a transaction is refused: each migration runs in a transaction of its own.
// And, on SQLite, foreign key enforcement switched off (outside a transaction) for migrations that
// rebuild a table, and on again afterwards.

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "tempest/runtime/connection.hpp"

namespace tempest {

class run_scope {
 public:
  run_scope(connection& db, std::chrono::milliseconds lock_timeout, std::function<void(std::string_view)> on_notice)
      : db_(db) {
    if (db_.transaction() != transaction_status::idle)
      throw error("the database session is inside a transaction; tempest runs each migration in a transaction of its "
                  "own: commit or roll back first");
    if (!db_.autocommit()) {
      db_.execute("SET autocommit = 1");
      autocommit_was_off_ = true;
    }
    db_.on_notice(std::move(on_notice));
    if (auto* handle = db_.sqlite_handle()) {
      busy_before_ = std::stoi(db_.query("PRAGMA busy_timeout").at(0).at(0).value_or("0"));
      sqlite_api::sqlite3_busy_timeout(handle, static_cast<int>(lock_timeout.count()));
    }
  }
  ~run_scope() {
    db_.on_notice({});
    if (auto* handle = db_.sqlite_handle()) sqlite_api::sqlite3_busy_timeout(handle, busy_before_);
    if (autocommit_was_off_) {
      try {
        db_.execute("SET autocommit = 0");
      } catch (...) {  // the session is the application's to handle from here
      }
    }
  }
  run_scope(const run_scope&) = delete;
  run_scope& operator=(const run_scope&) = delete;

 private:
  connection& db_;
  int busy_before_ = 0;
  bool autocommit_was_off_ = false;
};

class sqlite_foreign_keys {
 public:
  explicit sqlite_foreign_keys(connection& db) : db_(db) {}
  ~sqlite_foreign_keys() {
    try {
      set_off(false);
    } catch (...) {
    }
  }
  sqlite_foreign_keys(const sqlite_foreign_keys&) = delete;
  sqlite_foreign_keys& operator=(const sqlite_foreign_keys&) = delete;
  bool off() const noexcept { return off_; }
  void set_off(bool off) {
    if (off == off_) return;
    db_.execute(off ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
    off_ = off;
  }

 private:
  connection& db_;
  bool off_ = false;
};

}  // namespace tempest
