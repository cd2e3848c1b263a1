#pragma once
// What SQLite's pragmas do not report, read from the CREATE TABLE and CREATE INDEX text SQLite keeps
// in sqlite_schema: the names of the primary key, unique constraints, foreign keys and checks, check
// expressions, AUTOINCREMENT, column collations, generated columns, deferrable foreign keys, STRICT
// and WITHOUT ROWID; an index's key expressions and WHERE condition. A tokenizer that knows SQLite's
// quotes and comments reads them, so that a quoted name holding a keyword, a comma, a parenthesis or
// a quote is only a name.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tempest/schema/column.hpp"
#include "tempest/schema/constraints.hpp"

namespace tempest::detail {

struct sql_token {
  enum class type { word, quoted_name, string, symbol } kind;
  std::string text;  // unquoted for names and strings
  std::size_t begin = 0;
  std::size_t end = 0;
};

inline std::vector<sql_token> tokenize_sql(std::string_view sql) {
  std::vector<sql_token> tokens;
  std::size_t i = 0;
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80; };
  while (i < sql.size()) {
    char c = sql[i];
    std::size_t begin = i;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      auto close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
    } else if (c == '"' || c == '`' || c == '[' || c == '\'') {
      char close = c == '[' ? ']' : c;
      std::string text;
      ++i;
      while (i < sql.size()) {
        if (sql[i] == close) {
          if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
            text += close;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        text += sql[i++];
      }
      tokens.push_back({c == '\'' ? sql_token::type::string : sql_token::type::quoted_name, text, begin, i});
    } else if (word_char(c)) {
      while (i < sql.size() && word_char(sql[i])) ++i;
      tokens.push_back({sql_token::type::word, std::string(sql.substr(begin, i - begin)), begin, i});
    } else {
      ++i;
      tokens.push_back({sql_token::type::symbol, std::string(1, c), begin, i});
    }
  }
  return tokens;
}

// The tokens of one statement, and the questions a parser asks of them. Positions past the end are
// neither words nor symbols, so look-ahead needs no bounds checks.
class sql_tokens {
 public:
  explicit sql_tokens(std::string_view sql) : sql_(sql), tokens_(tokenize_sql(sql)) {}

  std::size_t size() const { return tokens_.size(); }
  const std::string& text_of(std::size_t i) const {
    static const std::string none;
    return i < tokens_.size() ? tokens_[i].text : none;
  }

  // `upper` is the keyword in upper case; SQLite's keywords are ASCII and case-insensitive.
  bool word(std::size_t i, std::string_view upper) const {
    if (i >= tokens_.size() || tokens_[i].kind != sql_token::type::word || tokens_[i].text.size() != upper.size()) return false;
    for (std::size_t k = 0; k < upper.size(); ++k)
      if (std::toupper(static_cast<unsigned char>(tokens_[i].text[k])) != upper[k]) return false;
    return true;
  }
  bool symbol(std::size_t i, char c) const {
    return i < tokens_.size() && tokens_[i].kind == sql_token::type::symbol && tokens_[i].text[0] == c;
  }
  // SQLite takes a name in any of its quotes, and a string where a name must be.
  bool name(std::size_t i) const { return i < tokens_.size() && tokens_[i].kind != sql_token::type::symbol; }

  // The index of the parenthesis closing the one at `open`, or size().
  std::size_t closing(std::size_t open) const {
    int depth = 0;
    for (std::size_t i = open; i < tokens_.size(); ++i) {
      if (symbol(i, '(')) ++depth;
      else if (symbol(i, ')') && --depth == 0) return i;
    }
    return tokens_.size();
  }
  std::size_t next_symbol(std::size_t from, char c) const {
    while (from < tokens_.size() && !symbol(from, c)) ++from;
    return from;
  }

  // The SQL of tokens [first, last) as written, comments and line breaks inside kept, nothing
  // around them; without the parentheses that wrap all of it.
  std::string text(std::size_t first, std::size_t last) const {
    while (last > first + 1 && symbol(first, '(') && closing(first) == last - 1) {
      ++first;
      --last;
    }
    if (first >= last || last > tokens_.size()) return {};
    return std::string(sql_.substr(tokens_[first].begin, tokens_[last - 1].end - tokens_[first].begin));
  }

  // [first, last) cut at the commas outside parentheses.
  std::vector<std::pair<std::size_t, std::size_t>> split(std::size_t first, std::size_t last) const {
    std::vector<std::pair<std::size_t, std::size_t>> parts;
    int depth = 0;
    std::size_t start = first;
    for (std::size_t i = first; i < last; ++i) {
      if (symbol(i, '(')) ++depth;
      else if (symbol(i, ')')) --depth;
      else if (depth == 0 && symbol(i, ',')) {
        parts.emplace_back(start, i);
        start = i + 1;
      }
    }
    if (start < last) parts.emplace_back(start, last);
    return parts;
  }

