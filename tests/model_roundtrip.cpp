// Models on real databases: each model set (models/adopted.hpp) is created with create_schema and
// read back; it must equal the dialect's stored_form of what reflect() says. And the names a naming
// convention gives must be the database's own: the same tables written by hand without names, read
// back, must equal the models too.
//
// The test cases tagged [i7-introspection] read back what the introspection and stored_form of
// issue 7 add (unnamed constraints, key parts, partial indexes, enums, collations…), written in
// parallel with these models: they run and report now, marked [!mayfail] until that work is merged;
// then the mark goes.

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include <tempest/introspect/introspect.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "models/adopted.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

void check_equal(const schema& live, const schema& expected) {
  INFO("live:\n" << fmt::format("{}", live) << "\nexpected:\n" << fmt::format("{}", expected));
  CHECK(live == expected);
  for (const auto& t : expected.tables) {
    const table* found = live.find_table(t.name);
    REQUIRE(found);
    CHECK(*found == t);
  }
}

// The models, created by tempest and read back.
void round_trip(std::string_view kind, const schema& models) {
  connection db(tempest_test::fresh_database(kind));
  create_schema(db, models);
  check_equal(introspect(db), db.sql_dialect().stored_form(models));
}

// Hand-written DDL that leaves the names to the database, read back as the models say.
void from_hand_written(std::string_view kind, const std::vector<std::string>& ddl, const schema& models) {
  connection db(tempest_test::fresh_database(kind));
  for (const auto& statement : ddl) db.execute(statement);
  check_equal(introspect(db), db.sql_dialect().stored_form(models));
}

// "table: kind name" for every named key, index, foreign key and check of a schema.
std::set<std::string> names_given(const schema& s) {
  std::set<std::string> out;
  for (const auto& t : s.tables) {
    if (t.key && !t.key->name.empty()) out.insert(t.name + ": primary key " + t.key->name);
    for (const auto& ix : t.indexes)
      if (!ix.name.empty()) out.insert(t.name + ": index " + ix.name);
    for (const auto& fk : t.foreign_keys)
      if (!fk.name.empty()) out.insert(t.name + ": foreign key " + fk.name);
    for (const auto& ck : t.checks)
      if (!ck.name.empty()) out.insert(t.name + ": check " + ck.name);
  }
  return out;
}

// Every name the models give reads back. (What they leave unnamed, the database names its own way.)
void names_read_back(std::string_view kind, const schema& models) {
  connection db(tempest_test::fresh_database(kind));
  create_schema(db, models);
  auto live = names_given(introspect(db));
  auto given = names_given(db.sql_dialect().stored_form(models));
  CHECK(given.size() > 5);
  for (const auto& name : given) {
    INFO(name);
    CHECK(live.count(name) == 1);
  }
}

std::string single_value(connection& db, std::string_view sql) {
  auto rows = db.query(sql);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].size() == 1);
  REQUIRE(rows[0][0].has_value());
  return *rows[0][0];
}

}  // namespace

// Names given exactly, unnamed, and by tempest's convention.

TEST_CASE("models on sqlite: names given exactly and unnamed read back as given", "[sqlite][i7-introspection][!mayfail]") {
  round_trip("sqlite", reflect<adopted::exact::account, adopted::exact::membership>());
}
TEST_CASE("models on postgresql: names given exactly read back as given", "[postgresql]") {
  names_read_back("postgresql", reflect<adopted::exact::account, adopted::exact::membership>());
}
TEST_CASE("models on mysql: names given exactly read back as given", "[mysql]") {
  names_read_back("mysql", reflect<adopted::exact::account, adopted::exact::membership>());
}

// Each database's own names.

TEST_CASE("models on sqlite: SQLite's convention leaves the constraints unnamed", "[sqlite][i7-introspection][!mayfail]") {
  using namespace adopted::sqlite_names;
  auto models = reflect<artist, album>();
  round_trip("sqlite", models);
  from_hand_written("sqlite",
          {"CREATE TABLE artist (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(120) NOT NULL UNIQUE)",
           "CREATE TABLE album (id INTEGER PRIMARY KEY AUTOINCREMENT,"
           " artist_id BIGINT NOT NULL REFERENCES artist (id) ON DELETE CASCADE,"
           " title VARCHAR(160) NOT NULL, year INT NOT NULL CHECK (year > 1900), UNIQUE (artist_id, title))",
           "CREATE INDEX ix_album_artist_id ON album (artist_id)"},
          models);
}

TEST_CASE("models on postgresql: PostgreSQL's convention gives PostgreSQL's names, long ones cut as it cuts them",
          "[postgresql][i7-introspection][!mayfail]") {
  using namespace adopted::postgresql_names;
  auto models = reflect<customer, invoice_line, line_note>();
  round_trip("postgresql", models);
  from_hand_written("postgresql",
          {"CREATE TABLE customer (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
           " email VARCHAR(100) NOT NULL UNIQUE, country VARCHAR(2) NOT NULL,"
           " credit INTEGER NOT NULL CHECK (credit >= 0), CHECK (credit < 1000000))",
           "CREATE INDEX ON customer (country)",
           "CREATE INDEX ON customer (lower(email))",
           "CREATE TABLE invoice_line_items_kept_for_the_auditors_of_the_tax_office ("
           " invoice_id BIGINT NOT NULL, line_number INTEGER NOT NULL,"
           " customer_id BIGINT NOT NULL REFERENCES customer (id),"
           " comment_identifier_reference BIGINT NOT NULL REFERENCES customer (id),"
           " PRIMARY KEY (invoice_id, line_number), UNIQUE (customer_id, comment_identifier_reference))",
           "CREATE TABLE line_note (id BIGINT PRIMARY KEY, invoice_id BIGINT NOT NULL, line_number INTEGER NOT NULL,"
           " FOREIGN KEY (invoice_id, line_number)"
           " REFERENCES invoice_line_items_kept_for_the_auditors_of_the_tax_office ON DELETE CASCADE)"},
          models);
}

