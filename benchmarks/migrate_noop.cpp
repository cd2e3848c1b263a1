// What migrate(source) costs at application start-up when there is nothing to do, with a history of
// 500 applied migrations, against the one query it cannot avoid: reading the version table, through
// the same kind of connection. Goal: at most 2x.
//
//   result: migrate_noop_vs_select_<db>          migrate() on an open session / the SELECT alone
//   result: migrate_noop_<db>_ms, select_<db>_ms the two medians
//   result: migrate_noop_url_vs_connect_select_<db>  the same with a URL: connecting is in both sides
//   result: migrate_noop_part_<piece>_<db>_ms    where migrate()'s time goes (each piece timed alone)
//
// SQLite on a file in a temporary directory; PostgreSQL on TEMPEST_TEST_POSTGRESQL_URL (skipped
// when unset), in a database of its own that is dropped at the end.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <tempest/migrations.hpp>

#include "report.hpp"

namespace {

constexpr int history_size = 500;
constexpr int runs = 21;

// 500 migrations in a chain: every tenth creates a small table, the others add a column to it.
std::vector<tempest::migration> five_hundred() {
  std::vector<tempest::migration> out;
  std::string table;
  for (int i = 0; i < history_size; ++i) {
    tempest::migration m;
    m.revision = fmt::format("m{:04}", i);
    if (i > 0) m.down_revisions = {fmt::format("m{:04}", i - 1)};
    if (i % 10 == 0) {
      table = fmt::format("t{:03}", i / 10);
      m.label = "create " + table;
      m.up = [table](tempest::migration_builder& b) {
        b.create_table(table, [](tempest::table_builder& t) {
          t.column<std::int64_t>("id").primary_key().autoincrement();
          t.column<std::string>("name").length(40);
        });
      };
    } else {
      std::string column = fmt::format("c{:04}", i);
      m.label = "add " + table + "." + column;
      m.up = [table, column](tempest::migration_builder& b) {
        b.alter_table(table, [&](tempest::table_alterer& t) { t.add_column<std::optional<std::int32_t>>(column); });
      };
    }
    out.push_back(std::move(m));
  }
  return out;
}

double median_ms(const std::function<void()>& body, int n = runs) {
  std::vector<double> times;
  for (int i = 0; i < n; ++i) {
    auto start = std::chrono::steady_clock::now();
    body();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return bench::median(std::move(times));
}

using bench::result;

// A database of its own on a server, dropped when this goes out of scope.
class server_database {
 public:
  explicit server_database(const std::string& server_url) : server_url_(server_url) {
    name_ = fmt::format("tempest_bench_{}_{}", ::getpid(), counter_++);
    tempest::connection(server_url_).execute("CREATE DATABASE " + name_);
    url_ = server_url_.substr(0, server_url_.rfind('/') + 1) + name_;
  }
  ~server_database() {
    try {
      tempest::connection(server_url_).execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "could not drop %s: %s\n", name_.c_str(), e.what());
    }
  }
  const std::string& url() const { return url_; }

 private:
  static inline int counter_ = 0;
  std::string server_url_, name_, url_;
};

void measure(const std::string& db_name, const std::string& url, tempest::dialect_kind kind) {
  const auto migrations = five_hundred();
  tempest::connection db(url);
  tempest::migration_source source{.session = &db.session(), .session_dialect = kind, .migrations = migrations};
  auto applied = tempest::migrate(source).migrations.size();
  if (applied != history_size) throw std::runtime_error(fmt::format("setup applied {} migrations", applied));
  for (int i = 0; i < 3; ++i)  // warm up; and it must find nothing to do
    if (!tempest::migrate(source).migrations.empty()) throw std::runtime_error("migrate() was not a no-op");

  tempest::version_table versions(db, "tempest_migrations");
  const std::string select = versions.select_statement();
  std::size_t rows_read = 0;
  const double select_ms = median_ms([&] {
    auto rows = db.query(select);
    rows_read = rows.size();
    benchmark::DoNotOptimize(rows);
  });
  if (rows_read != history_size) throw std::runtime_error("the version table does not hold 500 rows");
  const double noop_ms = median_ms([&] {
    auto report = tempest::migrate(source);
    benchmark::DoNotOptimize(report);
  });
  result(fmt::format("migrate_noop_{}_ms", db_name), noop_ms, "ms");
  result(fmt::format("select_{}_ms", db_name), select_ms, "ms");
  result(fmt::format("migrate_noop_vs_select_{}", db_name), noop_ms / select_ms, "x");

  // With a URL, as an application usually calls it: a connection is opened on both sides.
  tempest::migration_source by_url{.url = url, .migrations = migrations};
  const double noop_url_ms = median_ms([&] {
    auto report = tempest::migrate(by_url);
    benchmark::DoNotOptimize(report);
  });
  const double connect_select_ms = median_ms([&] {
    tempest::connection fresh(url);
    auto rows = fresh.query(select);
    benchmark::DoNotOptimize(rows);
  });
  result(fmt::format("migrate_noop_url_{}_ms", db_name), noop_url_ms, "ms");
  result(fmt::format("connect_select_{}_ms", db_name), connect_select_ms, "ms");
  result(fmt::format("migrate_noop_url_vs_connect_select_{}", db_name), noop_url_ms / connect_select_ms, "x");

  // Where migrate()'s time goes, piece by piece (what upgrade() does before it finds nothing pending).
  const double history_ms = median_ms([&] {
    auto h = tempest::history::view(source.migrations);  // migrate() builds a history over them
    benchmark::DoNotOptimize(h);
  });
  const double rows_ms = median_ms([&] {
    auto rows = versions.rows();  // the SELECT, parsed into version rows
    benchmark::DoNotOptimize(rows);
  });
  const double checksums_ms = median_ms([&] {
    for (const auto& m : migrations) {
      auto sum = m.checksum();  // verify_checksums: one per applied migration
      benchmark::DoNotOptimize(sum);
    }
  });
  tempest::history h(migrations);
  const double pending_ms = median_ms([&] {
    std::set<std::string> applied_set;
    for (const auto& m : migrations) applied_set.insert(m.revision);
    std::vector<const tempest::migration*> pending;
    for (const auto* m : h.ordered())
      if (!applied_set.count(m->revision)) pending.push_back(m);
    benchmark::DoNotOptimize(pending);
  });
  result(fmt::format("migrate_noop_part_history_{}_ms", db_name), history_ms, "ms");
  result(fmt::format("migrate_noop_part_version_rows_{}_ms", db_name), rows_ms, "ms");
  result(fmt::format("migrate_noop_part_checksums_{}_ms", db_name), checksums_ms, "ms");
  result(fmt::format("migrate_noop_part_pending_{}_ms", db_name), pending_ms, "ms");
}

}  // namespace

int main() {
  bench::measurements measured("migrate_noop");

  measured.run("sqlite", [] {
    auto dir = std::filesystem::temp_directory_path() / fmt::format("tempest_bench_noop_{}", ::getpid());
    std::filesystem::create_directories(dir);
    try {
      measure("sqlite", "sqlite:" + (dir / "noop.db").string(), tempest::dialect_kind::sqlite);
    } catch (...) {
      std::filesystem::remove_all(dir);
      throw;
    }
    std::filesystem::remove_all(dir);
  });

  if (const char* pg = std::getenv("TEMPEST_TEST_POSTGRESQL_URL"); pg && *pg) {
    measured.run("postgresql", [&] {
      server_database database(pg);
      measure("postgresql", database.url(), tempest::dialect_kind::postgresql);
    });
  } else {
    std::fprintf(stderr, "migrate_noop: TEMPEST_TEST_POSTGRESQL_URL unset, postgresql skipped\n");
  }
  return measured.exit_code();
}
