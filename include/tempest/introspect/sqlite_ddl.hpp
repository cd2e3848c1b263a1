#pragma once
// What SQLite's pragmas do not report, read from the CREATE TABLE text SQLite keeps in
// sqlite_schema: the names of the primary key, foreign keys and checks, check expressions, and
// AUTOINCREMENT.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tempest::detail {

struct sql_token {
  enum class type { word, quoted_name, string, symbol } kind;
  std::string text;  // unquoted for names
  std::size_t begin = 0;
  std::size_t end = 0;
};

inline std::vector<sql_token> tokenize_sql(std::string_view sql) {
  std::vector<sql_token> tokens;
  std::size_t i = 0;
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
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$' ||
                                static_cast<unsigned char>(sql[i]) >= 0x80))
        ++i;
      tokens.push_back({sql_token::type::word, std::string(sql.substr(begin, i - begin)), begin, i});
    } else {
      ++i;
      tokens.push_back({sql_token::type::symbol, std::string(1, c), begin, i});
    }
  }
  return tokens;
}

struct sqlite_table_ddl {
  struct named_foreign_key {
    std::string name;
    std::vector<std::string> columns;
  };
  struct named_check {
    std::string name;
    std::string expression;
  };
  std::optional<std::string> primary_key_name;
  std::vector<named_foreign_key> foreign_keys;
  std::vector<named_check> checks;
  bool autoincrement = false;
};

inline sqlite_table_ddl parse_sqlite_create_table(std::string_view sql) {
  sqlite_table_ddl out;
  auto tokens = tokenize_sql(sql);
  auto is_word = [&](std::size_t i, std::string_view word) {
    if (i >= tokens.size() || tokens[i].kind != sql_token::type::word || tokens[i].text.size() != word.size())
      return false;
    for (std::size_t k = 0; k < word.size(); ++k)
      if (std::toupper(static_cast<unsigned char>(tokens[i].text[k])) != word[k]) return false;
    return true;
  };
  auto is_symbol = [&](std::size_t i, char symbol) {
    return i < tokens.size() && tokens[i].kind == sql_token::type::symbol && tokens[i].text[0] == symbol;
  };
  // Index of the parenthesis closing the one at `open`.
  auto closing = [&](std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < tokens.size(); ++i) {
      if (is_symbol(i, '(')) ++depth;
      else if (is_symbol(i, ')') && --depth == 0) return i;
    }
    return tokens.size();
  };
  auto names_in = [&](std::size_t open) {
    std::vector<std::string> names;
    for (std::size_t i = open + 1, close = closing(open); i < close; ++i)
      if (tokens[i].kind == sql_token::type::word || tokens[i].kind == sql_token::type::quoted_name)
        names.push_back(tokens[i].text);
    return names;
  };

  std::size_t body = 0;
  while (body < tokens.size() && !is_symbol(body, '(')) ++body;
  std::size_t body_end = closing(body);

  // Split the body into definitions at top-level commas.
  std::size_t start = body + 1;
  int depth = 0;
  for (std::size_t i = body + 1; i <= body_end && i < tokens.size() + 1; ++i) {
    bool at_end = i == body_end;
    if (!at_end) {
      if (is_symbol(i, '(')) ++depth;
      if (is_symbol(i, ')')) --depth;
      if (!(depth == 0 && is_symbol(i, ','))) continue;
    }
    std::size_t def_begin = start;
    std::size_t def_end = i;
    start = i + 1;
    if (def_begin >= def_end) continue;
    bool table_constraint = is_word(def_begin, "CONSTRAINT") || is_word(def_begin, "PRIMARY") ||
                            is_word(def_begin, "FOREIGN") || is_word(def_begin, "CHECK") ||
                            is_word(def_begin, "UNIQUE");
    std::string column_name = table_constraint ? std::string() : tokens[def_begin].text;
    std::string pending_name;
    for (std::size_t k = def_begin; k < def_end; ++k) {
      if (is_word(k, "CONSTRAINT") && k + 1 < def_end) {
        pending_name = tokens[++k].text;
        continue;
      }
      if (is_word(k, "AUTOINCREMENT")) out.autoincrement = true;
      if (is_word(k, "PRIMARY")) {
        if (!pending_name.empty()) out.primary_key_name = pending_name;
        pending_name.clear();
      } else if (is_word(k, "FOREIGN") && is_word(k + 1, "KEY") && is_symbol(k + 2, '(')) {
        out.foreign_keys.push_back({pending_name, names_in(k + 2)});
        pending_name.clear();
        k = closing(k + 2);
      } else if (is_word(k, "REFERENCES") && !table_constraint) {
        out.foreign_keys.push_back({pending_name, {column_name}});
        pending_name.clear();
      } else if (is_word(k, "CHECK") && is_symbol(k + 1, '(')) {
        std::size_t close = closing(k + 1);
        std::string expression;
        if (close < tokens.size())
          expression = std::string(sql.substr(tokens[k + 1].end, tokens[close].begin - tokens[k + 1].end));
        out.checks.push_back({pending_name, expression});
        pending_name.clear();
        k = close;
      } else if (is_word(k, "UNIQUE") || is_word(k, "NOT") || is_word(k, "DEFAULT") || is_word(k, "COLLATE")) {
        pending_name.clear();
      }
    }
  }
  return out;
}

}  // namespace tempest::detail
