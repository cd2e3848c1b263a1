// Invariants 3 and 5 under faults: a statement that fails, a runner killed half way through a
// migration, and SQLite's table rebuild under tables that reference the rebuilt one.
//
// PostgreSQL and SQLite run each migration in a transaction: the failed or interrupted migration
// leaves nothing behind and a rerun applies it. MySQL/MariaDB commit each DDL statement: there the
// version table holds a dirty (failed) or running (interrupted) record that names the statement, the
// next run refuses to go on, and an upgrade with resume continues at that statement.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <tempest/introspect/introspect.hpp>
#include <tempest/migrations.hpp>

#include "support/database.hpp"
#include "support/process.hpp"

using namespace tempest;
using namespace tempest_test;
using namespace std::chrono_literals;

namespace {

using rows = std::vector<result_row>;

const introspect_options without_versions{.exclude_tables = {"tempest_migrations"}};

const std::string broken_step = "INSERT INTO no_such_table (x) VALUES (1)";
const std::string fixed_step = "INSERT INTO orders (item_id) VALUES (2)";

// Five migrations; the third runs `step` between other statements: DDL and a data step before it,
// DDL after it. The others leave rows behind that must survive whatever happens to the third.
std::vector<migration> five_with(const std::string& step) {
  return {
      {"f1_items", {}, "items",
       [](migration_builder& b) {
         b.create_table("items", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::string>("name").length(40);
         });
         b.insert("items", {"name"}, {{std::string("one")}, {std::string("two")}});
       }},
      {"f2_qty", {"f1_items"}, "quantities",
       [](migration_builder& b) {
         b.alter_table("items", [](table_alterer& t) { t.add_column<std::optional<std::int32_t>>("qty"); });
         b.sql("UPDATE items SET qty = 7");
       }},
      {"f3_orders", {"f2_qty"}, "orders",
       [step](migration_builder& b) {
         b.create_table("orders", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::int64_t>("item_id").references("items", "id", fk_action::cascade);
         });
         b.insert("orders", {"item_id"}, {{1LL}});
         b.sql(step);
         b.alter_table("items", [](table_alterer& t) { t.add_column<std::optional<std::string>>("color").length(20); });
       }},
      {"f4_audit", {"f3_orders"}, "audit",
       [](migration_builder& b) {
         b.create_table("audit", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::string>("what").length(40);
         });
         b.insert("audit", {"what"}, {{std::string("created")}});
       }},
      {"f5_note", {"f4_audit"}, "order notes",
       [](migration_builder& b) {
         b.alter_table("orders", [](table_alterer& t) { t.add_column<std::optional<std::string>>("note").length(60); });
       }},
  };
}

rows version_rows(connection& db) {
  const auto& d = db.sql_dialect();
  return db.query(fmt::format("SELECT {}, {}, {} FROM {} ORDER BY {}", d.quote("revision"), d.quote("state"),
                              d.quote("next_statement"), d.quote("tempest_migrations"), d.quote("sequence")));
}

// The version table without its next_statement column, which only MySQL uses.
rows revisions_and_states(connection& db) {
  rows out;
  for (auto& r : version_rows(db)) out.push_back({r[0], r[1]});
  return out;
}

rows states(std::initializer_list<std::pair<std::string, std::string>> list) {
  rows out;
  for (const auto& [revision, state] : list) out.push_back({revision, state});
  return out;
}

rows all_five_applied() {
  return states({{"f1_items", "applied"},
                 {"f2_qty", "applied"},
                 {"f3_orders", "applied"},
                 {"f4_audit", "applied"},
                 {"f5_note", "applied"}});
}

// The rows written by f1 and f2, which nothing later may lose.
rows item_rows(connection& db) { return db.query("SELECT id, name, qty FROM items ORDER BY id"); }
const rows items_before_f3{{"1", "one", "7"}, {"2", "two", "7"}};

std::string count_of(connection& db, const std::string& table) {
  return db.query("SELECT COUNT(*) FROM " + db.sql_dialect().quote(table)).at(0).at(0).value_or("NULL");
}

