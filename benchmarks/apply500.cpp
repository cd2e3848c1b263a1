// Applying 500 add-column migrations with migrate(source), against two baselines run on the same
// kind of connection, each on a fresh database that migrate() has given the table to alter and
// the version table (m000):
//   raw           the same 500 ALTER TABLE statements migrate() runs (upgrade_sql), each through
//                 connection::execute (sqlite3_prepare+step, PQexec-style simple query,
//                 mysql_real_query): no transaction of its own, no version row, no lock.
//   raw_with_row  per migration, one text through connection::execute: BEGIN; the ALTER; the
//                 version row INSERT (values as literals); COMMIT. What migrate() makes the server
//                 do, sent the cheapest way: one round trip on PostgreSQL and MySQL.
// The three are interleaved (their order rotating) and the medians compared.
//
//   result: apply500_vs_raw_<db>             migrate() / raw
//   result: apply500_vs_raw_with_row_<db>    migrate() / raw_with_row
//   result: apply500_<db>_ms, apply500_raw_<db>_ms, apply500_raw_with_row_<db>_ms   the medians
//   result: apply500_[raw_|raw_with_row_]client_cpu_<db>_ms   CPU time of this process, median
//   result: apply500_[raw_|raw_with_row_]server_cpu_<db>_ms   CPU time of the PostgreSQL backend, median;
//           only where the server runs on this machine (what scripts/bench starts)
//
//   bench_apply500 [--runs N] [sqlite|postgresql|mysql...]    (5 runs, every database)
// SQLite on a file in a temporary directory; PostgreSQL and MySQL/MariaDB on the servers of
// TEMPEST_TEST_POSTGRESQL_URL and TEMPEST_TEST_MYSQL_URL (skipped when unset), a new database for
// every run, dropped after it.

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sys/resource.h>

#include <tempest/migrations.hpp>

#include "databases.hpp"
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

// What each side runs for m001..m500.
struct workload {
  std::vector<tempest::migration> all = wide_history();
  std::vector<std::string> alters;            // raw
  std::vector<std::string> alters_with_rows;  // raw_with_row

  explicit workload(tempest::dialect_kind kind) {
    const tempest::dialect& d = tempest::dialect_for(kind);
    for (auto& s : tempest::upgrade_sql(d, tempest::history::view(all), {}, {.applied = {"m000"}}))
      if (s.starts_with("ALTER TABLE")) alters.push_back(std::move(s));
    if (alters.size() != columns) throw std::runtime_error(fmt::format("expected 500 ALTERs, got {}", alters.size()));
    tempest::version_table_sql versions(d, "tempest_migrations", tempest::value_style::literals);
    for (int i = 1; i <= columns; ++i) {
      const tempest::migration& m = all[static_cast<std::size_t>(i)];
      tempest::version_row row{m.revision, m.label, 2,        i + 1, "2024-01-01T00:00:00Z", m.checksum(), 0,
                               "applied",  "up",    1,        std::nullopt};
      alters_with_rows.push_back(fmt::format("BEGIN; {}; {}; COMMIT", alters[static_cast<std::size_t>(i - 1)],
                                             versions.insert_statement(row).sql));
    }
  }
};

// The table and the version table, as migrate() leaves them after m000; on every side, so that all
// start from the same database.
void set_up(tempest::connection& db, const std::vector<tempest::migration>& all) {
  tempest::migration_source first{
      .session = &db.session(), .session_dialect = db.kind(), .migrations = {all.front()}};
  if (tempest::migrate(first).migrations.size() != 1) throw std::runtime_error("set-up failed");
}

std::string count_of(tempest::connection& db, const std::string& from) {
  return db.query("SELECT COUNT(*) FROM " + from).at(0).at(0).value_or("");
}

// The database after a run: 500 columns added, and as many version rows as the side writes.
void check(tempest::connection& db, std::size_t version_rows, const char* side) {
  std::string columns_of_wide;
  switch (db.kind()) {
    case tempest::dialect_kind::sqlite: columns_of_wide = "pragma_table_info('wide')"; break;
    case tempest::dialect_kind::postgresql:
      columns_of_wide = "information_schema.columns WHERE table_schema = current_schema() AND table_name = 'wide'";
      break;
    case tempest::dialect_kind::mysql:
      columns_of_wide = "information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'wide'";
      break;
  }
  if (count_of(db, columns_of_wide) != std::to_string(columns + 1) ||
      count_of(db, "tempest_migrations") != std::to_string(version_rows))
    throw std::runtime_error(fmt::format("{}: the database is not as 500 applied migrations leave it", side));
}

