// Literals in DDL on real servers, with the settings that change what a literal means really set:
// PostgreSQL with standard_conforming_strings off (set on the database, so every connection gets
// it) and on, MariaDB with NO_BACKSLASH_ESCAPES and with ANSI_QUOTES, SQLite. Each test creates
// tables whose defaults and check values are hostile text through tempest, then reads the values
// back with independent SQL, compares what introspection reports, and shows that `victim` survived.
#include <catch2/catch.hpp>

#include <soci/soci.h>

#include <tempest/introspect/introspect.hpp>
#include <tempest/migrations.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "support/database.hpp"

using namespace tempest;

namespace {

// Texts that a literal spelled wrong for the session's settings turns into other text or into SQL.
const std::vector<std::string> hostile{
    "'", "''", "\\", "\\\\", "\\'", "x\\", "\\n", "\\'; DROP TABLE victim; --", "'); DROP TABLE victim; --",
    ":name", "::", "?", "$1", "--", "/*", "a\nb", "a\tb", "a\rb", "\x1a", "\"", "`", "😀", "a😀b", "𠮷野家",
    "é", "%_", ""};

schema hostile_schema() {
  table victim{"victim", {{"id", column_type::of(type_kind::int32)}}};
  table t{"hostile", {{"id", column_type::of(type_kind::int32)}}};
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    t.columns.push_back({fmt::format("v{}", i), column_type::varchar(60), true, column_default::literal(hostile[i])});
    t.columns.push_back({fmt::format("t{}", i), column_type::text(), true, column_default::literal(hostile[i])});
  }
  t.columns.push_back({"choice", column_type::varchar(60), true, column_default::literal("a😀b")});
  t.key = primary_key_def{"pk_hostile", {"id"}};
  t.checks = {{"ck_hostile_choice", {}, "choice", hostile}};
  schema s;
  s.tables = {victim, t};
  s.normalise();
  return s;
}

std::string text_column(const soci::row& row, std::size_t i) { return row.get<std::string>(i); }

bool victim_exists(soci::session& reader, std::string_view kind) {
  int count = 0;
  if (kind == "sqlite")
    reader << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'victim'", soci::into(count);
  else if (kind == "postgresql")
    reader << "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'victim'",
        soci::into(count);
  else
    reader << "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'victim'",
        soci::into(count);
  return count == 1;
}

// (a) the defaults and check values hold exactly the hostile texts, (b) introspection reports them
// exactly, (c) victim survived. `db` is the connection tempest used; `reader` an independent session.
void check_hostile_literals(connection& db, soci::session& reader, std::string_view kind) {
  // (a) A row of defaults, read back with plain SQL.
  reader << "INSERT INTO hostile (id) VALUES (1)";
  soci::row row;
  reader << "SELECT * FROM hostile WHERE id = 1", soci::into(row);
  REQUIRE(row.size() == 2 * hostile.size() + 2);
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    INFO("value " << i << ": [" << hostile[i] << "]");
    CHECK(text_column(row, 1 + 2 * i) == hostile[i]);
    CHECK(text_column(row, 2 + 2 * i) == hostile[i]);
  }
  CHECK(text_column(row, row.size() - 1) == "a😀b");

  // The check accepts each hostile text, bound as a parameter, and nothing else.
  int id = 2;
  for (const auto& value : hostile) {
    INFO("allowed value [" << value << "]");
    std::string v = value;
    CHECK_NOTHROW(reader << "INSERT INTO hostile (id, choice) VALUES (:id, :choice)", soci::use(id), soci::use(v));
    ++id;
  }
  std::string outsider = "not allowed";
  CHECK_THROWS(reader << "INSERT INTO hostile (id, choice) VALUES (:id, :choice)", soci::use(id), soci::use(outsider));

  // (b) Introspection reads each default back exactly.
  const bool ansi_quotes = kind == "mysql" && db.query("SELECT @@SESSION.sql_mode").at(0).at(0).value_or("").find(
                                                  "ANSI_QUOTES") != std::string::npos;
  auto before = db.statements_executed();
  auto live = introspect(db);
  auto queries = db.statements_executed() - before;
  // MySQL: twelve, one for the defaults information_schema shows as '?', two to turn ANSI_QUOTES off and on
  if (kind == "mysql") CHECK(queries == (ansi_quotes ? 15u : 13u));
  else if (kind == "sqlite") CHECK(queries == 4);  // sqlite_schema itself, then columns, indexes, foreign keys
  else CHECK(queries == 4);  // PostgreSQL: columns, constraints, indexes, and enums with the unmanaged objects
  const table* t = live.find_table("hostile");
  REQUIRE(t);
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    INFO("value " << i << ": [" << hostile[i] << "]");
    CHECK(t->find_column(fmt::format("v{}", i))->default_value == column_default::literal(hostile[i]));
    CHECK(t->find_column(fmt::format("t{}", i))->default_value == column_default::literal(hostile[i]));
  }
  CHECK(t->find_column("choice")->default_value == column_default::literal("a😀b"));
  auto expected = db.sql_dialect().stored_form(hostile_schema());
  INFO("live:\n" << fmt::format("{}", live) << "\nexpected:\n" << fmt::format("{}", expected));
  CHECK(live == expected);

  // (c)
  CHECK(victim_exists(reader, kind));
}