 private:
  std::string_view sql_;
  std::vector<sql_token> tokens_;
};

struct sqlite_table_ddl {
  struct column_ddl {
    std::string name;
    std::string collation;  // as written after COLLATE; empty when none
    std::optional<generated_column> generated;
  };
  struct named_columns {
    std::string name;  // empty: unnamed
    std::vector<std::string> columns;
  };
  struct named_foreign_key {
    std::string name;
    std::vector<std::string> columns;
    deferrability deferrable = deferrability::not_deferrable;
  };
  struct named_check {
    std::string name;
    std::string expression;
  };
  std::vector<column_ddl> columns;
  std::optional<std::string> primary_key_name;
  std::vector<named_columns> uniques;          // UNIQUE constraints, in the order written
  std::vector<named_foreign_key> foreign_keys;  // in the order written
  std::vector<named_check> checks;
  bool autoincrement = false;
  bool strict = false;
  bool without_rowid = false;

  // SQLite compares names without regard to ASCII case.
  const column_ddl* find_column(std::string_view name) const {
    for (const auto& c : columns)
      if (c.name.size() == name.size() &&
          std::equal(c.name.begin(), c.name.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
          }))
        return &c;
    return nullptr;
  }
};

namespace sqlite_ddl {

// The names of an indexed-column list "(a COLLATE x, "b" DESC)" opening at `open`.
inline std::vector<std::string> column_names(const sql_tokens& t, std::size_t open) {
  std::vector<std::string> names;
  for (auto [first, last] : t.split(open + 1, t.closing(open))) names.push_back(t.text_of(first));
  return names;
}

// Reads the rest of a foreign-key clause after REFERENCES at `at`: the referenced table and
// columns, ON DELETE/UPDATE, MATCH and DEFERRABLE. Returns the index of its last token.
inline std::size_t references(const sql_tokens& t, std::size_t at, sqlite_table_ddl::named_foreign_key& fk) {
  std::size_t k = at + 1;  // the referenced table
  if (t.symbol(k + 1, '(')) k = t.closing(k + 1);
  for (;;) {
    if (t.word(k + 1, "ON") && (t.word(k + 2, "DELETE") || t.word(k + 2, "UPDATE"))) {
      k += 3;
      if (t.word(k, "SET") || t.word(k, "NO")) ++k;  // SET NULL, SET DEFAULT, NO ACTION
    } else if (t.word(k + 1, "MATCH")) {
      k += 2;
    } else if (t.word(k + 1, "NOT") && t.word(k + 2, "DEFERRABLE")) {
      fk.deferrable = deferrability::not_deferrable;
      k += 2;
      if (t.word(k + 1, "INITIALLY")) k += 2;
    } else if (t.word(k + 1, "DEFERRABLE")) {
      ++k;
      fk.deferrable = t.word(k + 1, "INITIALLY") && t.word(k + 2, "DEFERRED") ? deferrability::initially_deferred
                                                                                : deferrability::initially_immediate;
      if (t.word(k + 1, "INITIALLY")) k += 2;
    } else {
      return k;
    }
  }
}

// GENERATED ALWAYS AS (expression) [STORED | VIRTUAL], or its short form AS (…), at `at`.
inline std::size_t generated(const sql_tokens& t, std::size_t at, sqlite_table_ddl::column_ddl& column) {
  std::size_t open = t.next_symbol(at, '(');
  std::size_t close = t.closing(open);
  column.generated = generated_column{t.text(open + 1, close), t.word(close + 1, "STORED")};
  return t.word(close + 1, "STORED") || t.word(close + 1, "VIRTUAL") ? close + 1 : close;
}

inline void column_definition(const sql_tokens& t, std::size_t first, std::size_t last, sqlite_table_ddl& out) {
  sqlite_table_ddl::column_ddl column{t.text_of(first), {}, std::nullopt};
  std::string pending_name;  // CONSTRAINT name, for the constraint that follows
  for (std::size_t k = first + 1; k < last; ++k) {
    if (t.word(k, "CONSTRAINT")) {
      pending_name = t.text_of(++k);
      continue;
    }
    if (t.word(k, "PRIMARY")) {
      if (!pending_name.empty()) out.primary_key_name = pending_name;
    } else if (t.word(k, "AUTOINCREMENT")) {
      out.autoincrement = true;
    } else if (t.word(k, "UNIQUE")) {
      out.uniques.push_back({pending_name, {column.name}});
    } else if (t.word(k, "CHECK") && t.symbol(k + 1, '(')) {
      std::size_t close = t.closing(k + 1);
      out.checks.push_back({pending_name, t.text(k + 2, close)});
      k = close;
    } else if (t.word(k, "REFERENCES")) {
      sqlite_table_ddl::named_foreign_key fk{pending_name, {column.name}};
      k = references(t, k, fk);
      out.foreign_keys.push_back(std::move(fk));
    } else if (t.word(k, "COLLATE")) {
      column.collation = t.text_of(++k);
    } else if (t.word(k, "GENERATED") || t.word(k, "AS")) {
      k = generated(t, k, column);
    } else if (t.word(k, "DEFAULT") && t.symbol(k + 1, '(')) {
      k = t.closing(k + 1);
    } else if (t.symbol(k, '(')) {  // a type's arguments, VARCHAR(20)
      k = t.closing(k);
      continue;
    } else {
      continue;  // the type, NOT NULL, a default value, ASC/DESC, ON CONFLICT: nothing to read
    }
    pending_name.clear();
  }
  out.columns.push_back(std::move(column));
}

inline void table_constraint(const sql_tokens& t, std::size_t first, std::size_t last, sqlite_table_ddl& out) {
  std::string name;
  std::size_t k = first;
  if (t.word(k, "CONSTRAINT")) {
    name = t.text_of(k + 1);
    k += 2;
  }
  if (t.word(k, "PRIMARY")) {
    if (!name.empty()) out.primary_key_name = name;
  } else if (t.word(k, "UNIQUE") && t.symbol(k + 1, '(')) {
    out.uniques.push_back({name, column_names(t, k + 1)});
  } else if (t.word(k, "CHECK") && t.symbol(k + 1, '(')) {
    out.checks.push_back({name, t.text(k + 2, t.closing(k + 1))});
  } else if (t.word(k, "FOREIGN") && t.word(k + 1, "KEY") && t.symbol(k + 2, '(')) {
    sqlite_table_ddl::named_foreign_key fk{name, column_names(t, k + 2)};
    std::size_t at = t.closing(k + 2) + 1;
    if (at < last && t.word(at, "REFERENCES")) references(t, at, fk);
    out.foreign_keys.push_back(std::move(fk));
  }
}

inline bool starts_table_constraint(const sql_tokens& t, std::size_t i) {
  return t.word(i, "CONSTRAINT") || t.word(i, "PRIMARY") || t.word(i, "FOREIGN") || t.word(i, "CHECK") ||
         t.word(i, "UNIQUE");
}

}  // namespace sqlite_ddl

