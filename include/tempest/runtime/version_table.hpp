#pragma once
// The version table: one row per applied (or interrupted) migration.
//   revision, label, batch (one per run), sequence (order of application), applied_at (UTC, ISO
//   8601), checksum, execution_ms, state (applied | running | reverting | dirty | in_doubt),
//   direction (up | down), next_statement (progress on databases without transactional DDL), error.
// Values are bound parameters when the runner writes them, literals in offline scripts.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/dialect/values.hpp"
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
  std::string state;  // applied, running, reverting, dirty, in_doubt
  std::string direction;
  int next_statement = 0;
  std::optional<std::string> error;
};

// The version table exists but cannot be read (a missing column, no privilege, another table of
// that name).
struct version_table_error : error {
  using error::error;
};

namespace detail {

inline std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace detail

// Longest revision and label the version table holds, in characters.
inline constexpr std::size_t max_revision_length = 191;
inline constexpr std::size_t max_label_length = 255;

// The version table's definition, rendered by the dialect like any other table.
inline table version_table_definition(const std::string& name) {
  table t{name,
          {{"revision", column_type::varchar(static_cast<int>(max_revision_length))},
           {"label", column_type::varchar(static_cast<int>(max_label_length))},
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
  version_table_sql(const dialect& d, std::string name, value_style style = value_style::parameters)
      : d_(d), name_(std::move(name)), style_(style) {}

  const std::string& name() const noexcept { return name_; }

  std::string create_statement() const {
    auto statement = d_.create_table_statement(version_table_definition(name_));
    return "CREATE TABLE IF NOT EXISTS" + statement.substr(std::string_view("CREATE TABLE").size());
  }

  // Columns are qualified with the table: SQLite reads an unknown double-quoted name as a string,
  // and would read another tool's table of this name as rows of constants.
  std::string select_statement() const {
    std::string columns;
    for (auto name : {"revision", "label", "batch", "sequence", "applied_at", "checksum", "execution_ms", "state",
                      "direction", "next_statement", "error"})
      columns += fmt::format("{}{}.{}", columns.empty() ? "" : ", ", q(name_), q(name));
    return fmt::format("SELECT {} FROM {}", columns, q(name_));
  }

  // Values the database computes instead of those in the row, as SQL expressions. Expressions for
  // the batch or the sequence may read the version table itself (offline scripts).
  struct computed {
    std::string_view applied_at;
    std::string_view execution_ms;
    std::string_view batch;
    std::string_view sequence;
  };

  statement insert_statement(const version_row& row, computed by_database = {}) const {
    statement s = data();
    value_writer value(d_, s, style_);
    // One value after the other: the order of the placeholders is the order of the parameters.
    std::vector<std::string> values;
    auto add = [&](std::string_view expression, sql_value v) {
      values.push_back(expression.empty() ? value(std::move(v)) : std::string(expression));
    };
    add({}, row.revision);
    add({}, row.label);
    add(by_database.batch, static_cast<long long>(row.batch));
    add(by_database.sequence, static_cast<long long>(row.sequence));
    add(by_database.applied_at, row.applied_at);
    add({}, row.checksum);
    add(by_database.execution_ms, row.execution_ms);
    add({}, row.state);
    add({}, row.direction);
    add({}, static_cast<long long>(row.next_statement));
    add({}, optional_text(row.error));
    const std::string list = fmt::format("{}", fmt::join(values, ", "));
    const bool reads_itself = !by_database.batch.empty() || !by_database.sequence.empty();
    s.sql = fmt::format("INSERT INTO {} ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) {}", q(name_), q("revision"),
                        q("label"), q("batch"), q("sequence"), q("applied_at"), q("checksum"), q("execution_ms"),
                        q("state"), q("direction"), q("next_statement"), q("error"),
                        reads_itself ? fmt::format("SELECT {} FROM {}", list, q(name_)) : fmt::format("VALUES ({})", list));
    return s;
  }

  statement delete_statement(std::string_view revision) const {
    statement s = data();
    value_writer value(d_, s, style_);
    s.sql = fmt::format("DELETE FROM {} WHERE {} = {}", q(name_), q("revision"), value(std::string(revision)));
    return s;
  }

  // Records the checksum a migration has now: a dirty migration fixed and then resumed or resolved.
  statement checksum_statement(std::string_view revision, std::string_view checksum) const {
    statement s = data();
    value_writer value(d_, s, style_);
    const std::string new_checksum = value(std::string(checksum));
    s.sql = fmt::format("UPDATE {} SET {} = {} WHERE {} = {}", q(name_), q("checksum"), new_checksum, q("revision"),
                        value(std::string(revision)));
    return s;
  }

  // Updates the progress columns of a row (databases without transactional DDL).
  statement progress_statement(std::string_view revision, std::string_view state, std::string_view direction,
                               int next_statement, const std::optional<std::string>& error,
                               std::optional<long long> execution_ms = {},
                               std::optional<std::string> checksum = {}) const {
    statement s = data();
    value_writer value(d_, s, style_);
    std::string sets = fmt::format("{} = {}", q("state"), value(std::string(state)));
    sets += fmt::format(", {} = {}", q("direction"), value(std::string(direction)));
    sets += fmt::format(", {} = {}", q("next_statement"), value(static_cast<long long>(next_statement)));
    sets += fmt::format(", {} = {}", q("error"), value(optional_text(error)));
    if (execution_ms) sets += fmt::format(", {} = {}", q("execution_ms"), value(*execution_ms));
    if (checksum) sets += fmt::format(", {} = {}", q("checksum"), value(std::move(*checksum)));
    s.sql = fmt::format("UPDATE {} SET {} WHERE {} = {}", q(name_), sets, q("revision"), value(std::string(revision)));
    return s;
  }

 private:
  static statement data() { return {statement::kind::data, {}, {}, nullptr, std::nullopt}; }
  static sql_value optional_text(const std::optional<std::string>& text) {
    return text ? sql_value(*text) : sql_value(std::monostate{});
  }
  std::string q(std::string_view identifier) const { return d_.quote(identifier); }

  const dialect& d_;
  std::string name_;
  value_style style_;
};

// The version table of a live database.
class version_table : public version_table_sql {
 public:
  version_table(connection& db, std::string name) : version_table_sql(db.sql_dialect(), std::move(name)), db_(db) {}

  void create() { db_.execute(create_statement()); }

  void run(const statement& s) { db_.query(s.sql, s.parameters); }

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
    // Usually read in the order written already; sorting moves every row even then.
    auto by_sequence = [](const version_row& a, const version_row& b) { return a.sequence < b.sequence; };
    if (!std::is_sorted(out.begin(), out.end(), by_sequence)) std::sort(out.begin(), out.end(), by_sequence);
    return out;
  }

  // Reads the rows, or nothing if the table does not exist yet. A table that exists but cannot be
  // read is an error that says why.
  std::optional<std::vector<version_row>> rows_if_exists() {
    try {
      return rows();
    } catch (const sql_error&) {
      if (!exists()) return std::nullopt;
    }
    try {  // another runner may have created it in the meantime
      return rows();
    } catch (const sql_error& e) {
      throw version_table_error(fmt::format("the version table {} exists but cannot be read: {}", name(), e.what()));
    }
  }

  // Whether the table exists where an unqualified name finds it.
  bool exists() {
    switch (db_.kind()) {
      case dialect_kind::sqlite:
        return !db_.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE", {name()}).empty();
      case dialect_kind::postgresql:
        return db_.query("SELECT to_regclass(quote_ident($1)) IS NOT NULL", {name()}).at(0).at(0) == "t";
      case dialect_kind::mysql:
        return !db_.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                          "BINARY TABLE_NAME = BINARY ?",
                          {name()})
                    .empty();
    }
    return false;
  }

 private:
  connection& db_;
};

}  // namespace tempest
