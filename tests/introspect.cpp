#include <catch2/catch.hpp>

#include <tempest/introspect/introspect.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "models/blog.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

void blog_round_trip(std::string_view kind) {
  connection db(tempest_test::fresh_database(kind));
  auto target = blog::schema();
  create_schema(db, target);
  auto live = introspect(db);
  auto expected = db.sql_dialect().stored_form(target);
  INFO("live:\n" << fmt::format("{}", live) << "\nexpected:\n" << fmt::format("{}", expected));
  CHECK(live == expected);
  for (const auto& t : expected.tables) {
    const table* found = live.find_table(t.name);
    REQUIRE(found);
    CHECK(*found == t);
  }
}

table numbered_table(int i) {
  table t{fmt::format("t{}", i), {{"id", column_type::of(type_kind::int64)}, {"name", column_type::varchar(20), true}}};
  t.key = primary_key_def{naming::primary_key(t.name), {"id"}};
  t.indexes = {{naming::index(t.name, {"name"}), {"name"}, false}};
  if (i > 0) t.foreign_keys = {{naming::foreign_key(t.name, {"id"}, "t0"), {"id"}, "t0", {"id"}}};
  t.checks = {{naming::check(t.name, "id"), "id > 0", {}, {}}};
  return t;
}

void fixed_query_count(std::string_view kind, std::size_t expected_queries) {
  connection db(tempest_test::fresh_database(kind));
  schema s;
  s.tables = {numbered_table(0), numbered_table(1)};
  create_schema(db, s);
  auto before = db.statements_executed();
  CHECK(introspect(db).tables.size() == 2);
  auto small = db.statements_executed() - before;

  schema more;
  for (int i = 2; i < 30; ++i) more.tables.push_back(numbered_table(i));
  create_schema(db, more);
  before = db.statements_executed();
  auto live = introspect(db);
  CHECK(live.tables.size() == 30);
  CHECK(db.statements_executed() - before == small);
  CHECK(small == expected_queries);
  // And the 30 tables read back complete.
  for (const auto& t : more.tables) CHECK(*live.find_table(t.name) == db.sql_dialect().stored_form(schema{{t}}).tables[0]);
}

void hostile_names_stay_names(std::string_view kind) {
  connection db(tempest_test::fresh_database(kind));
  schema s;
  table victim{"victim", {{"id", column_type::of(type_kind::int32)}}};
  table hostile{"x\"; DROP TABLE victim; --", {{"y`); DROP TABLE victim; --", column_type::of(type_kind::int32)},
                                                {"z'); DROP TABLE victim; --", column_type::varchar(40), true,
                                                 column_default::literal("'); DROP TABLE victim; --\\")}}};
  hostile.indexes = {{"ix\"`'", {"y`); DROP TABLE victim; --"}, false}};
  s.tables = {victim, hostile};
  create_schema(db, s);
  auto live = introspect(db);
  CHECK(live.find_table("victim") != nullptr);
  CHECK(live == db.sql_dialect().stored_form(s));
  db.execute(db.sql_dialect().drop_table(hostile.name));
  CHECK(introspect(db).tables.size() == 1);
}

void excluded_tables(std::string_view kind) {
  connection db(tempest_test::fresh_database(kind));
  schema s;
  s.tables = {numbered_table(0), table{"tempest_version", {{"revision", column_type::varchar(64)}}}};
  create_schema(db, s);
  auto live = introspect(db, {.exclude_tables = {"tempest_version"}});
  REQUIRE(live.tables.size() == 1);
  CHECK(live.tables[0].name == "t0");
}

}  // namespace

TEST_CASE("introspect sqlite: the blog schema reads back equal to reflect()", "[sqlite]") { blog_round_trip("sqlite"); }
TEST_CASE("introspect postgresql: the blog schema reads back equal to reflect()", "[postgresql]") {
  blog_round_trip("postgresql");
}
TEST_CASE("introspect mysql: the blog schema reads back equal to reflect()", "[mysql]") { blog_round_trip("mysql"); }

TEST_CASE("introspect sqlite: a fixed number of queries whatever the number of tables", "[sqlite]") {
  // sqlite_schema itself (CREATE text, views, triggers, virtual tables), then columns, indexes, foreign keys.
  fixed_query_count("sqlite", 4);
}
TEST_CASE("introspect postgresql: a fixed number of queries whatever the number of tables", "[postgresql]") {
  fixed_query_count("postgresql", 4);  // columns, constraints, indexes, and enums with the unmanaged objects
}
TEST_CASE("introspect mysql: a fixed number of queries whatever the number of tables", "[mysql]") {
  fixed_query_count("mysql", 12);
}

TEST_CASE("introspect sqlite: hostile names are quoted, never executed", "[sqlite]") { hostile_names_stay_names("sqlite"); }
TEST_CASE("introspect postgresql: hostile names are quoted, never executed", "[postgresql]") {
  hostile_names_stay_names("postgresql");
}
TEST_CASE("introspect mysql: hostile names are quoted, never executed", "[mysql]") { hostile_names_stay_names("mysql"); }

TEST_CASE("introspect sqlite: excluded tables are left out", "[sqlite]") { excluded_tables("sqlite"); }
TEST_CASE("introspect postgresql: excluded tables are left out", "[postgresql]") { excluded_tables("postgresql"); }
TEST_CASE("introspect mysql: excluded tables are left out", "[mysql]") { excluded_tables("mysql"); }

