// The literals each dialect writes into SQL text: one spelling per value that means the same under
// every server setting, and a refusal for anything that is not a value of the column's type.
#include <catch2/catch.hpp>

#include <array>
#include <limits>

#include <tempest/dialect/mysql.hpp>
#include <tempest/dialect/postgresql.hpp>
#include <tempest/dialect/sqlite.hpp>

using namespace tempest;

namespace {

const sqlite_dialect sqlite;
const postgresql_dialect postgresql;
const mysql_dialect mysql;
const std::array<const dialect*, 3> every_dialect{&sqlite, &postgresql, &mysql};

// A one-column table whose column has `type` and the literal default `text`.
table with_default(column_type type, std::string text) {
  return {"t", {{"c", std::move(type), true, column_default::literal(std::move(text))}}};
}

// The DEFAULT clause each dialect renders for a column of `type` defaulting to `text`.
std::string default_sql(const dialect& d, column_type type, std::string text) {
  auto t = with_default(std::move(type), std::move(text));
  return d.default_clause(t.name, t.columns[0]);
}

}  // namespace

TEST_CASE("literals: text without a backslash is quoted the standard way everywhere", "[literal]") {
  for (const dialect* d : std::initializer_list<const dialect*>{&sqlite, &postgresql}) {
    INFO(d->name());
    CHECK(d->string_literal("") == "''");
    CHECK(d->string_literal("it's") == "'it''s'");
    CHECK(d->string_literal("''") == "''''''");
    CHECK(d->string_literal("'); DROP TABLE victim; --") == "'''); DROP TABLE victim; --'");
    CHECK(d->string_literal(":name :: ? $1 -- /* */ \" `") == "':name :: ? $1 -- /* */ \" `'");
    CHECK(d->string_literal("a\nb\tc\rd") == "'a\nb\tc\rd'");
    CHECK(d->string_literal("a😀b 𠮷") == "'a😀b 𠮷'");
  }
  // MySQL: printable ASCII without a backslash only; the empty text and control characters go in
  // hex (EMPTY_STRING_IS_NULL reads '' as NULL; the mariadb client drops the \r of \r\n).
  CHECK(mysql.string_literal("") == "X''");
  CHECK(mysql.string_literal("it's") == "'it''s'");
  CHECK(mysql.string_literal("''") == "''''''");
  CHECK(mysql.string_literal("'); DROP TABLE victim; --") == "'''); DROP TABLE victim; --'");
  CHECK(mysql.string_literal(":name :: ? $1 -- /* */ \" `") == "':name :: ? $1 -- /* */ \" `'");
  CHECK(mysql.string_literal("a\nb\tc\rd") == "X'610A6209630D64'");
}

TEST_CASE("literals: text with a backslash", "[literal]") {
  // SQLite has no backslash escapes at all.
  CHECK(sqlite.string_literal("a\\b") == "'a\\b'");
  CHECK(sqlite.string_literal("\\'; DROP TABLE victim; --") == "'\\''; DROP TABLE victim; --'");
  CHECK(sqlite.string_literal("x\\") == "'x\\'");
  // PostgreSQL: an escape string, the same with standard_conforming_strings on or off.
  CHECK(postgresql.string_literal("a\\b") == "E'a\\\\b'");
  CHECK(postgresql.string_literal("\\'; DROP TABLE victim; --") == "E'\\\\''; DROP TABLE victim; --'");
  CHECK(postgresql.string_literal("x\\") == "E'x\\\\'");
  CHECK(postgresql.string_literal("\\n") == "E'\\\\n'");
  // MySQL: the UTF-8 bytes in hexadecimal, whatever NO_BACKSLASH_ESCAPES says.
  CHECK(mysql.string_literal("a\\b") == "X'615C62'");
  CHECK(mysql.string_literal("\\'; DROP TABLE victim; --") ==
        "X'5C273B2044524F50205441424C452076696374696D3B202D2D'");
  CHECK(mysql.string_literal("x\\") == "X'785C'");
}

TEST_CASE("literals: MySQL writes non-ASCII text as UTF-8 bytes, whatever the client's character set", "[literal]") {
  CHECK(mysql.string_literal("é") == "X'C3A9'");
  CHECK(mysql.string_literal("a😀b") == "X'61F09F988062'");
  CHECK(mysql.string_literal("𠮷") == "X'F0A0AEB7'");
}

