#include <catch2/catch.hpp>

#include <tempest/dialect/create_schema.hpp>
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

TEST_CASE("sqlite dialect: spellings written by hand read as the logical type of the same affinity") {
  sqlite_dialect d;
  CHECK(d.parse_type("BOOL") == column_type::of(type_kind::boolean));
  CHECK(d.parse_type("boolean") == column_type::of(type_kind::boolean));
  CHECK(d.parse_type("TINYINT") == column_type::of(type_kind::int8));
  CHECK(d.parse_type("integer") == column_type::of(type_kind::int64));
  CHECK(d.parse_type("REAL") == column_type::of(type_kind::float64));
  CHECK(d.parse_type("DOUBLE PRECISION") == column_type::of(type_kind::float64));
  CHECK(d.parse_type("DECIMAL(5, 4)") == column_type::numeric(5, 4));
  CHECK(d.parse_type("numeric(12)") == column_type::numeric(12, 0));
  CHECK(d.parse_type("DATETIME") == column_type::of(type_kind::timestamp));
  CHECK(d.parse_type("varchar(254)") == column_type::varchar(254));
  // Everything else keeps its own spelling: SQLite stores the declared type as written.
  CHECK(d.parse_type("NVARCHAR(120)") == column_type::sql("nvarchar(120)"));
  CHECK(d.parse_type("CHAR(3)") == column_type::sql("char(3)"));
  CHECK(d.parse_type("VARCHAR") == column_type::sql("varchar"));
  CHECK(d.parse_type("NUMERIC") == column_type::sql("numeric"));
  CHECK(d.parse_type("smallint unsigned") == column_type::sql("smallint unsigned"));
  CHECK(d.parse_type("MEDIUMINT") == column_type::sql("mediumint"));
  CHECK(d.parse_type("ANY") == column_type::sql("any"));
  CHECK(d.parse_type("") == column_type::sql(""));
  CHECK(d.type_name(column_type::of(type_kind::int8)) == "TINYINT");
}

TEST_CASE("sqlite dialect: unnamed constraints render without a name, unique ones inside CREATE TABLE") {
  sqlite_dialect d;
  table t{"customer",
          {{"id", column_type::of(type_kind::int64), false, std::nullopt, true},
           {"email", column_type::text(), false, std::nullopt, false, identity_kind::by_default, "NOCASE"},
           {"code", column_type::varchar(8)},
           {"region", column_type::text()},
           {"parent_id", column_type::of(type_kind::int64), true}}};
  t.key = primary_key_def{"", {"id"}};
  t.indexes = {{"", {"email"}, true},
               {"", {"region", "code"}, true, {key_part{.descending = true}, key_part{.collation = "NOCASE"}}},
               {"ix_customer_code", {"code"}, false}};
  t.foreign_keys = {{"", {"parent_id"}, "customer", {"id"}, fk_action::set_null, fk_action::no_action,
                     deferrability::initially_deferred},
                    {"", {"code"}, "codes", {}}};
  t.checks = {{"", "length(code) = 8", {}, {}}};
  auto statements = d.create_table(t);
  REQUIRE(statements.size() == 2);
  CHECK(statements[0] ==
        "CREATE TABLE \"customer\" (\n"
        "  \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n"
        "  \"email\" TEXT COLLATE NOCASE NOT NULL,\n"
        "  \"code\" VARCHAR(8) NOT NULL,\n"
        "  \"region\" TEXT NOT NULL,\n"
        "  \"parent_id\" BIGINT,\n"
        "  UNIQUE (\"email\"),\n"
        "  UNIQUE (\"region\" DESC, \"code\" COLLATE NOCASE),\n"
        "  FOREIGN KEY (\"parent_id\") REFERENCES \"customer\" (\"id\") ON DELETE SET NULL ON UPDATE NO ACTION "
        "DEFERRABLE INITIALLY DEFERRED,\n"
        "  FOREIGN KEY (\"code\") REFERENCES \"codes\" ON DELETE NO ACTION ON UPDATE NO ACTION,\n"
        "  CHECK (length(code) = 8)\n"
        ")");
  CHECK(statements[1] == "CREATE INDEX \"ix_customer_code\" ON \"customer\" (\"code\")");
}

