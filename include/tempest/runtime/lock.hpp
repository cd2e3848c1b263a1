#pragma once
// The lock that keeps concurrent runners from applying a migration twice, behind one small
// interface. PostgreSQL: a session-level advisory lock, polled with jittered backoff. MySQL/MariaDB:
// a named GET_LOCK, waited for in the server. Both belong to the session, so a killed runner's
// lock is released by the database.
// (On a Galera cluster GET_LOCK is local to a node; a cluster-wide lock can replace this one.)
// SQLite has no session lock: its runner takes the database's write lock per migration instead.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <random>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "tempest/detail/fnv1a.hpp"
#include "tempest/runtime/connection.hpp"
#include "tempest/schema/naming.hpp"

namespace tempest {

struct lock_timeout_error : error {
  using error::error;
};

class migration_lock {
 public:
  virtual ~migration_lock() = default;
  // Waits up to `timeout`; throws lock_timeout_error when another runner holds the lock longer.
  virtual void acquire(std::chrono::milliseconds timeout) = 0;
  virtual void release() noexcept = 0;
};

namespace detail {

inline lock_timeout_error lock_timeout(std::chrono::milliseconds timeout, std::string_view what) {
  return lock_timeout_error(fmt::format(
      "timed out after {} ms waiting for the migration lock {} (another runner holds it)", timeout.count(), what));
}

// Calls try_lock until it succeeds, backing off from 2 ms to 100 ms between tries. Each pause is
// drawn at random from its upper half, so runners that started together do not retry in lockstep.
template <class TryLock>
void poll_lock(TryLock try_lock, std::chrono::milliseconds timeout, std::string_view what) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::minstd_rand random(static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::chrono::microseconds ceiling{2000};
  while (!try_lock()) {
    std::uniform_int_distribution<long long> draw(ceiling.count() / 2, ceiling.count());
    std::chrono::microseconds pause{draw(random)};
    if (std::chrono::steady_clock::now() + pause > deadline) throw lock_timeout(timeout, what);
    std::this_thread::sleep_for(pause);
    ceiling = std::min(ceiling * 2, std::chrono::microseconds{100'000});
  }
}

}  // namespace detail

class postgresql_advisory_lock : public migration_lock {
 public:
  postgresql_advisory_lock(connection& db, std::string_view key_text)
      : db_(db), key_(static_cast<long long>(detail::fnv1a64(key_text))), label_(key_text) {}

  // PostgreSQL notices a vanished client only between statements, unless told to check: a runner
  // killed in a long statement would otherwise hold the lock until that statement ends. The check
  // interval is set for the run and restored afterwards (the session may be the application's).
  void acquire(std::chrono::milliseconds timeout) override {
    // PostgreSQL before 14 has no such setting: current_setting(…, true) is NULL there.
    check_interval_ = db_.query("SELECT current_setting('client_connection_check_interval', true)")[0][0];
    if (check_interval_) set_check_interval("1000");
    try {
      detail::poll_lock([&] { return db_.query("SELECT pg_try_advisory_lock($1)", {key_})[0][0] == "t"; }, timeout,
                        fmt::format("(PostgreSQL advisory lock {} for {})", key_, label_));
    } catch (...) {
      restore_check_interval();
      throw;
    }
    held_ = true;
  }

  // A session-level lock outlives a transaction, so one the run left open or failed is rolled back
  // first: in a failed transaction PostgreSQL would refuse the unlock.
  void release() noexcept override {
    if (!held_) return;
    try {
      if (db_.transaction() != transaction_status::idle) db_.execute("ROLLBACK");
      db_.query("SELECT pg_advisory_unlock($1)", {key_});
    } catch (...) {  // the session ends the lock anyway
    }
    restore_check_interval();
    held_ = false;
  }

 private:
  void set_check_interval(const std::string& value) {
    db_.query("SELECT set_config('client_connection_check_interval', $1, false)", {value});
  }
  void restore_check_interval() noexcept {
    if (!check_interval_) return;
    try {
      set_check_interval(*check_interval_);
    } catch (...) {
    }
  }

  connection& db_;
  long long key_;
  std::string label_;
  std::optional<std::string> check_interval_;
  bool held_ = false;
};

class mysql_named_lock : public migration_lock {
 public:
  mysql_named_lock(connection& db, std::string_view name) : db_(db), name_(naming::fit(std::string(name), 64)) {}

  // GET_LOCK waits in the server, which hands the lock over as soon as it is released.
  void acquire(std::chrono::milliseconds timeout) override {
    auto got = db_.query("SELECT GET_LOCK(?, ?)", {name_, static_cast<double>(timeout.count()) / 1000.0});
    if (got.empty() || got[0][0] != "1") throw detail::lock_timeout(timeout, fmt::format("(MySQL GET_LOCK '{}')", name_));
    held_ = true;
  }
  void release() noexcept override {
    if (!held_) return;
    try {
      if (db_.transaction() != transaction_status::idle) db_.execute("ROLLBACK");
      db_.query("SELECT RELEASE_LOCK(?)", {name_});
    } catch (...) {
    }
    held_ = false;
  }

 private:
  connection& db_;
  std::string name_;
  bool held_ = false;
};

// The session lock for a connection, or none (SQLite).
inline std::unique_ptr<migration_lock> make_migration_lock(connection& db, std::string_view version_table) {
  switch (db.kind()) {
    case dialect_kind::postgresql:
      return std::make_unique<postgresql_advisory_lock>(db, fmt::format("tempest:{}", version_table));
    case dialect_kind::mysql: {
      auto database = db.query("SELECT DATABASE()")[0][0].value_or("");
      return std::make_unique<mysql_named_lock>(db, fmt::format("tempest:{}.{}", database, version_table));
    }
    case dialect_kind::sqlite: return nullptr;
  }
  return nullptr;
}

// Holds a lock for a scope.
class lock_guard {
 public:
  lock_guard(migration_lock* lock, std::chrono::milliseconds timeout) : lock_(lock) {
    if (lock_) lock_->acquire(timeout);
  }
  ~lock_guard() {
    if (lock_) lock_->release();
  }
  lock_guard(lock_guard&& other) noexcept : lock_(std::exchange(other.lock_, nullptr)) {}
  lock_guard(const lock_guard&) = delete;
  lock_guard& operator=(const lock_guard&) = delete;
  lock_guard& operator=(lock_guard&&) = delete;

 private:
  migration_lock* lock_;
};

}  // namespace tempest
