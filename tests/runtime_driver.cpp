// SQL reaches the database exactly as written, through each backend's own API; values travel as
// bound parameters. The cases are the ones SOCI's statement parser got wrong (it rewrites `:word`
// outside what it takes for quotes as a placeholder), tried on all three databases.
#include <catch2/catch.hpp>

#include <tempest/migrations.hpp>

#include "support/database.hpp"

using namespace tempest;

namespace {

using rows = std::vector<result_row>;

const std::vector<std::string> kinds{"sqlite", "postgresql", "mysql"};

std::string q(connection& db, std::string_view name) { return db.sql_dialect().quote(name); }

// Accounts 41, 42 and 43 on the free plan.
std::vector<migration> accounts_with(const std::string& raw_step) {
  return {{"a1", {}, "accounts",
           [](migration_builder& b) {
             b.create_table("accounts", [](table_builder& t) {
               t.column<std::int64_t>("id").primary_key();
               t.column<std::string>("plan").length(20);
               t.column<std::optional<std::string>>("note").length(200);
             });
             b.insert("accounts", {"id", "plan"},
                      {{41LL, std::string("free")}, {42LL, std::string("free")}, {43LL, std::string("free")}});
           }},
          {"a2", {"a1"}, "raw step", [raw_step](migration_builder& b) { b.sql(raw_step); }}};
}

rows plans(connection& db) { return db.query("SELECT id, plan FROM accounts ORDER BY id"); }

void comment_with_colon_keeps_the_where_clause(const std::string& kind) {
  INFO(kind);
  const auto url = tempest_test::fresh_database(kind);
  // A comment holding ":123" ends the first line: SOCI's parser used to eat the newline with it,
  // leaving an UPDATE without its WHERE.
  migrate({.url = url, .migrations = accounts_with("UPDATE accounts SET plan='pro' -- ticket:123\nWHERE id = 42")});
  connection db(url);
  CHECK(plans(db) == rows{{"41", "free"}, {"42", "pro"}, {"43", "free"}});
}

void apostrophe_in_a_comment_leaves_later_literals_alone(const std::string& kind) {
  INFO(kind);
  const auto url = tempest_test::fresh_database(kind);
  // The apostrophe of "don't" opened a quote for SOCI's parser, so that '10:30' was taken for a
  // placeholder :30 and arrived as '10$1'.
  migrate({.url = url,
           .migrations = accounts_with("-- don't touch the others\nUPDATE accounts SET note = '10:30 :name ? $1 ::x' "
                                       "WHERE id = 41")});
  connection db(url);
  CHECK(db.query("SELECT note FROM accounts WHERE id = 41") == rows{{"10:30 :name ? $1 ::x"}});
}

void every_statement_of_a_raw_step_runs(const std::string& kind) {
  INFO(kind);
  const auto url = tempest_test::fresh_database(kind);
  migrate({.url = url,
           .migrations = accounts_with("UPDATE accounts SET plan = 'one' WHERE id = 41;\n"
                                       "UPDATE accounts SET plan = 'two' WHERE id = 42;\n"
                                       "  -- and a third, after a comment\n"
                                       "UPDATE accounts SET plan = 'three' WHERE id = 43;")});
  connection db(url);
  CHECK(plans(db) == rows{{"41", "one"}, {"42", "two"}, {"43", "three"}});
}

// A raw step whose second statement fails: nothing of the migration stays (PostgreSQL, SQLite), or
// the failure is recorded (MySQL), and the error says which statement of the text failed.
void a_failing_second_statement_is_reported(const std::string& kind) {
  INFO(kind);
  const auto url = tempest_test::fresh_database(kind);
  auto migrations = accounts_with("UPDATE accounts SET plan = 'x' WHERE id = 41; UPDATE no_such_table SET a = 1");
  try {
    migrate({.url = url, .migrations = migrations});
    FAIL("the raw step did not fail");
  } catch (const migration_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("migration \"a2\" (raw step) failed going up at statement 1 of its 1"));
    CHECK_THAT(e.what(), Catch::Contains("after 1 statement of the text ran"));
    CHECK_THAT(e.what(), Catch::Contains("no_such_table"));
  }
  connection db(url);
  // Where the database has transactional DML (all three do), the first UPDATE went with the migration.
  CHECK(plans(db) == rows{{"41", "free"}, {"42", "free"}, {"43", "free"}});
}

