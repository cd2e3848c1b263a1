#include <catch2/catch.hpp>

#include <limits>

#include <tempest/schema/literal_rules.hpp>

using tempest::check_floating;
using tempest::check_integer;
using tempest::check_literal;
using tempest::check_string;
using tempest::literal_issue;
using tempest::type_kind;

// The rules are constexpr: models are checked at compile time.
static_assert(check_literal(type_kind::decimal, "0; DROP TABLE victim; --") == literal_issue::not_number);
static_assert(check_literal(type_kind::decimal, "-12.50e-3") == literal_issue::none);
static_assert(check_floating(std::numeric_limits<double>::infinity(), type_kind::float64) == literal_issue::not_finite);
static_assert(check_integer(40000, type_kind::int16) == literal_issue::out_of_range);

TEST_CASE("literal rules: the number grammar") {
  for (auto text : {"0", "-0", "+1", "12.", ".5", "1.25", "1e10", "1E+10", "-1.5e-7", "007"})
    CHECK(check_literal(type_kind::decimal, text) == literal_issue::none);
  for (auto text : {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1..2", "--1", "+-1", " 1", "1 ", "1_000", "1,5",
                    "0x1A", "١٢", "1e5;", "(1)", "1/2"})
    CHECK(check_literal(type_kind::decimal, text) == literal_issue::not_number);
  for (auto text : {"nan", "NaN", "-inf", "+Infinity", "INF"})
    CHECK(check_literal(type_kind::float64, text) == literal_issue::not_finite);
}

TEST_CASE("literal rules: integers fit their width") {
  CHECK(check_literal(type_kind::int16, "32767") == literal_issue::none);
  CHECK(check_literal(type_kind::int16, "-32768") == literal_issue::none);
  CHECK(check_literal(type_kind::int16, "32768") == literal_issue::out_of_range);
  CHECK(check_literal(type_kind::int32, "-2147483649") == literal_issue::out_of_range);
  CHECK(check_literal(type_kind::int64, "9223372036854775807") == literal_issue::none);
  CHECK(check_literal(type_kind::int64, "-9223372036854775808") == literal_issue::none);
  CHECK(check_literal(type_kind::int64, "99999999999999999999999") == literal_issue::out_of_range);
  CHECK(check_literal(type_kind::int64, "1.0") == literal_issue::not_integer);
  CHECK(check_integer(-2147483648LL, type_kind::int32) == literal_issue::none);
  CHECK(check_integer(2147483648LL, type_kind::int32) == literal_issue::out_of_range);
}

TEST_CASE("literal rules: floats, booleans and text") {
  CHECK(check_literal(type_kind::float32, "3.4e38") == literal_issue::none);
  CHECK(check_literal(type_kind::float32, "3.5e38") == literal_issue::out_of_range);
  CHECK(check_literal(type_kind::float64, "1.7e308") == literal_issue::none);
  CHECK(check_literal(type_kind::float64, "1.8e308") == literal_issue::out_of_range);
  CHECK(check_floating(std::numeric_limits<double>::quiet_NaN(), type_kind::float64) == literal_issue::not_finite);
  CHECK(check_floating(1e39, type_kind::float32) == literal_issue::out_of_range);
  CHECK(check_floating(1e39, type_kind::float64) == literal_issue::none);
  for (auto text : {"true", "FALSE", "t", "f", "1", "0", "yes", "No", "on", "off"})
    CHECK(check_literal(type_kind::boolean, text) == literal_issue::none);
  CHECK(check_literal(type_kind::boolean, "2") == literal_issue::not_boolean);
  CHECK(check_literal(type_kind::string, "'); DROP TABLE victim; --") == literal_issue::none);
  CHECK(check_literal(type_kind::string, std::string("a\0b", 3)) == literal_issue::nul_byte);
  CHECK(check_literal(type_kind::int32, std::string("1\0", 2)) == literal_issue::nul_byte);
  CHECK(check_string(std::string(1, '\0')) == literal_issue::nul_byte);
  CHECK(check_string("\\") == literal_issue::none);
}

TEST_CASE("literal rules: one-byte and unsigned integers") {
  CHECK(check_literal(type_kind::int8, "-128") == literal_issue::none);
  CHECK(check_literal(type_kind::int8, "128") == literal_issue::out_of_range);
  CHECK(check_literal(type_kind::int8, "255", true) == literal_issue::none);
  CHECK(check_literal(type_kind::int8, "256", true) == literal_issue::out_of_range);
  CHECK(check_literal(type_kind::int32, "-1", true) == literal_issue::out_of_range);
  CHECK(check_literal(type_kind::int32, "-0", true) == literal_issue::none);
  CHECK(check_literal(type_kind::int64, "18446744073709551615", true) == literal_issue::none);
  CHECK(check_literal(type_kind::int64, "18446744073709551616", true) == literal_issue::out_of_range);
  CHECK(check_integer(false, 18446744073709551615ull, type_kind::int64, true) == literal_issue::none);
  CHECK(check_integer(false, 18446744073709551615ull, type_kind::int64) == literal_issue::out_of_range);
  CHECK(check_integer(true, 9223372036854775808ull, type_kind::int64) == literal_issue::none);
  CHECK(check_integer(true, 1, type_kind::int16, true) == literal_issue::out_of_range);
}
