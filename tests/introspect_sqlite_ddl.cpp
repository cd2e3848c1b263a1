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

using tempest::deferrability;
using tempest::generated_column;
using tempest::detail::parse_sqlite_create_index;
using names = std::vector<std::string>;

TEST_CASE("sqlite ddl: keywords, commas, parentheses and quotes inside names and comments are only names") {
  auto ddl = parse_sqlite_create_table(
      "CREATE TABLE \"CHECK (x)\" (\n"
      "  \"PRIMARY KEY\" TEXT COLLATE NOCASE,  -- CONSTRAINT fake UNIQUE, REFERENCES t\n"
      "  [a, b) UNIQUE] INT /* CHECK (1) */ CONSTRAINT \"uq ( x\" UNIQUE,\n"
      "  `it``s` TEXT DEFAULT 'REFERENCES x(y)' CHECK (`it``s` <> ')'),\n"
      "  CONSTRAINT 'pk, named' PRIMARY KEY (\"PRIMARY KEY\")\n"
      ")");
  REQUIRE(ddl.columns.size() == 3);
  CHECK(ddl.columns[0].name == "PRIMARY KEY");
  CHECK(ddl.columns[0].collation == "NOCASE");
  CHECK(ddl.columns[1].name == "a, b) UNIQUE");
  CHECK(ddl.columns[2].name == "it`s");
  CHECK(ddl.primary_key_name == "pk, named");
  REQUIRE(ddl.uniques.size() == 1);
  CHECK(ddl.uniques[0].name == "uq ( x");
  CHECK(ddl.uniques[0].columns == names{"a, b) UNIQUE"});
  CHECK(ddl.foreign_keys.empty());
  REQUIRE(ddl.checks.size() == 1);
  CHECK(ddl.checks[0].name.empty());
  CHECK(ddl.checks[0].expression == "`it``s` <> ')'");
}

TEST_CASE("sqlite ddl: unique constraints, deferrable foreign keys, generated columns, STRICT and WITHOUT ROWID") {
  auto ddl = parse_sqlite_create_table(
      "CREATE TABLE t(\n"
      "  id INTEGER NOT NULL,\n"
      "  code TEXT UNIQUE COLLATE RTRIM,\n"
      "  a INT REFERENCES p ON DELETE SET NULL ON UPDATE NO ACTION MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED NOT NULL,\n"
      "  b INT CONSTRAINT fk_b REFERENCES p(id) DEFERRABLE,\n"
      "  c INT REFERENCES p NOT DEFERRABLE INITIALLY DEFERRED,\n"
      "  total INT GENERATED ALWAYS AS ((a + b) * 2) STORED,\n"
      "  label AS (upper(code)),\n"
      "  CONSTRAINT uq_t_a_b UNIQUE (a COLLATE NOCASE, \"b\" DESC),\n"
      "  UNIQUE (c),\n"
      "  FOREIGN KEY (a, b) REFERENCES q (x, y) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,\n"
      "  PRIMARY KEY (id)\n"
      ") WITHOUT ROWID, STRICT");
  CHECK(ddl.strict);
  CHECK(ddl.without_rowid);
  CHECK_FALSE(ddl.primary_key_name);
  REQUIRE(ddl.columns.size() == 7);
  CHECK(ddl.columns[1].collation == "RTRIM");
  CHECK(ddl.columns[5].generated == generated_column{"(a + b) * 2", true});
  CHECK(ddl.columns[6].generated == generated_column{"upper(code)", false});
  CHECK_FALSE(ddl.columns[0].generated);
  REQUIRE(ddl.uniques.size() == 3);
  CHECK((ddl.uniques[0].name == "" && ddl.uniques[0].columns == names{"code"}));
  CHECK((ddl.uniques[1].name == "uq_t_a_b" && ddl.uniques[1].columns == names{"a", "b"}));
  CHECK((ddl.uniques[2].name == "" && ddl.uniques[2].columns == names{"c"}));
  REQUIRE(ddl.foreign_keys.size() == 4);
  CHECK((ddl.foreign_keys[0].columns == names{"a"} && ddl.foreign_keys[0].deferrable == deferrability::initially_deferred));
  CHECK((ddl.foreign_keys[1].name == "fk_b" && ddl.foreign_keys[1].deferrable == deferrability::initially_immediate));
  CHECK(ddl.foreign_keys[2].deferrable == deferrability::not_deferrable);
  CHECK((ddl.foreign_keys[3].columns == names{"a", "b"} && ddl.foreign_keys[3].deferrable == deferrability::initially_immediate));
}

TEST_CASE("sqlite ddl: an index's key parts and WHERE condition from CREATE INDEX text") {
  auto ix = parse_sqlite_create_index(
      "CREATE UNIQUE INDEX \"ix ON t (WHERE)\" ON \"my table\" (\n"
      "  \"a COLLATE b\" DESC,\n"
      "  lower(\"x, y\") COLLATE NOCASE,\n"
      "  (length(name) + 1) ASC,\n"
      "  substr(code, 1, 2) COLLATE \"RTRIM\" DESC\n"
      ") WHERE (deleted_at IS NULL) AND note <> ' WHERE ' -- a comment\n");
  CHECK(ix.parts == names{"\"a COLLATE b\"", "lower(\"x, y\")", "length(name) + 1", "substr(code, 1, 2)"});
  CHECK(ix.predicate == "(deleted_at IS NULL) AND note <> ' WHERE '");
  auto plain = parse_sqlite_create_index("CREATE INDEX i ON t(a)");
  CHECK(plain.parts == names{"a"});
  CHECK(plain.predicate.empty());
  // The WHERE of a partial index wrapped whole in parentheses reads as the condition inside them.
  CHECK(parse_sqlite_create_index("CREATE INDEX i ON t(a) WHERE (a > 0)").predicate == "a > 0");
}
