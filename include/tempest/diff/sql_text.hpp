#pragma once
// The comparable form of SQL text the databases print in their own words: check conditions, index
// expressions and predicates, generation expressions.
//
// Databases reprint what they are given. PostgreSQL writes `s IN ('a','b')` on a varchar as
// `s::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[])` and `n > 0` on a
// numeric as `n > 0::numeric`; MariaDB writes `` `s` in ('a','b\'c') ``; SQLite keeps the text as
// written. Comparing the text as it stands would see a change on every run (Alembic #1390,
// Prisma's "endless migrations"). So both sides are reduced to tokens:
//   - identifiers without their quotes ("x", `x`); bare words in lower case (SQL folds them);
//   - string literals decoded and written one way ('' for a quote), whatever the escaping;
//   - casts (`::type`, `::type[]`) left out: they are how the database spells what the types imply,
//     and a number quoted for its cast ('-5'::integer) read as the number, as is a signed -5;
//   - `x = ANY (ARRAY[…])` as `x IN (…)`, and the items of an IN list of literals sorted;
//   - parentheses around a single token, and around the whole text, left out.
// What remains is compared as a sequence of tokens. Leaving casts out can hide a change from one
// cast to another; that is the price of never seeing a difference that is not one.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "tempest/dialect/dialect.hpp"

namespace tempest {
namespace detail::comparable {

struct sql_token {
  enum class kind : unsigned char { word, identifier, string, number, symbol };
  kind type;
  std::string text;
  friend bool operator==(const sql_token&, const sql_token&) = default;
};

inline bool word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
inline bool word_char(char c) { return word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }

// Splits `text` into tokens. `backslashes`: a backslash escapes the next character in a string
// (MySQL without NO_BACKSLASH_ESCAPES, which is how MariaDB prints its catalogs).
inline std::vector<sql_token> sql_tokens(std::string_view text, bool backslashes) {
  std::vector<sql_token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < text.size() && text[i + 1] == '\'')) {
      bool escapes = backslashes || c != '\'';
      if (c != '\'') ++i;
      std::string value;
      ++i;
      while (i < text.size()) {
        if (escapes && text[i] == '\\' && i + 1 < text.size()) {
          char e = text[i + 1];
          value += e == 'n' ? '\n' : e == 't' ? '\t' : e == '0' ? '\0' : e;
          i += 2;
        } else if (text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          value += '\'';
          i += 2;
        } else if (text[i] == '\'') {
          ++i;
          break;
        } else {
          value += text[i++];
        }
      }
      out.push_back({sql_token::kind::string, std::move(value)});
    } else if (c == '"' || c == '`') {
      std::string name;
      ++i;
      while (i < text.size()) {
        if (text[i] == c && i + 1 < text.size() && text[i + 1] == c) {
          name += c;
          i += 2;
        } else if (text[i] == c) {
          ++i;
          break;
        } else {
          name += text[i++];
        }
      }
      out.push_back({sql_token::kind::identifier, std::move(name)});
    } else if (word_start(c)) {
      std::size_t end = i;
      while (end < text.size() && word_char(text[end])) ++end;
      std::string word(text.substr(i, end - i));
      for (auto& ch : word)
        if (!(ch & 0x80)) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out.push_back({sql_token::kind::word, std::move(word)});
      i = end;
    } else if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      std::size_t end = i;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
      out.push_back({sql_token::kind::number, std::string(text.substr(i, end - i))});
      i = end;
    } else {
      // Two-character operators stay one token; everything else is one character.
      static constexpr std::string_view pairs[] = {"::", "<=", ">=", "<>", "!=", "||"};
      std::string symbol(1, c);
      for (auto p : pairs)
        if (text.substr(i, 2) == p) symbol = std::string(p);
      out.push_back({sql_token::kind::symbol, symbol});
      i += symbol.size();
    }
  }
  return out;
}

inline bool is_symbol(const sql_token& t, std::string_view s) { return t.type == sql_token::kind::symbol && t.text == s; }
inline bool is_word(const sql_token& t, std::string_view w) { return t.type == sql_token::kind::word && t.text == w; }

