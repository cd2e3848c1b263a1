#pragma once
// The SQLite driver: sqlite3_prepare_v2 over the text, statement after statement, so a script runs
// whole; values bound with sqlite3_bind_*.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "tempest/runtime/driver/driver.hpp"

namespace tempest::detail {

class sqlite_driver final : public driver {
 public:
  explicit sqlite_driver(soci::session& session)
      : db_(static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_) {}

  std::size_t execute(std::string_view sql) override {
    std::size_t ran = 0;
    const char* rest = sql.data();
    const char* end = sql.data() + sql.size();
    while (rest < end) {
      sqlite_api::sqlite3_stmt* raw = nullptr;
      const char* tail = nullptr;
      int rc = sqlite_api::sqlite3_prepare_v2(db_, rest, static_cast<int>(end - rest), &raw, &tail);
      statement_handle handle(raw);
      if (rc != SQLITE_OK) fail(sql, ran);
      // SQLite stops reading at a NUL byte, and would not get past it.
      if (!raw && tail == rest)
        throw sql_error("sqlite: the SQL text holds a NUL byte; nothing after it would run", std::string(sql));
      rest = tail;
      if (!raw) continue;  // only white space or comments were left
      before_statement(sql);
      do rc = sqlite_api::sqlite3_step(raw);
      while (rc == SQLITE_ROW);
      if (rc != SQLITE_DONE) fail(sql, ran);
      after_statement(sql);
      ++ran;
    }
    return ran;
  }

  std::vector<result_row> query(std::string_view sql, const std::vector<sql_value>& parameters) override {
    sqlite_api::sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite_api::sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    statement_handle handle(raw);
    if (rc != SQLITE_OK) fail(sql, 0);
    if (!raw) return {};
    if (!blank(std::string_view(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail))))
      throw sql_error("sqlite: a query is one statement; this text holds more", std::string(sql));
    for (std::size_t i = 0; i < parameters.size(); ++i) bind(raw, static_cast<int>(i + 1), parameters[i], sql);
    before_statement(sql);
    std::vector<result_row> rows;
    const int columns = sqlite_api::sqlite3_column_count(raw);
    while ((rc = sqlite_api::sqlite3_step(raw)) == SQLITE_ROW) {
      result_row& row = rows.emplace_back();
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (sqlite_api::sqlite3_column_type(raw, c) == SQLITE_NULL) {
          row.emplace_back();
          continue;
        }
        auto text = reinterpret_cast<const char*>(sqlite_api::sqlite3_column_blob(raw, c));
        int bytes = sqlite_api::sqlite3_column_bytes(raw, c);
        row.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(bytes)));
      }
    }
    if (rc != SQLITE_DONE) fail(sql, 0);
    after_statement(sql);
    return rows;
  }

  std::size_t change(std::string_view sql, const std::vector<sql_value>& parameters) override {
    query(sql, parameters);
    return static_cast<std::size_t>(sqlite_api::sqlite3_changes(db_));
  }

  std::string_view name() const override { return "sqlite"; }

  transaction_status transaction() override {
    return sqlite_api::sqlite3_get_autocommit(db_) ? transaction_status::idle : transaction_status::active;
  }

  sqlite_api::sqlite3* handle() const noexcept { return db_; }

 private:
  struct statement_handle {
    sqlite_api::sqlite3_stmt* stmt;
    explicit statement_handle(sqlite_api::sqlite3_stmt* s) : stmt(s) {}
    ~statement_handle() { sqlite_api::sqlite3_finalize(stmt); }
    statement_handle(const statement_handle&) = delete;
    statement_handle& operator=(const statement_handle&) = delete;
  };

  // SQLITE_TRANSIENT, spelled with the namespace SOCI puts SQLite's declarations in.
  static sqlite_api::sqlite3_destructor_type transient() {
    return reinterpret_cast<sqlite_api::sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
  }

  static bool blank(std::string_view text) {
    for (char c : text)
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ';') return false;
    return true;
  }

  void bind(sqlite_api::sqlite3_stmt* stmt, int index, const sql_value& value, std::string_view sql) {
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) return sqlite_api::sqlite3_bind_null(stmt, index);
          else if constexpr (std::is_same_v<T, bool>) return sqlite_api::sqlite3_bind_int(stmt, index, v ? 1 : 0);
          else if constexpr (std::is_same_v<T, long long>) return sqlite_api::sqlite3_bind_int64(stmt, index, v);
          else if constexpr (std::is_same_v<T, double>) return sqlite_api::sqlite3_bind_double(stmt, index, v);
          else
            return sqlite_api::sqlite3_bind_text64(stmt, index, v.data(), v.size(), transient(), SQLITE_UTF8);
        },
        value);
    if (rc != SQLITE_OK) fail(sql, 0);
  }

  [[noreturn]] void fail(std::string_view sql, std::size_t ran) const {
    int code = sqlite_api::sqlite3_errcode(db_);
    std::string name = (code & 0xff) == SQLITE_BUSY ? "SQLITE_BUSY"
                       : (code & 0xff) == SQLITE_LOCKED ? "SQLITE_LOCKED"
                                                        : fmt::format("SQLITE_{}", code);
    std::string where = ran ? fmt::format(" (after {} statement{} of the text ran)", ran, ran == 1 ? "" : "s") : "";
    throw sql_error(fmt::format("sqlite: {}{}", sqlite_api::sqlite3_errmsg(db_), where), std::string(sql), name);
  }

  sqlite_api::sqlite3* db_;
};

}  // namespace tempest::detail
