#pragma once
// The drivers: how tempest talks to each database, through the native handle of a SOCI session
// (sqlite3*, PGconn*, MYSQL*). SOCI's own statement layer is never used for that: it rewrites
// `:word` as a placeholder and tracks quotes naively, so SQL would not reach the database as
// written. Here SQL text is sent untouched and values travel as bound parameters.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

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

// Test support: a function called around every statement a driver sends (numbered from 1 in the
// process, with its SQL). Fault tests set it, in a child process, to kill the runner at chosen points.
enum class fault_point : std::uint8_t { before_statement, after_statement };
inline void (*fault_hook)(fault_point, std::size_t number, std::string_view sql) = nullptr;

inline std::atomic<std::size_t>& statements_sent() {
  static std::atomic<std::size_t> count{0};
  return count;
}
inline void before_statement(std::string_view sql) {
  auto number = statements_sent().fetch_add(1, std::memory_order_relaxed) + 1;
  if (fault_hook) fault_hook(fault_point::before_statement, number, sql);
}
inline void after_statement(std::string_view sql) {
  if (fault_hook) fault_hook(fault_point::after_statement, statements_sent(), sql);
}

// One statement of a batch: SQL and its bound values. `repeats`: the same text comes in batch after
// batch with other values (a version row), so a driver may prepare it once and reuse it.
struct batch_entry {
  std::string_view sql;
  const std::vector<sql_value>* parameters = nullptr;
  std::optional<std::size_t> expected_changes;  // the rows it must change, when that is known
  bool repeats = false;
};

// A statement changed another number of rows than it was meant to.
inline sql_error unexpected_changes(std::string_view database, std::size_t changed, std::size_t expected,
                                    std::string_view sql) {
  return sql_error(fmt::format("{}: the statement changed {} row{} where it names {}: rows it does not name match "
                               "it, or rows it names are not there",
                               database, changed, changed == 1 ? "" : "s", expected),
                   std::string(sql));
}

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
        const auto& values = entries[i].parameters ? *entries[i].parameters : none;
        if (!entries[i].expected_changes) {
          query(entries[i].sql, values);
          continue;
        }
        auto changed = change(entries[i].sql, values);
        if (changed != *entries[i].expected_changes)
          throw unexpected_changes(name(), changed, *entries[i].expected_changes, entries[i].sql);
      } catch (const sql_error& e) {
        throw batch_error(e, i);
      }
    }
  }

  // Runs one data statement with `parameters` bound; returns how many rows it changed.
  virtual std::size_t change(std::string_view sql, const std::vector<sql_value>& parameters) = 0;

  virtual std::string_view name() const = 0;

  virtual transaction_status transaction() = 0;

  // Whether a statement outside a transaction commits by itself (MySQL's autocommit can be off).
  virtual bool autocommit() { return true; }

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
