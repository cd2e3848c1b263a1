#pragma once
// The version table: one row per applied (or interrupted) migration.
//   revision, label, batch (one per run), sequence (order of application), applied_at (UTC, ISO
//   8601), checksum, execution_ms, state (applied | running | reverting | dirty), direction (up |
//   down), next_statement (progress on databases without transactional DDL), error.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "tempest/runtime/connection.hpp"
#include "tempest/schema/naming.hpp"

namespace tempest {

struct version_row {
  std::string revision;
  std::string label;
  int batch = 0;
  int sequence = 0;
  std::string applied_at;
  std::string checksum;
  long long execution_ms = 0;
  std::string state;  // applied, running, reverting, dirty
  std::string direction;
  int next_statement = 0;
  std::optional<std::string> error;
};

namespace detail {

inline std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace detail

// The version table's definition, rendered by the dialect like any other table.
inline table version_table_definition(const std::string& name) {
  table t{name,
          {{"revision", column_type::varchar(191)},
           {"label", column_type::varchar(255)},
           {"batch", column_type::of(type_kind::int32)},
           {"sequence", column_type::of(type_kind::int32)},
           {"applied_at", column_type::varchar(32)},
           {"checksum", column_type::varchar(32)},
           {"execution_ms", column_type::of(type_kind::int64)},
           {"state", column_type::varchar(16)},
           {"direction", column_type::varchar(8)},
           {"next_statement", column_type::of(type_kind::int32)},
           {"error", column_type::text(), true}}};
  t.key = primary_key_def{naming::primary_key(name), {"revision"}};
  return t;
}

class version_table {
 public:
  version_table(connection& db, std::string name) : db_(db), name_(std::move(name)) {}

  const std::string& name() const noexcept { return name_; }

  table definition() const { return version_table_definition(name_); }

  std::string create_statement() const {
    auto statement = db_.sql_dialect().create_table(definition()).front();
    return "CREATE TABLE IF NOT EXISTS" + statement.substr(std::string_view("CREATE TABLE").size());
  }

  void create() { db_.execute(create_statement()); }

  // The rows, creating the table first if it does not exist yet.
  std::vector<version_row> ensure_rows() {
    if (auto existing = rows_if_exists()) return *existing;
    create();
    return rows();
  }

  std::string select_statement() const {
    const auto& d = db_.sql_dialect();
    return fmt::format(
        "SELECT {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {} FROM {}", d.quote("revision"), d.quote("label"),
        d.quote("batch"), d.quote("sequence"), d.quote("applied_at"), d.quote("checksum"), d.quote("execution_ms"),
        d.quote("state"), d.quote("direction"), d.quote("next_statement"), d.quote("error"), d.quote(name_));
  }

  std::vector<version_row> rows() {
    auto number = [](const cell& c) { return c ? std::atoll(c->c_str()) : 0LL; };
    auto text = [](cell& c) { return c ? std::move(*c) : std::string(); };
    auto result = db_.query(select_statement());
    std::vector<version_row> out;
    out.reserve(result.size());
    for (auto& r : result) {
      version_row& row = out.emplace_back();
      row.revision = text(r[0]);
      row.label = text(r[1]);
      row.batch = static_cast<int>(number(r[2]));
      row.sequence = static_cast<int>(number(r[3]));
      row.applied_at = text(r[4]);
      row.checksum = text(r[5]);
      row.execution_ms = number(r[6]);
      row.state = text(r[7]);
      row.direction = text(r[8]);
      row.next_statement = static_cast<int>(number(r[9]));
      row.error = std::move(r[10]);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
    return out;
  }

  // Reads the rows, or nothing if the table does not exist yet.
  std::optional<std::vector<version_row>> rows_if_exists() {
    try {
      return rows();
    } catch (const sql_error&) {
      return std::nullopt;
    }
  }

  // `execution_ms_sql` replaces row.execution_ms with an expression the database evaluates.
  std::string insert_statement(const version_row& row, std::string_view execution_ms_sql = {}) const {
    const auto& d = db_.sql_dialect();
    return fmt::format(
        "INSERT INTO {} ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
        d.quote(name_), d.quote("revision"), d.quote("label"), d.quote("batch"), d.quote("sequence"),
        d.quote("applied_at"), d.quote("checksum"), d.quote("execution_ms"), d.quote("state"), d.quote("direction"),
        d.quote("next_statement"), d.quote("error"), d.string_literal(row.revision), d.string_literal(row.label),
        row.batch, row.sequence, d.string_literal(row.applied_at), d.string_literal(row.checksum), row.execution_ms,
        d.string_literal(row.state), d.string_literal(row.direction), row.next_statement,
        row.error ? d.string_literal(*row.error) : std::string("NULL"));
  }

  // Records the checksum a migration has now: a dirty migration fixed and then resumed or resolved.
  std::string checksum_statement(std::string_view revision, std::string_view checksum) const {
    const auto& d = db_.sql_dialect();
    return fmt::format("UPDATE {} SET {} = {} WHERE {} = {}", d.quote(name_), d.quote("checksum"),
                       d.string_literal(checksum), d.quote("revision"), d.string_literal(revision));
  }

  // In one round trip: the highest sequence, and whether `revision` has a row.
  std::pair<int, bool> sequence_and_presence(std::string_view revision) {
    const auto& d = db_.sql_dialect();
    auto row = db_.query(fmt::format("SELECT MAX({}), SUM(CASE WHEN {} = {} THEN 1 ELSE 0 END) FROM {}",
                                     d.quote("sequence"), d.quote("revision"), d.string_literal(revision),
                                     d.quote(name_)))[0];
    return {row[0] ? std::stoi(*row[0]) : 0, row[1] && *row[1] != "0"};
  }

  std::string delete_statement(std::string_view revision) const {
    const auto& d = db_.sql_dialect();
    return fmt::format("DELETE FROM {} WHERE {} = {}", d.quote(name_), d.quote("revision"), d.string_literal(revision));
  }

  // Updates the progress columns of a row (databases without transactional DDL).
  std::string progress_statement(std::string_view revision, std::string_view state, std::string_view direction,
                                 int next_statement, const std::optional<std::string>& error,
                                 std::optional<long long> execution_ms = {}) const {
    const auto& d = db_.sql_dialect();
    std::string extra = execution_ms ? fmt::format(", {} = {}", d.quote("execution_ms"), *execution_ms) : "";
    return fmt::format("UPDATE {} SET {} = {}, {} = {}, {} = {}, {} = {}{} WHERE {} = {}", d.quote(name_),
                       d.quote("state"), d.string_literal(state), d.quote("direction"), d.string_literal(direction),
                       d.quote("next_statement"), next_statement, d.quote("error"),
                       error ? d.string_literal(*error) : std::string("NULL"), extra, d.quote("revision"),
                       d.string_literal(revision));
  }

 private:
  connection& db_;
  std::string name_;
};

}  // namespace tempest
