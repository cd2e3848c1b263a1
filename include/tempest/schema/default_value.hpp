#pragma once
// Column defaults in canonical form, so that a default written by a model and the same default read
// back from a database ('x'::character varying, ('x'), 'x', current_timestamp()) compare equal.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "tempest/schema/number_text.hpp"
#include "tempest/schema/timestamp_text.hpp"
#include "tempest/schema/types.hpp"

namespace tempest {

struct column_default {
  enum class source : std::uint8_t {
    literal,     // a value: `text` is its canonical spelling, unquoted (see canonical_literal)
    expression,  // SQL evaluated by the database, e.g. CURRENT_TIMESTAMP
  };
  source kind = source::literal;
  std::string text;
  // The logical kind of a literal's value when the column's type does not say it (a type spelled out
  // with sql_type): dialects write the literal by it (a bool as 0/1 or true/false), and it compares
  // equal to the same value however a database spells it back.
  std::optional<type_kind> value_kind;

  static column_default literal(std::string text, std::optional<type_kind> value_kind = std::nullopt) {
    return {source::literal, std::move(text), value_kind};
  }
  static column_default expression(std::string sql) { return {source::expression, std::move(sql)}; }

  friend bool operator==(const column_default& a, const column_default& b);
};

namespace detail {

inline bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Whether the parentheses opening at text[0] close at the very end.
inline bool wrapped_in_parens(std::string_view text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    else if (c == '(') ++depth;
    else if (c == ')' && --depth == 0 && i + 1 != text.size()) return false;
  }
  return true;
}

inline void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Removes PostgreSQL casts such as ::text, ::character varying, ::numeric(10,2) outside quotes.
inline std::string strip_casts(std::string_view text) {
  std::string out;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == ':' && i + 1 < text.size() && text[i + 1] == ':') {
      i += 2;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' ||
                                 text[i] == ' ' || text[i] == '"' || text[i] == '[' || text[i] == ']'))
        ++i;
      if (i < text.size() && text[i] == '(') {
        while (i < text.size() && text[i] != ')') ++i;
        ++i;
      }
      --i;
    } else {
      out += c;
    }
  }
  return out;
}

// "current_timestamp(6)" → "current_timestamp()": the precision follows the column's own.
inline void drop_precision_argument(std::string& text, std::string_view call) {
  for (auto at = text.find(call); at != std::string::npos; at = text.find(call, at + 1)) {
    auto digits = at + call.size();
    auto end = digits;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end > digits && end < text.size() && text[end] == ')') text.erase(digits, end - digits);
  }
}

// Plain decimal notation of a number in the strict grammar: no exponent, no leading '+', no leading
// zeros before the point, no trailing zeros after it, "0" for zero. Other text comes back as it is.
inline std::string canonical_decimal(std::string_view text) {
  constexpr long largest_exponent = 1000;  // beyond any database's numeric precision
  auto n = parse_number_text(text);
  if (!n) return std::string(text);
  long shift = n->has_exponent ? exponent_value(*n, largest_exponent + 1) : 0;
  if (shift > largest_exponent || shift < -largest_exponent) return std::string(text);
  std::string digits = std::string(n->integer) + std::string(n->fraction);
  long point = static_cast<long>(n->integer.size()) + shift;
  if (point < 0) {
    digits.insert(0, static_cast<std::size_t>(-point), '0');
    point = 0;
  }
  if (static_cast<std::size_t>(point) > digits.size()) digits.append(static_cast<std::size_t>(point) - digits.size(), '0');
  std::string integer = digits.substr(0, static_cast<std::size_t>(point));
  std::string fraction = digits.substr(static_cast<std::size_t>(point));
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = (integer.empty() ? "0" : integer) + (fraction.empty() ? "" : "." + fraction);
  return n->negative && out != "0" ? "-" + out : out;
}

}  // namespace detail