// Hand-written DDL in each database's own idiom reads back as the same canonical IR.
TEST_CASE("introspect sqlite: hand-written defaults are normalised", "[sqlite]") {
  connection db(tempest_test::fresh_database("sqlite"));
  db.execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a VARCHAR(10) DEFAULT ('x'), b INT DEFAULT -5, "
      "c TIMESTAMP DEFAULT CURRENT_TIMESTAMP, d BOOLEAN DEFAULT TRUE, e TEXT NOT NULL)");
  auto t = introspect(db).tables.at(0);
  CHECK(t.find_column("id")->autoincrement);
  CHECK(t.find_column("a")->default_value == column_default::literal("x"));
  CHECK(t.find_column("b")->default_value == column_default::literal("-5"));
  CHECK(t.find_column("c")->default_value == column_default::expression("current_timestamp"));
  CHECK(t.find_column("d")->default_value == column_default::literal("true"));
  CHECK_FALSE(t.find_column("e")->nullable);
  CHECK(t.key->columns == std::vector<std::string>{"id"});
  CHECK(t.key->name.empty());  // an unnamed key has no name, rather than an invented one
}

TEST_CASE("introspect postgresql: hand-written defaults and serial keys are normalised", "[postgresql]") {
  connection db(tempest_test::fresh_database("postgresql"));
  db.execute(
      "CREATE TABLE t (id serial PRIMARY KEY, a varchar(10) DEFAULT 'x'::character varying, "
      "b integer DEFAULT '-5'::integer, c timestamptz DEFAULT now(), d boolean DEFAULT true, "
      "e numeric(6,2) DEFAULT 1.50, f text DEFAULT ('y'))");
  auto t = introspect(db).tables.at(0);
  CHECK(t.find_column("id")->autoincrement);
  CHECK_FALSE(t.find_column("id")->default_value);
  CHECK(t.find_column("a")->default_value == column_default::literal("x"));
  CHECK(t.find_column("b")->default_value == column_default::literal("-5"));
  CHECK(t.find_column("c")->default_value == column_default::expression("CURRENT_TIMESTAMP"));
  CHECK(t.find_column("d")->default_value == column_default::literal("true"));
  CHECK(t.find_column("e")->default_value == column_default::literal("1.5"));
  CHECK(t.find_column("f")->default_value == column_default::literal("y"));
  CHECK(t.key == primary_key_def{"t_pkey", {"id"}});
}

TEST_CASE("introspect mysql: hand-written defaults are normalised", "[mysql]") {
  connection db(tempest_test::fresh_database("mysql"));
  db.execute(
      "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, a VARCHAR(10) DEFAULT 'x', b INT DEFAULT -5, "
      "c DATETIME(6) DEFAULT current_timestamp(6), d BOOL DEFAULT TRUE, e DECIMAL(6,2) DEFAULT 1.5, "
      "f VARCHAR(10) DEFAULT 'a\\\\b''c', g INT NULL)");
  auto t = introspect(db).tables.at(0);
  CHECK(t.find_column("id")->autoincrement);
  CHECK(t.find_column("a")->default_value == column_default::literal("x"));
  CHECK(t.find_column("b")->default_value == column_default::literal("-5"));
  CHECK(t.find_column("c")->default_value == column_default::expression("CURRENT_TIMESTAMP"));
  CHECK(t.find_column("d")->default_value == column_default::literal("true"));
  CHECK(t.find_column("e")->default_value == column_default::literal("1.5"));
  CHECK(t.find_column("f")->default_value == column_default::literal("a\\b'c"));
  CHECK_FALSE(t.find_column("g")->default_value);
  CHECK(t.key == primary_key_def{"PRIMARY", {"id"}});
}

// With lower_case_table_names=0 (Linux), MySQL keeps `Users` and `users` apart, but information_schema
// compares names case-insensitively: each table must get only its own columns, keys and checks.
TEST_CASE("introspect mysql: tables whose names differ only by case stay apart", "[mysql]") {
  connection db(tempest_test::fresh_database("mysql"));
  if (db.query("SELECT @@lower_case_table_names").at(0).at(0) != "0")
    tempest_test::skip("the server folds table names to lower case");
  table upper{"Users", {{"id", column_type::of(type_kind::int32)}, {"Name", column_type::varchar(20), true}}};
  upper.key = primary_key_def{"pk_Users", {"id"}};
  upper.indexes = {{"ix_Users_Name", {"Name"}, false}};
  upper.checks = {{"ck_Users_positive", "id > 0", {}, {}}};
  table lower{"users",
              {{"id", column_type::of(type_kind::int64)},
               {"email", column_type::varchar(30), true},
               {"upper_id", column_type::of(type_kind::int32), true}}};
  lower.key = primary_key_def{"pk_users", {"id"}};
  lower.indexes = {{"uq_users_email", {"email"}, true}};
  lower.foreign_keys = {{"fk_users_upper_id_Users", {"upper_id"}, "Users", {"id"}}};
  lower.checks = {{"ck_users_positive", "id > 1", {}, {}}};
  schema s;
  s.tables = {upper, lower};
  s.normalise();
  create_schema(db, s);
  auto live = introspect(db);
  auto expected = db.sql_dialect().stored_form(s);
  INFO("live:\n" << fmt::format("{}", live) << "\nexpected:\n" << fmt::format("{}", expected));
  CHECK(live == expected);
  REQUIRE(live.tables.size() == 2);
  CHECK(live.tables[0].name == "Users");
  CHECK(live.tables[0].columns == expected.tables[0].columns);
  CHECK(live.tables[0].checks.size() == 1);
  CHECK(live.tables[1].columns.size() == 3);
  CHECK(live.tables[1].indexes == std::vector<index_def>{{"uq_users_email", {"email"}, true}});
  CHECK(live.tables[1].checks.size() == 1);
}
