// The runner tells the truth about what went wrong, and honours the settings it is given: an
// unreadable version table, SQLite's lock timeout and other BEGIN IMMEDIATE failures, labels too
// long to record, server notices, and a borrowed PostgreSQL session that a run leaves in a failed
// transaction.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <tempest/migrations.hpp>

#include "support/database.hpp"

using namespace tempest;
using namespace std::chrono_literals;

namespace {

// Advisory locks held in this test's own database: other tests run in parallel on the same server.
constexpr std::string_view advisory_locks_here =
    "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
    "(SELECT oid FROM pg_database WHERE datname = current_database())";

using rows = std::vector<result_row>;

std::vector<migration> two_tables() {
  return {{"e1", {}, "first", [](migration_builder& b) {
             b.create_table("first", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
           }},
          {"e2", {"e1"}, "second", [](migration_builder& b) {
             b.create_table("second", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
           }}};
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

// Captures what the process writes on stderr while `body` runs.
std::string stderr_of(const std::function<void()>& body) {
  std::fflush(stderr);
  char path[] = "/tmp/tempest_stderr_XXXXXX";
  int file = ::mkstemp(path);
  REQUIRE(file >= 0);
  int saved = ::dup(2);
  ::dup2(file, 2);
  try {
    body();
  } catch (...) {
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(file);
    ::unlink(path);
    throw;
  }
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  ::close(file);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  ::unlink(path);
  return text.str();
}

}  // namespace

TEST_CASE("runner errors: a version table that exists but cannot be read is reported as such",
          "[sqlite][postgresql][mysql]") {
  for (const std::string kind : {"sqlite", "postgresql", "mysql"}) {
    INFO(kind);
    const auto url = tempest_test::fresh_database(kind);
    connection db(url);
    // Another tool's table under tempest's name: it lacks the columns tempest reads.
    db.execute(fmt::format("CREATE TABLE {} (id INT)", db.sql_dialect().quote("tempest_migrations")));
    const migration_source source{.url = url, .migrations = two_tables()};
    for (auto run : std::vector<std::function<void()>>{[&] { migration_status(source); }, [&] { migrate(source); }}) {
      auto message = message_of<version_table_error>(run);
      CHECK_THAT(message, Catch::Contains("the version table tempest_migrations exists but cannot be read"));
      CHECK_THAT(message, Catch::Contains("revision"));  // the database's own reason names the missing column
    }
    // Nothing was created or applied on the strength of a table it could not read.
    CHECK(introspect(db, {.exclude_tables = {"tempest_migrations"}}).tables.empty());
  }
}

TEST_CASE("runner errors: SQLite honours lock_timeout while another connection writes", "[sqlite]") {
  const auto url = tempest_test::database_url("sqlite");
  connection holder(url);
  holder.execute("CREATE TABLE held (id INT)");
  holder.execute("BEGIN IMMEDIATE");
  auto started = std::chrono::steady_clock::now();
  auto message = message_of<lock_timeout_error>(
      [&] { migrate({.url = url, .migrations = two_tables(), .lock_timeout = 400ms}); });
  auto waited = std::chrono::steady_clock::now() - started;
  CHECK_THAT(message, Catch::Contains("timed out after 400 ms"));
  CHECK(waited >= 350ms);
  CHECK(waited < 3s);  // not SQLite's default busy timeout of the connection (5 s), nor the old 30 s
  holder.execute("ROLLBACK");
  CHECK(migrate({.url = url, .migrations = two_tables(), .lock_timeout = 400ms}).migrations.size() == 2);
}

TEST_CASE("runner errors: a BEGIN IMMEDIATE that fails for another reason than a lock says so", "[sqlite]") {
  const auto url = tempest_test::database_url("sqlite");
  migrate({.url = url, .migrations = {two_tables().front()}});  // the version table exists
  const std::string path = url.substr(std::string_view("sqlite:").size());
  soci::session read_only(soci::sqlite3, path);
  read_only << "PRAGMA query_only = 1";  // BEGIN IMMEDIATE then fails with SQLITE_READONLY
  auto message = message_of<sql_error>(
      [&] { migrate({.session = &read_only, .session_dialect = dialect_kind::sqlite, .migrations = two_tables()}); });
  CHECK_THAT(message, Catch::Contains("sqlite: attempt to write a readonly database"));
  CHECK_THAT(message, Catch::Contains("statement: BEGIN IMMEDIATE"));
  CHECK_THAT(message, !Catch::Contains("timed out"));
}

TEST_CASE("runner errors: a label too long for the version table is refused before anything runs",
          "[sqlite][postgresql][mysql]") {
  std::string longest, too_long;
  for (int i = 0; i < 255; ++i) longest += "é";  // 255 characters, 510 bytes
  too_long = longest + "x";
  auto with_label = [](std::string label) {
    auto migrations = two_tables();
    migrations[1].label = std::move(label);
    return migrations;
  };
  const std::string expected =
      "migration \"e2\": the label is 256 characters long; the version table holds at most 255";
  for (const std::string kind : {"sqlite", "postgresql", "mysql"}) {
    INFO(kind);
    const auto url = tempest_test::fresh_database(kind);
    CHECK(message_of<history_error>([&] { migrate({.url = url, .migrations = with_label(too_long)}); }) == expected);
    connection db(url);
    CHECK(introspect(db).tables.empty());  // not even the version table
    CHECK(migrate({.url = url, .migrations = with_label(longest)}).migrations.size() == 2);
    CHECK(db.query(fmt::format("SELECT {} FROM {} WHERE {} = 'e2'", db.sql_dialect().quote("label"),
                               db.sql_dialect().quote("tempest_migrations"), db.sql_dialect().quote("revision"))) ==
          rows{{longest}});
  }
  history h(with_label(too_long));
  CHECK(message_of<history_error>([&] { upgrade_sql(dialect_for(dialect_kind::postgresql), h); }) == expected);
  auto long_revision = two_tables();
  long_revision[1].revision = std::string(192, 'r');
  long_revision[1].down_revisions = {"e1"};
  CHECK_THAT(message_of<history_error>([&] { upgrade_sql(dialect_for(dialect_kind::mysql), history(long_revision)); }),
             Catch::Contains("the revision id is 192 characters long; the version table holds at most 191"));
}

TEST_CASE("runner errors: PostgreSQL notices reach on_event, not stderr", "[postgresql]") {
  const auto url = tempest_test::fresh_database("postgresql");
  std::vector<std::string> notices;
  migration_source source{.url = url,
                          .migrations = {{"n1", {}, "notice", [](migration_builder& b) {
                                            b.sql("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$");
                                            b.sql("CREATE TABLE IF NOT EXISTS n (id INT); CREATE TABLE IF NOT EXISTS n (id INT)");
                                          }}}};
  source.on_event = [&](const runner_event& e) {
    if (e.type == runner_event::kind::notice) notices.emplace_back(e.sql);
  };
  auto printed = stderr_of([&] { migrate(source); });
  CHECK(printed.empty());
  REQUIRE(notices.size() == 2);
  CHECK_THAT(notices[0], Catch::Contains("hello 42"));
  CHECK_THAT(notices[1], Catch::Contains("relation \"n\" already exists, skipping"));
}

TEST_CASE("runner errors: a borrowed PostgreSQL session left in a failed transaction releases the lock", "[postgresql]") {
  const auto url = tempest_test::fresh_database("postgresql");
  soci::session app;
  tempest_test::connect(app, url);
  connection observer(url);
  auto advisory_locks = [&] {
    return observer.query(advisory_locks_here).at(0).at(0).value_or("?");
  };

  // The run fails half way through a migration, inside its open transaction, with the lock held:
  // the application's callback throws at the statement after a raw step.
  auto migrations = two_tables();
  migrations[1].up = [](migration_builder& b) {
    b.sql("SELECT 1");
    b.create_table("second", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
  };
  migration_source source{.session = &app, .session_dialect = dialect_kind::postgresql, .migrations = migrations};
  source.on_event = [&](const runner_event& e) {
    if (e.type == runner_event::kind::statement_started && e.revision == "e2" && e.statement_index == 1)
      throw std::runtime_error("callback");
  };
  CHECK_THROWS_WITH(migrate(source), Catch::Contains("callback"));
  CHECK(advisory_locks() == "0");  // the application's session lives on, and holds nothing
  connection borrowed(app, dialect_kind::postgresql);
  CHECK(borrowed.transaction() == transaction_status::idle);

  // A session the application left inside a failed transaction is refused before any lock is taken.
  app << "BEGIN";
  try {
    app << "SELECT * FROM no_such_table";
  } catch (const std::exception&) {
  }
  source.on_event = nullptr;
  CHECK_THROWS_WITH(migrate(source), Catch::Contains("inside a transaction"));
  CHECK(advisory_locks() == "0");
  app << "ROLLBACK";
  CHECK(migrate(source).migrations.size() == 1);  // e1 was applied by the first run
  CHECK(advisory_locks() == "0");
}

TEST_CASE("runner errors: the PostgreSQL lock is released from a session in a failed transaction", "[postgresql]") {
  const auto url = tempest_test::fresh_database("postgresql");
  soci::session app;
  tempest_test::connect(app, url);
  connection borrowed(app, dialect_kind::postgresql);
  connection observer(url);
  postgresql_advisory_lock lock(borrowed, "tempest:test");
  lock.acquire(1s);
  CHECK(observer.query(advisory_locks_here) == rows{{"1"}});
  borrowed.execute("BEGIN");
  CHECK_THROWS(borrowed.execute("SELECT * FROM no_such_table"));
  CHECK(borrowed.transaction() == transaction_status::failed);
  lock.release();
  CHECK(observer.query(advisory_locks_here) == rows{{"0"}});
  CHECK(borrowed.transaction() == transaction_status::idle);
}

TEST_CASE("runner errors: raw SQL that ends the migration's transaction leaves a dirty record", "[sqlite][postgresql]") {
  auto with_raw = [](std::string raw) {
    auto migrations = two_tables();
    migrations[1].up = [raw](migration_builder& b) {
      b.create_table("a", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
      b.sql(raw);
      b.create_table("second", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
    };
    return migrations;
  };
  for (const std::string kind : {"sqlite", "postgresql"}) {
    INFO(kind);
    const auto url = tempest_test::fresh_database(kind);
    auto message = message_of<migration_error>([&] { migrate({.url = url, .migrations = with_raw("COMMIT")}); });
    CHECK_THAT(message, Catch::Contains("migration \"e2\" (second) failed going up at statement 2 of its 3"));
    CHECK_THAT(message, Catch::Contains("the raw SQL ended the migration's transaction"));
    CHECK_THAT(message, Catch::Contains("records the migration as dirty"));
    connection db(url);
    const auto& d = db.sql_dialect();
    CHECK(db.query(fmt::format("SELECT {}, {}, {} FROM {} ORDER BY {}", d.quote("revision"), d.quote("state"),
                               d.quote("next_statement"), d.quote("tempest_migrations"), d.quote("sequence"))) ==
          rows{{"e1", "applied", "0"}, {"e2", "dirty", "1"}});
    // What ran before the COMMIT stayed, as the message said; later runs stop until it is resolved.
    CHECK(version_table(db, "a").exists());
    CHECK_THROWS_WITH(migrate({.url = url, .migrations = with_raw("SELECT 1")}),
                      Catch::Contains("migration \"e2\" (second) is dirty"));
    db.execute(d.drop_table("a"));
    history h(with_raw("SELECT 1"));
    runner(db, h).resolve("e2", resolution::not_applied);
    CHECK(migrate({.url = url, .migrations = with_raw("SELECT 1")}).migrations.size() == 1);
  }
}

TEST_CASE("runner errors: a borrowed MySQL session with autocommit off gets it back off, migrations committed",
          "[mysql]") {
  const auto url = tempest_test::fresh_database("mysql");
  soci::session app;
  tempest_test::connect(app, url);
  app << "SET autocommit = 0";
  auto migrations = two_tables();
  migrations[1].up = [](migration_builder& b) {
    b.create_table("second", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
    b.insert("second", {"id"}, {{7LL}});
  };
  CHECK(migrate({.session = &app, .session_dialect = dialect_kind::mysql, .migrations = migrations}).migrations.size() == 2);
  connection borrowed(app, dialect_kind::mysql);
  CHECK(borrowed.query("SELECT @@autocommit") == rows{{"0"}});
  // Another session sees every record as applied and the data step's row: all of it was committed.
  connection observer(url);
  CHECK(observer.query("SELECT revision, state FROM tempest_migrations ORDER BY sequence") ==
        rows{{"e1", "applied"}, {"e2", "applied"}});
  CHECK(observer.query("SELECT id FROM second") == rows{{"7"}});
}

TEST_CASE("runner errors: a delete must delete exactly the rows it names", "[sqlite][postgresql][mysql]") {
  auto removing = [](std::vector<std::vector<sql_value>> gone) {
    auto migrations = two_tables();
    migrations[1].up = [gone](migration_builder& b) {
      b.insert("first", {"id"}, {{1LL}, {2LL}});
      b.remove("first", {"id"}, gone);
    };
    return migrations;
  };
  for (const std::string kind : {"sqlite", "postgresql", "mysql"}) {
    INFO(kind);
    const auto url = tempest_test::fresh_database(kind);
    auto message = message_of<migration_error>([&] { migrate({.url = url, .migrations = removing({{1LL}, {3LL}})}); });
    CHECK_THAT(message, Catch::Contains("migration \"e2\" (second) failed going up at statement 2 of its 2"));
    CHECK_THAT(message, Catch::Contains("the statement changed 1 row where it names 2"));
    connection db(url);
    CHECK(db.query(fmt::format("SELECT COUNT(*) FROM {}", db.sql_dialect().quote("first"))) ==
          rows{{kind == "mysql" ? "2" : "0"}});  // MySQL: the insert committed with its progress record
  }
}