// Canonical spelling of an SQL default expression, for comparison only: casts, case, white space
// and wrapping parentheses outside string literals are dropped; spellings of "now" are unified.
inline std::string normalised_expression(std::string_view sql) {
  std::string stripped = detail::strip_casts(sql);
  std::string out;
  char quote = 0;
  for (char c : stripped) {
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (!detail::is_space(c)) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (detail::wrapped_in_parens(out)) out = out.substr(1, out.size() - 2);
  detail::drop_precision_argument(out, "current_timestamp(");  // MariaDB: current_timestamp(6)
  detail::replace_all(out, "current_timestamp()", "current_timestamp");
  detail::replace_all(out, "now()", "current_timestamp");
  detail::replace_all(out, "localtimestamp()", "localtimestamp");
  detail::replace_all(out, "current_date()", "current_date");
  return out;
}

// Canonical text of a literal default for a column of the given kind: integers and floats in their
// shortest round-trip form, decimals in plain notation without trailing zeros, booleans as
// true/false, timestamps in UTC as "YYYY-MM-DD HH:MM:SS[.fraction]", strings as is.
inline std::string canonical_literal(type_kind kind, std::string_view text) {
  auto trimmed = text;
  while (!trimmed.empty() && detail::is_space(trimmed.front())) trimmed.remove_prefix(1);
  while (!trimmed.empty() && detail::is_space(trimmed.back())) trimmed.remove_suffix(1);
  switch (kind) {
    case type_kind::boolean: {
      std::string lower;
      for (char c : trimmed) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "1" || lower == "true" || lower == "t" || lower == "yes" || lower == "on") return "true";
      if (lower == "0" || lower == "false" || lower == "f" || lower == "no" || lower == "off") return "false";
      return lower;
    }
    case type_kind::int8:
    case type_kind::int16:
    case type_kind::int32:
    case type_kind::int64: {
      auto digits = trimmed.size() > 1 && trimmed[0] == '+' && detail::is_digit(trimmed[1]) ? trimmed.substr(1) : trimmed;
      long long value = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec == std::errc{} && end == digits.data() + digits.size()) return fmt::format("{}", value);
      unsigned long long unsigned_value = 0;  // an unsigned 64-bit value beyond the signed range
      auto [unsigned_end, unsigned_ec] = std::from_chars(digits.data(), digits.data() + digits.size(), unsigned_value);
      if (unsigned_ec == std::errc{} && unsigned_end == digits.data() + digits.size()) return fmt::format("{}", unsigned_value);
      return std::string(trimmed);
    }
    case type_kind::float32:
    case type_kind::float64: {
      std::string copy(trimmed);
      char* end = nullptr;
      double value = std::strtod(copy.c_str(), &end);
      if (end != copy.c_str() && *end == '\0') {
        if (kind == type_kind::float32) return fmt::format("{}", static_cast<float>(value));
        return fmt::format("{}", value);
      }
      return copy;
    }
    case type_kind::decimal: return detail::canonical_decimal(trimmed);
    case type_kind::timestamp: {
      auto utc = detail::canonical_timestamp(trimmed);
      return utc ? *utc : std::string(text);
    }
    default:
      return std::string(text);
  }
}

inline bool operator==(const column_default& a, const column_default& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == column_default::source::literal) {
    auto value_kind = a.value_kind ? a.value_kind : b.value_kind;
    if (value_kind) return canonical_literal(*value_kind, a.text) == canonical_literal(*value_kind, b.text);
    return a.text == b.text;
  }
  return normalised_expression(a.text) == normalised_expression(b.text);
}

}  // namespace tempest

template <>
struct fmt::formatter<tempest::column_default> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::column_default& d, FormatContext& ctx) const {
    if (d.kind == tempest::column_default::source::literal) {
      // Quoted as SQL quotes text, so that a value holding a quote reads unambiguously.
      auto out = fmt::format_to(ctx.out(), "'");
      for (char c : d.text) out = c == '\'' ? fmt::format_to(out, "''") : fmt::format_to(out, "{}", c);
      return fmt::format_to(out, "'");
    }
    return fmt::format_to(ctx.out(), "({})", d.text);
  }
};