// Whether `text` is a number in plain notation, signed or not: "-5", "2.25".
inline bool plain_number(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  const auto point = text.find('.');
  auto digits = [](std::string_view part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  return point == std::string_view::npos ? digits(text) : digits(text.substr(0, point)) && digits(text.substr(point + 1));
}

// The first word of a numeric type's name, as PostgreSQL prints it in a cast.
inline bool numeric_type_word(const sql_token& t) {
  static constexpr std::string_view words[] = {"smallint", "integer", "bigint", "numeric", "real", "double"};
  return t.type == sql_token::kind::word && std::find(std::begin(words), std::end(words), t.text) != std::end(words);
}

// Leaves out every `::type`, `::type(n)` and `::type[]`, the type being one or more words. A
// number quoted for its cast is a number: PostgreSQL prints `n >= -5` as `n >= '-5'::integer`.
inline std::vector<sql_token> without_casts(const std::vector<sql_token>& in) {
  std::vector<sql_token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!is_symbol(in[i], "::")) {
      out.push_back(in[i]);
      continue;
    }
    if (!out.empty() && out.back().type == sql_token::kind::string && plain_number(out.back().text) &&
        i + 1 < in.size() && numeric_type_word(in[i + 1]))
      out.back().type = sql_token::kind::number;
    std::size_t j = i + 1;
    while (j < in.size() && (in[j].type == sql_token::kind::word || in[j].type == sql_token::kind::identifier)) ++j;
    if (j < in.size() && is_symbol(in[j], "(")) {
      while (j < in.size() && !is_symbol(in[j], ")")) ++j;
      ++j;
    }
    while (j + 1 < in.size() && is_symbol(in[j], "[") && is_symbol(in[j + 1], "]")) j += 2;
    i = j - 1;
  }
  return out;
}

// A minus sign that starts an operand belongs to the number after it: `- 5` and `'-5'::integer`
// both read as the number -5.
inline std::vector<sql_token> signed_numbers(const std::vector<sql_token>& in) {
  std::vector<sql_token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const bool operand_start = out.empty() || (out.back().type == sql_token::kind::symbol && !is_symbol(out.back(), ")") &&
                                               !is_symbol(out.back(), "]"));
    if (operand_start && is_symbol(in[i], "-") && i + 1 < in.size() && in[i + 1].type == sql_token::kind::number) {
      out.push_back({sql_token::kind::number, "-" + in[++i].text});
      continue;
    }
    out.push_back(in[i]);
  }
  return out;
}

// The index of the token that closes the bracket opened at `open` (same kind of bracket).
inline std::size_t closing(const std::vector<sql_token>& t, std::size_t open) {
  const std::string_view opener = t[open].text, closer = opener == "(" ? ")" : "]";
  int depth = 0;
  for (std::size_t i = open; i < t.size(); ++i) {
    if (is_symbol(t[i], opener)) ++depth;
    else if (is_symbol(t[i], closer) && --depth == 0) return i;
  }
  return t.size();
}

// `= ANY ( ARRAY [ items ] )` → `IN ( items )`.
inline std::vector<sql_token> any_array_as_in(const std::vector<sql_token>& in) {
  std::vector<sql_token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (i + 4 < in.size() && is_symbol(in[i], "=") && is_word(in[i + 1], "any") && is_symbol(in[i + 2], "(") &&
        is_word(in[i + 3], "array") && is_symbol(in[i + 4], "[")) {
      std::size_t end_items = closing(in, i + 4), end_any = closing(in, i + 2);
      if (end_items < in.size() && end_any == end_items + 1) {
        out.push_back({sql_token::kind::word, "in"});
        out.push_back({sql_token::kind::symbol, "("});
        out.insert(out.end(), in.begin() + static_cast<std::ptrdiff_t>(i + 5), in.begin() + static_cast<std::ptrdiff_t>(end_items));
        out.push_back({sql_token::kind::symbol, ")"});
        i = end_any;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

// Parentheses around one token, and around the whole text, say nothing.
inline std::vector<sql_token> without_idle_parentheses(std::vector<sql_token> t) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i + 2 < t.size(); ++i)
      if (is_symbol(t[i], "(") && is_symbol(t[i + 2], ")") && t[i + 1].type != sql_token::kind::symbol &&
          !(i > 0 && (t[i - 1].type == sql_token::kind::word || t[i - 1].type == sql_token::kind::identifier))) {
        t.erase(t.begin() + static_cast<std::ptrdiff_t>(i + 2));
        t.erase(t.begin() + static_cast<std::ptrdiff_t>(i));
        changed = true;
      }
    if (t.size() >= 2 && is_symbol(t.front(), "(") && closing(t, 0) == t.size() - 1) {
      t.pop_back();
      t.erase(t.begin());
      changed = true;
    }
  }
  return t;
}