// Names and values with every character SOCI's parser cared about go through every path: model-less
// builder tables and columns, data steps, the version row's label.
void hostile_names_and_values(const std::string& kind) {
  INFO(kind);
  const auto url = tempest_test::fresh_database(kind);
  const std::string table = "t:x ?$1";
  const std::string column = "c::y";
  const std::vector<std::string> values{"a:b",        ":name",   "::int", "?",         "$1",          "it's",
                                        "--comment", "/* c */", "back\\slash", "\\'; DROP TABLE victim; --"};
  std::vector<std::vector<sql_value>> data;
  long long id = 0;
  for (const auto& v : values) data.push_back({++id, v});
  const std::string label = "label with :colon, 'quote', ? and $1";
  std::vector<migration> migrations{
      {"h1", {}, label, [&](migration_builder& b) {
         b.create_table("victim", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
         b.create_table(table, [&](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<std::string>(column).length(60).index();
         });
         b.insert(table, {"id", column}, data);
       }}};
  migrate({.url = url, .migrations = migrations});
  connection db(url);
  rows expected;
  id = 0;
  for (const auto& v : values) expected.push_back({std::to_string(++id), v});
  CHECK(db.query(fmt::format("SELECT id, {} FROM {} ORDER BY id", q(db, column), q(db, table))) == expected);
  CHECK(db.query(fmt::format("SELECT COUNT(*) FROM {}", q(db, "victim"))) == rows{{"0"}});
  CHECK(db.query(fmt::format("SELECT {} FROM {}", q(db, "label"), q(db, "tempest_migrations"))) == rows{{label}});
  auto applied_at = db.query(fmt::format("SELECT {} FROM {}", q(db, "applied_at"), q(db, "tempest_migrations")));
  REQUIRE(applied_at.size() == 1);
  CHECK(applied_at[0][0]->size() == 20);  // 2026-11-24T03:57:56Z: no character of it was taken for a placeholder
  CHECK(applied_at[0][0]->back() == 'Z');
  // Down and up again: the delete matches the hostile values as parameters too.
  CHECK(migrate_down({.url = url, .migrations = migrations}).size() == 1);
  CHECK(introspect(db, {.exclude_tables = {"tempest_migrations"}}).tables.empty());
}

}  // namespace

TEST_CASE("sql as written: a comment with a colon keeps the WHERE clause after it", "[sqlite][postgresql][mysql]") {
  for (const auto& kind : kinds) comment_with_colon_keeps_the_where_clause(kind);
}

TEST_CASE("sql as written: an apostrophe in a comment leaves later literals alone", "[sqlite][postgresql][mysql]") {
  for (const auto& kind : kinds) apostrophe_in_a_comment_leaves_later_literals_alone(kind);
}

TEST_CASE("sql as written: every statement of a raw step runs", "[sqlite][postgresql][mysql]") {
  for (const auto& kind : kinds) every_statement_of_a_raw_step_runs(kind);
}

TEST_CASE("sql as written: a raw step failing at its second statement says so", "[sqlite][postgresql][mysql]") {
  for (const auto& kind : kinds) a_failing_second_statement_is_reported(kind);
}

TEST_CASE("sql as written: hostile names and values through builder, data steps and labels",
          "[sqlite][postgresql][mysql]") {
  for (const auto& kind : kinds) hostile_names_and_values(kind);
}

TEST_CASE("sql as written: MySQL runs a trigger body with inner semicolons as one statement", "[mysql]") {
  const auto url = tempest_test::fresh_database("mysql");
  migrate({.url = url,
           .migrations = accounts_with(
               "CREATE TABLE audit (what VARCHAR(40));\n"
               "CREATE TRIGGER accounts_audit AFTER UPDATE ON accounts FOR EACH ROW BEGIN\n"
               "  INSERT INTO audit VALUES (CONCAT('was ', OLD.plan));\n"
               "  INSERT INTO audit VALUES (CONCAT('now ', NEW.plan));\n"
               "END;\n"
               "UPDATE accounts SET plan = 'pro' WHERE id = 42")});
  connection db(url);
  CHECK(db.query("SELECT what FROM audit ORDER BY what") == rows{{"now pro"}, {"was free"}});
}

TEST_CASE("sql as written: connection runs scripts whole and binds values", "[sqlite][postgresql][mysql]") {
  for (const auto& kind : kinds) {
    INFO(kind);
    connection db(tempest_test::fresh_database(kind));
    const auto& d = db.sql_dialect();
    CHECK(db.execute("CREATE TABLE v (a INT, b VARCHAR(40)); INSERT INTO v VALUES (1, ':x'); INSERT INTO v VALUES (2, '?')") ==
          3);
    const std::string insert = fmt::format("INSERT INTO v (a, b) VALUES ({}, {})", d.placeholder(1), d.placeholder(2));
    db.query(insert, {3LL, std::string("it's :a ? $1 \\")});
    db.query(insert, {4LL, std::monostate{}});
    CHECK(db.query(fmt::format("SELECT a, b FROM v WHERE a > {} ORDER BY a", d.placeholder(1)), {0LL}) ==
          rows{{"1", ":x"}, {"2", "?"}, {"3", "it's :a ? $1 \\"}, {"4", std::nullopt}});
    try {
      db.execute("INSERT INTO v VALUES (5, 'ok'); INSERT INTO nowhere VALUES (1)");
      FAIL("the script did not fail");
    } catch (const sql_error& e) {
      CHECK_THAT(e.what(), Catch::Contains("after 1 statement of the text ran"));
      CHECK(e.statement() == "INSERT INTO v VALUES (5, 'ok'); INSERT INTO nowhere VALUES (1)");
      CHECK_FALSE(e.code().empty());
    }
  }
}
