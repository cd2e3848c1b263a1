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

// The statements that read and write the version table, rendered for a dialect. The runner sends
// them; offline SQL prints them.
class version_table_sql {
 public:
  version_table_sql(const dialect& d, std::string name) : d_(d), name_(std::move(name)) {}

  const std::string& name() const noexcept { return name_; }

  std::string create_statement() const {
    auto statement = d_.create_table(version_table_definition(name_)).front();
    return "CREATE TABLE IF NOT EXISTS" + statement.substr(std::string_view("CREATE TABLE").size());
  }

  std::string select_statement() const {
    return fmt::format("SELECT {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {} FROM {}", q("revision"), q("label"),
                       q("batch"), q("sequence"), q("applied_at"), q("checksum"), q("execution_ms"), q("state"),
                       q("direction"), q("next_statement"), q("error"), q(name_));
  }

  // Values the database computes instead of those in the row, as SQL expressions.
  struct computed {
    std::string_view applied_at;
    std::string_view execution_ms;
  };

  std::string insert_statement(const version_row& row, computed by_database = {}) const {
    auto applied_at = by_database.applied_at.empty() ? d_.string_literal(row.applied_at) : std::string(by_database.applied_at);
    auto execution_ms = by_database.execution_ms.empty() ? fmt::format("{}", row.execution_ms)
                                                         : std::string(by_database.execution_ms);
    return fmt::format(
        "INSERT INTO {} ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
        q(name_), q("revision"), q("label"), q("batch"), q("sequence"), q("applied_at"), q("checksum"),
        q("execution_ms"), q("state"), q("direction"), q("next_statement"), q("error"), d_.string_literal(row.revision),
        d_.string_literal(row.label), row.batch, row.sequence, applied_at, d_.string_literal(row.checksum), execution_ms,
        d_.string_literal(row.state), d_.string_literal(row.direction), row.next_statement,
        row.error ? d_.string_literal(*row.error) : std::string("NULL"));
  }

  std::string delete_statement(std::string_view revision) const {
    return fmt::format("DELETE FROM {} WHERE {} = {}", q(name_), q("revision"), d_.string_literal(revision));
  }

  // Records the checksum a migration has now: a dirty migration fixed and then resumed or resolved.
  std::string checksum_statement(std::string_view revision, std::string_view checksum) const {
    return fmt::format("UPDATE {} SET {} = {} WHERE {} = {}", q(name_), q("checksum"), d_.string_literal(checksum),
                       q("revision"), d_.string_literal(revision));
  }

  // Updates the progress columns of a row (databases without transactional DDL).
  std::string progress_statement(std::string_view revision, std::string_view state, std::string_view direction,
                                 int next_statement, const std::optional<std::string>& error,
                                 std::optional<long long> execution_ms = {}) const {
    std::string extra = execution_ms ? fmt::format(", {} = {}", q("execution_ms"), *execution_ms) : "";
    return fmt::format("UPDATE {} SET {} = {}, {} = {}, {} = {}, {} = {}{} WHERE {} = {}", q(name_), q("state"),
                       d_.string_literal(state), q("direction"), d_.string_literal(direction), q("next_statement"),
                       next_statement, q("error"), error ? d_.string_literal(*error) : std::string("NULL"), extra,
                       q("revision"), d_.string_literal(revision));
  }

  // The highest sequence, and whether `revision` has a row, in one query.
  std::string sequence_and_presence_query(std::string_view revision) const {
    return fmt::format("SELECT MAX({}), SUM(CASE WHEN {} = {} THEN 1 ELSE 0 END) FROM {}", q("sequence"),
                       q("revision"), d_.string_literal(revision), q(name_));
  }

 private:
  std::string q(std::string_view identifier) const { return d_.quote(identifier); }

  const dialect& d_;
  std::string name_;
};

// The version table of a live database.
class version_table : public version_table_sql {
 public:
  version_table(connection& db, std::string name) : version_table_sql(db.sql_dialect(), std::move(name)), db_(db) {}

  void create() { db_.execute(create_statement()); }

  // The rows, creating the table first if it does not exist yet.
  std::vector<version_row> ensure_rows() {
    if (auto existing = rows_if_exists()) return *existing;
    create();
    return rows();
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

  std::pair<int, bool> sequence_and_presence(std::string_view revision) {
    auto row = db_.query(sequence_and_presence_query(revision))[0];
    return {row[0] ? std::stoi(*row[0]) : 0, row[1] && *row[1] != "0"};
  }

 private:
  connection& db_;
};

}  // namespace tempest
