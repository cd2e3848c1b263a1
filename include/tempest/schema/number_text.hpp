#pragma once
// The one grammar a number must follow to be written into SQL text as a literal:
//   [+-]? ( digits [ . digits? ] | . digits ) [ (e|E) [+-]? digits ]
// with nothing around it. Anything else (spaces, a second sign, "0; DROP TABLE x", NaN, infinity)
// is not a number. constexpr, so that model defaults are checked at compile time.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tempest::detail {

struct number_text {
  bool negative = false;
  std::string_view integer;   // digits before the point, possibly empty ("" for ".5")
  std::string_view fraction;  // digits after the point, possibly empty
  bool has_point = false;
  bool has_exponent = false;
  bool exponent_negative = false;
  std::string_view exponent;  // its digits

  constexpr bool is_integer() const { return !has_point && !has_exponent; }
};

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view take_digits(std::string_view text, std::size_t& at) {
  auto start = at;
  while (at < text.size() && is_digit(text[at])) ++at;
  return text.substr(start, at - start);
}

constexpr std::optional<number_text> parse_number_text(std::string_view text) {
  number_text n;
  std::size_t at = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) n.negative = text[at++] == '-';
  n.integer = take_digits(text, at);
  if (at < text.size() && text[at] == '.') {
    n.has_point = true;
    ++at;
    n.fraction = take_digits(text, at);
  }
  if (n.integer.empty() && n.fraction.empty()) return std::nullopt;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    n.has_exponent = true;
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) n.exponent_negative = text[at++] == '-';
    n.exponent = take_digits(text, at);
    if (n.exponent.empty()) return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  return n;
}

// Whether an integer (n.is_integer()) lies in [-2^(bits-1), 2^(bits-1) - 1].
constexpr bool fits_signed(const number_text& n, int bits) {
  std::uint64_t limit = (std::uint64_t{1} << (bits - 1)) - (n.negative ? 0 : 1);
  std::uint64_t value = 0;
  for (char c : n.integer) {
    auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (limit - digit) / 10) return false;
    value = value * 10 + digit;
  }
  return true;
}

// The exponent's value, saturated at `cap` (enough to tell an absurd exponent from a usable one).
constexpr long exponent_value(const number_text& n, long cap) {
  long value = 0;
  for (char c : n.exponent) {
    value = value * 10 + (c - '0');
    if (value > cap) return n.exponent_negative ? -cap : cap;
  }
  return n.exponent_negative ? -value : value;
}

}  // namespace tempest::detail