schema expected_schema(connection& db, const std::vector<migration>& migrations, std::set<std::string> applied = {}) {
  history h(migrations);
  return db.sql_dialect().stored_form(applied.empty() ? h.replay() : h.replay(applied));
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

// upgrade(heads, resume), reported as a failure of this step rather than as an escaped exception.
std::vector<migration_result> resume(runner& r) {
  try {
    return r.upgrade(upgrade_target::heads(), /*resume=*/true);
  } catch (const std::exception& e) {
    FAIL("upgrade with resume failed: " << e.what());
  }
  return {};
}

// ---- (a) a failing statement -------------------------------------------------------------------

void failing_statement_rolls_back(std::string_view kind) {
  const auto url = tempest_test::fresh_database(kind);
  const migration_source broken{.url = url, .migrations = five_with(broken_step)};
  const migration_source fixed{.url = url, .migrations = five_with(fixed_step)};

  try {
    migrate(broken);
    FAIL("the broken migration did not fail");
  } catch (const migration_error& e) {
    std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("migration \"f3_orders\" (orders) failed going up at statement 3"));
    CHECK_THAT(message, Catch::Contains("statement: " + broken_step));
    CHECK_THAT(message, Catch::Contains("rolled back"));
    REQUIRE(e.results.size() == 3);
    CHECK(e.results[0].success);
    CHECK(e.results[1].success);
    CHECK_FALSE(e.results[2].success);
    CHECK(e.results[2].revision == "f3_orders");
    REQUIRE_FALSE(e.results[2].statements.empty());
    CHECK(e.results[2].statements.back() == broken_step);
    CHECK_THAT(e.results[2].error, Catch::Contains("no_such_table"));
  }

  connection db(url);
  // 1..k-1 applied and recorded; k gone whole (its table, its row, its column); k+1.. not applied.
  CHECK(revisions_and_states(db) == states({{"f1_items", "applied"}, {"f2_qty", "applied"}}));
  CHECK(introspect(db, without_versions) == expected_schema(db, broken.migrations, {"f1_items", "f2_qty"}));
  CHECK(item_rows(db) == items_before_f3);
  auto status = migration_status(broken);
  REQUIRE(status.size() == 5);
  CHECK(status[2].state == migration_state::pending);

  // Failing again finds the same clean state: no half migration was left from the first attempt.
  CHECK_THROWS_WITH(migrate(broken), Catch::Contains("failed going up at statement 3"));
  CHECK(revisions_and_states(db) == states({{"f1_items", "applied"}, {"f2_qty", "applied"}}));

  // With the migration fixed, a rerun applies k..n.
  auto report = migrate(fixed);
  REQUIRE(report.migrations.size() == 3);
  CHECK(report.migrations[0].revision == "f3_orders");
  CHECK(report.migrations[2].revision == "f5_note");
  CHECK(revisions_and_states(db) == all_five_applied());
  CHECK(introspect(db, without_versions) == expected_schema(db, fixed.migrations));
  CHECK(item_rows(db) == items_before_f3);
  CHECK(db.query("SELECT item_id FROM orders ORDER BY id") == rows{{"1"}, {"2"}});
  CHECK(count_of(db, "audit") == "1");
  CHECK(migrate(fixed).migrations.empty());
}

// The version table row of a revision: revision, state, next_statement, direction, error.
result_row version_row_of(connection& db, const std::string& revision) {
  const auto& d = db.sql_dialect();
  auto found = db.query(fmt::format("SELECT {}, {}, {}, {}, {} FROM {} WHERE {} = {}", d.quote("revision"),
                                    d.quote("state"), d.quote("next_statement"), d.quote("direction"), d.quote("error"),
                                    d.quote("tempest_migrations"), d.quote("revision"), d.string_literal(revision)));
  REQUIRE(found.size() == 1);
  return found[0];
}

// MySQL: runs the broken history into its failure; returns the index of the failed statement.
int fail_on_mysql(const migration_source& broken) {
  try {
    migrate(broken);
  } catch (const migration_error& e) {
    std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("migration \"f3_orders\" (orders) failed going up at statement 3"));
    CHECK_THAT(message, Catch::Contains("statement: " + broken_step));
    CHECK_THAT(message, Catch::Contains("dirty"));
    REQUIRE(e.results.size() == 3);
    CHECK(e.results[2].revision == "f3_orders");
    REQUIRE(e.results[2].statements.size() == 3);
    CHECK(e.results[2].statements.back() == broken_step);
    return 2;
  }
  FAIL("the broken migration did not fail");
  return -1;
}