TEST_CASE("sqlite dialect: STRICT and WITHOUT ROWID tables, generated columns, expression and partial indexes") {
  sqlite_dialect d;
  table movements{"stock movements",
                  {{"id", column_type::of(type_kind::int64), false, std::nullopt, true},
                   {"delta", column_type::of(type_kind::int32), false, column_default::literal("1")},
                   {"note", column_type::text(), true},
                   {"price", column_type::of(type_kind::float64), true},
                   {"payload", column_type::sql("ANY"), true},
                   {"raw", column_type::of(type_kind::blob), true}}};
  movements.key = primary_key_def{"pk_movements", {"id"}};
  movements.strict = true;
  movements.indexes = {{"recent", {"delta", "lower(note)"}, false, {key_part{.descending = true}, key_part{.expression = true}},
                        "note IS NOT NULL"}};
  CHECK(d.create_table(movements) ==
        std::vector<std::string>{"CREATE TABLE \"stock movements\" (\n"
                                 "  \"id\" INTEGER NOT NULL CONSTRAINT \"pk_movements\" PRIMARY KEY AUTOINCREMENT,\n"
                                 "  \"delta\" INT NOT NULL DEFAULT 1,\n"
                                 "  \"note\" TEXT,\n"
                                 "  \"price\" REAL,\n"
                                 "  \"payload\" ANY,\n"
                                 "  \"raw\" BLOB\n"
                                 ") STRICT",
                                 "CREATE INDEX \"recent\" ON \"stock movements\" (\"delta\" DESC, (lower(note))) WHERE note IS NOT NULL"});

  table stock{"stock",
              {{"sku", column_type::text(), false, std::nullopt, false, identity_kind::by_default, "RTRIM"},
               {"bin", column_type::text()},
               {"total", column_type::of(type_kind::int64), true, std::nullopt, false, identity_kind::by_default, "", "",
                generated_column{"length(sku) + 1", true}},
               {"label", column_type::text(), true, std::nullopt, false, identity_kind::by_default, "", "",
                generated_column{"sku || bin", false}}}};
  stock.key = primary_key_def{"", {"sku", "bin"}};
  stock.without_rowid = true;
  stock.strict = true;
  CHECK(d.create_table_statement(stock) ==
        "CREATE TABLE \"stock\" (\n"
        "  \"sku\" TEXT COLLATE RTRIM NOT NULL,\n"
        "  \"bin\" TEXT NOT NULL,\n"
        "  \"total\" INTEGER GENERATED ALWAYS AS (length(sku) + 1) STORED,\n"
        "  \"label\" TEXT GENERATED ALWAYS AS (sku || bin) VIRTUAL,\n"
        "  PRIMARY KEY (\"sku\", \"bin\")\n"
        ") WITHOUT ROWID, STRICT");

  // A column declared without a type, as SQLite allows, and a collation of the application's own.
  table loose{"loose", {{"anything", column_type::sql(""), true}, {"name", column_type::text(), true, std::nullopt, false,
                                                                   identity_kind::by_default, "my collation"}}};
  CHECK(d.create_table_statement(loose) == "CREATE TABLE \"loose\" (\n  \"anything\",\n  \"name\" TEXT COLLATE \"my collation\"\n)");
}

TEST_CASE("sqlite dialect: a boolean default is 0 or 1; unsigned integers take the signed type that holds them") {
  sqlite_dialect d;
  table t{"flags",
          {{"on", column_type::of(type_kind::boolean), false, column_default::literal("false")},
           {"off", column_type::of(type_kind::boolean), false, column_default::literal("true")},
           {"u8", column_type::unsigned_of(type_kind::int8), true},
           {"u16", column_type::unsigned_of(type_kind::int16), true},
           {"u32", column_type::unsigned_of(type_kind::int32), false, column_default::literal("4000000000")},
           {"u64", column_type::unsigned_of(type_kind::int64), true},
           {"i8", column_type::of(type_kind::int8), true},
           {"spelled", column_type::sql("BOOL"), false, column_default::literal("false")},
           {"count", column_type::sql("integer"), false, column_default::literal("+5")}}};
  CHECK(d.create_table_statement(t) ==
        "CREATE TABLE \"flags\" (\n"
        "  \"on\" BOOLEAN NOT NULL DEFAULT 0,\n"
        "  \"off\" BOOLEAN NOT NULL DEFAULT 1,\n"
        "  \"u8\" SMALLINT,\n"
        "  \"u16\" INT,\n"
        "  \"u32\" BIGINT NOT NULL DEFAULT 4000000000,\n"
        "  \"u64\" BIGINT,\n"
        "  \"i8\" TINYINT,\n"
        "  \"spelled\" BOOL NOT NULL DEFAULT 0,\n"
        "  \"count\" integer NOT NULL DEFAULT 5\n"
        ")");
  // SQLite's integers are 64-bit signed: the upper half of std::uint64_t has no place.
  table big{"big", {{"u64", column_type::unsigned_of(type_kind::int64), false, column_default::literal("18446744073709551615")}}};
  CHECK_THROWS_WITH(d.create_table_statement(big),
                    "sqlite: column \"big\".\"u64\": default '18446744073709551615' is out of range for a 64-bit integer");
}

