// Resuming on MySQL/MariaDB, where each DDL statement commits by itself: a migration dirty at its
// first statement, a failed downgrade, statement numbers, an interrupted DDL statement checked
// against the live schema, and raw SQL that committed by itself before the runner died.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <tempest/migrations.hpp>

#include "support/database.hpp"
#include "support/process.hpp"

using namespace tempest;
using namespace tempest_test;

namespace {

using rows = std::vector<result_row>;

std::vector<migration> base_and(migration second) {
  return {{"r1", {}, "base",
           [](migration_builder& b) {
             b.create_table("t", [](table_builder& t) {
               t.column<std::int64_t>("id").primary_key();
               t.column<std::string>("name").length(20);
             });
             b.insert("t", {"id", "name"}, {{1LL, std::string("one")}});
           }},
          std::move(second)};
}

rows version_rows(connection& db) {
  return db.query("SELECT revision, state, direction, next_statement FROM tempest_migrations ORDER BY sequence");
}

template <class Error>
std::string message_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& e) {
    return e.what();
  } catch (const std::exception& e) {
    FAIL("expected another kind of error than this one: " << e.what());
  }
  FAIL("expected an error that did not come");
  return {};
}

// Kills the process right after the database answered the first statement starting with `prefix`.
std::string kill_prefix;
void kill_after_prefix(tempest::detail::fault_point when, std::size_t, std::string_view sql) {
  if (when == tempest::detail::fault_point::after_statement && sql.starts_with(kill_prefix)) ::kill(::getpid(), SIGKILL);
}

// Runs an upgrade in a child that dies right after the statement starting with `prefix`.
void upgrade_killed_after(const std::string& url, const std::vector<migration>& migrations, const std::string& prefix) {
  kill_prefix = prefix;
  pid_t pid = spawn([&]() -> int {
    tempest::detail::fault_hook = &kill_after_prefix;
    migrate({.url = url, .migrations = migrations});
    return 7;  // not killed
  });
  REQUIRE(wait_for(pid) == "signal 9");
}

std::vector<migration_result> resume_upgrade(connection& db, const std::vector<migration>& migrations) {
  history h(migrations);
  return runner(db, h).upgrade(upgrade_target::heads(), true);
}

}  // namespace

TEST_CASE("resume mysql: a migration dirty at its first statement resumes", "[mysql][fault]") {
  const auto url = fresh_database("mysql");
  auto with_step = [](std::string step) {
    return base_and({"r2", {"r1"}, "first statement fails", [step](migration_builder& b) {
                       b.sql(step);
                       b.create_table("u", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
                     }});
  };
  CHECK_THROWS_WITH(migrate({.url = url, .migrations = with_step("INSERT INTO missing VALUES (2)")}),
                    Catch::Contains("failed going up at statement 1 of its 2"));
  connection db(url);
  CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "dirty", "up", "0"}});
  auto fixed = with_step("INSERT INTO t (id, name) VALUES (2, 'two')");
  auto results = resume_upgrade(db, fixed);
  REQUIRE(results.size() == 1);
  CHECK(results[0].success);
  CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "applied", "up", "2"}});
  CHECK(db.query("SELECT id, name FROM t ORDER BY id") == rows{{"1", "one"}, {"2", "two"}});
  CHECK(introspect(db, {.exclude_tables = {"tempest_migrations"}}) == db.sql_dialect().stored_form(history(fixed).replay()));
}

TEST_CASE("resume mysql: a failed downgrade resumes as a downgrade", "[mysql][fault]") {
  auto with_down_step = [](std::string step) {
    return base_and({"r2", {"r1"}, "extra table",
                     [](migration_builder& b) {
                       b.create_table("x", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
                     },
                     [step](migration_builder& b) {
                       b.drop_table("x");
                       b.sql(step);
                     }});
  };
  const auto broken = with_down_step("DELETE FROM missing");
  const auto fixed = with_down_step("DELETE FROM t WHERE id = 99");
  for (bool through_upgrade : {true, false}) {
    INFO((through_upgrade ? "resumed by upgrade" : "resumed by downgrade"));
    const auto url = fresh_database("mysql");
    migrate({.url = url, .migrations = broken});
    CHECK_THROWS_WITH(migrate_down({.url = url, .migrations = broken}),
                      Catch::Contains("migration \"r2\" (extra table) failed going down at statement 2 of its 2"));
    connection db(url);
    CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "dirty", "down", "1"}});
    history h(fixed);
    auto results = through_upgrade ? runner(db, h).upgrade(upgrade_target::heads(), true)
                                   : runner(db, h).downgrade(downgrade_target::last_batch(), true);
    // The downgrade is finished, and r2 is not applied again by the same call.
    REQUIRE(results.size() == 1);
    CHECK(results[0].direction == direction::down);
    CHECK(results[0].success);
    CHECK(results[0].statements == std::vector<std::string>{"DELETE FROM t WHERE id = 99"});
    CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}});
    CHECK(introspect(db, {.exclude_tables = {"tempest_migrations"}}) == db.sql_dialect().stored_form(h.replay({"r1"})));
  }
}

