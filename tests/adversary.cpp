// Adversarial review: reproductions of places where the promises of README.md ("How SQL reaches the
// database", "What to expect from the runner") do not hold. Each test asserts the behaviour the README
// promises (or the only safe one), so it fails today and passes once the cause is fixed. Tagged
// [adversary] besides the database tags, so `tempest_tests "[adversary]"` runs them all.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>

#include <tempest/introspect/introspect.hpp>
#include <tempest/migrations.hpp>

#include "support/database.hpp"
#include "support/process.hpp"

namespace adversary_models {

struct setting {
  std::int64_t id;
  std::optional<std::string> value;
  bool enabled;
};
TEMPEST_MODEL(setting, "settings",
              (id, tempest::primary_key),
              (value, tempest::length(40)),
              (enabled, tempest::default_value(false)));

}  // namespace adversary_models

using namespace tempest;
using namespace tempest_test;

namespace {

using rows = std::vector<result_row>;

rows version_states(connection& db) {
  return db.query("SELECT revision, state FROM tempest_migrations ORDER BY sequence");
}

// Waits for a child up to `limit`; kills it if it is still running then. Returns wait_for's text, or
// "hung" when it had to be killed.
std::string wait_at_most(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
      if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
      return "status " + std::to_string(status);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return "hung";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// r1 makes `log` (an append-only table without a key, as audit tables are) and `t`; r2 is given.
std::vector<migration> log_and(migration second) {
  return {{"r1", {}, "base",
           [](migration_builder& b) {
             b.create_table("log", [](table_builder& t) { t.column<std::string>("msg").length(20); });
             b.create_table("t", [](table_builder& t) {
               t.column<std::int64_t>("id").primary_key();
               t.column<std::string>("name").length(20);
             });
           }},
          std::move(second)};
}

}  // namespace

// ---- MySQL: a raw step that committed by itself, then failed, is run again from its start ----------
//
// README: "A raw step that committed something by itself (DDL, COMMIT) ... is recorded in_doubt: the
// runner cannot know how far it got, says so, and waits for resolve". The executor marks the step
// in_doubt before running it, but when the raw SQL *fails* after one of its statements committed, the
// catch block overwrites that mark with `dirty` — and a dirty raw step is resumed by running all of it
// again. Everything before the failing statement runs twice.
TEST_CASE("adversary: mysql raw step that committed and then failed is not run twice by resume",
          "[mysql][fault][adversary]") {
  const auto url = fresh_database("mysql");
  const auto migrations =
      log_and({"r2", {"r1"}, "raw with an implicit commit",
               [](migration_builder& b) {
                 b.sql("INSERT INTO log (msg) VALUES ('once'); CREATE TABLE IF NOT EXISTS side (id INT); "
                       "INSERT INTO missing VALUES (1)");
               }});
  CHECK_THROWS_AS(migrate({.url = url, .migrations = migrations}), migration_error);
  connection db(url);
  // The first two statements of the raw step are committed (CREATE TABLE commits at once).
  REQUIRE(db.query("SELECT COUNT(*) FROM log") == rows{{"1"}});
  // The README's contract for raw SQL that committed something: in_doubt, not a plain dirty record.
  CHECK(version_states(db) == rows{{"r1", "applied"}, {"r2", "in_doubt"}});
  // The operator fixes the cause the error names and resumes, as the error message tells them to.
  db.execute("CREATE TABLE missing (id INT)");
  history h(migrations);
  try {
    runner(db, h).upgrade(upgrade_target::heads(), true);
  } catch (const std::exception&) {  // refusing (in doubt) is right too; running twice is not
  }
  CHECK(db.query("SELECT COUNT(*) FROM log") == rows{{"1"}});
}

// ---- PostgreSQL: COPY ... FROM STDIN in a raw step hangs the runner forever ---------------------
//
// driver/postgresql.hpp means to refuse COPY ("COPY cannot run in a migration step"), but its loop
// `while (PGresult* r = PQgetResult(conn_))` never ends: in COPY_IN/COPY_OUT state libpq returns a
// fresh PGRES_COPY_* result on every call, never NULL. The runner spins at 100% CPU inside an open
// transaction, holding the advisory lock, so every other runner times out. pg_dump output (COPY …
// FROM stdin) pasted into a raw step does exactly this.
TEST_CASE("adversary: postgresql raw COPY FROM STDIN fails instead of hanging", "[postgresql][adversary]") {
  const auto url = fresh_database("postgresql");
  const auto migrations = log_and({"r2", {"r1"}, "copy", [](migration_builder& b) {
                                     b.sql("COPY t (id, name) FROM STDIN");
                                   }});
  pid_t pid = spawn([&]() -> int {
    try {
      migrate({.url = url, .migrations = migrations});
    } catch (const migration_error& e) {
      return std::string(e.what()).find("COPY") != std::string::npos ? 0 : 3;
    }
    return 2;  // it "succeeded"
  });
  CHECK(wait_at_most(pid, std::chrono::seconds(10)) == "exit 0");
  // Whatever happened, the lock is free and r2 is not recorded.
  connection db(url);
  CHECK(version_states(db) == rows{{"r1", "applied"}});
}

TEST_CASE("adversary: postgresql raw COPY TO STDOUT fails instead of hanging", "[postgresql][adversary]") {
  const auto url = fresh_database("postgresql");
  const auto migrations = log_and({"r2", {"r1"}, "copy out", [](migration_builder& b) {
                                     b.sql("COPY t TO STDOUT");
                                   }});
  pid_t pid = spawn([&]() -> int {
    try {
      migrate({.url = url, .migrations = migrations});
    } catch (const migration_error&) {
      return 0;
    }
    return 2;
  });
  CHECK(wait_at_most(pid, std::chrono::seconds(10)) == "exit 0");
}

// ---- Every database: the derived down of remove<Model>() puts back only the primary key -----------
//
// remove<Model>(rows) keeps only the key columns of the rows it is given (rows_of(..., key_only)),
// and the derived inverse of a delete is an insert of exactly those columns. A downgrade therefore
// "restores" each removed row as its key alone: nullable columns come back NULL and defaulted ones
// come back as the default, silently. (A NOT NULL column without a default makes the downgrade fail.)
TEST_CASE("adversary: derived down of remove<Model> is refused rather than put back key-only rows",
          "[sqlite][adversary]") {
  using adversary_models::setting;
  const std::vector<migration> migrations{
      {"r1", {}, "settings",
       [](migration_builder& b) {
         b.create_table<setting>();
         b.insert<setting>({{1, "on", true}, {2, "off", true}});
       }},
      {"r2", {"r1"}, "drop setting 1", [](migration_builder& b) { b.remove<setting>({{1, "on", true}}); }}};
  const auto url = tempest_test::database_url("sqlite");
  connection db(url);
  history h(migrations);
  runner(db, h).upgrade(upgrade_target::to("r1"));
  runner(db, h).upgrade();
  REQUIRE(db.query("SELECT id, value, enabled FROM settings ORDER BY id") == rows{{"2", "off", "1"}});
  // The delete names the rows by their key only: its down cannot put back what the other columns
  // held, so it is refused (a down written by hand can), and nothing changes.
  CHECK_THROWS_WITH(runner(db, h).downgrade(),
                    Catch::Contains("migration \"r2\" (drop setting 1) cannot be downgraded") &&
                        Catch::Contains("column \"value\""));
  CHECK(db.query("SELECT id, value, enabled FROM settings ORDER BY id") == rows{{"2", "off", "1"}});
}

// ---- MySQL: the derived down of an insert deletes rows it never inserted -------------------------
//
// The inverse of insert("tags", {"name"}, {{"admin"}}) is DELETE ... WHERE name = ?. On MySQL/MariaDB
// that comparison uses the column's collation (utf8mb4_general_ci: case-insensitive, trailing spaces
// ignored), so the downgrade also deletes 'ADMIN' and 'Admin ' that users added since. Same migration
// on PostgreSQL and SQLite deletes one row.
TEST_CASE("adversary: mysql derived down of an insert deletes only the rows it inserted", "[mysql][adversary]") {
  const auto url = fresh_database("mysql");
  const std::vector<migration> migrations{
      {"r1", {}, "tags",
       [](migration_builder& b) {
         b.create_table("tags", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::string>("name").length(20);
         });
       }},
      {"r2", {"r1"}, "seed admin tag", [](migration_builder& b) {
         b.insert("tags", {"name"}, {{std::string("admin")}});
       }}};
  connection db(url);
  history h(migrations);
  runner(db, h).upgrade(upgrade_target::to("r1"));
  runner(db, h).upgrade();
  db.execute("INSERT INTO tags (name) VALUES ('ADMIN'), ('Admin ')");  // users' own rows
  runner(db, h).downgrade();
  CHECK(db.query("SELECT name FROM tags ORDER BY id") == rows{{"ADMIN"}, {"Admin "}});
}