TEST_CASE("literals: a NUL byte has no literal in any dialect", "[literal]") {
  for (const dialect* d : every_dialect) {
    INFO(d->name());
    CHECK_THROWS_AS(d->string_literal(std::string("a\0b", 3)), schema_error);
    CHECK_THROWS_WITH(d->string_literal(std::string("a\\\0", 3)), Catch::Contains("contains a NUL byte"));
    CHECK_THROWS_WITH(default_sql(*d, column_type::varchar(5), std::string("a\0b", 3)),
                      Catch::Contains("column \"t\".\"c\": default 'a\\0b' contains a NUL byte"));
  }
}

TEST_CASE("literals: numbers and booleans are written bare, in canonical form", "[literal]") {
  CHECK(default_sql(postgresql, column_type::of(type_kind::int32), "-7") == " DEFAULT -7");
  CHECK(default_sql(postgresql, column_type::of(type_kind::int64), "+42") == " DEFAULT 42");
  CHECK(default_sql(postgresql, column_type::numeric(10, 2), "1.50") == " DEFAULT 1.5");
  CHECK(default_sql(postgresql, column_type::numeric(30, 0), "1e20") == " DEFAULT 100000000000000000000");
  CHECK(default_sql(postgresql, column_type::numeric(10, 4), "-.25E-2") == " DEFAULT -0.0025");
  CHECK(default_sql(postgresql, column_type::of(type_kind::float64), "2.5e+300") == " DEFAULT 2.5e+300");
  CHECK(default_sql(postgresql, column_type::of(type_kind::float32), "0.1") == " DEFAULT 0.1");
  CHECK(default_sql(postgresql, column_type::of(type_kind::boolean), "true") == " DEFAULT true");
  CHECK(default_sql(postgresql, column_type::of(type_kind::boolean), "0") == " DEFAULT false");
  CHECK(default_sql(mysql, column_type::of(type_kind::boolean), "yes") == " DEFAULT 1");
  CHECK(default_sql(sqlite, column_type::of(type_kind::boolean), "false") == " DEFAULT 0");
  CHECK(default_sql(mysql, column_type::of(type_kind::int16), "-32768") == " DEFAULT -32768");
  // Dates, timestamps and custom types are quoted text.
  CHECK(default_sql(postgresql, column_type::of(type_kind::date), "2024-02-29") == " DEFAULT '2024-02-29'");
  CHECK(default_sql(mysql, column_type::sql("vector(3)"), "[1,2,3]") == " DEFAULT '[1,2,3]'");
}

TEST_CASE("literals: a numeric default that is not exactly a number is refused", "[literal]") {
  auto refused = [](column_type type, std::string text, std::string why) {
    for (const dialect* d : every_dialect) {
      INFO(d->name() << ": " << text);
      CHECK_THROWS_WITH(default_sql(*d, type, text), Catch::Contains("column \"t\".\"c\": default") &&
                                                         Catch::Contains(why));
      CHECK_THROWS_AS(d->create_table(with_default(type, text)), schema_error);
    }
  };
  refused(column_type::numeric(10, 2), "0; DROP TABLE victim; --", "is not a number");
  refused(column_type::numeric(10, 2), "1,5", "is not a number");
  refused(column_type::numeric(10, 2), " 1.5", "is not a number");
  refused(column_type::numeric(10, 2), "1.5 ", "is not a number");
  refused(column_type::numeric(10, 2), "--1", "is not a number");
  refused(column_type::numeric(10, 2), "1e", "is not a number");
  refused(column_type::numeric(10, 2), ".", "is not a number");
  refused(column_type::numeric(10, 2), "", "is not a number");
  refused(column_type::numeric(10, 2), "0x10", "is not a number");
  refused(column_type::numeric(10, 2), "1e5000", "is out of range for a decimal column");
  refused(column_type::numeric(10, 2), "NaN", "is NaN or an infinity");
  refused(column_type::of(type_kind::float64), "-Infinity", "is NaN or an infinity");
  refused(column_type::of(type_kind::float64), "inf", "is NaN or an infinity");
  refused(column_type::of(type_kind::float64), "1e309", "is out of range for a 64-bit float");
  refused(column_type::of(type_kind::float32), "1e39", "is out of range for a 32-bit float");
  refused(column_type::of(type_kind::float32), "1 + 1", "is not a number");
  refused(column_type::of(type_kind::int32), "1.0", "is not an integer");
  refused(column_type::of(type_kind::int32), "1e3", "is not an integer");
  refused(column_type::of(type_kind::int32), "2147483648", "is out of range for a 32-bit integer");
  refused(column_type::of(type_kind::int16), "-32769", "is out of range for a 16-bit integer");
  refused(column_type::of(type_kind::int64), "9223372036854775808", "is out of range for a 64-bit integer");
  refused(column_type::of(type_kind::int64), "1) ; DROP TABLE victim; --", "is not an integer");
  refused(column_type::of(type_kind::boolean), "maybe", "is not a boolean");
  refused(column_type::of(type_kind::boolean), "true OR 1=1", "is not a boolean");
  // The extremes are numbers.
  CHECK(default_sql(postgresql, column_type::of(type_kind::int64), "-9223372036854775808") ==
        " DEFAULT -9223372036854775808");
  CHECK(default_sql(postgresql, column_type::of(type_kind::int32), "2147483647") == " DEFAULT 2147483647");
}