// ALTER … SET DEFAULT (MODIFY COLUMN on MySQL) with every hostile text, read back by introspection.
void check_altered_defaults(connection& db, soci::session& reader, std::string_view kind) {
  table t = *hostile_schema().find_table("hostile");
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    column after = *t.find_column(fmt::format("v{}", i));
    after.default_value = column_default::literal(hostile[(i + 1) % hostile.size()]);
    for (const auto& statement : db.sql_dialect().alter_column(t, after, false, false, true)) db.execute(statement);
  }
  auto live = introspect(db);
  const table* altered = live.find_table("hostile");
  REQUIRE(altered);
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    INFO("value " << i << ": [" << hostile[(i + 1) % hostile.size()] << "]");
    CHECK(altered->find_column(fmt::format("v{}", i))->default_value ==
          column_default::literal(hostile[(i + 1) % hostile.size()]));
  }
  CHECK(victim_exists(reader, kind));
}

// postgresql://user:pass@host:port/name → name
std::string database_name(std::string_view url) {
  auto name = url.substr(url.rfind('/') + 1);
  return std::string(name.substr(0, name.find('?')));
}

void postgresql_hostile_literals(bool standard_conforming_strings) {
  auto url = tempest_test::fresh_database("postgresql");
  {
    soci::session admin;
    tempest_test::connect(admin, url);
    admin << fmt::format("ALTER DATABASE \"{}\" SET standard_conforming_strings = {}", database_name(url),
                         standard_conforming_strings ? "on" : "off");
  }
  connection db(url);
  REQUIRE(db.query("SHOW standard_conforming_strings").at(0).at(0) == (standard_conforming_strings ? "on" : "off"));
  create_schema(db, hostile_schema());
  soci::session reader;
  tempest_test::connect(reader, url);
  check_hostile_literals(db, reader, "postgresql");
  check_altered_defaults(db, reader, "postgresql");
}

// A MariaDB session of the application's, with `sql_mode` added to the server's modes.
void mysql_hostile_literals(std::string_view sql_mode) {
  auto url = tempest_test::fresh_database("mysql");
  soci::session app;
  tempest_test::connect(app, url);
  app << "SET NAMES utf8mb4";
  app << fmt::format("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',{}')", sql_mode);
  connection db(app, dialect_kind::mysql);
  REQUIRE(db.query("SELECT @@SESSION.sql_mode").at(0).at(0)->find(sql_mode) != std::string::npos);
  create_schema(db, hostile_schema());
  soci::session reader;
  tempest_test::connect(reader, url);
  reader << "SET NAMES utf8mb4";
  check_hostile_literals(db, reader, "mysql");
  check_altered_defaults(db, reader, "mysql");
}

}  // namespace

TEST_CASE("literals sqlite: hostile defaults and check values read back exactly", "[sqlite][literal]") {
  auto url = tempest_test::fresh_database("sqlite");
  connection db(url);
  create_schema(db, hostile_schema());
  soci::session reader;
  tempest_test::connect(reader, url);
  check_hostile_literals(db, reader, "sqlite");
}

TEST_CASE("literals postgresql: hostile defaults with standard_conforming_strings off", "[postgresql][literal]") {
  postgresql_hostile_literals(false);
}

TEST_CASE("literals postgresql: hostile defaults with standard_conforming_strings on", "[postgresql][literal]") {
  postgresql_hostile_literals(true);
}

TEST_CASE("literals mysql: hostile defaults with NO_BACKSLASH_ESCAPES", "[mysql][literal]") {
  mysql_hostile_literals("NO_BACKSLASH_ESCAPES");
}

TEST_CASE("literals mysql: hostile defaults with ANSI_QUOTES", "[mysql][literal]") { mysql_hostile_literals("ANSI_QUOTES"); }

TEST_CASE("literals mysql: hostile defaults with the server's sql_mode", "[mysql][literal]") {
  mysql_hostile_literals("STRICT_TRANS_TABLES");
}
