#pragma once
// What may be written into SQL text as a literal. Defaults, the allowed values of enum checks and
// the values of data steps become literals in DDL and in offline scripts, so each is checked against
// its column's type before any SQL is made of it: a number follows the strict grammar of
// number_text.hpp and fits its type, NaN and infinities are refused, and no text holds a NUL byte
// (no SQL string literal can). Models are checked at compile time, migrations when their steps are
// applied, and dialects check again when they render.

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include "tempest/error.hpp"
#include "tempest/schema/column.hpp"
#include "tempest/schema/constraints.hpp"
#include "tempest/schema/number_text.hpp"

namespace tempest {
namespace detail {

constexpr char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  return true;
}

constexpr bool is_boolean_text(std::string_view text) {
  for (auto word : {"true", "false", "t", "f", "1", "0", "yes", "no", "on", "off"})
    if (equals_ignoring_case(text, word)) return true;
  return false;
}

// NaN or an infinity as databases and strtod spell them: nan, inf, infinity, with a sign.
constexpr bool is_non_finite_text(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  return equals_ignoring_case(text, "nan") || equals_ignoring_case(text, "inf") ||
         equals_ignoring_case(text, "infinity");
}

}  // namespace detail

// What is wrong with a value as a literal of some column type.
enum class literal_issue : std::uint8_t { none, nul_byte, not_boolean, not_integer, not_number, not_finite, out_of_range };

namespace detail {
constexpr int integer_bits(type_kind kind) {
  return kind == type_kind::int8 ? 8 : kind == type_kind::int16 ? 16 : kind == type_kind::int32 ? 32 : 64;
}
// Whether a magnitude fits an integer column of `bits` bits, signed or not.
constexpr bool fits_integer(bool negative, unsigned long long magnitude, int bits, bool is_unsigned) {
  if (is_unsigned) {
    if (negative && magnitude != 0) return false;
    return bits == 64 || magnitude < (1ull << bits);
  }
  unsigned long long limit = (1ull << (bits - 1)) - (negative ? 0 : 1);
  return magnitude <= limit;
}
}  // namespace detail

// `text` as a literal of a column of `kind` (an unsigned integer column: `is_unsigned`).
constexpr literal_issue check_literal(type_kind kind, std::string_view text, bool is_unsigned = false) {
  if (text.find('\0') != std::string_view::npos) return literal_issue::nul_byte;
  auto number = detail::parse_number_text(text);
  switch (kind) {
    case type_kind::boolean: return detail::is_boolean_text(text) ? literal_issue::none : literal_issue::not_boolean;
    case type_kind::int8:
    case type_kind::int16:
    case type_kind::int32:
    case type_kind::int64: {
      if (!number || !number->is_integer()) return literal_issue::not_integer;
      int bits = detail::integer_bits(kind);
      if (is_unsigned) {
        unsigned long long magnitude = 0;
        for (char c : number->integer) {
          auto digit = static_cast<unsigned long long>(c - '0');
          if (magnitude > (~0ull - digit) / 10) return literal_issue::out_of_range;
          magnitude = magnitude * 10 + digit;
        }
        return detail::fits_integer(number->negative, magnitude, bits, true) ? literal_issue::none
                                                                               : literal_issue::out_of_range;
      }
      return detail::fits_signed(*number, bits) ? literal_issue::none : literal_issue::out_of_range;
    }
    case type_kind::float32:
    case type_kind::float64:
    case type_kind::decimal: {
      if (detail::is_non_finite_text(text)) return literal_issue::not_finite;
      if (!number) return literal_issue::not_number;
      if (kind == type_kind::decimal) {
        long exponent = number->has_exponent ? detail::exponent_value(*number, 1001) : 0;
        return exponent > 1000 || exponent < -1000 ? literal_issue::out_of_range : literal_issue::none;
      }
      if (!std::is_constant_evaluated()) {
        std::string copy(text);
        double value = std::strtod(copy.c_str(), nullptr);
        if (!std::isfinite(value) || (kind == type_kind::float32 && std::fabs(value) > FLT_MAX))
          return literal_issue::out_of_range;
      }
      return literal_issue::none;
    }
    default: return literal_issue::none;
  }
}

