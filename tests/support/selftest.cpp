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

TEST_CASE("support: fresh postgresql database", "[postgresql]") {
  auto const url = tempest_test::fresh_database("postgresql");
  soci::session sql;
  connect(sql, url);
  int one = 0;
  sql << "SELECT 1", soci::into(one);
  CHECK(one == 1);
  std::string name;
  sql << "SELECT current_database()", soci::into(name);
  CHECK(url.ends_with("/" + name));
  CHECK(name.starts_with("tempest_t_"));
}

TEST_CASE("support: fresh mysql database", "[mysql]") {
  auto const url = tempest_test::fresh_database("mysql");
  soci::session sql;
  connect(sql, url);
  int one = 0;
  sql << "SELECT 1", soci::into(one);
  CHECK(one == 1);
  std::string name;
  sql << "SELECT DATABASE()", soci::into(name);
  CHECK(url.ends_with("/" + name));
  CHECK(name.starts_with("tempest_t_"));
}