void failing_statement_leaves_dirty_record_mysql() {
  const auto url = tempest_test::fresh_database("mysql");
  const migration_source broken{.url = url, .migrations = five_with(broken_step)};
  const migration_source fixed{.url = url, .migrations = five_with(fixed_step)};
  const int failed = fail_on_mysql(broken);

  connection db(url);
  CHECK(revisions_and_states(db) ==
        states({{"f1_items", "applied"}, {"f2_qty", "applied"}, {"f3_orders", "dirty"}}));
  auto row = version_row_of(db, "f3_orders");
  CHECK(row[2] == std::to_string(failed));
  CHECK(row[3] == "up");
  REQUIRE(row[4]);
  CHECK_THAT(*row[4], Catch::Contains(broken_step));
  // What MySQL committed before the failure is there, as the message said.
  CHECK(db.query("SELECT item_id FROM orders") == rows{{"1"}});
  CHECK(item_rows(db) == items_before_f3);

  auto status = migration_status(broken);
  REQUIRE(status.size() == 5);
  CHECK(status[2].state == migration_state::dirty);
  CHECK(status[2].next_statement == failed);
  CHECK_THAT(status[2].error, Catch::Contains("no_such_table"));
  CHECK(status[3].state == migration_state::pending);

  // Later runs refuse to go on, with or without the fix, and name the migration and the statement.
  for (const auto* source : {&broken, &fixed}) {
    auto message = message_of<dirty_error>([&] { migrate(*source); });
    CHECK_THAT(message, Catch::Contains("migration \"f3_orders\" (orders) is dirty"));
    CHECK_THAT(message, Catch::Contains(fmt::format("failed at statement {}", failed + 1)));
    CHECK_THAT(message, Catch::Contains("upgrade with resume"));
  }
  CHECK_THAT(message_of<dirty_error>([&] { migrate(broken); }), Catch::Contains("statement: " + broken_step));
  CHECK(revisions_and_states(db) ==
        states({{"f1_items", "applied"}, {"f2_qty", "applied"}, {"f3_orders", "dirty"}}));

  // Resume with the fix: it continues at the failed statement (not at the CREATE TABLE, which would
  // fail now) and completes the run.
  history h(fixed.migrations);
  runner r(db, h);
  auto results = resume(r);
  REQUIRE(results.size() == 3);
  CHECK(results[0].revision == "f3_orders");
  CHECK(results[0].success);
  REQUIRE_FALSE(results[0].statements.empty());
  CHECK(results[0].statements.front() == fixed_step);
  CHECK(results[2].revision == "f5_note");

  CHECK(revisions_and_states(db) == all_five_applied());
  CHECK_FALSE(version_row_of(db, "f3_orders")[4]);  // the error is cleared
  CHECK(introspect(db, without_versions) == expected_schema(db, fixed.migrations));
  CHECK(item_rows(db) == items_before_f3);
  CHECK(db.query("SELECT item_id FROM orders ORDER BY id") == rows{{"1"}, {"2"}});
  // And the database is now simply up to date for the fixed migrations.
  CHECK(migrate(fixed).migrations.empty());
  CHECK_FALSE(migration_status(fixed)[2].checksum_mismatch);
}

