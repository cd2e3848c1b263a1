#include <catch2/catch.hpp>

#include <tempest/introspect/sqlite_ddl.hpp>

using tempest::detail::parse_sqlite_create_table;

TEST_CASE("sqlite ddl: constraint names, checks and AUTOINCREMENT from CREATE TABLE text") {
  auto ddl = parse_sqlite_create_table(
      "CREATE TABLE \"t\" (\n"
      "  \"id\" INTEGER NOT NULL CONSTRAINT \"pk_t\" PRIMARY KEY AUTOINCREMENT,\n"
      "  \"p\" INT REFERENCES parent(id),\n"
      "  [odd, name] TEXT CHECK (length([odd, name]) > 0),\n"
      "  CONSTRAINT \"fk_t_a_b\" FOREIGN KEY (\"a\", `b`) REFERENCES \"x\" (\"a\", \"b\"),\n"
      "  CONSTRAINT \"ck_t_pos\" CHECK (\"id\" > 0 AND (p IN (1, 2)) AND ')' <> '('),\n"
      "  -- a comment, with a comma\n"
      "  CONSTRAINT 'ck_t ''quoted''' CHECK (1)\n"
      ")");
  CHECK(ddl.primary_key_name == "pk_t");
  CHECK(ddl.autoincrement);
  REQUIRE(ddl.foreign_keys.size() == 2);
  CHECK(ddl.foreign_keys[0].name.empty());
  CHECK(ddl.foreign_keys[0].columns == std::vector<std::string>{"p"});
  CHECK(ddl.foreign_keys[1].name == "fk_t_a_b");
  CHECK(ddl.foreign_keys[1].columns == std::vector<std::string>{"a", "b"});
  REQUIRE(ddl.checks.size() == 3);
  CHECK(ddl.checks[0].name.empty());
  CHECK(ddl.checks[0].expression == "length([odd, name]) > 0");
  CHECK(ddl.checks[1].name == "ck_t_pos");
  CHECK(ddl.checks[1].expression == "\"id\" > 0 AND (p IN (1, 2)) AND ')' <> '('");
  CHECK(ddl.checks[2].name == "ck_t 'quoted'");
}

TEST_CASE("sqlite ddl: a table without names or AUTOINCREMENT") {
  auto ddl = parse_sqlite_create_table("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT DEFAULT 'autoincrement')");
  CHECK_FALSE(ddl.primary_key_name);
  CHECK_FALSE(ddl.autoincrement);
  CHECK(ddl.foreign_keys.empty());
  CHECK(ddl.checks.empty());
}