TEST_CASE("resume mysql: errors count statements from the start of the migration", "[mysql][fault]") {
  const auto url = fresh_database("mysql");
  auto migrations = base_and({"r2", {"r1"}, "four statements", [](migration_builder& b) {
                                b.alter_table("t", [](table_alterer& t) { t.add_column<std::optional<std::int32_t>>("a"); });
                                b.alter_table("t", [](table_alterer& t) { t.add_column<std::optional<std::int32_t>>("b"); });
                                b.sql("UPDATE missing SET a = 1");
                                b.alter_table("t", [](table_alterer& t) { t.add_column<std::optional<std::int32_t>>("c"); });
                              }});
  CHECK_THROWS_WITH(migrate({.url = url, .migrations = migrations}), Catch::Contains("at statement 3 of its 4"));
  connection db(url);
  // Resumed at statement 3, and failing there again, it is still statement 3 of 4 (not 1).
  auto message = message_of<migration_error>([&] { resume_upgrade(db, migrations); });
  CHECK_THAT(message, Catch::Contains("failed going up at statement 3 of its 4"));
  CHECK_THAT(message, Catch::Contains("statements 1 to 2 stay applied"));
  CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "dirty", "up", "2"}});
}

TEST_CASE("resume mysql: an interrupted DDL statement is checked against the live schema", "[mysql][fault]") {
  const auto migrations = base_and({"r2", {"r1"}, "add two columns", [](migration_builder& b) {
                                      b.alter_table("t", [](table_alterer& t) {
                                        t.add_column<std::optional<std::string>>("c").length(20);
                                        t.add_column<std::optional<std::string>>("d").length(20);
                                      });
                                    }});
  const std::string add_c = "ALTER TABLE `t` ADD COLUMN `c`";
  const std::string add_d = "ALTER TABLE `t` ADD COLUMN `d`";
  auto expected_schema = [&](connection& db) { return db.sql_dialect().stored_form(history(migrations).replay()); };

  SECTION("it took effect: the resume goes on after it") {
    const auto url = fresh_database("mysql");
    upgrade_killed_after(url, migrations, add_c);
    connection db(url);
    CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "running", "up", "0"}});
    auto results = resume_upgrade(db, migrations);
    REQUIRE(results.size() == 1);
    REQUIRE(results[0].statements.size() == 1);
    CHECK(results[0].statements[0].starts_with(add_d));
    CHECK(introspect(db, {.exclude_tables = {"tempest_migrations"}}) == expected_schema(db));
    CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "applied", "up", "2"}});
  }
  SECTION("it was undone by hand: the resume runs it again") {
    const auto url = fresh_database("mysql");
    upgrade_killed_after(url, migrations, add_c);
    connection db(url);
    db.execute("ALTER TABLE t DROP COLUMN c");
    auto results = resume_upgrade(db, migrations);
    REQUIRE(results.size() == 1);
    REQUIRE(results[0].statements.size() == 2);
    CHECK(results[0].statements[0].starts_with(add_c));
    CHECK(introspect(db, {.exclude_tables = {"tempest_migrations"}}) == expected_schema(db));
  }
  SECTION("something else changed it: the resume stops and says what it found") {
    const auto url = fresh_database("mysql");
    upgrade_killed_after(url, migrations, add_c);
    connection db(url);
    db.execute("ALTER TABLE t MODIFY c VARCHAR(99)");
    auto message = message_of<dirty_error>([&] { resume_upgrade(db, migrations); });
    CHECK_THAT(message, Catch::Contains("cannot resume \"r2\" (add two columns) going up: statement 1"));
    CHECK_THAT(message, Catch::Contains("matches neither the schema before it nor the schema after it"));
    CHECK_THAT(message, Catch::Contains("found:\ntable t\n  column c string(99) null"));
    CHECK_THAT(message, Catch::Contains("expected after:\ntable t\n  column c string(20) null"));
    CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "running", "up", "0"}});
  }
}

