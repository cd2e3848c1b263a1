#pragma once
// The MySQL/MariaDB driver: scripts through mysql_real_query with multi-statements on, so the
// server itself splits the text (compound statements such as triggers included) and every statement
// of it runs; statements with values as server-side prepared statements, kept for reuse while the
// driver lives.

#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <mysql.h>
#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>

#include "tempest/runtime/driver/driver.hpp"

namespace tempest::detail {

class mysql_driver final : public driver {
 public:
  explicit mysql_driver(soci::session& session)
      : conn_(static_cast<soci::mysql_session_backend*>(session.get_backend())->conn_) {}

  ~mysql_driver() override {
    for (auto& [sql, stmt] : prepared_) mysql_stmt_close(stmt);
    // SOCI opens sessions without multi-statements; a borrowed one goes back as it came.
    if (multi_statements_) mysql_set_server_option(conn_, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
  }
  mysql_driver(const mysql_driver&) = delete;
  mysql_driver& operator=(const mysql_driver&) = delete;

  std::size_t execute(std::string_view sql) override {
    if (!multi_statements_) {
      if (mysql_set_server_option(conn_, MYSQL_OPTION_MULTI_STATEMENTS_ON)) fail(sql, 0);
      multi_statements_ = true;
    }
    before_statement(sql);
    if (mysql_real_query(conn_, sql.data(), static_cast<unsigned long>(sql.size()))) fail(sql, 0);
    std::size_t ran = 0;
    for (;;) {
      if (MYSQL_RES* result = mysql_store_result(conn_)) mysql_free_result(result);
      else if (mysql_field_count(conn_) != 0) fail(sql, ran);
      ++ran;
      int next = mysql_next_result(conn_);
      if (next < 0) break;
      if (next > 0) fail(sql, ran);
    }
    after_statement(sql);
    return ran;
  }

  std::vector<result_row> query(std::string_view sql, const std::vector<sql_value>& parameters) override {
    if (parameters.empty()) return query_text(sql);
    MYSQL_STMT* stmt = prepare(sql);
    bind_parameters(stmt, parameters, sql);
    before_statement(sql);
    if (mysql_stmt_execute(stmt)) fail_statement(stmt, sql);
    auto rows = fetch(stmt, sql);
    after_statement(sql);
    return rows;
  }

  std::size_t change(std::string_view sql, const std::vector<sql_value>& parameters) override {
    MYSQL_STMT* stmt = prepare(sql);
    bind_parameters(stmt, parameters, sql);
    before_statement(sql);
    if (mysql_stmt_execute(stmt)) fail_statement(stmt, sql);
    auto changed = static_cast<std::size_t>(mysql_stmt_affected_rows(stmt));
    after_statement(sql);
    return changed;
  }

  std::string_view name() const override { return "mysql"; }

  transaction_status transaction() override {
    return server_status() & SERVER_STATUS_IN_TRANS ? transaction_status::active : transaction_status::idle;
  }

  bool autocommit() override { return server_status() & SERVER_STATUS_AUTOCOMMIT; }

 private:
  // As of the server's last answer (no round trip).
  unsigned int server_status() const {
    unsigned int status = 0;
    mariadb_get_infov(conn_, MARIADB_CONNECTION_SERVER_STATUS, &status);
    return status;
  }

  std::vector<result_row> query_text(std::string_view sql) {
    before_statement(sql);
    if (mysql_real_query(conn_, sql.data(), static_cast<unsigned long>(sql.size()))) fail(sql, 0);
    std::vector<result_row> rows;
    MYSQL_RES* result = mysql_store_result(conn_);
    if (!result && mysql_field_count(conn_) != 0) fail(sql, 0);
    if (result) {
      const unsigned columns = mysql_num_fields(result);
      while (MYSQL_ROW row = mysql_fetch_row(result)) {
        unsigned long* lengths = mysql_fetch_lengths(result);
        result_row& out = rows.emplace_back();
        out.reserve(columns);
        for (unsigned c = 0; c < columns; ++c) {
          if (row[c]) out.emplace_back(std::string(row[c], lengths[c]));
          else out.emplace_back();
        }
      }
      mysql_free_result(result);
    }
    while (mysql_more_results(conn_)) {  // one statement was asked for; drain anything else
      if (mysql_next_result(conn_) > 0) fail(sql, 1);
      if (MYSQL_RES* extra = mysql_store_result(conn_)) mysql_free_result(extra);
    }
    after_statement(sql);
    return rows;
  }

  MYSQL_STMT* prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = prepared_.find(key); it != prepared_.end()) return it->second;
    MYSQL_STMT* stmt = mysql_stmt_init(conn_);
    if (!stmt) fail(sql, 0);
    if (mysql_stmt_prepare(stmt, sql.data(), static_cast<unsigned long>(sql.size()))) {
      sql_error e = statement_error(stmt, sql);
      mysql_stmt_close(stmt);
      throw e;
    }
    prepared_.emplace(std::move(key), stmt);
    return stmt;
  }