// What one run of a side cost: its time, the CPU time of this process, and the CPU time of the
// server process serving the connection, where it can be read (a PostgreSQL backend on this
// machine: /proc/PID/schedstat).
struct cost {
  double wall_ms = 0, client_cpu_ms = 0;
  std::optional<double> server_cpu_ms;
};

double client_cpu_ms() {
  rusage used{};
  ::getrusage(RUSAGE_SELF, &used);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
  return ms(used.ru_utime) + ms(used.ru_stime);
}

std::optional<std::string> backend_schedstat(tempest::connection& db) {
  if (db.kind() != tempest::dialect_kind::postgresql) return std::nullopt;
  const std::string proc = "/proc/" + db.query("SELECT pg_backend_pid()").at(0).at(0).value_or("0");
  std::string command;
  std::ifstream(proc + "/comm") >> command;
  if (command != "postgres") return std::nullopt;  // the server runs elsewhere
  return proc + "/schedstat";
}

double schedstat_ms(const std::string& path) {
  double ns = 0;
  std::ifstream(path) >> ns;  // the first field: time spent on a CPU, in ns
  return ns / 1e6;
}

cost timed(tempest::connection& db, const std::function<void()>& body) {
  const auto stat = backend_schedstat(db);
  const double server_before = stat ? schedstat_ms(*stat) : 0, client_before = client_cpu_ms();
  cost c;
  c.wall_ms = bench::time_ms(body);
  c.client_cpu_ms = client_cpu_ms() - client_before;
  if (stat) c.server_cpu_ms = schedstat_ms(*stat) - server_before;
  return c;
}

cost with_migrate(bench::scratch& where, const workload& w) {
  tempest::connection db(where.fresh());
  set_up(db, w.all);
  tempest::migration_source source{.session = &db.session(), .session_dialect = db.kind(), .migrations = w.all};
  std::size_t applied = 0;
  const cost c = timed(db, [&] { applied = tempest::migrate(source).migrations.size(); });
  if (applied != columns) throw std::runtime_error("migrate() did not apply 500 migrations");
  check(db, columns + 1, "migrate()");
  return c;
}

// Each text through connection::execute, one after the other.
cost raw(bench::scratch& where, const workload& w, const std::vector<std::string>& texts, std::size_t version_rows) {
  tempest::connection db(where.fresh());
  set_up(db, w.all);
  const cost c = timed(db, [&] {
    for (const auto& sql : texts) db.execute(sql);
  });
  check(db, version_rows, "raw");
  return c;
}

void measure(const bench::database_target& target, int runs) {
  const workload w(target.kind);
  bench::scratch where(target);
  struct side {
    const char* prefix;  // of the result names
    std::function<cost()> run;
    std::vector<cost> costs;
  };
  std::array<side, 3> sides{side{"apply500_", [&] { return with_migrate(where, w); }, {}},
                            side{"apply500_raw_", [&] { return raw(where, w, w.alters, 1); }, {}},
                            side{"apply500_raw_with_row_", [&] { return raw(where, w, w.alters_with_rows, columns + 1); }, {}}};
  for (int i = 0; i < runs; ++i)  // interleaved, so that a slow phase of the machine hits all
    for (std::size_t k = 0; k < sides.size(); ++k) {
      side& s = sides[(k + static_cast<std::size_t>(i)) % sides.size()];
      s.costs.push_back(s.run());
    }
  const std::string& db = target.name;
  std::array<double, 3> wall{};
  for (std::size_t k = 0; k < sides.size(); ++k) {
    auto median_of = [&](auto field) {
      std::vector<double> values;
      for (const cost& c : sides[k].costs) values.push_back(field(c));
      return bench::median(std::move(values));
    };
    wall[k] = median_of([](const cost& c) { return c.wall_ms; });
    bench::result(fmt::format("{}{}_ms", sides[k].prefix, db), wall[k], "ms");
    bench::result(fmt::format("{}client_cpu_{}_ms", sides[k].prefix, db), median_of([](const cost& c) { return c.client_cpu_ms; }), "ms");
    if (sides[k].costs.front().server_cpu_ms)
      bench::result(fmt::format("{}server_cpu_{}_ms", sides[k].prefix, db),
                    median_of([](const cost& c) { return c.server_cpu_ms.value_or(0); }), "ms");
  }
  bench::result(fmt::format("apply500_vs_raw_{}", db), wall[0] / wall[1], "x");
  bench::result(fmt::format("apply500_vs_raw_with_row_{}", db), wall[0] / wall[2], "x");
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = bench::parse_options(argc, argv, {.runs = 5});
  bench::measurements measured("apply500");
  for (const auto& target : bench::database_targets("apply500", options.databases))
    measured.run(target.name, [&] { measure(target, options.runs); });
  return measured.exit_code();
}