TEST_CASE("sqlite dialect: what SQLite cannot hold is refused, naming it") {
  sqlite_dialect d;
  auto refused = [&](const table& t) {
    try {
      d.create_table(t);
    } catch (const schema_error& e) {
      return std::string(e.what());
    }
    return std::string("(rendered)");
  };
  table mood{"person", {{"mood", column_type::enumeration_of("mood", {"happy", "sad"})}}};
  CHECK(refused(mood) ==
        "sqlite: column \"person\".\"mood\" has the native enum type enum mood('happy', 'sad'): SQLite has no enum types (a "
        "C++ enum described with BOOST_DESCRIBE_ENUM is stored as text with a CHECK instead), which sqlite cannot express");

  table strict{"s", {{"name", column_type::varchar(20)}}};
  strict.strict = true;
  CHECK(refused(strict) == "sqlite: column \"s\".\"name\" of the STRICT table has the type string(20) (a STRICT table takes "
                           "INT, INTEGER, REAL, TEXT, BLOB or ANY), which sqlite cannot express");

  table no_rowid{"w", {{"id", column_type::of(type_kind::int64), false, std::nullopt, true}}};
  no_rowid.key = primary_key_def{"", {"id"}};
  no_rowid.without_rowid = true;
  CHECK(refused(no_rowid) == "sqlite: column \"w\".\"id\" is autoincrement in the WITHOUT ROWID table \"w\", which sqlite "
                             "cannot express");
  table keyless{"k", {{"a", column_type::text()}}};
  keyless.without_rowid = true;
  CHECK(refused(keyless) == "sqlite: table \"k\" is WITHOUT ROWID but has no primary key, which sqlite cannot express");

  table composite{"c", {{"a", column_type::of(type_kind::int64), false, std::nullopt, true}, {"b", column_type::text()}}};
  composite.key = primary_key_def{"", {"a", "b"}};
  CHECK(refused(composite) == "sqlite: column \"c\".\"a\" is autoincrement but not the whole primary key, which sqlite "
                              "cannot express");

  table generated{"g", {{"x", column_type::text(), true, column_default::literal("a"), false, identity_kind::by_default, "",
                         "", generated_column{"upper(y)", false}}}};
  CHECK(refused(generated) == "sqlite: generated column \"g\".\"x\" has a default, which sqlite cannot express");

  table unnamed_index{"u", {{"a", column_type::text()}}};
  unnamed_index.indexes = {{"", {"a"}, false}};
  CHECK(refused(unnamed_index) == "sqlite: table \"u\" has an unnamed index on (a); only a unique constraint of plain "
                                  "columns can go without a name, which sqlite cannot express");
  unnamed_index.indexes = {{"", {"lower(a)"}, true, {key_part{.expression = true}}}};
  CHECK(refused(unnamed_index) == "sqlite: table \"u\" has an unnamed unique index on (lower(a)); only a unique "
                                  "constraint of plain columns can go without a name, which sqlite cannot express");
  unnamed_index.indexes = {{"", {"a"}, true, {}, "a <> ''"}};
  CHECK(refused(unnamed_index) == "sqlite: table \"u\" has an unnamed unique index on (a); only a unique constraint of "
                                  "plain columns can go without a name, which sqlite cannot express");
  CHECK_THROWS_WITH(d.create_index(unnamed_index, {"", {"a"}, true}),
                    "sqlite: an unnamed index on \"u\" (a) outside CREATE TABLE, which sqlite cannot express");

  table prefix{"p", {{"a", column_type::text()}}};
  prefix.indexes = {{"ix_p_a", {"a"}, false, {key_part{.prefix_length = 10}}}};
  CHECK(refused(prefix) == "sqlite: index ix_p_a on \"p\" has a prefix length on a, which sqlite cannot express");

  table collated{"t", {{"a", column_type::text()}}};
  collated.collation = "utf8mb4_bin";
  CHECK(refused(collated) == "sqlite: table \"t\" has the collation utf8mb4_bin, which sqlite cannot express");
  table on_update{"t", {{"at", column_type::of(type_kind::timestamp), false, std::nullopt, false, identity_kind::by_default,
                         "", "current_timestamp()"}}};
  CHECK(refused(on_update) == "sqlite: column \"t\".\"at\" has ON UPDATE current_timestamp(), which sqlite cannot express");
}

