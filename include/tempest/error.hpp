#pragma once
// The exceptions tempest throws. Messages name the model, table, column, migration or statement
// involved, and never contain a password.

#include <stdexcept>
#include <string>

namespace tempest {

struct error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A name or definition that cannot be rendered for a dialect (empty identifier, NUL byte, too long).
struct schema_error : error {
  using error::error;
};

// A malformed URL, an unknown scheme, an unreachable server, a refused login.
struct connection_error : error {
  using error::error;
};

// A statement the database rejected; the message carries the statement.
struct sql_error : error {
  sql_error(const std::string& message, std::string statement, std::string code = {})
      : error(message + "\n  statement: " + statement), statement_(std::move(statement)), code_(std::move(code)) {}
  const std::string& statement() const noexcept { return statement_; }
  // The database's code for the error: PostgreSQL's SQLSTATE, MySQL's error number, SQLite's
  // result code name (SQLITE_BUSY, ...); empty when unknown.
  const std::string& code() const noexcept { return code_; }

 private:
  std::string statement_;
  std::string code_;
};

}  // namespace tempest
