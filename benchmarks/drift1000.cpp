// What a drift check costs: introspect + diff of a database in sync with its models, N tables (1,000
// by default) of 10 columns with an index, a unique and a foreign key each; and diff() alone of two
// IRs in memory, 1,000 to 10,000 tables, against a deep copy of the same IRs. Goal: at most 200 ms
// for 1,000 tables on every database, in a number of queries that does not grow with the tables;
// diff growing linearly with the tables.
//
//   result: drift_<N>_<db>_ms            diff_database() (introspect + diff), median
//   result: drift_<N>_<db>_queries       the round trips it takes
//   result: drift_<N>_vs_introspect_<db> its ratio to introspect() alone, measured in the same run
//   result: diff_<N>_ms                  diff() of two equal IRs of N tables, one with 1% of its
//                                        tables changed (a column added, an index renamed), median
//   result: diff_<N>_vs_copy             its ratio to copying both IRs
//   result: diff_per_table_<N>_us        diff_<N>_ms per table: flat when the growth is linear
//
//   bench_drift1000 [--runs N] [--sizes N,N...] [sqlite|postgresql|mysql...]   (11 runs; 1000)

#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <tempest/migrations.hpp>

#include "databases.hpp"
#include "report.hpp"
#include "wide_schema.hpp"

namespace {

void measure_drift(const bench::database_target& target, int size, int runs) {
  bench::scratch where(target);
  const std::string url = where.fresh();
  const auto models = bench::wide_schema(size);
  {
    tempest::connection setup(url);
    if (setup.kind() == tempest::dialect_kind::sqlite) setup.execute("PRAGMA synchronous = OFF");
    tempest::create_schema(setup, models);
  }
  tempest::connection db(url);
  auto before = db.statements_executed();
  auto plan = tempest::diff_database(db, models);
  const auto queries = db.statements_executed() - before;
  if (!plan.empty())
    throw std::runtime_error(fmt::format("the database is not in sync with its models: {}", plan.steps.front().description));

  std::vector<double> drift_ms, introspect_ms;
  for (int i = 0; i < runs; ++i) {
    drift_ms.push_back(bench::time_ms([&] { benchmark::DoNotOptimize(tempest::diff_database(db, models)); }));
    introspect_ms.push_back(bench::time_ms([&] { benchmark::DoNotOptimize(tempest::introspect(db)); }));
  }
  const double drift = bench::median(std::move(drift_ms)), introspected = bench::median(std::move(introspect_ms));
  const std::string& name = target.name;
  bench::result(fmt::format("drift_{}_{}_ms", size, name), drift, "ms");
  bench::result(fmt::format("drift_{}_{}_queries", size, name), static_cast<double>(queries), "queries");
  bench::result(fmt::format("drift_{}_vs_introspect_{}", size, name), drift / introspected, "x");
}

void measure_diff(int size, int runs) {
  const auto current = bench::wide_schema(size);
  auto target = current;
  for (std::size_t i = 0; i < target.tables.size(); i += 100) {
    auto& t = target.tables[i];
    t.columns.push_back({"added", tempest::column_type::varchar(30), true});
    t.indexes.front().name += "_renamed";
    t.normalise();
  }
  std::size_t steps = tempest::diff(current, target).steps.size();
  if (steps != 2 * ((current.tables.size() + 99) / 100))
    throw std::runtime_error(fmt::format("diff() found {} steps for {} changed tables", steps, (current.tables.size() + 99) / 100));
  std::vector<double> diff_ms, copy_ms;
  for (int i = 0; i < runs; ++i) {
    diff_ms.push_back(bench::time_ms([&] { benchmark::DoNotOptimize(tempest::diff(current, target)); }));
    copy_ms.push_back(bench::time_ms([&] {
      auto a = current;
      auto b = target;
      benchmark::DoNotOptimize(a);
      benchmark::DoNotOptimize(b);
    }));
  }
  const double diffed = bench::median(std::move(diff_ms)), copied = bench::median(std::move(copy_ms));
  bench::result(fmt::format("diff_{}_ms", size), diffed, "ms");
  bench::result(fmt::format("diff_{}_vs_copy", size), diffed / copied, "x");
  bench::result(fmt::format("diff_per_table_{}_us", size), diffed * 1000 / size, "us");
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = bench::parse_options(argc, argv, {.runs = 11, .sizes = {1000}});
  bench::measurements measured("drift1000");
  for (int size : {1000, 2000, 5000, 10000})
    measured.run(fmt::format("diff {}", size), [&] { measure_diff(size, options.runs); });
  for (const auto& target : bench::database_targets("drift1000", options.databases))
    for (int size : options.sizes)
      measured.run(fmt::format("{} {}", target.name, size), [&] { measure_drift(target, size, options.runs); });
  return measured.exit_code();
}