// The inverse of inserting a float matches it with `price = ?` bound as a double; a FLOAT column
// holds 0.1f, which MySQL compares as 0.100000001490116 != 0.1, so the downgrade deletes nothing and
// still records the migration as reverted. Upgrading again then fails on the key.
TEST_CASE("adversary: mysql derived down of an insert removes rows with float columns", "[mysql][adversary]") {
  const auto url = fresh_database("mysql");
  const std::vector<migration> migrations{
      {"r1", {}, "prices",
       [](migration_builder& b) {
         b.create_table("prices", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<float>("price");
         });
       }},
      {"r2", {"r1"}, "seed price", [](migration_builder& b) {
         b.insert("prices", {"id", "price"}, {{1LL, 0.1}});
       }}};
  connection db(url);
  history h(migrations);
  runner(db, h).upgrade(upgrade_target::to("r1"));
  runner(db, h).upgrade();
  REQUIRE(db.query("SELECT COUNT(*) FROM prices") == rows{{"1"}});
  runner(db, h).downgrade();
  CHECK(db.query("SELECT COUNT(*) FROM prices") == rows{{"0"}});
  CHECK_NOTHROW(runner(db, h).upgrade());  // up -> down -> up
}

// ---- MySQL: a borrowed session with autocommit off --------------------------------------------------
//
// README: "A borrowed session must not be inside a transaction." A session with autocommit=0 is not
// inside one when the run starts, so it is accepted; but then every progress update the runner makes
// outside BEGIN…COMMIT stays uncommitted, and the lock release rolls back the open transaction. The
// run reports success, the table exists, and the version row says `running` — the next migrate()
// refuses with a dirty error.
TEST_CASE("adversary: mysql borrowed session with autocommit off records what it applied",
          "[mysql][adversary]") {
  const auto url = fresh_database("mysql");
  const std::vector<migration> migrations{{"r1", {}, "one table", [](migration_builder& b) {
                                             b.create_table("t", [](table_builder& t) {
                                               t.column<std::int64_t>("id").primary_key();
                                             });
                                           }}};
  {
    soci::session session;
    connect(session, url);
    session << "SET autocommit = 0";
    std::vector<migration_result> results;
    try {
      results = migrate({.session = &session, .session_dialect = dialect_kind::mysql, .migrations = migrations})
                    .migrations;
    } catch (const std::exception& e) {
      // Refusing the session up front would be right too.
      CHECK_THAT(e.what(), Catch::Contains("autocommit"));
      return;
    }
    REQUIRE(results.size() == 1);
    CHECK(results[0].success);
  }
  connection db(url);
  CHECK(version_states(db) == rows{{"r1", "applied"}});
  CHECK_NOTHROW(migrate({.url = url, .migrations = migrations}));
}

