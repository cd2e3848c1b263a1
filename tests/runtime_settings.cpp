// The server settings users really have: PostgreSQL with standard_conforming_strings off, MariaDB
// with NO_BACKSLASH_ESCAPES and with ANSI_QUOTES. Under each, the runner (values bound as
// parameters) and an offline script (values written as literals) store every hostile value exactly,
// and nothing a value holds runs as SQL.
#include <catch2/catch.hpp>

#include <cstdio>

#include <tempest/migrations.hpp>

#include "support/database.hpp"
#include "support/process.hpp"

using namespace tempest;

namespace {

using rows = std::vector<result_row>;

const std::vector<std::string> hostile{"it's",          "back\\slash", "\\'; DROP TABLE victim; --", "\\",
                                       "a\\nb",         ":name",       "$1 ? ::int",                "\"quoted\"",
                                       "`ticks`",       "tab\there",   "line\nbreak",               "emoji 😀 and 日本"};

std::vector<migration> hostile_history() {
  std::vector<std::vector<sql_value>> data;
  long long id = 0;
  for (const auto& v : hostile) data.push_back({++id, v});
  return {{"s1", {}, "values: it's \\ :x",
           [data](migration_builder& b) {
             b.create_table("victim", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
             b.create_table("notes", [](table_builder& t) {
               t.column<std::int64_t>("id").primary_key();
               t.column<std::string>("text").length(60).default_value("default \\ it's");
             });
             b.insert("notes", {"id", "text"}, data);
           }},
          {"s2", {"s1"}, "one more", [](migration_builder& b) {
             b.remove("notes", {"id", "text"}, {{1LL, std::string("it's")}});
             b.insert("notes", {"id"}, {{100LL}});
           }}};
}

rows expected_notes() {
  rows out;
  for (std::size_t i = 1; i < hostile.size(); ++i) out.push_back({std::to_string(i + 1), hostile[i]});
  out.push_back({"100", "default \\ it's"});
  return out;
}

void check_stored(connection& db) {
  const auto& d = db.sql_dialect();
  CHECK(db.query(fmt::format("SELECT {}, {} FROM {} ORDER BY {}", d.quote("id"), d.quote("text"), d.quote("notes"),
                             d.quote("id"))) == expected_notes());
  CHECK(db.query(fmt::format("SELECT COUNT(*) FROM {}", d.quote("victim"))) == rows{{"0"}});
  CHECK(db.query(fmt::format("SELECT {} FROM {} ORDER BY {}", d.quote("label"), d.quote("tempest_migrations"),
                             d.quote("sequence"))) == rows{{"values: it's \\ :x"}, {"one more"}});
}

// Runs the history with the runner on `runner_db`, and as an offline script on `script_db`.
void runner_and_script(connection& runner_db, connection& script_db) {
  history h(hostile_history());
  CHECK(runner(runner_db, h).upgrade().size() == 2);
  check_stored(runner_db);
  script_db.execute(to_script(upgrade_sql(script_db.sql_dialect(), h)));
  check_stored(script_db);
  CHECK(runner(script_db, h).upgrade().empty());  // the script's version rows are the runner's
}

}  // namespace

TEST_CASE("settings postgresql: standard_conforming_strings off", "[postgresql]") {
  std::vector<std::string> urls;
  for (int i = 0; i < 2; ++i) {
    urls.push_back(tempest_test::fresh_database("postgresql"));
    connection setup(urls.back());
    auto name = setup.query("SELECT current_database()").at(0).at(0).value_or("");
    setup.execute(fmt::format("ALTER DATABASE {} SET standard_conforming_strings = off", setup.sql_dialect().quote(name)));
  }
  connection runner_db(urls[0]), script_db(urls[1]);
  REQUIRE(runner_db.query("SHOW standard_conforming_strings") == rows{{"off"}});
  REQUIRE(script_db.query("SHOW standard_conforming_strings") == rows{{"off"}});
  runner_and_script(runner_db, script_db);
}

TEST_CASE("settings mysql: NO_BACKSLASH_ESCAPES and ANSI_QUOTES", "[mysql]") {
  for (const std::string mode : {"NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "ANSI_QUOTES,NO_BACKSLASH_ESCAPES"}) {
    INFO(mode);
    soci::session runner_session, script_session;
    tempest_test::connect(runner_session, tempest_test::fresh_database("mysql"));
    tempest_test::connect(script_session, tempest_test::fresh_database("mysql"));
    for (auto* s : {&runner_session, &script_session}) *s << "SET SESSION sql_mode = '" + mode + "'";
    connection runner_db(runner_session, dialect_kind::mysql), script_db(script_session, dialect_kind::mysql);
    REQUIRE(runner_db.query("SELECT @@SESSION.sql_mode") == rows{{mode}});
    runner_and_script(runner_db, script_db);
  }
}

// Introspection reads the same schema under every sql_mode: ENUM labels with quotes and backslashes
// (information_schema escapes them one way whatever the mode), and expressions whose identifiers
// ANSI_QUOTES would print in double quotes, which a session without it reads as strings. The
// session's sql_mode is left as it was.
TEST_CASE("settings mysql: ENUM labels and expressions read back alike under every sql_mode", "[mysql]") {
  const std::vector<std::string> labels{"it's", "a\\b", "\"q\"", "`t`", "x,y", "é", "\\'", ")"};
  table t{"labels",
          {{"id", column_type::of(type_kind::int32)},
           {"choice", column_type::enumeration_of("", labels), true},
           {"doubled", column_type::of(type_kind::int32), true}}};
  t.columns[2].generated = generated_column{"`id` * 2", false};
  t.key = primary_key_def{"", {"id"}};
  t.checks = {{"ck_labels_id", "`id` > 0", {}, {}}};
  schema s;
  s.tables = {t};
  // Written by hand under the mode itself: 'a\\b' is a\b with backslash escapes, a\\b without.
  const std::string hand_written =
      "CREATE TABLE hand (id INT PRIMARY KEY, kind ENUM('it''s', 'a\\\\b', 'x') NOT NULL, twice INT AS (id * 2) "
      "VIRTUAL, CONSTRAINT ck_hand_id CHECK (id > 0 AND kind <> 'x'))";
  for (const std::string mode : {"STRICT_TRANS_TABLES", "NO_BACKSLASH_ESCAPES", "ANSI_QUOTES",
                                 "ANSI_QUOTES,NO_BACKSLASH_ESCAPES", "ORACLE"}) {
    INFO(mode);
    soci::session session;
    tempest_test::connect(session, tempest_test::fresh_database("mysql"));
    session << "SET SESSION sql_mode = '" + mode + "'";
    connection db(session, dialect_kind::mysql);
    const auto mode_now = db.query("SELECT @@SESSION.sql_mode");
    create_schema(db, s);
    db.execute(hand_written);
    auto live = introspect(db);
    CHECK(db.query("SELECT @@SESSION.sql_mode") == mode_now);
    const table* created = live.find_table("labels");
    REQUIRE(created);
    CHECK(*created == db.sql_dialect().stored_form(s).tables[0]);
    const table* hand = live.find_table("hand");
    REQUIRE(hand);
    const bool escapes = mode.find("NO_BACKSLASH_ESCAPES") == std::string::npos;
    CHECK(hand->find_column("kind")->type ==
          column_type::enumeration_of("", {"it's", escapes ? "a\\b" : "a\\\\b", "x"}));
    CHECK(hand->find_column("twice")->generated == generated_column{"`id` * 2", false});
    CHECK(hand->checks == std::vector<check_def>{{"ck_hand_id", "`id` > 0 and `kind` <> 'x'", {}, {}}});
    // And what was read recreates the same schema under the same mode.
    soci::session other;
    tempest_test::connect(other, tempest_test::fresh_database("mysql"));
    other << "SET SESSION sql_mode = '" + mode + "'";
    connection copy(other, dialect_kind::mysql);
    create_schema(copy, live);
    CHECK(introspect(copy) == live);
  }
}

TEST_CASE("settings: what a raw step sets for the session lasts for that step", "[postgresql][mysql]") {
  for (const std::string kind : {"postgresql", "mysql"}) {
    INFO(kind);
    const auto url = tempest_test::fresh_database(kind);
    soci::session app;
    tempest_test::connect(app, url);
    connection db(app, kind == "postgresql" ? dialect_kind::postgresql : dialect_kind::mysql);
    const std::string set = kind == "postgresql" ? "CREATE SCHEMA other; SET search_path TO other, public"
                                                 : "SET SESSION foreign_key_checks = 0; SET SESSION sql_mode = 'ANSI'";
    const std::string read = kind == "postgresql" ? "SELECT current_setting('search_path')"
                                                  : "SELECT @@SESSION.foreign_key_checks, @@SESSION.sql_mode";
    const auto before = db.query(read);
    std::vector<std::string> notices;
    migration_source source{.session = &app,
                            .session_dialect = db.kind(),
                            .migrations = {{"r1", {}, "set", [set](migration_builder& b) { b.sql(set); }},
                                           {"r2", {"r1"}, "table", [](migration_builder& b) {
                                              b.create_table("t", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
                                            }}}};
    source.on_event = [&](const runner_event& e) {
      if (e.type == runner_event::kind::notice && e.revision == "r1") notices.emplace_back(e.sql);
    };
    CHECK(migrate(source).migrations.size() == 2);
    CHECK(db.query(read) == before);  // the borrowed session comes back as it was
    REQUIRE_FALSE(notices.empty());
    CHECK_THAT(notices.front(), Catch::Contains("raw SQL statement 1 of migration \"r1\" changed the session setting"));
    if (kind == "postgresql")  // r2's table is where an r2 run alone would put it
      CHECK(db.query("SELECT table_schema FROM information_schema.tables WHERE table_name = 't'") == rows{{"public"}});
  }
}

TEST_CASE("settings: a client script through psql stores hostile values and stops at an error", "[postgresql]") {
  const auto url = tempest_test::fresh_database("postgresql");
  const auto p = parse_database_url(url);
  const auto psql = [&](const std::string& script) {
    return tempest_test::run_shell(fmt::format("PGPASSWORD='{}' psql -X -q -h {} -p {} -U {} -d {} -f '{}'", p.password,
                                               p.host, p.port, p.user, p.database, script));
  };
  connection db(url);
  history h(hostile_history());
  auto script = tempest_test::write_temp_file(to_client_script(db.sql_dialect(), upgrade_sql(db.sql_dialect(), h)));
  auto [status, output] = psql(script);
  INFO(output);
  CHECK(status == 0);
  std::remove(script.c_str());
  check_stored(db);

  // A migration that fails stops the script: nothing after it runs, and it leaves nothing.
  auto failing = hostile_history();
  failing.push_back({"s3", {"s2"}, "fails", [](migration_builder& b) {
                       b.create_table("never", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
                       b.sql("SELECT 1 / 0");
                     }});
  failing.push_back({"s4", {"s3"}, "after", [](migration_builder& b) {
                       b.create_table("after", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
                     }});
  history hf(failing);
  script = tempest_test::write_temp_file(
      to_client_script(db.sql_dialect(), upgrade_sql(db.sql_dialect(), hf, {}, {.applied = {"s1", "s2"}})));
  auto [failed, why] = psql(script);
  INFO(why);
  CHECK(failed != 0);
  CHECK_THAT(why, Catch::Contains("division by zero"));
  std::remove(script.c_str());
  CHECK(db.query("SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('never', 'after')") == rows{{"0"}});
  check_stored(db);
}