TEST_CASE("models on mysql: MariaDB's convention gives MariaDB's names", "[mysql][i7-introspection][!mayfail]") {
  using namespace adopted::mariadb_names;
  auto models = reflect<customer, invoice>();
  round_trip("mysql", models);
  from_hand_written("mysql",
          {"CREATE TABLE customer (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
           " email VARCHAR(100) NOT NULL UNIQUE, credit INT NOT NULL CHECK (credit >= 0),"
           " INDEX (email), CHECK (credit < 1000000)) ENGINE=InnoDB",
           "CREATE TABLE invoice (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
           " customer_id BIGINT NOT NULL, payer_id BIGINT NULL, INDEX (customer_id), INDEX (payer_id),"
           " FOREIGN KEY (customer_id) REFERENCES customer (id),"
           " FOREIGN KEY (payer_id) REFERENCES customer (id) ON DELETE SET NULL) ENGINE=InnoDB"},
          models);
}

TEST_CASE("models on sqlite: patterns of the user's own", "[sqlite]") {
  round_trip("sqlite", reflect<adopted::own_names::tag, adopted::own_names::tagging>());
}

// The options for what existing schemas hold, where each database has them.

TEST_CASE("models on sqlite: partial and expression indexes, DESC, collations, deferrable keys, STRICT and WITHOUT ROWID",
          "[sqlite][i7-introspection][!mayfail]") {
  using namespace adopted::on_sqlite;
  round_trip("sqlite", reflect<album, track, ledger>());
}

TEST_CASE("models on postgresql: native enums, identity kinds, partial, expression, DESC and operator-class indexes, "
          "collations, a deferrable cycle of foreign keys",
          "[postgresql][i7-introspection][!mayfail]") {
  using namespace adopted::on_postgresql;
  round_trip("postgresql", reflect<person, department, employee>());
}

TEST_CASE("models on sqlite: one-byte and unsigned integers, partial indexes of a column", "[sqlite][i7-introspection][!mayfail]") {
  round_trip("sqlite", reflect<adopted::counter>());
}
TEST_CASE("models on postgresql: one-byte and unsigned integers, partial indexes of a column",
          "[postgresql][i7-introspection][!mayfail]") {
  round_trip("postgresql", reflect<adopted::counter>());
}
TEST_CASE("models on mysql: one-byte and unsigned integers", "[mysql][i7-introspection][!mayfail]") {
  // MySQL has no partial index: the model's would be refused by name.
  auto models = reflect<adopted::counter>();
  for (auto& ix : models.tables[0].indexes) ix.predicate.clear();
  round_trip("mysql", models);
}

TEST_CASE("models on sqlite: a cycle of foreign keys, deferrable, identity kinds read as SQLite has them",
          "[sqlite][i7-introspection][!mayfail]") {
  using namespace adopted::on_postgresql;
  round_trip("sqlite", reflect<department, employee>());
}

TEST_CASE("models on mysql: inline enums, unsigned integers, prefix and DESC indexes, collations, ON UPDATE "
          "CURRENT_TIMESTAMP",
          "[mysql][i7-introspection][!mayfail]") {
  round_trip("mysql", reflect<adopted::on_mysql::person>());
}

// A bool default of a column whose type is spelled out is a boolean, not the text 'false'.

TEST_CASE("models on sqlite: a new row gets 0 and 1 for bool defaults of BOOL columns", "[sqlite]") {
  connection db(tempest_test::fresh_database("sqlite"));
  create_schema(db, reflect<adopted::toggle>());
  db.execute("INSERT INTO toggle (id) VALUES (1)");
  CHECK(single_value(db, "SELECT typeof(active) || ' ' || active || ' ' || typeof(visible) || ' ' || visible FROM toggle") ==
        "integer 0 integer 1");
}

TEST_CASE("models on postgresql: a new row gets false and true for bool defaults of BOOL columns", "[postgresql]") {
  connection db(tempest_test::fresh_database("postgresql"));
  create_schema(db, reflect<adopted::toggle>());
  db.execute("INSERT INTO toggle (id) VALUES (1)");
  CHECK(single_value(db, "SELECT pg_typeof(active)::text || ' ' || active::text || ' ' || visible::text FROM toggle") ==
        "boolean false true");
}

TEST_CASE("models on mysql: a new row gets 0 and 1 for bool defaults of BOOL columns", "[mysql]") {
  connection db(tempest_test::fresh_database("mysql"));
  create_schema(db, reflect<adopted::toggle>());
  db.execute("INSERT INTO toggle (id) VALUES (1)");
  CHECK(single_value(db, "SELECT CONCAT(active, ' ', visible) FROM toggle") == "0 1");
}

TEST_CASE("models on sqlite: bool defaults of BOOL columns read back as booleans", "[sqlite]") {
  round_trip("sqlite", reflect<adopted::toggle>());
}
TEST_CASE("models on postgresql: bool defaults of BOOL columns read back as booleans", "[postgresql]") {
  round_trip("postgresql", reflect<adopted::toggle>());
}
TEST_CASE("models on mysql: bool defaults of BOOL columns read back as booleans", "[mysql]") {
  round_trip("mysql", reflect<adopted::toggle>());
}