// ---- MariaDB: EMPTY_STRING_IS_NULL turns the dialect's '' into NULL ------------------------------
//
// README: literals are "spelled so that no server setting changes their meaning". MariaDB's
// sql_mode EMPTY_STRING_IS_NULL (an Oracle-compatibility mode) makes the literal '' NULL; X'' stays
// an empty string. The MySQL dialect writes an empty default (and an empty value in an offline
// script) as ''.
TEST_CASE("adversary: mariadb EMPTY_STRING_IS_NULL keeps empty-string defaults and script values",
          "[mysql][adversary]") {
  const std::vector<migration> migrations{{"r1", {}, "notes", [](migration_builder& b) {
                                             b.create_table("notes", [](table_builder& t) {
                                               t.column<std::int64_t>("id").primary_key();
                                               t.column<std::optional<std::string>>("text").length(20).default_value(
                                                   std::string(""));
                                             });
                                             b.insert("notes", {"id"}, {{1LL}});
                                             b.insert("notes", {"id", "text"}, {{2LL, std::string("")}});
                                           }}};
  history h(migrations);
  for (bool script : {false, true}) {
    INFO((script ? "offline script" : "runner"));
    soci::session session;
    connect(session, fresh_database("mysql"));
    session << "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,EMPTY_STRING_IS_NULL'";
    connection db(session, dialect_kind::mysql);
    if (script) db.execute(to_script(upgrade_sql(db.sql_dialect(), h)));
    else runner(db, h).upgrade();
    CHECK(db.query("SELECT id, text FROM notes ORDER BY id") == rows{{"1", ""}, {"2", ""}});
  }
}

