// The server settings users really have: PostgreSQL with standard_conforming_strings off, MariaDB
// with NO_BACKSLASH_ESCAPES and with ANSI_QUOTES. Under each, the runner (values bound as
// parameters) and an offline script (values written as literals) store every hostile value exactly,
// and nothing a value holds runs as SQL.
#include <catch2/catch.hpp>

#include <tempest/migrations.hpp>

#include "support/database.hpp"

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