void resolving_a_dirty_record_mysql() {
  SECTION("not applied: the partial changes were undone by hand; the rerun starts the migration afresh") {
    const auto url = tempest_test::fresh_database("mysql");
    const migration_source broken{.url = url, .migrations = five_with(broken_step)};
    const migration_source fixed{.url = url, .migrations = five_with(fixed_step)};
    fail_on_mysql(broken);
    connection db(url);
    db.execute("DROP TABLE orders");
    history h(broken.migrations);
    runner(db, h).resolve("f3_orders", resolution::not_applied);
    CHECK(revisions_and_states(db) == states({{"f1_items", "applied"}, {"f2_qty", "applied"}}));
    CHECK(migration_status(broken)[2].state == migration_state::pending);
    CHECK_THROWS_WITH(runner(db, h).resolve("f3_orders", resolution::not_applied),
                      Catch::Contains("\"f3_orders\" has no dirty record"));
    CHECK_THROWS_WITH(runner(db, h).resolve("f1_items", resolution::applied),
                      Catch::Contains("\"f1_items\" has no dirty record"));

    auto report = migrate(fixed);
    REQUIRE(report.migrations.size() == 3);
    CHECK(report.migrations[0].revision == "f3_orders");
    CHECK(introspect(db, without_versions) == expected_schema(db, fixed.migrations));
    CHECK(db.query("SELECT item_id FROM orders ORDER BY id") == rows{{"1"}, {"2"}});
    CHECK(item_rows(db) == items_before_f3);
  }
  SECTION("applied: the rest of the migration was done by hand; the rerun goes on after it") {
    const auto url = tempest_test::fresh_database("mysql");
    const migration_source broken{.url = url, .migrations = five_with(broken_step)};
    fail_on_mysql(broken);
    connection db(url);
    db.execute(fixed_step);
    db.execute("ALTER TABLE items ADD COLUMN color VARCHAR(20) NULL");
    history h(broken.migrations);
    runner(db, h).resolve("f3_orders", resolution::applied);
    CHECK(revisions_and_states(db) ==
          states({{"f1_items", "applied"}, {"f2_qty", "applied"}, {"f3_orders", "applied"}}));
    auto report = migrate(broken);
    REQUIRE(report.migrations.size() == 2);
    CHECK(report.migrations[0].revision == "f4_audit");
    CHECK(introspect(db, without_versions) == expected_schema(db, broken.migrations));
    CHECK(item_rows(db) == items_before_f3);
    CHECK(migrate(broken).migrations.empty());
  }
}

// ---- (b) a runner killed mid-migration ---------------------------------------------------------

struct slow_and_fast {
  std::string slow, fast;
  std::string running_query;  // counts sessions of this database running `slow`; empty: cannot tell
};

slow_and_fast steps_for(std::string_view kind) {
  if (kind == "postgresql")
    return {"SELECT pg_sleep(30)", "SELECT pg_sleep(0)",
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND "
            "query = 'SELECT pg_sleep(30)'"};
  if (kind == "mysql")
    return {"SELECT SLEEP(30)", "SELECT SLEEP(0)",
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO = 'SELECT SLEEP(30)'"};
  // SQLite runs in the process that is killed; nothing else can see the statement run.
  return {"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT max(x) FROM c",
          "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10) SELECT max(x) FROM c", ""};
}

// Starts a runner in a child, kills it with SIGKILL while the slow statement of f3 runs, and returns
// the index of that statement in f3.
int kill_runner_in_slow_statement(const std::string& url, const slow_and_fast& steps) {
  pipe_pair started;
  migration_source slow{.url = url, .migrations = five_with(steps.slow)};
  pid_t pid = spawn([&]() -> int {
    close_fd(started.read);
    slow.on_event = [&](const runner_event& e) {
      if (e.type != runner_event::kind::statement_started || e.sql != steps.slow) return;
      int index = static_cast<int>(e.statement_index);
      if (::write(started.write, &index, sizeof index) != sizeof index) ::_exit(6);
    };
    migrate(slow);
    return 7;  // not killed: the parent reports it
  });
  close_fd(started.write);
  int index = -1;
  const auto got = read_all(started.read, &index, sizeof index);
  close_fd(started.read);
  if (got != sizeof index) {
    auto exit = wait_for(pid);
    FAIL("the runner ended (" << exit << ") before it reached the slow statement");
  }
  // The runner is about to send the statement; on a server, wait until the server runs it, so that
  // the kill lands inside it rather than just before it.
  if (!steps.running_query.empty()) {
    connection observer(url);
    auto deadline = std::chrono::steady_clock::now() + 20s;
    while (observer.query(steps.running_query).at(0).at(0) != "1") {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        wait_for(pid);
        FAIL("the server never showed the slow statement running");
      }
      std::this_thread::sleep_for(5ms);
    }
  }
  REQUIRE(::kill(pid, SIGKILL) == 0);
  CHECK(wait_for(pid) == "signal 9");
  return index;
}