// ---- MariaDB: sql_mode=ORACLE makes the runner's BEGIN a syntax error ------------------------------
//
// Under MariaDB's sql_mode=ORACLE, BEGIN opens a PL/SQL block; START TRANSACTION is the only
// spelling that starts a transaction in every mode. The runner sends BEGIN around every data step and
// raw step on MySQL, so with that mode (commonly set globally on servers migrated from Oracle) the
// first data step fails and leaves the migration dirty.
TEST_CASE("adversary: mariadb sql_mode ORACLE runs data steps", "[mysql][adversary]") {
  const std::vector<migration> migrations{{"r1", {}, "seeded", [](migration_builder& b) {
                                             b.create_table("t", [](table_builder& t) {
                                               t.column<std::int64_t>("id").primary_key();
                                             });
                                             b.insert("t", {"id"}, {{1LL}});
                                           }}};
  soci::session session;
  connect(session, fresh_database("mysql"));
  session << "SET SESSION sql_mode = 'ORACLE'";
  connection db(session, dialect_kind::mysql);
  history h(migrations);
  CHECK_NOTHROW(runner(db, h).upgrade());
  CHECK(db.query("SELECT id FROM t") == rows{{"1"}});
}

// ---- MySQL: resume after the migration was edited *before* the statement it stopped at ------------
//
// The runner records the edited migration's checksum on resume ("from now on its record carries what
// it is now") and resumes at the stored statement number, in the *new* plan. Statements before that
// number are assumed to have run, whatever they now say. Here the fix also added a column to the
// table the first (already applied) statement made: the resume skips it, records the migration as
// applied with the new checksum, and the database silently lacks a column the history says it has.
TEST_CASE("adversary: mysql resume refuses a migration whose already-run statements were edited",
          "[mysql][fault][adversary]") {
  const auto url = fresh_database("mysql");
  auto version = [](bool fixed) {
    return log_and({"r2", {"r1"}, "two steps", [fixed](migration_builder& b) {
                      b.create_table("a", [fixed](table_builder& t) {
                        t.column<std::int64_t>("id").primary_key();
                        if (fixed) t.column<std::optional<std::int32_t>>("extra");
                      });
                      b.sql(fixed ? "INSERT INTO log (msg) VALUES ('ok')" : "INSERT INTO missing VALUES (1)");
                    }});
  };
  CHECK_THROWS_AS(migrate({.url = url, .migrations = version(false)}), migration_error);
  connection db(url);
  history fixed(version(true));
  bool resumed = false;
  try {
    runner(db, fixed).upgrade(upgrade_target::heads(), true);
    resumed = true;
  } catch (const std::exception&) {  // refusing, naming the edited statement, is the safe answer
  }
  if (resumed) {
    // If it does go on, the schema must be what the version table now claims.
    CHECK(introspect(db, {.exclude_tables = {"tempest_migrations"}}) == db.sql_dialect().stored_form(fixed.replay()));
  }
}

