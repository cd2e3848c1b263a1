// Applying 500 add-column migrations with migrate(source), against the same 500 ALTER TABLE
// statements executed raw through the session of the same kind of connection, each on a fresh
// database. The raw statements are the ones tempest renders (upgrade_sql), without its bookkeeping:
// no transaction per migration, no version table rows, no lock.
//
//   result: apply500_vs_raw_<db>    migrate() / raw, medians of several runs
//   result: apply500_<db>_ms, apply500_raw_<db>_ms
//
// SQLite on a file in a temporary directory; PostgreSQL on TEMPEST_TEST_POSTGRESQL_URL (skipped
// when unset), a new database for every run, dropped after it.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include <tempest/migrations.hpp>

#include "report.hpp"

namespace {

constexpr int columns = 500;

// m000 creates the table (set-up, not measured); m001..m500 each add one column to it.
std::vector<tempest::migration> wide_history() {
  std::vector<tempest::migration> out;
  out.push_back({"m000", {}, "create wide", [](tempest::migration_builder& b) {
                   b.create_table("wide", [](tempest::table_builder& t) {
                     t.column<std::int64_t>("id").primary_key().autoincrement();
                   });
                 }});
  for (int i = 1; i <= columns; ++i) {
    std::string column = fmt::format("c{:03}", i);
    out.push_back({fmt::format("m{:03}", i), {fmt::format("m{:03}", i - 1)}, "add " + column,
                   [column](tempest::migration_builder& b) {
                     b.alter_table("wide", [&](tempest::table_alterer& t) {
                       t.add_column<std::optional<std::int32_t>>(column);
                     });
                   }});
  }
  return out;
}

using bench::median;
using bench::result;

// Where each run's database lives: a new sqlite file, or a new database on the server.
class scratch {
 public:
  explicit scratch(std::string server_url) : server_url_(std::move(server_url)) {}
  ~scratch() {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // A new, empty database; the previous one is removed.
  std::string fresh() {
    ++counter_;
    if (server_url_.empty()) {
      if (dir_.empty()) {
        dir_ = std::filesystem::temp_directory_path() / fmt::format("tempest_bench_apply500_{}", ::getpid());
        std::filesystem::create_directories(dir_);
      }
      std::filesystem::remove_all(dir_ / fmt::format("run{}.db", counter_ - 1));
      return "sqlite:" + (dir_ / fmt::format("run{}.db", counter_)).string();
    }
    drop_previous();
    name_ = fmt::format("tempest_bench_{}_{}", ::getpid(), counter_);
    tempest::connection(server_url_).execute("CREATE DATABASE " + name_);
    return server_url_.substr(0, server_url_.rfind('/') + 1) + name_;
  }

  void drop_previous() {
    if (name_.empty()) return;
    tempest::connection(server_url_).execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    name_.clear();
  }

 private:
  std::string server_url_;
  std::filesystem::path dir_;
  std::string name_;
  int counter_ = 0;
};

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// The table and the version table, as migrate() leaves them after m000; on the raw side too, so that
// both start from the same database.
void set_up(tempest::connection& db, const std::vector<tempest::migration>& all) {
  tempest::migration_source first{
      .session = &db.session(), .session_dialect = db.kind(), .migrations = {all.front()}};
  if (tempest::migrate(first).migrations.size() != 1) throw std::runtime_error("set-up failed");
}

double with_migrate(scratch& where, const std::vector<tempest::migration>& all) {
  tempest::connection db(where.fresh());
  set_up(db, all);
  tempest::migration_source source{.session = &db.session(), .session_dialect = db.kind(), .migrations = all};
  auto start = std::chrono::steady_clock::now();
  auto report = tempest::migrate(source);
  double ms = ms_since(start);
  if (report.migrations.size() != columns) throw std::runtime_error("migrate() did not apply 500 migrations");
  return ms;
}

double raw(scratch& where, const std::vector<tempest::migration>& all, const std::vector<std::string>& alters) {
  tempest::connection db(where.fresh());
  set_up(db, all);
  soci::session& session = db.session();
  auto start = std::chrono::steady_clock::now();
  for (const auto& sql : alters) session << sql;
  double ms = ms_since(start);
  auto count = db.query(fmt::format("SELECT COUNT(*) FROM ({}) x", db.kind() == tempest::dialect_kind::sqlite
                                                                      ? "SELECT * FROM pragma_table_info('wide')"
                                                                      : "SELECT column_name FROM information_schema.columns "
                                                                        "WHERE table_name = 'wide'"));
  if (count.at(0).at(0) != std::to_string(columns + 1)) throw std::runtime_error("the raw ALTERs did not all apply");
  return ms;
}

void measure(const std::string& db_name, tempest::dialect_kind kind, const std::string& server_url, int runs) {
  const auto all = wide_history();
  tempest::history h(all);
  // Exactly the statements migrate() runs for m001..m500, minus bookkeeping.
  std::vector<std::string> alters;
  for (auto& s : tempest::upgrade_sql(tempest::dialect_for(kind), h, {}, {.applied = {"m000"}}))
    if (s.starts_with("ALTER TABLE")) alters.push_back(std::move(s));
  if (alters.size() != columns) throw std::runtime_error(fmt::format("expected 500 ALTERs, got {}", alters.size()));

  scratch where(server_url);
  std::vector<double> tempest_ms, raw_ms;
  for (int i = 0; i < runs; ++i) {  // interleaved, so that a slow phase of the machine hits both
    tempest_ms.push_back(with_migrate(where, all));
    raw_ms.push_back(raw(where, all, alters));
  }
  where.drop_previous();
  const double t = median(tempest_ms), r = median(raw_ms);
  result(fmt::format("apply500_{}_ms", db_name), t, "ms");
  result(fmt::format("apply500_raw_{}_ms", db_name), r, "ms");
  result(fmt::format("apply500_vs_raw_{}", db_name), t / r, "x");
}

}  // namespace

int main() {
  bench::measurements measured("apply500");
  measured.run("sqlite", [] { measure("sqlite", tempest::dialect_kind::sqlite, "", 5); });
  if (const char* pg = std::getenv("TEMPEST_TEST_POSTGRESQL_URL"); pg && *pg)
    measured.run("postgresql", [&] { measure("postgresql", tempest::dialect_kind::postgresql, pg, 5); });
  else
    std::fprintf(stderr, "apply500: TEMPEST_TEST_POSTGRESQL_URL unset, postgresql skipped\n");
  return measured.exit_code();
}