TEST_CASE("literals: an ALTER that sets a default checks it like CREATE TABLE", "[literal]") {
  auto t = with_default(column_type::numeric(10, 2), "0; DROP TABLE victim; --");
  for (const dialect* d : std::initializer_list<const dialect*>{&postgresql, &mysql}) {
    INFO(d->name());
    CHECK_THROWS_WITH(d->alter_column(t, t.columns[0], false, false, true),
                      Catch::Contains(fmt::format("{}: column \"t\".\"c\": default '0; DROP TABLE victim; --' is not a number",
                                                  d->name())));
    CHECK_THROWS_AS(d->add_column(t, t.columns[0]), schema_error);
  }
}

TEST_CASE("literals: allowed values of an enum check", "[literal]") {
  check_def check{"ck_t_c", {}, "c", {"a'b", "c\\d", "😀"}};
  CHECK(sqlite.check_expression("t", check) == "\"c\" IN ('a''b', 'c\\d', '😀')");
  CHECK(postgresql.check_expression("t", check) == "\"c\" IN ('a''b', E'c\\\\d', '😀')");
  CHECK(mysql.check_expression("t", check) == "`c` IN ('a''b', X'635C64', X'F09F9880')");
  check.allowed_values.push_back(std::string("x\0", 2));
  CHECK_THROWS_WITH(postgresql.add_check("t", check),
                    Catch::Contains("check \"ck_t_c\" on column \"t\".\"c\": allowed value 'x\\0' contains a NUL byte"));
}

TEST_CASE("literals: floating-point values in their shortest form; NaN and infinities refused", "[literal]") {
  CHECK(postgresql.float_literal(0.1) == "0.1");
  CHECK(mysql.float_literal(-2.5e-300) == "-2.5e-300");
  CHECK_THROWS_WITH(sqlite.float_literal(std::numeric_limits<double>::quiet_NaN()),
                    Catch::Contains("is NaN or an infinity"));
  CHECK_THROWS_AS(mysql.float_literal(-std::numeric_limits<double>::infinity()), schema_error);
}

TEST_CASE("literals: a default of a type spelled out is written by the kind of its value", "[literal]") {
  auto typed = [](const dialect& d, std::string type, std::string text, type_kind kind) {
    table t{"t", {{"c", column_type::sql(std::move(type)), false, column_default::literal(std::move(text), kind)}}};
    return d.default_clause(t.name, t.columns[0]);
  };
  // A bool: 0/1 where booleans are integers, false/true on PostgreSQL; never the text 'false'.
  CHECK(typed(sqlite, "BOOL", "false", type_kind::boolean) == " DEFAULT 0");
  CHECK(typed(sqlite, "BOOL", "true", type_kind::boolean) == " DEFAULT 1");
  CHECK(typed(mysql, "BOOL", "false", type_kind::boolean) == " DEFAULT 0");
  CHECK(typed(mysql, "TINYINT(1)", "true", type_kind::boolean) == " DEFAULT 1");
  CHECK(typed(postgresql, "BOOL", "false", type_kind::boolean) == " DEFAULT false");
  CHECK(typed(postgresql, "boolean", "true", type_kind::boolean) == " DEFAULT true");
  // Numbers bare, text quoted, each checked against its kind.
  CHECK(typed(postgresql, "INT4", "-7", type_kind::int32) == " DEFAULT -7");
  CHECK(typed(mysql, "BIGINT UNSIGNED", "18446744073709551615", type_kind::int64) == " DEFAULT 18446744073709551615");
  CHECK(typed(sqlite, "CITEXT", "it's", type_kind::string) == " DEFAULT 'it''s'");
  CHECK_THROWS_WITH(typed(sqlite, "INT4", "1; DROP TABLE t", type_kind::int32),
                    "sqlite: column \"c\": default '1; DROP TABLE t' is not an integer");
  // Without a kind, a default of a type spelled out stays text, as before.
  CHECK(default_sql(sqlite, column_type::sql("BOOL"), "false") == " DEFAULT 'false'");
}

