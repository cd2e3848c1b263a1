#pragma once
// Runners killed with SIGKILL at every step, then rerun: the harness behind the [fault] kill test
// (100 kills per database in CI) and scripts/soak (1,000).
//
// Each trial starts from an empty database (an upgrade is killed) or a fully migrated one (a
// downgrade is killed). The kill comes right before, or right after, the n-th statement the runner
// sends — n cycles over every statement of the run, so every step is hit: connecting, the lock,
// creating the version table, each DDL and data statement, each progress update, each commit — or,
// one trial in four, at a random moment. After the kill the harness checks the database as the
// killed runner left it (PostgreSQL and SQLite: the version table agrees with the schema and the
// rows), reruns the operation (with resume) until it completes, and checks that the version table,
// the introspected schema and every row are exactly what the history says, and that no lock is left.

#include <string>
#include <string_view>
#include <vector>

namespace tempest_test {

struct kill_report {
  int trials = 0;      // runs started
  int kills = 0;       // runs that were killed (a kill point past the end of a run does not kill it)
  int violations = 0;  // trials after which a check failed
  std::vector<std::string> failures;  // what failed, for the first few violations
};

// Runs trials against a database of `kind` until `kills` runners have been killed.
kill_report kill_and_rerun(std::string_view kind, int kills, unsigned seed);

}  // namespace tempest_test
