#include <catch2/catch.hpp>

#include <tempest/introspect/default_parsing.hpp>
#include <tempest/schema/default_value.hpp>

using tempest::column_default;
using tempest::type_kind;
using tempest::detail::parse_default;

TEST_CASE("default values: spellings of the same literal compare equal") {
  auto x = column_default::literal("x");
  CHECK(parse_default("'x'::character varying", type_kind::string) == x);
  CHECK(parse_default("('x')", type_kind::string) == x);
  CHECK(parse_default("'x'", type_kind::string) == x);
  CHECK(parse_default("'it''s'", type_kind::string) == column_default::literal("it's"));
  CHECK(parse_default("'a\\\\b'", type_kind::string, true) == column_default::literal("a\\b"));
  CHECK(parse_default("'a\\\\b'", type_kind::string, false) == column_default::literal("a\\\\b"));
}

TEST_CASE("default values: numbers and booleans are canonical for their column type") {
  CHECK(parse_default("'-5'::integer", type_kind::int32) == column_default::literal("-5"));
  CHECK(parse_default("42", type_kind::int64) == column_default::literal("42"));
  CHECK(parse_default("1.50", type_kind::decimal) == column_default::literal("1.5"));
  CHECK(parse_default("0.00", type_kind::decimal) == column_default::literal("0"));
  CHECK(parse_default("1.25", type_kind::float32) == column_default::literal("1.25"));
  CHECK(parse_default("1", type_kind::boolean) == column_default::literal("true"));
  CHECK(parse_default("false", type_kind::boolean) == column_default::literal("false"));
  CHECK(parse_default("'0'", type_kind::boolean) == column_default::literal("false"));
  CHECK(parse_default("1", type_kind::boolean) != column_default::literal("false"));
}

TEST_CASE("default values: NULL is no default") {
  CHECK_FALSE(parse_default("NULL", type_kind::string));
  CHECK_FALSE(parse_default("NULL::character varying", type_kind::string));
  CHECK_FALSE(parse_default("", type_kind::int32));
}

TEST_CASE("default values: expressions compare by normalised SQL") {
  auto now = column_default::expression("CURRENT_TIMESTAMP");
  CHECK(parse_default("current_timestamp()", type_kind::timestamp) == now);
  CHECK(parse_default("current_timestamp(6)", type_kind::timestamp) == now);
  CHECK(parse_default("(CURRENT_TIMESTAMP)", type_kind::timestamp) == now);
  CHECK(parse_default("now()", type_kind::timestamp) == now);
  CHECK(parse_default("lower('ABC')", type_kind::string) == column_default::expression("LOWER( 'ABC' )"));
  CHECK(parse_default("lower('ABC')", type_kind::string) != column_default::expression("lower('abc')"));
  CHECK(column_default::expression("1 + 2") != column_default::literal("1 + 2"));
}

TEST_CASE("default values: decimals read back in plain notation") {
  CHECK(parse_default("1e3", type_kind::decimal) == column_default::literal("1000"));
  CHECK(parse_default("'-1.25E-3'::numeric", type_kind::decimal) == column_default::literal("-0.00125"));
  CHECK(parse_default("007.50", type_kind::decimal) == column_default::literal("7.5"));
  CHECK(parse_default(".5", type_kind::decimal) == column_default::literal("0.5"));
  CHECK(parse_default("-0.000", type_kind::decimal) == column_default::literal("0"));
  CHECK(parse_default("+12", type_kind::decimal) == column_default::literal("12"));
  CHECK(tempest::canonical_literal(type_kind::decimal, "1.5e1") == "15");
  CHECK(tempest::canonical_literal(type_kind::int32, "+7") == "7");
}

TEST_CASE("default values: how MariaDB reports text defaults") {
  // A VARCHAR default: '' for a quote, \\ for a backslash, \n and \r escaped, other bytes as they are.
  CHECK(parse_default("'a''b\\\\c\\nd\\re\tf'", type_kind::string, true) ==
        column_default::literal("a'b\\c\nd\re\tf"));
  // A TEXT default, kept as printed SQL: \' for a quote.
  CHECK(parse_default("'a\\'b\\\\c'", type_kind::string, true) == column_default::literal("a'b\\c"));
  // A TEXT default given as X'…' stays in that form.
  CHECK(parse_default("X'6127625c63'", type_kind::string, true) == column_default::literal("a'b\\c"));
  CHECK(parse_default("X'f09f9880'", type_kind::string, true) == column_default::literal("😀"));
  CHECK(parse_default("X'6'", type_kind::string, true) == column_default::expression("X'6'"));
}

TEST_CASE("default values: PostgreSQL with standard_conforming_strings off doubles backslashes") {
  CHECK(parse_default("'a\\\\b''c'::text", type_kind::string, true) == column_default::literal("a\\b'c"));
  CHECK(parse_default("'x\\\\'::character varying", type_kind::string, true) == column_default::literal("x\\"));
  CHECK(parse_default("'a\\b''c'::text", type_kind::string, false) == column_default::literal("a\\b'c"));
}

TEST_CASE("default values: a literal with the kind of its value compares by that kind") {
  // A model's bool default of a BOOL column, against what SQLite and MySQL report for it.
  CHECK(column_default::literal("false", type_kind::boolean) == column_default::literal("0"));
  CHECK(column_default::literal("0") == column_default::literal("false", type_kind::boolean));
  CHECK(column_default::literal("true", type_kind::boolean) == column_default::literal("1"));
  CHECK(column_default::literal("false", type_kind::boolean) != column_default::literal("1"));
  // Without a kind on either side, the text decides.
  CHECK(column_default::literal("false") != column_default::literal("0"));
  CHECK(column_default::literal("7", type_kind::int8) == column_default::literal("+7"));
  CHECK(tempest::canonical_literal(type_kind::int64, "18446744073709551615") == "18446744073709551615");
}
