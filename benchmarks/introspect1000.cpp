// What introspect() costs on a schema of N tables (1,000 by default), each with 10 columns, an index,
// a unique and a foreign key, against the catalog queries it sends: the same SQL, sent again through
// connection::query on the same connection, the rows thrown away. Goal: at most 200 ms for 1,000
// tables, in a number of queries that does not grow with them. The two are interleaved, and their
// medians compared.
//
//   result: introspect_<N>_<db>_ms          introspect(), median
//   result: introspect_<N>_<db>_queries     the round trips it takes
//   result: introspect_<N>_raw_<db>_ms      its catalog queries alone, median
//   result: introspect_<N>_vs_raw_<db>      the ratio of the two
//
//   bench_introspect1000 [--runs N] [--sizes N,N...] [sqlite|postgresql|mysql...]   (11 runs; 1000)
// SQLite on a file in a temporary directory; PostgreSQL and MySQL/MariaDB on the servers of
// TEMPEST_TEST_POSTGRESQL_URL and TEMPEST_TEST_MYSQL_URL (skipped when unset), in a database of its
// own, dropped at the end. The tables are made once per database, by create_schema.

#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <tempest/migrations.hpp>

#include "databases.hpp"
#include "report.hpp"
#include "wide_schema.hpp"

namespace {

struct statement {
  std::string sql;
  std::vector<tempest::sql_value> parameters;
};

void measure(const bench::database_target& target, int size, int runs) {
  bench::scratch where(target);
  const std::string url = where.fresh();
  const auto schema = bench::wide_schema(size);
  {
    tempest::connection setup(url);
    if (setup.kind() == tempest::dialect_kind::sqlite) setup.execute("PRAGMA synchronous = OFF");
    tempest::create_schema(setup, schema);
  }

  tempest::connection db(url);
  // Warm up (and check what it reads), recording the statements introspect() sends.
  std::vector<statement> sent;
  db.on_statement([&](std::string_view sql, const std::vector<tempest::sql_value>& parameters) {
    sent.push_back({std::string(sql), parameters});
  });
  auto before = db.statements_executed();
  auto live = tempest::introspect(db);
  const auto queries = db.statements_executed() - before;
  db.on_statement(nullptr);
  if (live.tables.size() != static_cast<std::size_t>(size))
    throw std::runtime_error(fmt::format("introspect() read {} tables, not {}", live.tables.size(), size));
  if (live != db.sql_dialect().stored_form(schema)) throw std::runtime_error("introspect() read another schema");
  benchmark::DoNotOptimize(tempest::introspect(db));

  std::vector<double> introspect_ms, raw_ms;
  for (int i = 0; i < runs; ++i) {
    introspect_ms.push_back(bench::time_ms([&] { benchmark::DoNotOptimize(tempest::introspect(db)); }));
    raw_ms.push_back(bench::time_ms([&] {
      for (const auto& s : sent) benchmark::DoNotOptimize(db.query(s.sql, s.parameters));
    }));
  }
  const double introspected = bench::median(std::move(introspect_ms));
  const double raw = bench::median(std::move(raw_ms));
  const std::string& name = target.name;
  bench::result(fmt::format("introspect_{}_{}_ms", size, name), introspected, "ms");
  bench::result(fmt::format("introspect_{}_{}_queries", size, name), static_cast<double>(queries), "queries");
  bench::result(fmt::format("introspect_{}_raw_{}_ms", size, name), raw, "ms");
  bench::result(fmt::format("introspect_{}_vs_raw_{}", size, name), introspected / raw, "x");
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = bench::parse_options(argc, argv, {.runs = 11, .sizes = {1000}});
  bench::measurements measured("introspect1000");
  for (const auto& target : bench::database_targets("introspect1000", options.databases))
    for (int size : options.sizes)
      measured.run(fmt::format("{} {}", target.name, size), [&] { measure(target, size, options.runs); });
  return measured.exit_code();
}