inline sqlite_table_ddl parse_sqlite_create_table(std::string_view sql) {
  sqlite_table_ddl out;
  sql_tokens t(sql);
  std::size_t body = t.next_symbol(0, '(');
  std::size_t body_end = t.closing(body);
  if (body_end >= t.size()) return out;
  for (auto [first, last] : t.split(body + 1, body_end)) {
    if (sqlite_ddl::starts_table_constraint(t, first)) sqlite_ddl::table_constraint(t, first, last, out);
    else sqlite_ddl::column_definition(t, first, last, out);
  }
  for (std::size_t k = body_end + 1; k < t.size(); ++k) {
    if (t.word(k, "STRICT")) out.strict = true;
    if (t.word(k, "WITHOUT") && t.word(k + 1, "ROWID")) out.without_rowid = true;
  }
  return out;
}

// What the pragmas do not say of an index made by CREATE INDEX.
struct sqlite_index_ddl {
  std::vector<std::string> parts;  // each key part as written, without COLLATE, ASC or DESC
  std::string predicate;           // the WHERE condition of a partial index
};

inline sqlite_index_ddl parse_sqlite_create_index(std::string_view sql) {
  sqlite_index_ddl out;
  sql_tokens t(sql);
  std::size_t on = 0;
  while (on < t.size() && !t.word(on, "ON")) ++on;
  std::size_t open = t.next_symbol(on, '(');
  std::size_t close = t.closing(open);
  if (close >= t.size()) return out;
  for (auto [first, last] : t.split(open + 1, close)) {
    if (last > first + 1 && (t.word(last - 1, "ASC") || t.word(last - 1, "DESC"))) --last;
    int depth = 0;
    for (std::size_t k = first; k < last; ++k) {
      if (t.symbol(k, '(')) ++depth;
      else if (t.symbol(k, ')')) --depth;
      else if (depth == 0 && k > first && t.word(k, "COLLATE")) {
        last = k;
        break;
      }
    }
    out.parts.push_back(t.text(first, last));
  }
  if (t.word(close + 1, "WHERE")) out.predicate = t.text(close + 2, t.size());
  return out;
}

}  // namespace tempest::detail
