#pragma once
// The PostgreSQL driver: scripts through the simple query protocol (PQsendQuery, every statement
// of the text runs), single statements with values through PQexecParams, and batches of single
// statements pipelined in one round trip. Notices reach the driver's notice handler instead of
// libpq's default, which prints them on stderr.

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "tempest/runtime/driver/driver.hpp"

namespace tempest::detail {

class postgresql_driver final : public driver {
 public:
  explicit postgresql_driver(soci::session& session)
      : conn_(static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_) {
    // A session whose owner installed a receiver of its own keeps it.
    if (PQsetNoticeReceiver(conn_, nullptr, nullptr) == libpq_default_receiver()) {
      PQsetNoticeReceiver(conn_, &receive_notice, this);
      receiving_ = true;
    }
  }
  ~postgresql_driver() override {
    deallocate_prepared();
    if (receiving_) PQsetNoticeReceiver(conn_, libpq_default_receiver(), nullptr);
  }
  postgresql_driver(const postgresql_driver&) = delete;
  postgresql_driver& operator=(const postgresql_driver&) = delete;

  std::size_t execute(std::string_view sql) override {
    const std::string text(sql);
    // libpq reads the text as a C string: everything after a NUL would be dropped without a word.
    if (text.find('\0') != std::string::npos)
      throw sql_error("postgresql: the SQL text holds a NUL byte; nothing after it would be sent", text);
    before_statement(sql);
    if (!PQsendQuery(conn_, text.c_str())) throw connection_failure(text);
    std::size_t ran = 0;
    std::optional<sql_error> failure;
    while (PGresult* r = PQgetResult(conn_)) {
      result_handle result(r);
      auto status = PQresultStatus(r);
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
        ++ran;
      } else if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
        // No data can come with a step: the copy is ended (failed) so that the server goes on.
        if (!failure) failure = sql_error("postgresql: COPY FROM STDIN and COPY TO STDOUT cannot run in a migration step", text);
        if (status == PGRES_COPY_IN) {
          PQputCopyEnd(conn_, "COPY cannot run in a migration step");
        } else {
          char* buffer = nullptr;
          while (PQgetCopyData(conn_, &buffer, 0) > 0) PQfreemem(buffer);
        }
      } else if (!failure) {
        failure = error_of(r, text, ran);
      }
    }
    if (failure) throw *failure;
    if (PQstatus(conn_) == CONNECTION_BAD) throw connection_failure(text);
    after_statement(sql);
    return ran;
  }

  std::vector<result_row> query(std::string_view sql, const std::vector<sql_value>& parameters) override {
    const std::string text(sql);
    auto result = run_one(text, parameters);
    std::vector<result_row> rows;
    const int count = PQntuples(result.get()), columns = PQnfields(result.get());
    rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
      result_row& row = rows.emplace_back();
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result.get(), r, c)) row.emplace_back();
        else row.emplace_back(std::string(PQgetvalue(result.get(), r, c), static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
      }
    }
    after_statement(sql);
    return rows;
  }

  std::size_t change(std::string_view sql, const std::vector<sql_value>& parameters) override {
    const std::string text(sql);
    auto result = run_one(text, parameters);
    after_statement(sql);
    return changes_of(result.get());
  }

  std::string_view name() const override { return "postgresql"; }

  // The whole batch in one round trip: the statements are pipelined, then read back in order. After
  // a failure the server skips the rest of the pipeline. An entry that repeats is prepared as a
  // named statement the first time (in the same pipeline), and executed by name from then on: the
  // server parses and plans it once per connection instead of once per batch.
  void execute_batch(const std::vector<batch_entry>& entries) override {
    if (entries.empty()) return;
    // A pipelined batch runs on the server whatever the client thinks of a result: a statement
    // whose changes must be counted before the next one is sent makes the batch go one by one.
    if (std::any_of(entries.begin(), entries.end(), [](const batch_entry& e) { return e.expected_changes; }))
      return driver::execute_batch(entries);
    if (!PQenterPipelineMode(conn_)) throw connection_failure(std::string(entries.front().sql));
    std::vector<std::string> texts;
    std::vector<parameter_texts> values;
    texts.reserve(entries.size());
    values.reserve(entries.size());
    std::vector<std::size_t> entry_of;             // command sent -> its entry
    std::vector<std::optional<prepared_map::iterator>> preparing;  // command sent -> what it prepares, if it does
    std::size_t sent = 0;
    for (const auto& entry : entries) {
      static const std::vector<sql_value> none;
      texts.emplace_back(entry.sql);
      values.emplace_back(entry.parameters ? *entry.parameters : none, texts.back());
      const int count = static_cast<int>(values.back().size());
      before_statement(entry.sql);
      const std::string* prepared_name = nullptr;
      if (entry.repeats) {
        auto [it, fresh] = prepared_.try_emplace(texts.back());
        if (fresh) {
          it->second = fmt::format("tempest_statement_{}", ++prepared_names());
          if (!PQsendPrepare(conn_, it->second.c_str(), it->first.c_str(), count, nullptr)) {
            prepared_.erase(it);
            break;
          }
          entry_of.push_back(sent);
          preparing.push_back(it);
        }
        prepared_name = &it->second;
      }
      if (!(prepared_name ? PQsendQueryPrepared(conn_, prepared_name->c_str(), count, values.back().pointers(), nullptr,
                                                nullptr, 0)
                          : PQsendQueryParams(conn_, texts.back().c_str(), count, nullptr, values.back().pointers(),
                                              nullptr, nullptr, 0)))
        break;
      entry_of.push_back(sent);
      preparing.push_back(std::nullopt);
      ++sent;
    }
    PQpipelineSync(conn_);
    std::optional<batch_error> failure;
    for (std::size_t c = 0; c < entry_of.size(); ++c) {
      const std::size_t i = entry_of[c];
      bool prepared = false;
      while (PGresult* r = PQgetResult(conn_)) {
        result_handle result(r);
        auto status = PQresultStatus(r);
        prepared = status == PGRES_COMMAND_OK;
        if (status == PGRES_FATAL_ERROR && !failure) failure.emplace(error_of(r, texts[i], 0), i);
      }
      // A statement whose preparation failed, or was skipped after a failure, is prepared next time.
      if (preparing[c] && !prepared) prepared_.erase(*preparing[c]);
    }
    while (PGresult* r = PQgetResult(conn_)) {  // the sync point
      bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
      PQclear(r);
      if (sync) break;
    }
    PQexitPipelineMode(conn_);
    if (failure) throw *failure;
    if (sent < entries.size() || PQstatus(conn_) == CONNECTION_BAD)
      throw batch_error(connection_failure(texts.size() > sent ? texts[sent] : texts.back()), sent);
    after_statement(entries.back().sql);
  }

  transaction_status transaction() override {
    switch (PQtransactionStatus(conn_)) {
      case PQTRANS_INTRANS:
      case PQTRANS_ACTIVE: return transaction_status::active;
      case PQTRANS_INERROR: return transaction_status::failed;
      default: return transaction_status::idle;
    }
  }

 private:
  struct result_handle {
    PGresult* r;
    explicit result_handle(PGresult* result) : r(result) {}
    result_handle(result_handle&& other) noexcept : r(std::exchange(other.r, nullptr)) {}
    ~result_handle() { PQclear(r); }
    result_handle(const result_handle&) = delete;
    result_handle& operator=(const result_handle&) = delete;
    PGresult* get() const { return r; }
  };

  // Values in PostgreSQL's text format, typed by the server from where they stand.
  class parameter_texts {
   public:
    parameter_texts(const std::vector<sql_value>& values, const std::string& sql) {
      texts_.reserve(values.size());
      for (const auto& v : values) {
        std::visit(
            [&](const auto& x) {
              using T = std::decay_t<decltype(x)>;
              if constexpr (std::is_same_v<T, std::monostate>) texts_.emplace_back();
              else if constexpr (std::is_same_v<T, bool>) texts_.emplace_back(x ? "true" : "false");
              else if constexpr (std::is_same_v<T, std::string>) {
                if (x.find('\0') != std::string::npos)
                  throw sql_error("postgresql: a value contains a NUL byte, which PostgreSQL text cannot hold", sql);
                texts_.emplace_back(x);
              } else texts_.emplace_back(fmt::format("{}", x));
            },
            v);
      }
      for (const auto& t : texts_) pointers_.push_back(t ? t->c_str() : nullptr);
    }
    parameter_texts(parameter_texts&& other) noexcept : texts_(std::move(other.texts_)) {
      for (const auto& t : texts_) pointers_.push_back(t ? t->c_str() : nullptr);
    }
    std::size_t size() const { return texts_.size(); }
    const char* const* pointers() const { return pointers_.data(); }

   private:
    std::vector<std::optional<std::string>> texts_;
    std::vector<const char*> pointers_;
  };

  // One statement through the extended protocol (values bound); its result, checked.
  result_handle run_one(const std::string& text, const std::vector<sql_value>& parameters) {
    parameter_texts values(parameters, text);
    before_statement(text);
    result_handle result(PQexecParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr, values.pointers(),
                                      nullptr, nullptr, 0));
    if (!result.get()) throw connection_failure(text);
    auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw error_of(result.get(), text, 0);
    return result;
  }

  static std::size_t changes_of(const PGresult* r) {
    const char* count = PQcmdTuples(const_cast<PGresult*>(r));
    return count && *count ? static_cast<std::size_t>(std::strtoull(count, nullptr, 10)) : 0;
  }

  static std::string trimmed(const char* message) {
    std::string out = message ? message : "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    if (out.starts_with("ERROR:  ")) out.erase(0, 8);
    return out;
  }

  static sql_error error_of(const PGresult* r, const std::string& sql, std::size_t ran) {
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string where = ran ? fmt::format(" (after {} statement{} of the text ran)", ran, ran == 1 ? "" : "s") : "";
    return sql_error(fmt::format("postgresql: {}{}", trimmed(PQresultErrorMessage(r)), where), sql, state ? state : "");
  }

  sql_error connection_failure(const std::string& sql) const {
    return sql_error(fmt::format("postgresql: {}", trimmed(PQerrorMessage(conn_))), sql, "08006");
  }

  static void receive_notice(void* self, const PGresult* r) {
    static_cast<postgresql_driver*>(self)->notice(trimmed(PQresultErrorMessage(r)));
  }

  // libpq's own receiver, read off a connection object that never connects.
  static PQnoticeReceiver libpq_default_receiver() {
    static const PQnoticeReceiver receiver = [] {
      PGconn* probe = PQconnectStart("host=/nonexistent-tempest-probe port=1");
      PQnoticeReceiver found = probe ? PQsetNoticeReceiver(probe, nullptr, nullptr) : nullptr;
      PQfinish(probe);
      return found;
    }();
    return receiver;
  }

  // Named statements are numbered in the process: a borrowed session may hold others' too.
  static std::atomic<std::size_t>& prepared_names() {
    static std::atomic<std::size_t> count{0};
    return count;
  }

  // The session may be the application's: what this driver prepared goes with it, in one round
  // trip. If that fails (a transaction the application left aborted), the statements stay in the
  // session under names no one else uses.
  void deallocate_prepared() noexcept {
    if (prepared_.empty() || PQstatus(conn_) != CONNECTION_OK || PQpipelineStatus(conn_) != PQ_PIPELINE_OFF) return;
    try {
      std::string sql;
      for (const auto& [text, name] : prepared_) sql += "DEALLOCATE " + name + ";";
      PQclear(PQexec(conn_, sql.c_str()));
    } catch (...) {
    }
  }

  using prepared_map = std::map<std::string, std::string>;  // SQL text -> statement name

  PGconn* conn_;
  bool receiving_ = false;
  prepared_map prepared_;
};

}  // namespace tempest::detail