// ---- SQLite: an offline script run with the sqlite3 shell records a failed migration as applied ----
//
// A DBA applies `to_script(upgrade_sql(...))` with `sqlite3 app.db < upgrade.sql`. The sqlite3
// shell does not stop at an error: it reports it and goes on with the next statement, so the
// migration's version row and its COMMIT still run. The migration is recorded applied without the
// statement that failed ("All or nothing" per migration on SQLite does not hold for scripts).
TEST_CASE("adversary: sqlite offline script applied with the sqlite3 shell is all or nothing",
          "[sqlite][adversary]") {
  const auto url = tempest_test::database_url("sqlite");
  const std::string path = url.substr(std::string("sqlite:").size());
  const auto migrations = log_and({"r2", {"r1"}, "seed t", [](migration_builder& b) {
                                     b.insert("t", {"id", "name"}, {{1LL, std::string("seed")}});
                                     b.create_table("more", [](table_builder& t) {
                                       t.column<std::int64_t>("id").primary_key();
                                     });
                                   }});
  history h(migrations);
  {
    connection db(url);
    runner(db, h).upgrade(upgrade_target::to("r1"));
    db.execute("INSERT INTO t (id, name) VALUES (1, 'by hand')");  // the seed row now conflicts
  }
  const auto script = write_temp_file(to_client_script(
      dialect_for(dialect_kind::sqlite), upgrade_sql(dialect_for(dialect_kind::sqlite), h, upgrade_target::heads(), {.applied = {"r1"}})));
  auto [status, output] = run_shell(fmt::format("sqlite3 '{}' < '{}'", path, script));
  INFO(output);
  CHECK(status != 0);  // the DBA is told...
  connection db(url);
  // ...and the database is as it was: r2 is not recorded and its table does not exist.
  CHECK(version_states(db) == rows{{"r1", "applied"}});
  CHECK(db.query("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'more'") == rows{{"0"}});
  std::remove(script.c_str());
}

// ---- MySQL: an offline script with a trigger cannot be applied with the mariadb client ------------
//
// README: "on MySQL the server splits the text, so a trigger body with inner semicolons is one
// statement". That holds for the runner only: to_script writes the same raw step as is, and the
// mariadb/mysql command-line client (how a DBA applies a script) splits at every ';' unless a
// DELIMITER is set, so the trigger is cut in pieces, the script stops half way, and everything before
// it (DDL commits at once on MySQL) stays applied with no version row and no dirty record.
TEST_CASE("adversary: mysql offline script with a trigger applies with the mariadb client", "[mysql][adversary]") {
  const auto url = fresh_database("mysql");
  const auto parsed = parse_database_url(url);
  const auto migrations = log_and({"r2", {"r1"}, "audit trigger", [](migration_builder& b) {
                                     b.sql("CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW BEGIN\n"
                                           "  INSERT INTO log (msg) VALUES ('insert');\n"
                                           "  INSERT INTO log (msg) VALUES (NEW.name);\n"
                                           "END",
                                           "DROP TRIGGER t_audit", dialect_kind::mysql);
                                   }});
  history h(migrations);
  const auto script =
      write_temp_file(to_client_script(dialect_for(dialect_kind::mysql), upgrade_sql(dialect_for(dialect_kind::mysql), h)));
  auto [status, output] =
      run_shell(fmt::format("mariadb --no-defaults -h{} -P{} -u{} -p{} {} < '{}'", parsed.host, parsed.port, parsed.user,
                        parsed.password, parsed.database, script));
  INFO(output);
  CHECK(status == 0);
  connection db(url);
  CHECK(version_states(db) == rows{{"r1", "applied"}, {"r2", "applied"}});
  db.execute("INSERT INTO t (id, name) VALUES (1, 'x')");
  CHECK(db.query("SELECT COUNT(*) FROM log") == rows{{"2"}});
  std::remove(script.c_str());
}

