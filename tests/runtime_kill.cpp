// Invariants 4 and 5 under SIGKILL: runners killed before and after every statement they send (and
// at random moments), each followed by a rerun that must leave the version table, the schema and
// every row exactly as the history says, and no lock behind. See support/kill.hpp.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>

#include "support/database.hpp"
#include "support/kill.hpp"

namespace {

void killed_at_every_step(std::string_view kind) {
  tempest_test::database_url(kind);  // skips, or fails under CI=true, without the server
  auto report = tempest_test::kill_and_rerun(kind, 100, 20261124);
  for (const auto& failure : report.failures) UNSCOPED_INFO(failure);
  CHECK(report.kills >= 100);
  CHECK(report.violations == 0);
  WARN(kind << ": " << report.trials << " runs, " << report.kills << " killed, " << report.violations << " violations");
}

}  // namespace

TEST_CASE("fault sqlite: runners killed at every step recover exactly once, with no lock left", "[sqlite][fault]") {
  killed_at_every_step("sqlite");
}
TEST_CASE("fault postgresql: runners killed at every step recover exactly once, with no lock left",
          "[postgresql][fault]") {
  killed_at_every_step("postgresql");
}
TEST_CASE("fault mysql: runners killed at every step recover exactly once, with no lock left", "[mysql][fault]") {
  killed_at_every_step("mysql");
}

// scripts/soak: the same, TEMPEST_SOAK_KILLS times (default 1,000) per database, as result lines.
TEST_CASE("soak: runners killed at random points", "[.soak]") {
  const char* wanted = std::getenv("TEMPEST_SOAK_KILLS");
  const int kills = wanted ? std::atoi(wanted) : 1000;
  for (const char* kind : {"sqlite", "postgresql", "mysql"}) {
    auto report = tempest_test::kill_and_rerun(kind, kills, 7);
    std::cout << "result: soak_kills_" << kind << " " << report.kills << "\n";
    std::cout << "result: soak_violations_" << kind << " " << report.violations << "\n";
    for (const auto& failure : report.failures) std::cerr << kind << ": " << failure << "\n";
    std::cout.flush();
    CHECK(report.violations == 0);
  }
}
