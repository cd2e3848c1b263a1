#pragma once
// Expressions (checks, index expressions, partial-index predicates) in the form PostgreSQL's
// pretty deparser prints them, so that a model written from `\d` output or from pg_dump output
// compares equal to what introspection reads.
//
// Two differences between the forms are removed: parentheses around the whole text, which
// pg_get_constraintdef and pg_dump add (`(credit >= 0)`), and parentheses around a bare column
// before a cast, which the non-pretty deparser adds (`lower((email)::text)`). Neither changes what
// the expression means. Anything else is compared as written: write it as `\d` shows it.

#include <cctype>
#include <string>
#include <string_view>

#include "tempest/dialect/postgresql_tokens.hpp"

namespace tempest::postgresql_expressions {

namespace detail {

// The index one past the quoted text ('…', E'…' or "…") that starts at text[at].
inline std::size_t quoted_end(std::string_view text, std::size_t at) {
  bool escapes = text[at] == '\'' && at > 0 && (text[at - 1] == 'E' || text[at - 1] == 'e');
  return postgresql_tokens::quoted_end(text, at, escapes);
}

// The index of the parenthesis that closes the one at text[open], or npos.
inline std::size_t closing_parenthesis(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size();) {
    char c = text[i];
    if (c == '\'' || c == '"') {
      i = quoted_end(text, i);
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return i;
    ++i;
  }
  return std::string_view::npos;
}

using postgresql_tokens::identifier_char;
using postgresql_tokens::identifier_start;

// The length of the column name (plain or double-quoted) at the start of text, or 0.
inline std::size_t column_name_length(std::string_view text) {
  if (text.empty()) return 0;
  if (text[0] == '"') return quoted_end(text, 0);
  if (!identifier_start(text[0])) return 0;
  std::size_t n = 1;
  while (n < text.size() && identifier_char(text[n])) ++n;
  return n;
}

inline std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace detail

inline std::string pretty_form(std::string_view text) {
  text = detail::trimmed(text);
  while (!text.empty() && text.front() == '(' && detail::closing_parenthesis(text, 0) == text.size() - 1)
    text = detail::trimmed(text.substr(1, text.size() - 2));

  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\'' || c == '"') {
      auto end = detail::quoted_end(text, i);
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    // (column)::type → column::type, unless the parenthesis follows a name (a function call).
    if (c == '(' && (out.empty() || !detail::identifier_char(out.back()))) {
      auto name = detail::column_name_length(text.substr(i + 1));
      if (name > 0 && i + 1 + name + 2 < text.size() && text[i + 1 + name] == ')' &&
          text.substr(i + 2 + name, 2) == "::") {
        out.append(text.substr(i + 1, name));
        i += name + 2;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace tempest::postgresql_expressions
