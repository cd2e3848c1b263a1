#pragma once
// The drivers: how tempest talks to each database, through the native handle of a SOCI session
// (sqlite3*, PGconn*, MYSQL*). SOCI's own statement layer is never used for that: it rewrites
// `:word` as a placeholder and tracks quotes naively, so SQL would not reach the database as
// written. Here SQL text is sent untouched and values travel as bound parameters.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tempest/dialect/statement.hpp"
#include "tempest/error.hpp"

namespace tempest {

using cell = std::optional<std::string>;
using result_row = std::vector<cell>;

enum class transaction_status : std::uint8_t {
  idle,    // no transaction open
  active,  // inside a transaction
  failed,  // inside a transaction that an error aborted (PostgreSQL)
};

namespace detail {

// Test support: a function called around every statement a driver sends, numbered from 1 in the
// process. Fault tests set it (in a child process) to kill the runner at chosen points.
enum class fault_point : std::uint8_t { before_statement, after_statement };
inline void (*fault_hook)(fault_point, std::size_t number) = nullptr;

inline std::size_t& statements_sent() {
  static std::size_t count = 0;
  return count;
}
inline void before_statement() {
  ++statements_sent();
  if (fault_hook) fault_hook(fault_point::before_statement, statements_sent());
}
inline void after_statement() {
  if (fault_hook) fault_hook(fault_point::after_statement, statements_sent());
}

// One statement of a batch: SQL and its bound values. `repeats`: the same text comes in batch after
// batch with other values (a version row), so a driver may prepare it once and reuse it.
struct batch_entry {
  std::string_view sql;
  const std::vector<sql_value>* parameters = nullptr;
  bool repeats = false;
};

// A statement of a batch failed; those before it ran, those after it did not.
struct batch_error : sql_error {
  batch_error(const sql_error& cause, std::size_t index) : sql_error(cause), index(index) {}
  std::size_t index;
};

class driver {
 public:
  virtual ~driver() = default;

  // Runs every statement `sql` holds, as written, in order; returns how many ran. Throws
  // sql_error at the first that fails.
  virtual std::size_t execute(std::string_view sql) = 0;

  // Runs one statement with `parameters` bound to its placeholders; returns its rows as text.
  virtual std::vector<result_row> query(std::string_view sql, const std::vector<sql_value>& parameters) = 0;

  // Runs single statements in order, stopping at the first that fails (batch_error). A driver may
  // send them together (PostgreSQL pipelines them in one round trip).
  virtual void execute_batch(const std::vector<batch_entry>& entries) {
    static const std::vector<sql_value> none;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      try {
        query(entries[i].sql, entries[i].parameters ? *entries[i].parameters : none);
      } catch (const sql_error& e) {
        throw batch_error(e, i);
      }
    }
  }

  virtual transaction_status transaction() = 0;

  // Where messages the server sends besides results (PostgreSQL notices) go; by default nowhere.
  void on_notice(std::function<void(std::string_view)> handler) { notice_ = std::move(handler); }

 protected:
  void notice(std::string_view message) const {
    if (notice_) notice_(message);
  }

 private:
  std::function<void(std::string_view)> notice_;
};

}  // namespace detail
}  // namespace tempest