TEST_CASE("resume mysql: raw SQL that committed by itself before a kill is in doubt", "[mysql][fault]") {
  const auto migrations = base_and({"r2", {"r1"}, "raw ddl", [](migration_builder& b) {
                                      b.sql("CREATE TABLE made_by_raw (id INT)", "DROP TABLE made_by_raw");
                                      b.insert("t", {"id", "name"}, {{2LL, std::string("two")}});
                                    }});
  auto made_by_raw = [](connection& db) {
    return db.query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                    "TABLE_NAME = 'made_by_raw'")[0][0];
  };
  for (auto how : {resolution::statement_applied, resolution::statement_not_applied}) {
    INFO((how == resolution::statement_applied ? "it took effect" : "it was undone"));
    const auto url = fresh_database("mysql");
    upgrade_killed_after(url, migrations, "CREATE TABLE made_by_raw");
    connection db(url);
    CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "in_doubt", "up", "0"}});
    for (auto attempt : std::vector<std::function<void()>>{[&] { resume_upgrade(db, migrations); },
                                                           [&] { migrate({.url = url, .migrations = migrations}); }}) {
      auto message = message_of<dirty_error>(attempt);
      CHECK_THAT(message, Catch::Contains("migration \"r2\" (raw ddl) is dirty: its raw SQL statement 1 committed part "
                                          "of its work by itself"));
      CHECK_THAT(message, Catch::Contains("cannot tell how far it got"));
    }
    history h(migrations);
    if (how == resolution::statement_not_applied) db.execute("DROP TABLE made_by_raw");
    runner(db, h).resolve("r2", how);
    auto results = resume_upgrade(db, migrations);
    REQUIRE(results.size() == 1);
    CHECK(results[0].statements.size() == (how == resolution::statement_applied ? 1u : 2u));
    CHECK(made_by_raw(db) == "1");
    CHECK(db.query("SELECT id, name FROM t ORDER BY id") == rows{{"1", "one"}, {"2", "two"}});
    CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "applied", "up", "2"}});
  }
}

TEST_CASE("resume mysql: statements that already ran may not be edited before a resume", "[mysql][fault]") {
  const auto url = fresh_database("mysql");
  auto version = [](bool extra_column, std::string step) {
    return base_and({"r2", {"r1"}, "two steps", [extra_column, step](migration_builder& b) {
                       b.create_table("a", [extra_column](table_builder& t) {
                         t.column<std::int64_t>("id").primary_key();
                         if (extra_column) t.column<std::optional<std::int32_t>>("extra");
                       });
                       b.sql(step);
                     }});
  };
  CHECK_THROWS_AS(migrate({.url = url, .migrations = version(false, "INSERT INTO missing VALUES (1)")}), migration_error);
  connection db(url);
  // Statement 1 (the CREATE TABLE) ran; editing it would leave the table unlike the history.
  auto message = message_of<dirty_error>([&] { resume_upgrade(db, version(true, "INSERT INTO t VALUES (2, 'two')")); });
  CHECK_THAT(message, Catch::Contains("cannot resume \"r2\" (two steps) going up: statements 1 to 1 of it ran, and they "
                                      "have been edited since"));
  CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "dirty", "up", "1"}});
  // Editing only the statement that failed is what a fix does: the resume goes on.
  auto results = resume_upgrade(db, version(false, "INSERT INTO t VALUES (2, 'two')"));
  REQUIRE(results.size() == 1);
  CHECK(results[0].success);
  CHECK(version_rows(db) == rows{{"r1", "applied", "up", "2"}, {"r2", "applied", "up", "2"}});
}

// A foreign key added without a name gets the server's (<table>_ibfk_<n>): an interrupted ADD tells
// by what the key holds whether it took effect, so that a resume does not add it twice.
TEST_CASE("resume mysql: an unnamed foreign key is found by what it holds", "[mysql]") {
  connection db(fresh_database("mysql"));
  table parent{"parent", {{"id", column_type::of(type_kind::int32)}}};
  parent.key = primary_key_def{"pk_parent", {"id"}};
  table child{"child", {{"id", column_type::of(type_kind::int32)}, {"parent_id", column_type::of(type_kind::int32), true}}};
  child.key = primary_key_def{"pk_child", {"id"}};
  child.foreign_keys = {{"", {"id"}, "parent", {"id"}}};  // one the server numbers first
  schema before;
  before.tables = {child, parent};
  create_schema(db, before);
  const foreign_key_def added{"", {"parent_id"}, "parent", {"id"}, fk_action::cascade};
  schema after = before;
  after.find_table("child")->foreign_keys.push_back(added);
  const operation add = op::add_foreign_key{"child", added};
  const auto& d = db.sql_dialect();
  CHECK(check_statement(add, introspect(db), d.stored_form(before), d.stored_form(after)).outcome ==
        statement_outcome::not_applied);
  db.execute(*d.add_foreign_key("child", added));
  auto live = introspect(db);
  CHECK(live.find_table("child")->foreign_keys.at(1).name == "child_ibfk_2");
  CHECK(check_statement(add, live, d.stored_form(before), d.stored_form(after)).outcome == statement_outcome::applied);
}