// ---- SQLite: a raw step with a NUL byte hangs the runner ----------------------------------------
//
// sqlite_driver::execute loops `while (rest < end)` over sqlite3_prepare_v2, which stops reading at
// a NUL and leaves the tail pointer on it: the next prepare reads nothing, the tail does not move, and
// the loop spins forever inside BEGIN IMMEDIATE (every other connection then waits on the write lock).
// A NUL can only come from a raw SQL string (identifiers and literals with NUL are refused), e.g. one
// read from a file; whatever the input, the runner must not hang.
TEST_CASE("adversary: sqlite raw step with a NUL byte fails instead of hanging", "[sqlite][adversary]") {
  const std::string raw("CREATE TABLE a (x INT);\0CREATE TABLE b (x INT);", 47);
  const auto url = tempest_test::database_url("sqlite");
  const auto migrations = log_and({"r2", {"r1"}, "raw with NUL", [raw](migration_builder& b) { b.sql(raw); }});
  pid_t pid = spawn([&]() -> int {
    try {
      migrate({.url = url, .migrations = migrations});
    } catch (const error&) {
      return 0;  // refused (naming the NUL) is right; so would be running both statements
    }
    connection db(url);
    return db.query("SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('a', 'b')") == rows{{"2"}} ? 0 : 4;
  });
  CHECK(wait_at_most(pid, std::chrono::seconds(10)) == "exit 0");
}

// ---- PostgreSQL: a raw step with a NUL byte silently runs only what comes before it ----------------
//
// postgresql_driver::execute passes text.c_str() to PQsendQuery, so everything after a NUL is dropped
// without a word: the migration is recorded applied although its second statement never ran
// ("a raw step runs every statement it holds"). MySQL reports an error for the same text.
TEST_CASE("adversary: postgresql raw step with a NUL byte is refused or runs whole", "[postgresql][adversary]") {
  const std::string raw("CREATE TABLE a (x INT);\0CREATE TABLE b (x INT);", 47);
  const auto url = fresh_database("postgresql");
  const auto migrations = log_and({"r2", {"r1"}, "raw with NUL", [raw](migration_builder& b) { b.sql(raw); }});
  bool refused = false;
  try {
    migrate({.url = url, .migrations = migrations});
  } catch (const error&) {
    refused = true;
  }
  if (!refused) {
    connection db(url);
    CHECK(db.query("SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('a', 'b')") == rows{{"2"}});
  }
}

// ---- PostgreSQL: session settings made by one migration's raw SQL carry into the next ---------------
//
// A plain SET in a raw step outlives the migration's transaction (only SET LOCAL ends with it), and
// the runner keeps using the session: every later migration in the same run sees it. With
// `SET search_path TO app, public` in s1, table x of s2 is made in schema app when s1 and s2 run
// together, and in public when they run in two calls — the same history gives two different databases
// depending on how it was batched (the version table, found through search_path too, hides it). A
// borrowed session goes back to the application with the changed search_path as well.
TEST_CASE("adversary: postgresql SET in a raw step does not carry into later migrations", "[postgresql][adversary]") {
  const std::vector<migration> migrations{{"s1", {}, "schema app",
                                           [](migration_builder& b) {
                                             b.sql("CREATE SCHEMA app; SET search_path TO app, public",
                                                   "DROP SCHEMA app CASCADE");
                                           }},
                                          {"s2", {"s1"}, "table x", [](migration_builder& b) {
                                             b.create_table("x", [](table_builder& t) {
                                               t.column<std::int64_t>("id").primary_key();
                                             });
                                           }}};
  const auto together = fresh_database("postgresql"), apart = fresh_database("postgresql");
  migrate({.url = together, .migrations = migrations});
  history h(migrations);
  {
    connection db(apart);
    runner(db, h).upgrade(upgrade_target::to("s1"));
  }
  migrate({.url = apart, .migrations = migrations});
  connection a(together), b(apart);
  const auto where_is_x = "SELECT table_schema FROM information_schema.tables WHERE table_name = 'x'";
  CHECK(a.query(where_is_x) == b.query(where_is_x));
}