void killed_runner_leaves_nothing(std::string_view kind) {
  const auto url = tempest_test::fresh_database(kind);
  const auto steps = steps_for(kind);
  const int index = kill_runner_in_slow_statement(url, steps);
  CHECK(index == 2);

  connection db(url);
  // Nothing of f3 persisted; f1 and f2 and their rows are intact.
  CHECK(revisions_and_states(db) == states({{"f1_items", "applied"}, {"f2_qty", "applied"}}));
  CHECK(introspect(db, without_versions) == expected_schema(db, five_with(steps.fast), {"f1_items", "f2_qty"}));
  CHECK(item_rows(db) == items_before_f3);

  // The lock died with the runner: a rerun with a short lock timeout gets it and applies f3..f5.
  const migration_source fast{.url = url, .migrations = five_with(steps.fast), .lock_timeout = 10s};
  auto started = std::chrono::steady_clock::now();
  migrate_report report;
  try {
    report = migrate(fast);
  } catch (const std::exception& e) {
    FAIL("the rerun after the kill failed after "
         << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count()
         << " ms: " << e.what());
  }
  REQUIRE(report.migrations.size() == 3);
  CHECK(report.migrations[0].revision == "f3_orders");
  CHECK(revisions_and_states(db) == all_five_applied());
  CHECK(introspect(db, without_versions) == expected_schema(db, fast.migrations));
  CHECK(item_rows(db) == items_before_f3);
  CHECK(db.query("SELECT item_id FROM orders") == rows{{"1"}});
  CHECK(count_of(db, "audit") == "1");
}

void killed_runner_leaves_running_record_mysql() {
  const auto url = tempest_test::fresh_database("mysql");
  const auto steps = steps_for("mysql");
  const int index = kill_runner_in_slow_statement(url, steps);
  CHECK(index == 2);

  connection db(url);
  CHECK(revisions_and_states(db) ==
        states({{"f1_items", "applied"}, {"f2_qty", "applied"}, {"f3_orders", "running"}}));
  auto row = version_row_of(db, "f3_orders");
  CHECK(row[2] == std::to_string(index));
  CHECK(row[3] == "up");
  CHECK(db.query("SELECT item_id FROM orders") == rows{{"1"}});  // committed before the kill
  CHECK(item_rows(db) == items_before_f3);

  const migration_source fast{.url = url, .migrations = five_with(steps.fast), .lock_timeout = 10s};
  auto message = message_of<dirty_error>([&] { migrate(fast); });
  CHECK_THAT(message, Catch::Contains("migration \"f3_orders\" (orders) is dirty"));
  CHECK_THAT(message, Catch::Contains(fmt::format("was interrupted (running up) at statement {}", index + 1)));

  history h(fast.migrations);
  runner r(db, h, {.lock_timeout = 10s});
  auto results = resume(r);
  REQUIRE(results.size() == 3);
  CHECK(results[0].revision == "f3_orders");
  REQUIRE_FALSE(results[0].statements.empty());
  CHECK(results[0].statements.front() == steps.fast);
  CHECK(revisions_and_states(db) == all_five_applied());
  CHECK(introspect(db, without_versions) == expected_schema(db, fast.migrations));
  CHECK(item_rows(db) == items_before_f3);
  CHECK(db.query("SELECT item_id FROM orders") == rows{{"1"}});
  CHECK(migrate(fast).migrations.empty());
}

// ---- (c) SQLite's table rebuild under referencing tables ---------------------------------------

std::vector<migration> library_history() {
  return {
      {"r1_library", {}, "authors, books, chapters",
       [](migration_builder& b) {
         b.create_table("authors", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::string>("name").length(40).unique();
           t.column<std::int32_t>("rating").default_value(0);
         });
         b.create_table("books", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::int64_t>("author_id").references("authors", "id", fk_action::cascade).index();
           t.column<std::string>("title").length(60);
         });
         b.create_table("chapters", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::int64_t>("book_id").references("books", "id", fk_action::cascade);
           t.column<std::int32_t>("number");
         });
       }},
      {"r2_authors", {"r1_library"}, "rebuild authors",
       [](migration_builder& b) {
         b.alter_table("authors", [](table_alterer& t) {
           t.set_nullable("name", true);
           t.alter_type<std::int64_t>("rating");
         });
       }},
      {"r3_books", {"r2_authors"}, "rebuild books",
       [](migration_builder& b) { b.alter_table("books", [](table_alterer& t) { t.alter_type<std::string>("title", 120); }); }},
  };
}

rows library_rows(connection& db) {
  rows out;
  for (auto query : {"SELECT 'a', id, name, rating FROM authors ORDER BY id",
                     "SELECT 'b', id, author_id, title FROM books ORDER BY id",
                     "SELECT 'c', id, book_id, number FROM chapters ORDER BY id"})
    for (auto& row : db.query(query)) out.push_back(std::move(row));
  return out;
}