// A floating-point value as a literal of a column of `kind`.
constexpr literal_issue check_floating(double value, type_kind kind) {
  if (value != value || value > DBL_MAX || value < -DBL_MAX) return literal_issue::not_finite;
  if (kind == type_kind::float32 && (value > FLT_MAX || value < -FLT_MAX)) return literal_issue::out_of_range;
  return literal_issue::none;
}

// An integer value, given as its sign and magnitude, as a literal of a column of `kind`.
constexpr literal_issue check_integer(bool negative, unsigned long long magnitude, type_kind kind, bool is_unsigned = false) {
  if (!is_integer(kind)) {
    // A float, decimal or custom column holds any 64-bit integer a model can write.
    return literal_issue::none;
  }
  return detail::fits_integer(negative, magnitude, detail::integer_bits(kind), is_unsigned) ? literal_issue::none
                                                                                             : literal_issue::out_of_range;
}

// An integer value as a literal of a column of `kind`.
constexpr literal_issue check_integer(long long value, type_kind kind) {
  bool negative = value < 0;
  return check_integer(negative, negative ? 0ull - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value), kind);
}

// Text as a string literal.
constexpr literal_issue check_string(std::string_view text) {
  return text.find('\0') == std::string_view::npos ? literal_issue::none : literal_issue::nul_byte;
}

// The issue as the end of a sentence about a value: "default '…' is not a number".
inline std::string describe(literal_issue issue, type_kind kind) {
  switch (issue) {
    case literal_issue::none: return {};
    case literal_issue::nul_byte: return "contains a NUL byte, which no SQL string literal can hold";
    case literal_issue::not_boolean: return "is not a boolean (true or false)";
    case literal_issue::not_integer: return "is not an integer";
    case literal_issue::not_number: return "is not a number";
    case literal_issue::not_finite: return "is NaN or an infinity, which SQL text cannot hold";
    case literal_issue::out_of_range:
      switch (kind) {
        case type_kind::int8: return "is out of range for an 8-bit integer";
        case type_kind::int16: return "is out of range for a 16-bit integer";
        case type_kind::int32: return "is out of range for a 32-bit integer";
        case type_kind::int64: return "is out of range for a 64-bit integer";
        case type_kind::float32: return "is out of range for a 32-bit float";
        case type_kind::float64: return "is out of range for a 64-bit float";
        default: return fmt::format("is out of range for a {} column", to_string(kind));
      }
  }
  return {};
}

namespace detail {

// A value as an error message shows it: quoted, a NUL byte as \0, long text cut short.
inline std::string shown(std::string_view text) {
  constexpr std::size_t longest = 60;
  std::string out = "'";
  for (std::size_t i = 0; i < text.size() && i < longest; ++i) out += text[i] == '\0' ? std::string("\\0") : std::string(1, text[i]);
  return out + (text.size() > longest ? "'…" : "'");
}

}  // namespace detail

// Throws a schema_error when the literal default of `c` cannot be a literal of its type:
//   "<what>: column "t"."c": default '0; DROP TABLE x' is not a number"
inline void check_default(std::string_view what, std::string_view table_name, const column& c) {
  if (!c.default_value || c.default_value->kind != column_default::source::literal) return;
  if (auto issue = check_literal(c.type.kind, c.default_value->text, c.type.is_unsigned); issue != literal_issue::none)
    throw schema_error(fmt::format("{}: column \"{}\".\"{}\": default {} {}", what, table_name, c.name,
                                   detail::shown(c.default_value->text), describe(issue, c.type.kind)));
}

// Throws a schema_error when an allowed value of an enum check cannot be a string literal.
inline void check_allowed_values(std::string_view what, std::string_view table_name, const check_def& check) {
  for (const auto& value : check.allowed_values)
    if (auto issue = check_string(value); issue != literal_issue::none)
      throw schema_error(fmt::format("{}: check \"{}\" on column \"{}\".\"{}\": allowed value {} {}", what, check.name,
                                     table_name, check.column, detail::shown(value), describe(issue, type_kind::string)));
}

}  // namespace tempest