// ---- SQLite: an offline rebuild "checks" foreign keys with a PRAGMA whose rows nobody reads ---------
//
// The runner refuses a rebuild that leaves rows violating a foreign key. The offline script of the
// same migration ends the rebuild with `PRAGMA foreign_key_check`, which only returns the violating
// rows: the script (through tempest's driver, or the sqlite3 shell) goes on, commits the new foreign
// key over orphan rows and records the migration applied. A check that fails in SQL is possible, e.g.
// INSERT INTO a temp table with CHECK (n = 0) SELECT count(*) FROM pragma_foreign_key_check.
TEST_CASE("adversary: sqlite offline rebuild refuses rows that violate the new foreign key", "[sqlite][adversary]") {
  const std::vector<migration> migrations{
      {"p1", {}, "tables",
       [](migration_builder& b) {
         b.create_table("parents", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
         b.create_table("children", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<std::int64_t>("parent_id");
         });
         b.insert("children", {"id", "parent_id"}, {{1LL, 99LL}});  // an orphan
       }},
      {"p2", {"p1"}, "children.parent_id refers to parents", [](migration_builder& b) {
         b.alter_table("children", [](table_alterer& t) { t.add_foreign_key({"parent_id"}, "parents", {"id"}); });
       }}};
  history h(migrations);
  {
    connection db(tempest_test::database_url("sqlite"));
    runner(db, h).upgrade(upgrade_target::to("p1"));
    CHECK_THROWS_AS(runner(db, h).upgrade(), migration_error);  // the runner refuses
  }
  connection db(tempest_test::database_url("sqlite"));
  db.execute(to_script(upgrade_sql(db.sql_dialect(), h, upgrade_target::to("p1"))));
  try {
    db.execute(to_script(upgrade_sql(db.sql_dialect(), h, {}, {.applied = {"p1"}})));
  } catch (const std::exception&) {  // the script must stop here
  }
  CHECK(version_states(db) == rows{{"p1", "applied"}});
}

// ---- Offline scripts through the sqlite3 and mariadb shells lose the \r of a \r\n in text ---------
//
// Both shells read a script line by line and drop a carriage return before each newline, also inside
// a quoted literal. A value (or default, or label) holding "\r\n" is written by to_script as a plain
// '…' literal on SQLite and on MySQL (it is ASCII without a backslash), so applied as a DBA applies a
// script it is stored as "\n": a silent change to data. (psql keeps it; so does tempest's driver.)
namespace {
void carriage_return_through_run_shell(const std::string& kind) {
  const std::vector<migration> migrations{{"c1", {}, "text with CRLF", [](migration_builder& b) {
                                             b.create_table("notes", [](table_builder& t) {
                                               t.column<std::int64_t>("id").primary_key();
                                               t.column<std::string>("text").length(20);
                                             });
                                             b.insert("notes", {"id", "text"}, {{1LL, std::string("line\r\nbreak")}});
                                           }}};
  history h(migrations);
  const auto url = fresh_database(kind);
  connection db(url);
  const auto script = write_temp_file(to_client_script(db.sql_dialect(), upgrade_sql(db.sql_dialect(), h)));
  std::string command;
  if (kind == "sqlite") {
    command = fmt::format("sqlite3 -bail '{}' < '{}'", url.substr(std::string("sqlite:").size()), script);
  } else {
    const auto p = parse_database_url(url);
    command = fmt::format("mariadb --no-defaults -h{} -P{} -u{} -p{} {} < '{}'", p.host, p.port, p.user, p.password,
                          p.database, script);
  }
  auto [status, output] = run_shell(command);
  INFO(output);
  REQUIRE(status == 0);
  const auto& d = db.sql_dialect();
  CHECK(db.query(fmt::format("SELECT {} FROM {}", d.quote("text"), d.quote("notes"))) == rows{{"line\r\nbreak"}});
  std::remove(script.c_str());
}
}  // namespace

TEST_CASE("adversary: sqlite offline script keeps a carriage return through the sqlite3 shell",
          "[sqlite][adversary]") {
  carriage_return_through_run_shell("sqlite");
}

TEST_CASE("adversary: mysql offline script keeps a carriage return through the mariadb client", "[mysql][adversary]") {
  carriage_return_through_run_shell("mysql");
}
