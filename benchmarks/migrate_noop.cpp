// What migrate(source) costs at application start-up when there is nothing to do, with a history of
// N applied migrations (500 and 5,000 by default), against the one query it cannot avoid: one
// SELECT of the version table (version_table::select_statement) through connection::query on the
// same connection. Goal: at most 2x. The two are interleaved, and their medians compared.
//
//   result: migrate_noop_<N>_vs_select_<db>                 migrate() on an open session / the SELECT
//   result: migrate_noop_<N>_<db>_ms, select_<N>_<db>_ms    the two medians
//   result: migrate_noop_url_<N>_vs_connect_select_<db>     the same from a URL: connecting is on both sides
//   result: migrate_noop_url_<N>_<db>_ms, connect_select_<N>_<db>_ms
//   result: migrate_noop_<N>_part_<piece>_<db>_ms           where migrate()'s time goes (each piece alone)
//
//   bench_migrate_noop [--runs N] [--sizes N,N...] [sqlite|postgresql|mysql...]   (21 runs; 500,5000)
// SQLite on a file in a temporary directory; PostgreSQL and MySQL/MariaDB on the servers of
// TEMPEST_TEST_POSTGRESQL_URL and TEMPEST_TEST_MYSQL_URL (skipped when unset), in a database of its
// own for each history, dropped at the end.

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <tempest/migrations.hpp>

#include "databases.hpp"
#include "report.hpp"

namespace {

// `size` migrations in a chain: every tenth creates a small table, the others add a column to it.
std::vector<tempest::migration> chain(int size) {
  std::vector<tempest::migration> out;
  std::string table;
  for (int i = 0; i < size; ++i) {
    tempest::migration m;
    m.revision = fmt::format("m{:05}", i);
    if (i > 0) m.down_revisions = {fmt::format("m{:05}", i - 1)};
    if (i % 10 == 0) {
      table = fmt::format("t{:04}", i / 10);
      m.label = "create " + table;
      m.up = [table](tempest::migration_builder& b) {
        b.create_table(table, [](tempest::table_builder& t) {
          t.column<std::int64_t>("id").primary_key().autoincrement();
          t.column<std::string>("name").length(40);
        });
      };
    } else {
      std::string column = fmt::format("c{:05}", i);
      m.label = "add " + table + "." + column;
      m.up = [table, column](tempest::migration_builder& b) {
        b.alter_table(table, [&](tempest::table_alterer& t) { t.add_column<std::optional<std::int32_t>>(column); });
      };
    }
    out.push_back(std::move(m));
  }
  return out;
}

double median_ms(const std::function<void()>& body, int runs) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) times.push_back(bench::time_ms(body));
  return bench::median(std::move(times));
}

// The medians of `a` and `b`, run alternately.
std::pair<double, double> interleaved_ms(const std::function<void()>& a, const std::function<void()>& b, int runs) {
  std::vector<double> as, bs;
  for (int i = 0; i < runs; ++i) {
    as.push_back(bench::time_ms(a));
    bs.push_back(bench::time_ms(b));
  }
  return {bench::median(std::move(as)), bench::median(std::move(bs))};
}

// Applies the history for real. On SQLite this set-up connection does not wait for the disk at
// each commit (synchronous = OFF is a setting of the connection, not of the file).
void apply_all(const std::string& url, const std::vector<tempest::migration>& migrations) {
  tempest::connection setup(url);
  if (setup.kind() == tempest::dialect_kind::sqlite) setup.execute("PRAGMA synchronous = OFF");
  tempest::migration_source source{.session = &setup.session(), .session_dialect = setup.kind(), .migrations = migrations};
  auto applied = tempest::migrate(source).migrations.size();
  if (applied != migrations.size()) throw std::runtime_error(fmt::format("set-up applied {} migrations", applied));
}

void measure(const bench::database_target& target, int size, int runs) {
  const auto migrations = chain(size);
  bench::scratch where(target);
  const std::string url = where.fresh();
  apply_all(url, migrations);

  tempest::connection db(url);
  tempest::migration_source source{.session = &db.session(), .session_dialect = db.kind(), .migrations = migrations};
  for (int i = 0; i < 3; ++i)  // warm up; and it must find nothing to do
    if (!tempest::migrate(source).migrations.empty()) throw std::runtime_error("migrate() was not a no-op");
  tempest::version_table versions(db, "tempest_migrations");
  const std::string select = versions.select_statement();
  if (db.query(select).size() != static_cast<std::size_t>(size))
    throw std::runtime_error(fmt::format("the version table does not hold {} rows", size));

  const std::string& name = target.name;
  auto [noop_ms, select_ms] = interleaved_ms(
      [&] { benchmark::DoNotOptimize(tempest::migrate(source)); },
      [&] { benchmark::DoNotOptimize(db.query(select)); }, runs);
  bench::result(fmt::format("migrate_noop_{}_{}_ms", size, name), noop_ms, "ms");
  bench::result(fmt::format("select_{}_{}_ms", size, name), select_ms, "ms");
  bench::result(fmt::format("migrate_noop_{}_vs_select_{}", size, name), noop_ms / select_ms, "x");

  // With a URL, as an application usually calls it: a connection is opened on both sides.
  tempest::migration_source by_url{.url = url, .migrations = migrations};
  auto [noop_url_ms, connect_select_ms] = interleaved_ms(
      [&] { benchmark::DoNotOptimize(tempest::migrate(by_url)); },
      [&] {
        tempest::connection fresh(url);
        benchmark::DoNotOptimize(fresh.query(select));
      },
      runs);
  bench::result(fmt::format("migrate_noop_url_{}_{}_ms", size, name), noop_url_ms, "ms");
  bench::result(fmt::format("connect_select_{}_{}_ms", size, name), connect_select_ms, "ms");
  bench::result(fmt::format("migrate_noop_url_{}_vs_connect_select_{}", size, name), noop_url_ms / connect_select_ms,
                "x");

  // Where migrate()'s time goes, piece by piece (what upgrade() does before it finds nothing pending).
  auto part = [&](const char* piece, const std::function<void()>& body) {
    bench::result(fmt::format("migrate_noop_{}_part_{}_{}_ms", size, piece, name), median_ms(body, runs), "ms");
  };
  part("history", [&] { benchmark::DoNotOptimize(tempest::history::view(source.migrations)); });
  part("version_rows", [&] { benchmark::DoNotOptimize(versions.rows()); });  // the SELECT, parsed
  part("checksums", [&] {  // nothing_to_upgrade: one per applied migration
    for (const auto& m : migrations) benchmark::DoNotOptimize(m.checksum());
  });
  const auto h = tempest::history::view(migrations);
  const auto rows = versions.rows();
  part("lookups", [&] {  // nothing_to_upgrade: each row's migration found in the history
    std::size_t given = 0;
    for (const auto& r : rows) given += h.find(r.revision) != nullptr;
    benchmark::DoNotOptimize(given);
  });
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = bench::parse_options(argc, argv, {.runs = 21, .sizes = {500, 5000}});
  bench::measurements measured("migrate_noop");
  for (const auto& target : bench::database_targets("migrate_noop", options.databases))
    for (int size : options.sizes)
      measured.run(fmt::format("{} {}", target.name, size), [&] { measure(target, size, options.runs); });
  return measured.exit_code();
}