  // Binds the values for the next mysql_stmt_execute: numbers are copied into this driver, text is
  // read from `parameters`, which the caller keeps until then.
  void bind_parameters(MYSQL_STMT* stmt, const std::vector<sql_value>& parameters, std::string_view sql) {
    if (mysql_stmt_param_count(stmt) != parameters.size())
      throw sql_error(fmt::format("mysql: the statement has {} placeholders for {} values", mysql_stmt_param_count(stmt),
                                  parameters.size()),
                      std::string(sql));
    std::vector<MYSQL_BIND> binds(parameters.size());
    bound_integers_.assign(parameters.size(), 0);
    bound_reals_.assign(parameters.size(), 0.0);
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      MYSQL_BIND& b = binds[i];
      std::memset(&b, 0, sizeof b);
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
              b.buffer_type = MYSQL_TYPE_NULL;
            } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, long long>) {
              bound_integers_[i] = static_cast<long long>(v);
              b.buffer_type = MYSQL_TYPE_LONGLONG;
              b.buffer = &bound_integers_[i];
            } else if constexpr (std::is_same_v<T, double>) {
              bound_reals_[i] = v;
              b.buffer_type = MYSQL_TYPE_DOUBLE;
              b.buffer = &bound_reals_[i];
            } else {
              b.buffer_type = MYSQL_TYPE_STRING;
              b.buffer = const_cast<char*>(v.data());
              b.buffer_length = static_cast<unsigned long>(v.size());
            }
          },
          parameters[i]);
    }
    if (mysql_stmt_bind_param(stmt, binds.data())) throw statement_error(stmt, sql);
  }

  // Every column fetched as text (MySQL converts), whatever its length.
  std::vector<result_row> fetch(MYSQL_STMT* stmt, std::string_view sql) {
    std::vector<result_row> rows;
    MYSQL_RES* meta = mysql_stmt_result_metadata(stmt);
    if (!meta) return rows;  // not a query
    const unsigned columns = mysql_num_fields(meta);
    mysql_free_result(meta);
    std::vector<MYSQL_BIND> binds(columns);
    std::vector<unsigned long> lengths(columns);
    std::vector<my_bool> nulls(columns);
    for (unsigned c = 0; c < columns; ++c) {
      std::memset(&binds[c], 0, sizeof binds[c]);
      binds[c].buffer_type = MYSQL_TYPE_STRING;
      binds[c].length = &lengths[c];
      binds[c].is_null = &nulls[c];
    }
    if (mysql_stmt_bind_result(stmt, binds.data())) fail_statement(stmt, sql);
    if (mysql_stmt_store_result(stmt)) fail_statement(stmt, sql);
    for (;;) {
      int rc = mysql_stmt_fetch(stmt);
      if (rc == MYSQL_NO_DATA) break;
      if (rc == 1) fail_statement(stmt, sql);
      result_row& row = rows.emplace_back();
      for (unsigned c = 0; c < columns; ++c) {
        if (nulls[c]) {
          row.emplace_back();
          continue;
        }
        std::string value(lengths[c], '\0');
        if (lengths[c]) {
          MYSQL_BIND column{};
          column.buffer_type = MYSQL_TYPE_STRING;
          column.buffer = value.data();
          column.buffer_length = lengths[c];
          if (mysql_stmt_fetch_column(stmt, &column, c, 0)) fail_statement(stmt, sql);
        }
        row.emplace_back(std::move(value));
      }
    }
    mysql_stmt_free_result(stmt);
    return rows;
  }

  static sql_error statement_error(MYSQL_STMT* stmt, std::string_view sql) {
    return sql_error(fmt::format("mysql: {} ({})", mysql_stmt_error(stmt), mysql_stmt_errno(stmt)), std::string(sql),
                     std::to_string(mysql_stmt_errno(stmt)));
  }
  [[noreturn]] static void fail_statement(MYSQL_STMT* stmt, std::string_view sql) { throw statement_error(stmt, sql); }

  [[noreturn]] void fail(std::string_view sql, std::size_t ran) const {
    std::string where = ran ? fmt::format(" (after {} statement{} of the text ran)", ran, ran == 1 ? "" : "s") : "";
    throw sql_error(fmt::format("mysql: {} ({}){}", mysql_error(conn_), mysql_errno(conn_), where), std::string(sql),
                    std::to_string(mysql_errno(conn_)));
  }

  MYSQL* conn_;
  bool multi_statements_ = false;
  std::map<std::string, MYSQL_STMT*> prepared_;
  std::vector<long long> bound_integers_;
  std::vector<double> bound_reals_;
};

}  // namespace tempest::detail
