// Invariant 4, exactly once: any number of processes calling migrate(source) at the same moment apply
// each migration once, under the database's own lock, and all of them return success.
//
// Each round forks 8 processes before any of them opens a connection; they wait on a pipe that the
// parent closes once all of them are ready, so they call migrate() together. The children report over
// a pipe how many migrations each applied, and exit with _exit() without ever returning into Catch.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <tempest/introspect/introspect.hpp>
#include <tempest/migrations.hpp>

#include "support/database.hpp"
#include "support/process.hpp"

using namespace tempest;
using namespace tempest_test;

namespace {

constexpr int processes = 8;
constexpr int rounds = 20;

// Five migrations whose effects show how often each ran: a row inserted without a key (a second run
// would insert a second row), an UPDATE that adds 1 (a second run would make it 2), DDL that a second
// run would fail on.
std::vector<migration> counted_history() {
  return {
      {"c01_accounts", {}, "accounts",
       [](migration_builder& b) {
         b.create_table("accounts", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::string>("name").length(50);
         });
         b.insert("accounts", {"name"}, {{std::string("first")}});
       }},
      {"c02_score", {"c01_accounts"}, "score",
       [](migration_builder& b) {
         b.alter_table("accounts", [](table_alterer& t) { t.add_column<std::optional<std::int32_t>>("score"); });
         b.sql("UPDATE accounts SET score = COALESCE(score, 0) + 1");
       }},
      {"c03_events", {"c02_score"}, "events",
       [](migration_builder& b) {
         b.create_table("events", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::int64_t>("account_id").references("accounts", "id", fk_action::cascade);
           t.column<std::string>("kind").length(20);
         });
         b.insert("events", {"account_id", "kind"}, {{1LL, std::string("created")}});
       }},
      {"c04_level", {"c03_events"}, "level and note",
       [](migration_builder& b) {
         b.alter_table("accounts", [](table_alterer& t) { t.add_column<std::int32_t>("level").default_value(0); });
         b.alter_table("events", [](table_alterer& t) { t.add_column<std::optional<std::string>>("note").length(100); });
         b.sql("UPDATE accounts SET level = level + 10");
       }},
      {"c05_second", {"c04_level"}, "index and a second account",
       [](migration_builder& b) {
         b.create_index("events", {"kind"});
         b.insert("accounts", {"name"}, {{std::string("second")}});
       }},
  };
}

std::string count_of(connection& db, const std::string& sql) { return db.query(sql).at(0).at(0).value_or("NULL"); }

// What a child reports to the parent over a pipe (one write, smaller than PIPE_BUF, so atomic).
struct child_report {
  int applied = 0;          // migrations this process applied
  bool took_lock = false;   // it found work pending and went for the lock (lock_waiting)
};

struct round_outcome {
  int applied_total = 0;       // migrations reported applied, over all processes
  int processes_applying = 0;  // processes that applied at least one
  int processes_locking = 0;   // processes that went for the lock, i.e. ran while work was pending
};

