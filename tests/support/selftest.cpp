// Self-test of the support helpers: each database kind is reachable and a fresh database is empty and ours.
#include <catch2/catch.hpp>
#include <soci/soci.h>

#include "database.hpp"

using tempest_test::connect;

TEST_CASE("support: sqlite database_url gives a new file each call") {
  auto const a = tempest_test::database_url("sqlite");
  CHECK(a != tempest_test::database_url("sqlite"));
  REQUIRE(a.starts_with("sqlite:/"));
  soci::session sql;
  connect(sql, a);
  int one = 0;
  sql << "SELECT 1", soci::into(one);
  CHECK(one == 1);
}

namespace {
// A fresh database answers, is the one the URL names, and carries the tests' prefix.
void check_fresh_database(std::string_view kind, const char* current_database_sql) {
  auto const url = tempest_test::fresh_database(kind);
  soci::session sql;
  connect(sql, url);
  int one = 0;
  sql << "SELECT 1", soci::into(one);
  CHECK(one == 1);
  std::string name;
  sql << current_database_sql, soci::into(name);
  CHECK(url.ends_with("/" + name));
  CHECK(name.starts_with("tempest_t_"));
}
}  // namespace

TEST_CASE("support: fresh postgresql database", "[postgresql]") {
  check_fresh_database("postgresql", "SELECT current_database()");
}

TEST_CASE("support: fresh mysql database", "[mysql]") { check_fresh_database("mysql", "SELECT DATABASE()"); }