TEST_CASE("literals: one-byte and unsigned integers are numbers, checked against their range", "[literal]") {
  for (const dialect* d : every_dialect) {
    INFO(d->name());
    CHECK(default_sql(*d, column_type::of(type_kind::int8), "-128") == " DEFAULT -128");
    CHECK(default_sql(*d, column_type::unsigned_of(type_kind::int8), "255") == " DEFAULT 255");
    CHECK(default_sql(*d, column_type::unsigned_of(type_kind::int64), "18446744073709551615") ==
          " DEFAULT 18446744073709551615");
    // MySQL names its own type; the others the width they store the value in.
    bool mysql = d->kind() == dialect_kind::mysql;
    CHECK_THROWS_WITH(default_sql(*d, column_type::unsigned_of(type_kind::int8), "256"),
                      Catch::Contains(mysql ? "default '256' is out of range for TINYINT UNSIGNED"
                                            : "is out of range for an 8-bit integer"));
    CHECK_THROWS_WITH(default_sql(*d, column_type::unsigned_of(type_kind::int32), "-1"),
                      Catch::Contains(mysql ? "default '-1' is out of range for INT UNSIGNED"
                                            : "is out of range for a 32-bit integer"));
  }
}

// The type rows of the README's table "how hand-written DDL reads back".
TEST_CASE("dialects: type spellings read back as the README's table says") {
  sqlite_dialect sqlite;
  postgresql_dialect postgresql;
  mysql_dialect mysql;
  auto kind = [](const dialect& d, std::string_view spelling) { return d.parse_type(spelling).kind; };
  CHECK(kind(sqlite, "int") == type_kind::int32);
  CHECK(kind(sqlite, "integer") == type_kind::int64);
  CHECK(kind(sqlite, "int(11)") == type_kind::custom);
  CHECK(kind(postgresql, "int") == type_kind::int32);
  CHECK(kind(postgresql, "integer") == type_kind::int32);
  CHECK(kind(mysql, "int(11)") == type_kind::int32);

  CHECK(kind(sqlite, "timestamp with time zone") == type_kind::custom);
  CHECK(kind(sqlite, "timestamp") == type_kind::timestamp);
  CHECK(kind(sqlite, "datetime") == type_kind::timestamp);
  CHECK(kind(postgresql, "timestamp with time zone") == type_kind::timestamp);
  CHECK(postgresql.parse_type("timestamp") == column_type::sql("timestamp without time zone"));
  CHECK(kind(mysql, "timestamp") == type_kind::custom);
  CHECK(kind(mysql, "datetime(6)") == type_kind::timestamp);

  CHECK(sqlite.parse_type("text") == column_type::text());
  CHECK(postgresql.parse_type("text") == column_type::text());
  CHECK(mysql.parse_type("text") == column_type::sql("text"));
  CHECK(mysql.parse_type("longtext") == column_type::text());
  CHECK(mysql.parse_type("varchar(20)") == column_type::varchar(20));

  CHECK(kind(sqlite, "bool") == type_kind::boolean);
  CHECK(kind(sqlite, "tinyint(1)") == type_kind::custom);
  CHECK(kind(postgresql, "bool") == type_kind::boolean);
  CHECK(kind(mysql, "tinyint(1)") == type_kind::boolean);
  CHECK(kind(mysql, "tinyint(4)") == type_kind::int8);
  CHECK(mysql.parse_type("int unsigned") == column_type::unsigned_of(type_kind::int32));
}