void sqlite_rebuild_keeps_children() {
  const auto url = tempest_test::database_url("sqlite");
  migration_source source{.url = url, .migrations = library_history()};
  connection db(url);
  history h(source.migrations);
  runner(db, h).upgrade(upgrade_target::to("r1_library"));
  db.execute("BEGIN");
  db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
             "INSERT INTO authors (id, name, rating) SELECT i, 'author ' || i, i % 5 FROM n");
  db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900) "
             "INSERT INTO books (id, author_id, title) SELECT i, (i - 1) / 3 + 1, 'book ' || i FROM n");
  db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1800) "
             "INSERT INTO chapters (id, book_id, number) SELECT i, (i - 1) / 2 + 1, i % 2 FROM n");
  db.execute("COMMIT");
  const rows before = library_rows(db);
  REQUIRE(before.size() == 300 + 900 + 1800);
  REQUIRE(db.query("PRAGMA foreign_key_check").empty());

  // The parent is rebuilt (new table, copy, drop, rename) under two levels of ON DELETE CASCADE.
  auto report = migrate(source);
  REQUIRE(report.migrations.size() == 2);
  bool rebuilt = false;
  for (const auto& s : report.migrations[0].statements) rebuilt = rebuilt || s.starts_with("DROP TABLE \"authors\"");
  CHECK(rebuilt);  // otherwise this test does not test a rebuild

  CHECK(count_of(db, "authors") == "300");
  CHECK(count_of(db, "books") == "900");
  CHECK(count_of(db, "chapters") == "1800");
  CHECK(library_rows(db) == before);
  CHECK(db.query("PRAGMA foreign_key_check").empty());
  CHECK(db.query("PRAGMA foreign_keys")[0][0] == "1");
  CHECK(introspect(db, without_versions) == db.sql_dialect().stored_form(h.replay()));

  // The children still reference the rebuilt tables, and the cascade still works.
  db.execute("DELETE FROM authors WHERE id = 1");
  CHECK(count_of(db, "books") == "897");
  CHECK(count_of(db, "chapters") == "1794");
  db.execute("INSERT INTO authors (id, name, rating) VALUES (1, NULL, 10000000000)");  // now nullable and 64-bit
  CHECK_THROWS_WITH(db.execute("INSERT INTO books (author_id, title) VALUES (999, 'orphan')"),
                    Catch::Contains("FOREIGN KEY"));

  // Down again (the derived inverses rebuild both tables once more): still every row.
  db.execute("DELETE FROM authors WHERE id = 1");
  const rows after_delete = library_rows(db);
  CHECK(migrate_down(source).size() == 2);
  CHECK(library_rows(db) == after_delete);
  CHECK(count_of(db, "chapters") == "1794");
  CHECK(db.query("PRAGMA foreign_key_check").empty());
  CHECK(introspect(db, without_versions) == db.sql_dialect().stored_form(h.replay({"r1_library"})));
}

}  // namespace

TEST_CASE("fault sqlite: a failing statement rolls its migration back whole; the fixed rerun applies the rest",
          "[sqlite][fault]") {
  failing_statement_rolls_back("sqlite");
}
TEST_CASE("fault postgresql: a failing statement rolls its migration back whole; the fixed rerun applies the rest",
          "[postgresql][fault]") {
  failing_statement_rolls_back("postgresql");
}
TEST_CASE("fault mysql: a failing statement leaves a dirty record; resume continues at that statement",
          "[mysql][fault]") {
  failing_statement_leaves_dirty_record_mysql();
}
TEST_CASE("fault mysql: a dirty record resolved as not applied or applied", "[mysql][fault]") {
  resolving_a_dirty_record_mysql();
}

TEST_CASE("fault sqlite: a runner killed mid-migration leaves nothing of it and no lock", "[sqlite][fault]") {
  killed_runner_leaves_nothing("sqlite");
}
TEST_CASE("fault postgresql: a runner killed mid-migration leaves nothing of it and no lock",
          "[postgresql][fault]") {
  killed_runner_leaves_nothing("postgresql");
}
TEST_CASE("fault mysql: a runner killed mid-migration leaves a running record; resume completes it",
          "[mysql][fault]") {
  killed_runner_leaves_running_record_mysql();
}

TEST_CASE("fault sqlite: rebuilding a referenced table keeps every row and every child row", "[sqlite][fault]") {
  sqlite_rebuild_keeps_children();
}