TEST_CASE("sqlite dialect: stored_form is the IR as SQLite reads it back") {
  sqlite_dialect d;
  table parent{"parent", {{"id", column_type::of(type_kind::int32), false, std::nullopt, true},
                          {"name", column_type::text(), false, std::nullopt, false, identity_kind::by_default, "nocase"},
                          {"flag", column_type::sql("BOOL")},
                          {"at", column_type::sql("DateTime"), true},
                          {"ratio", column_type::sql("REAL"), true},
                          {"count", column_type::unsigned_of(type_kind::int32)},
                          {"raw", column_type::text(), true, std::nullopt, false, identity_kind::by_default, "Binary"}}};
  parent.key = primary_key_def{"", {"id"}};
  parent.indexes = {{"ix_parent_name", {"name", "raw"}, false, {key_part{.collation = "NOCASE"}, key_part{.collation = "binary"}}},
                    {"ix_parent_raw", {"raw"}, false, {key_part{.collation = "NOCASE"}}}};
  table child{"child", {{"a", column_type::text()}, {"b", column_type::of(type_kind::int64)}, {"p", column_type::of(type_kind::int64), true}}};
  child.key = primary_key_def{"", {"a", "b"}};
  child.without_rowid = true;
  child.foreign_keys = {{"", {"p"}, "parent", {}, fk_action::no_action, fk_action::no_action, deferrability::initially_immediate}};
  schema s;
  s.tables = {parent, child};

  table parent_read{"parent", {{"id", column_type::of(type_kind::int64), false, std::nullopt, true},
                               {"name", column_type::text(), false, std::nullopt, false, identity_kind::by_default, "NOCASE"},
                               {"flag", column_type::of(type_kind::boolean)},
                               {"at", column_type::of(type_kind::timestamp), true},
                               {"ratio", column_type::of(type_kind::float64), true},
                               {"count", column_type::of(type_kind::int64)},
                               {"raw", column_type::text(), true}}};
  parent_read.key = primary_key_def{"", {"id"}};
  parent_read.indexes = {{"ix_parent_name", {"name", "raw"}, false}, {"ix_parent_raw", {"raw"}, false, {key_part{.collation = "NOCASE"}}}};
  table child_read{"child", {{"a", column_type::text()}, {"b", column_type::of(type_kind::int64)}, {"p", column_type::of(type_kind::int64), true}}};
  child_read.key = primary_key_def{"", {"a", "b"}};
  child_read.without_rowid = true;
  child_read.foreign_keys = {{"", {"p"}, "parent", {"id"}}};
  schema expected;
  expected.tables = {child_read, parent_read};
  auto stored = d.stored_form(s);
  INFO(fmt::format("{}", stored));
  CHECK(stored == expected);
}

TEST_CASE("sqlite dialect: create_schema makes views before the triggers that may stand on them") {
  schema s;
  s.tables = {table{"notes", {{"id", column_type::of(type_kind::int64)}}}};
  s.unmanaged = {{"trigger", "on_view", "v", "CREATE TRIGGER on_view INSTEAD OF INSERT ON v BEGIN SELECT 1; END"},
                 {"view", "v", "", "CREATE VIEW v AS SELECT id FROM notes"}};
  s.normalise();
  CHECK(create_schema(sqlite_dialect{}, s) ==
        std::vector<std::string>{"CREATE TABLE \"notes\" (\n  \"id\" BIGINT NOT NULL\n)", "CREATE VIEW v AS SELECT id FROM notes",
                                 "CREATE TRIGGER on_view INSTEAD OF INSERT ON v BEGIN SELECT 1; END"});
}
