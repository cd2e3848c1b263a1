#include <catch2/catch.hpp>

#include <tempest/dialect/sqlite.hpp>

#include "models/dialect_fixtures.hpp"

using namespace tempest;

TEST_CASE("sqlite dialect: CREATE TABLE with every type, default and constraint") {
  sqlite_dialect d;
  auto statements = d.create_table(fixtures::every_type());
  REQUIRE(statements.size() == 3);
  CHECK(statements[0] ==
        "CREATE TABLE \"things\" (\n"
        "  \"id\" INTEGER NOT NULL CONSTRAINT \"pk_things\" PRIMARY KEY AUTOINCREMENT,\n"
        "  \"flag\" BOOLEAN NOT NULL DEFAULT 1,\n"
        "  \"small\" SMALLINT,\n"
        "  \"medium\" INT NOT NULL DEFAULT -7,\n"
        "  \"f32\" FLOAT,\n"
        "  \"f64\" DOUBLE,\n"
        "  \"price\" NUMERIC(10, 2) NOT NULL DEFAULT 9.5,\n"
        "  \"code\" VARCHAR(20) NOT NULL DEFAULT 'it''s',\n"
        "  \"notes\" TEXT,\n"
        "  \"day\" DATE,\n"
        "  \"at\" TIMESTAMP NOT NULL DEFAULT (CURRENT_TIMESTAMP),\n"
        "  \"data\" BLOB,\n"
        "  \"vec\" vector(3),\n"
        "  CONSTRAINT \"ck_things_code\" CHECK (\"code\" IN ('a', 'b''c'))\n"
        ")");
  CHECK(statements[1] == "CREATE INDEX \"ix_things_code_day\" ON \"things\" (\"code\", \"day\")");
  CHECK(statements[2] == "CREATE UNIQUE INDEX \"uq_things_code\" ON \"things\" (\"code\")");
}

TEST_CASE("sqlite dialect: awkward names are quoted, foreign keys inline") {
  sqlite_dialect d;
  auto statements = d.create_table(fixtures::awkward_names());
  REQUIRE(statements.size() == 1);
  CHECK(statements[0] ==
        "CREATE TABLE \"order\" (\n"
        "  \"group\" INT NOT NULL,\n"
        "  \"a\"\"b`c'd\" VARCHAR(5),\n"
        "  \"größe x\" BIGINT,\n"
        "  CONSTRAINT \"pk_order\" PRIMARY KEY (\"group\"),\n"
        "  CONSTRAINT \"fk_order_größe x_user\" FOREIGN KEY (\"größe x\") REFERENCES \"user\" (\"id\") "
        "ON DELETE SET NULL ON UPDATE CASCADE\n"
        ")");
  CHECK_FALSE(d.add_foreign_key("order", fixtures::awkward_names().foreign_keys[0]));
}

TEST_CASE("sqlite dialect: DROP TABLE, DROP INDEX and identifier checks") {
  sqlite_dialect d;
  CHECK(d.drop_table("x\"; DROP TABLE users; --") == "DROP TABLE \"x\"\"; DROP TABLE users; --\"");
  CHECK(d.drop_index("things", "ix_things_code_day") == "DROP INDEX \"ix_things_code_day\"");
  CHECK_THROWS_AS(d.quote(""), schema_error);
  CHECK_THROWS_WITH(d.quote(std::string("a\0b", 3)), Catch::Contains("NUL"));
  CHECK(d.quote(std::string(200, 'x')).size() == 202);  // no length limit in SQLite
}

TEST_CASE("sqlite dialect: type names read back as the same logical types") {
  sqlite_dialect d;
  for (auto kind : {type_kind::boolean, type_kind::int16, type_kind::int32, type_kind::int64, type_kind::float32,
                    type_kind::float64, type_kind::date, type_kind::timestamp, type_kind::blob}) {
    CAPTURE(to_string(kind));
    CHECK(d.parse_type(d.type_name(column_type::of(kind))) == column_type::of(kind));
  }
  CHECK(d.parse_type("VARCHAR(20)") == column_type::varchar(20));
  CHECK(d.parse_type("NUMERIC(10, 2)") == column_type::numeric(10, 2));
  CHECK(d.parse_type("TEXT") == column_type::text());
  CHECK(d.parse_type("Vector(3)") == column_type::sql("vector(3)"));
  // The rowid alias INTEGER is 64 bits wide.
  CHECK(d.parse_type("INTEGER") == column_type::of(type_kind::int64));
}
