#pragma once
// connection: a SOCI session opened from a database URL (or borrowed from the application), its
// dialect, and the only two ways tempest talks to a database: execute() and query(). Every call is
// counted, so tests can pin how many round trips an operation costs.

#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "tempest/dialect/registry.hpp"
#include "tempest/error.hpp"
#include "tempest/runtime/open_session.hpp"

namespace tempest {

using cell = std::optional<std::string>;
using result_row = std::vector<cell>;

namespace detail {

// SOCI appends the statement to its messages; tempest's sql_error carries it once, on its own line.
inline std::string without_statement(std::string message) {
  if (auto at = message.find(" while executing \""); at != std::string::npos) message.resize(at);
  if (auto at = message.find(" while preparing \""); at != std::string::npos) message.resize(at);
  return message;
}

inline cell cell_text(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
    case soci::dt_blob: return row.get<std::string>(i);
    case soci::dt_double: return fmt::format("{}", row.get<double>(i));
    case soci::dt_integer: return fmt::format("{}", row.get<int>(i));
    case soci::dt_long_long: return fmt::format("{}", row.get<long long>(i));
    case soci::dt_unsigned_long_long: return fmt::format("{}", row.get<unsigned long long>(i));
    case soci::dt_date: {
      std::tm tm = row.get<std::tm>(i);
      char buffer[32];
      std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
      return std::string(buffer);
    }
  }
  return std::nullopt;
}

}  // namespace detail

class connection {
 public:
  // Opens a connection; throws connection_error naming the redacted URL on failure.
  explicit connection(std::string_view url) : connection(parse_database_url(url)) {}

  explicit connection(const database_url& url) : kind_(url.kind), owned_(open_session(url)) {
    session_ = owned_.get();
    configure();
  }

  // Borrows an application's open session.
  connection(soci::session& borrowed, dialect_kind kind) : kind_(kind), session_(&borrowed) { configure(); }

  dialect_kind kind() const noexcept { return kind_; }
  const tempest::dialect& sql_dialect() const noexcept { return dialect_for(kind_); }
  soci::session& session() noexcept { return *session_; }

  // Statements sent through execute() and query() since the connection was made.
  std::size_t statements_executed() const noexcept { return statements_; }

  void execute(const std::string& sql) {
    ++statements_;
    try {
      *session_ << sql;
    } catch (const std::exception& e) {
      throw sql_error(fmt::format("{}: {}", to_string(kind_), detail::without_statement(e.what())), sql);
    }
  }

  // Runs a query and returns every row as text (NULL as no value).
  std::vector<result_row> query(const std::string& sql) {
    ++statements_;
    std::vector<result_row> rows;
    try {
      soci::rowset<soci::row> results = (session_->prepare << sql);
      for (const soci::row& row : results) {
        result_row out;
        out.reserve(row.size());
        for (std::size_t i = 0; i < row.size(); ++i) out.push_back(detail::cell_text(row, i));
        rows.push_back(std::move(out));
      }
    } catch (const std::exception& e) {
      throw sql_error(fmt::format("{}: {}", to_string(kind_), detail::without_statement(e.what())), sql);
    }
    return rows;
  }

 private:
  void configure() {
    // SQLite leaves foreign keys unenforced unless asked, per connection.
    if (kind_ == dialect_kind::sqlite) *session_ << "PRAGMA foreign_keys = ON";
  }

  dialect_kind kind_;
  std::unique_ptr<soci::session> owned_;
  soci::session* session_ = nullptr;
  std::size_t statements_ = 0;
};

}  // namespace tempest