// The items of `IN ( literal, … )` in one order.
inline void sort_in_lists(std::vector<sql_token>& t) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (!is_word(t[i], "in") || !is_symbol(t[i + 1], "(")) continue;
    std::size_t end = closing(t, i + 1);
    std::vector<sql_token> items;
    bool literals = true;
    for (std::size_t j = i + 2; j < end; ++j) {
      if ((j - i) % 2 == 0) {
        literals = literals && (t[j].type == sql_token::kind::string || t[j].type == sql_token::kind::number);
        items.push_back(t[j]);
      } else {
        literals = literals && is_symbol(t[j], ",");
      }
    }
    if (!literals || end >= t.size()) continue;
    std::sort(items.begin(), items.end(), [](const sql_token& a, const sql_token& b) {
      return std::tie(a.type, a.text) < std::tie(b.type, b.text);
    });
    for (std::size_t k = 0; k < items.size(); ++k) t[i + 2 + 2 * k] = items[k];
  }
}

}  // namespace detail::comparable

namespace detail::comparable {

inline std::string joined(std::vector<sql_token> tokens) {
  tokens = without_idle_parentheses(any_array_as_in(signed_numbers(without_casts(tokens))));
  sort_in_lists(tokens);
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    switch (t.type) {
      case sql_token::kind::string: {
        out += '\'';
        for (char c : t.text) out += c == '\'' ? std::string("''") : std::string(1, c);
        out += '\'';
        break;
      }
      case sql_token::kind::identifier: {
        // A quoted name that SQL would fold to itself reads like the bare word.
        bool plain = !t.text.empty() && word_start(t.text[0]) && std::all_of(t.text.begin(), t.text.end(), [](char c) {
          return word_char(c) && !std::isupper(static_cast<unsigned char>(c));
        });
        out += plain ? t.text : "\"" + t.text + "\"";
        break;
      }
      default: out += t.text;
    }
  }
  return out;
}

}  // namespace detail::comparable

// The comparable form of a piece of SQL printed by (or written for) a database of `kind`.
inline std::string comparable_sql(std::string_view text, dialect_kind kind) {
  return detail::comparable::joined(detail::comparable::sql_tokens(text, kind == dialect_kind::mysql));
}

// The comparable form of a check's condition; a check the models generate for an enum column
// (column + allowed values) reads as the `IN` list the database prints for it.
inline std::string comparable_condition(const check_def& check, dialect_kind kind) {
  if (check.allowed_values.empty()) return comparable_sql(check.expression, kind);
  using detail::comparable::sql_token;
  std::vector<sql_token> tokens{{sql_token::kind::identifier, check.column}, {sql_token::kind::word, "in"},
                                {sql_token::kind::symbol, "("}};
  for (std::size_t i = 0; i < check.allowed_values.size(); ++i) {
    if (i) tokens.push_back({sql_token::kind::symbol, ","});
    tokens.push_back({sql_token::kind::string, check.allowed_values[i]});
  }
  tokens.push_back({sql_token::kind::symbol, ")"});
  return detail::comparable::joined(std::move(tokens));
}

}  // namespace tempest
