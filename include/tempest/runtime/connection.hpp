#pragma once
// connection: a SOCI session opened from a database URL (or borrowed from the application), its
// dialect, and the only ways tempest talks to a database: execute(), query() and execute_batch(),
// through the session's native handle (see driver/driver.hpp). Every call is counted, so tests can
// pin how many round trips an operation costs.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <soci/soci.h>

#include "tempest/dialect/registry.hpp"
#include "tempest/error.hpp"
#include "tempest/runtime/driver/mysql.hpp"
#include "tempest/runtime/driver/postgresql.hpp"
#include "tempest/runtime/driver/sqlite.hpp"
#include "tempest/runtime/open_session.hpp"

namespace tempest {

class connection {
 public:
  // Opens a connection; throws connection_error naming the host and port (or the SQLite file), never
  // the password.
  explicit connection(std::string_view url) : connection(parse_database_url(url)) {}

  explicit connection(const database_url& url) : kind_(url.kind), owned_(open_session(url)) {
    session_ = owned_.get();
    start();
  }

  // Borrows an application's open session. It is given back as it came: tempest changes session
  // settings only for the time it needs them.
  connection(soci::session& borrowed, dialect_kind kind) : kind_(kind), session_(&borrowed) { start(); }

  ~connection() {
    if (restore_foreign_keys_off_ && driver_) {
      try {
        driver_->execute("PRAGMA foreign_keys = OFF");
      } catch (...) {  // the session is the application's to handle from here
      }
    }
  }
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  connection(connection&&) = default;

  dialect_kind kind() const noexcept { return kind_; }
  const tempest::dialect& sql_dialect() const noexcept { return dialect_for(kind_); }
  soci::session& session() noexcept { return *session_; }
  bool borrowed() const noexcept { return !owned_; }

  // Round trips through execute(), query() and execute_batch() since the connection was made.
  std::size_t statements_executed() const noexcept { return statements_; }

  // Sees the text and parameters of each query() and execute() before it runs (benchmarks replay
  // what an operation sent); none by default.
  void on_statement(std::function<void(std::string_view, const std::vector<sql_value>&)> observer) {
    observer_ = std::move(observer);
  }

  // Runs SQL exactly as written; every statement the text holds runs, in order. Returns how many.
  std::size_t execute(std::string_view sql) {
    ++statements_;
    if (observer_) observer_(sql, {});
    return driver_->execute(sql);
  }

  // Runs one statement with `parameters` bound to its placeholders (dialect::placeholder); returns
  // every row as text (NULL as no value).
  std::vector<result_row> query(std::string_view sql, const std::vector<sql_value>& parameters = {}) {
    ++statements_;
    if (observer_) observer_(sql, parameters);
    return driver_->query(sql, parameters);
  }

  // Runs one data statement with `parameters` bound; returns how many rows it changed.
  std::size_t change(std::string_view sql, const std::vector<sql_value>& parameters) {
    ++statements_;
    return driver_->change(sql, parameters);
  }

  // Runs single statements in order, stopping at the first failure (detail::batch_error names it);
  // PostgreSQL sends them all in one round trip.
  void execute_batch(const std::vector<detail::batch_entry>& entries) {
    ++statements_;
    driver_->execute_batch(entries);
  }

  transaction_status transaction() { return driver_->transaction(); }
  bool autocommit() { return driver_->autocommit(); }

  // Where server notices (PostgreSQL) go while this connection lives; by default nowhere.
  void on_notice(std::function<void(std::string_view)> handler) { driver_->on_notice(std::move(handler)); }

  // The SQLite handle, for what only its C API can do.
  sqlite_api::sqlite3* sqlite_handle() const {
    auto* d = dynamic_cast<detail::sqlite_driver*>(driver_.get());
    return d ? d->handle() : nullptr;
  }

 private:
  void start() {
    switch (kind_) {
      case dialect_kind::sqlite: driver_ = std::make_unique<detail::sqlite_driver>(*session_); break;
      case dialect_kind::postgresql: driver_ = std::make_unique<detail::postgresql_driver>(*session_); break;
      case dialect_kind::mysql: driver_ = std::make_unique<detail::mysql_driver>(*session_); break;
    }
    // SQLite leaves foreign keys unenforced unless asked, per connection.
    if (kind_ == dialect_kind::sqlite) {
      if (!owned_) restore_foreign_keys_off_ = driver_->query("PRAGMA foreign_keys", {}).at(0).at(0) == "0";
      driver_->execute("PRAGMA foreign_keys = ON");
    }
  }

  dialect_kind kind_;
  std::unique_ptr<soci::session> owned_;
  soci::session* session_ = nullptr;
  std::unique_ptr<detail::driver> driver_;
  std::size_t statements_ = 0;
  bool restore_foreign_keys_off_ = false;
  std::function<void(std::string_view, const std::vector<sql_value>&)> observer_;
};

}  // namespace tempest
