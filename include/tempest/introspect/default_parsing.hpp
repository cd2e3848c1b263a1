#pragma once
// Reading a column default as a database reports it back into the canonical column_default:
// 'x'::character varying, ('x'), 'x', X'78' and x all become the literal x; anything else is an
// expression.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "tempest/schema/default_value.hpp"

namespace tempest::detail {

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

inline bool looks_numeric(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  bool digit = false;
  bool dot = false;
  bool exponent = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    else if (c == '.' && !dot && !exponent) dot = true;
    else if ((c == 'e' || c == 'E') && digit && !exponent) {
      exponent = true;
      if (i + 1 < text.size() && (text[i + 1] == '-' || text[i + 1] == '+')) ++i;
    } else return false;
  }
  return digit;
}

// Reads a quoted literal at the start of `text`; returns its content and the text after it.
inline std::optional<std::pair<std::string, std::string_view>> read_quoted(std::string_view text,
                                                                           bool backslash_escapes) {
  if (text.empty() || text.front() != '\'') return std::nullopt;
  std::string content;
  for (std::size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (backslash_escapes && c == '\\' && i + 1 < text.size()) {
      char next = text[++i];
      switch (next) {
        case 'n': content += '\n'; break;
        case 't': content += '\t'; break;
        case 'r': content += '\r'; break;
        case '0': content += '\0'; break;
        case 'b': content += '\b'; break;
        case 'Z': content += '\x1a'; break;
        default: content += next;
      }
    } else if (c == '\'') {
      if (i + 1 < text.size() && text[i + 1] == '\'') {
        content += '\'';
        ++i;
      } else {
        return std::pair{content, text.substr(i + 1)};
      }
    } else {
      content += c;
    }
  }
  return std::nullopt;
}

// The bytes that hex digits spell ("615C62" → "a\\b"); no value when they are not hex digits in pairs.
inline std::optional<std::string> unhex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int high = digit(hex[i]);
    int low = digit(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

// A hexadecimal string literal, X'615C62', as MariaDB reports the default of a TEXT column given
// as one.
inline std::optional<std::string> read_hex_literal(std::string_view text) {
  if (text.size() < 3 || (text[0] != 'x' && text[0] != 'X') || text[1] != '\'' || text.back() != '\'')
    return std::nullopt;
  return unhex(text.substr(2, text.size() - 3));
}

inline std::optional<column_default> parse_default(std::string_view reported, type_kind kind,
                                                   bool backslash_escapes = false) {
  auto text = trim(reported);
  while (wrapped_in_parens(text)) text = trim(text.substr(1, text.size() - 2));
  if (text.empty() || iequals(text, "null") || (text.size() > 6 && iequals(text.substr(0, 6), "null::")))
    return std::nullopt;
  if (auto quoted = read_quoted(text, backslash_escapes)) {
    auto rest = trim(quoted->second);
    if (rest.empty() || rest.starts_with("::")) return column_default::literal(canonical_literal(kind, quoted->first));
  }
  if (auto bytes = read_hex_literal(text)) return column_default::literal(canonical_literal(kind, *bytes));
  if (looks_numeric(text)) return column_default::literal(canonical_literal(kind, text));
  if (kind == type_kind::boolean && (iequals(text, "true") || iequals(text, "false")))
    return column_default::literal(canonical_literal(kind, text));
  return column_default::expression(std::string(text));
}

}  // namespace tempest::detail