round_outcome one_round(std::string_view kind, int round) {
  INFO("round " << round);
  const std::string url = tempest_test::fresh_database(kind);
  migration_source source{.url = url, .migrations = counted_history(), .lock_timeout = std::chrono::seconds(60)};

  pipe_pair ready, go, report;
  std::vector<pid_t> children;
  for (int i = 0; i < processes; ++i) {
    children.push_back(spawn([&]() -> int {
      close_fd(ready.read);
      close_fd(go.write);
      close_fd(report.read);
      char byte = 'r';
      if (::write(ready.write, &byte, 1) != 1) return 3;
      close_fd(ready.write);
      // Blocks until the parent closes its end of `go`: every child wakes at once.
      if (read_all(go.read, &byte, 1) != 0) return 4;
      child_report mine;
      auto own = source;
      own.on_event = [&](const runner_event& e) {
        if (e.type == runner_event::kind::lock_waiting) mine.took_lock = true;
      };
      mine.applied = static_cast<int>(migrate(own).migrations.size());
      return ::write(report.write, &mine, sizeof mine) == sizeof mine ? 0 : 5;
    }));
  }
  close_fd(ready.write);
  close_fd(report.write);
  close_fd(go.read);
  std::vector<char> ready_bytes(processes);
  const auto ready_count = read_all(ready.read, ready_bytes.data(), ready_bytes.size());
  close_fd(go.write);  // start
  std::vector<std::string> exits;
  for (pid_t pid : children) exits.push_back(wait_for(pid));
  CHECK(ready_count == static_cast<std::size_t>(processes));
  CHECK(exits == std::vector<std::string>(processes, "exit 0"));

  round_outcome outcome;
  child_report r;
  int reports = 0;
  while (read_all(report.read, &r, sizeof r) == sizeof r) {
    ++reports;
    outcome.applied_total += r.applied;
    if (r.applied > 0) ++outcome.processes_applying;
    if (r.took_lock) ++outcome.processes_locking;
  }
  CHECK(reports == processes);
  // The runners agree with the database: five migrations applied in all, not five per process.
  CHECK(outcome.applied_total == 5);

  connection db(url);
  const auto& d = db.sql_dialect();
  auto rows = db.query(fmt::format("SELECT {}, {}, {} FROM {} ORDER BY {}", d.quote("revision"), d.quote("state"),
                                   d.quote("sequence"), d.quote("tempest_migrations"), d.quote("sequence")));
  std::vector<result_row> expected_rows;
  int sequence = 0;
  for (const auto& m : counted_history())
    expected_rows.push_back({m.revision, "applied", std::to_string(++sequence)});
  CHECK(rows == expected_rows);

  // Each migration's effect happened once.
  CHECK(db.query("SELECT name, score, level FROM accounts ORDER BY id") ==
        std::vector<result_row>{{"first", "1", "10"}, {"second", std::nullopt, "0"}});
  CHECK(count_of(db, "SELECT COUNT(*) FROM events") == "1");
  CHECK(db.query("SELECT account_id, kind, note FROM events") == std::vector<result_row>{{"1", "created", std::nullopt}});
  // And the schema is the one the history describes, nothing more.
  history h(counted_history());
  CHECK(introspect(db, {.exclude_tables = {"tempest_migrations"}}) == d.stored_form(h.replay()));
  return outcome;
}

void concurrent_migrate(std::string_view kind) {
  int rounds_contended = 0, rounds_shared = 0, most_locking = 0;
  for (int round = 1; round <= rounds; ++round) {
    auto outcome = one_round(kind, round);
    if (outcome.processes_locking > 1) ++rounds_contended;
    if (outcome.processes_applying > 1) ++rounds_shared;
    most_locking = std::max(most_locking, outcome.processes_locking);
  }
  // The test is not vacuous: the processes did overlap, several of them finding work pending and
  // contending for the lock in the same round. (With a barrier and migrations that take tens of
  // milliseconds this holds in practically every round; one round in twenty is asked for.)
  CHECK(rounds_contended >= 1);
  // Not asserted, it depends on scheduling: how often the work itself was split between processes
  // (only SQLite, whose lock is per migration, can split it).
  WARN(kind << ": " << rounds << " rounds of " << processes << " processes; in " << rounds_contended
            << " rounds several went for the lock (at most " << most_locking << " at once); in " << rounds_shared
            << " rounds more than one applied migrations");
}

}  // namespace

TEST_CASE("concurrency sqlite: 8 processes migrating at once apply each migration exactly once",
          "[sqlite][concurrency]") {
  concurrent_migrate("sqlite");
}
TEST_CASE("concurrency postgresql: 8 processes migrating at once apply each migration exactly once",
          "[postgresql][concurrency]") {
  concurrent_migrate("postgresql");
}
TEST_CASE("concurrency mysql: 8 processes migrating at once apply each migration exactly once",
          "[mysql][concurrency]") {
  concurrent_migrate("mysql");
}
