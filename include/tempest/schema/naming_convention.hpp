#pragma once
// Naming conventions: how the constraints and indexes a model does not name exactly get their names.
//
//   naming::standard     tempest's own (the default): pk_<t>, fk_<t>_<cols>_<ref>, uq_<t>_<cols>,
//                        ix_<t>_<cols>, ck_<t>_<label>; longer than 63 bytes: a prefix and a hash.
//   naming::postgresql   the names PostgreSQL gives: <t>_pkey, <t>_<cols>_fkey, <t>_<cols>_key,
//                        <t>_<cols>_idx, <t>_<label>_check, truncated to 63 bytes as PostgreSQL does
//                        and numbered (key1, check1…) where two would be equal within a table.
//   naming::mysql        MySQL 8: PRIMARY, <t>_ibfk_<n>, unique and index named after their first
//                        column (<col>_2, <col>_3… when taken), checks <t>_chk_<n>.
//   naming::mariadb      as mysql, but a check is named after its column when it has one (a column
//                        check), CONSTRAINT_<n> otherwise.
//   naming::sqlite       no names: primary key, foreign keys, checks and plain unique constraints are
//                        unnamed (SQLite keeps none); an index still needs one: ix_<t>_<cols>.
//   naming::convention{.foreign_key = "{table}_{columns}_fk", …}
//                        patterns of the user's own with the tokens {table}, {columns} (joined by _),
//                        {column} (the first), {referred_table} and {label}; an empty pattern leaves
//                        that kind unnamed. Or .callback = a function of the naming::request.
//
// A column of an expression key part is named by the expression's function (lower(email) → lower), or
// by the column it is (as PostgreSQL does), else "expr".

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tempest/schema/default_value.hpp"
#include "tempest/schema/naming.hpp"
#include "tempest/schema/table.hpp"

namespace tempest::naming {

enum class object : std::uint8_t { primary_key, foreign_key, unique, index, check };

// What a generated name is made of.
struct request {
  object kind = object::index;
  std::string table;
  std::vector<std::string> columns;  // key columns in order; an expression part holds its SQL
  std::vector<bool> expression;      // empty, or one per column: whether it is an expression
  std::string referenced_table;
  std::string label;  // a check's label (the column of a column check)
  bool inline_unique = true;  // a unique of plain columns with no predicate: SQLite can leave it unnamed

  bool is_expression(std::size_t i) const { return i < expression.size() && expression[i]; }
};

enum class style : std::uint8_t { patterns, postgresql, mysql, mariadb, sqlite };

struct convention {
  style by = style::patterns;
  // style::patterns: one pattern per kind; empty leaves that kind unnamed.
  std::string_view primary_key = "pk_{table}";
  std::string_view foreign_key = "fk_{table}_{columns}_{referred_table}";
  std::string_view unique = "uq_{table}_{columns}";
  std::string_view index = "ix_{table}_{columns}";
  std::string_view check = "ck_{table}_{label}";
  // When set, names everything instead of the patterns; an empty name leaves the object unnamed.
  std::string (*callback)(const request&) = nullptr;
};

inline constexpr convention standard{};
inline constexpr convention postgresql{.by = style::postgresql};
inline constexpr convention mysql{.by = style::mysql};
inline constexpr convention mariadb{.by = style::mariadb};
inline constexpr convention sqlite{.by = style::sqlite};

// PostgreSQL's makeObjectName: "name1_name2_label" in at most 63 bytes, cutting the longer of the two
// names first and never the label or a UTF-8 character.
inline std::string postgresql_object_name(std::string_view name1, std::optional<std::string_view> name2,
                                          std::string_view label) {
  constexpr std::size_t limit = max_identifier_bytes;
  std::size_t overhead = (name2 ? 1 : 0) + (label.empty() ? 0 : label.size() + 1);
  std::size_t available = limit > overhead ? limit - overhead : 0;
  std::size_t chars1 = name1.size();
  std::size_t chars2 = name2 ? name2->size() : 0;
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) --chars1;
    else --chars2;
  }
  auto clip = [](std::string_view text, std::size_t n) {
    while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return text.substr(0, n);
  };
  std::string out(clip(name1, chars1));
  if (name2) out += "_" + std::string(clip(*name2, chars2));
  if (!label.empty()) out += "_" + std::string(label);
  return out;
}

// ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition: the names joined by _, stopping
// once the text is longer than any name can be.
inline std::string postgresql_column_part(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += '_';
    out += name.substr(0, max_identifier_bytes);
    if (out.size() > max_identifier_bytes) break;
  }
  return out;
}

namespace detail {

constexpr bool is_token(std::string_view token) {
  return token == "table" || token == "columns" || token == "column" || token == "referred_table" || token == "label";
}

constexpr bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace detail

// Whether every {…} of a pattern is a known token and every brace is closed.
constexpr bool valid_pattern(std::string_view pattern) {
  for (std::size_t at = 0; at < pattern.size(); ++at) {
    if (pattern[at] == '}') return false;
    if (pattern[at] != '{') continue;
    auto end = pattern.find('}', at);
    if (end == std::string_view::npos || !detail::is_token(pattern.substr(at + 1, end - at - 1))) return false;
    at = end;
  }
  return true;
}

constexpr bool valid(const convention& c) {
  return valid_pattern(c.primary_key) && valid_pattern(c.foreign_key) && valid_pattern(c.unique) &&
         valid_pattern(c.index) && valid_pattern(c.check);
}

// The name PostgreSQL gives an expression key part (FigureIndexColname): a function call is named by
// its function, a column by itself, a cast of either by what it casts; anything else is "expr".
inline std::string expression_token(std::string_view sql) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
    return s;
  };
  sql = trim(sql);
  while (tempest::detail::wrapped_in_parens(sql)) sql = trim(sql.substr(1, sql.size() - 2));
  // A leading, possibly qualified, identifier; unquoted ones fold to lower case.
  std::string last;
  std::size_t at = 0;
  while (at < sql.size()) {
    std::string part;
    if (sql[at] == '"') {
      auto end = at + 1;
      for (; end < sql.size(); ++end) {
        if (sql[end] != '"') part += sql[end];
        else if (end + 1 < sql.size() && sql[end + 1] == '"') part += sql[++end];
        else break;
      }
      if (end >= sql.size()) return "expr";
      at = end + 1;
    } else {
      auto start = at;
      while (at < sql.size() && detail::is_identifier_char(sql[at])) part += detail::lower(sql[at++]);
      if (at == start || (sql[start] >= '0' && sql[start] <= '9')) return "expr";
    }
    last = std::move(part);
    if (at < sql.size() && sql[at] == '.') {
      ++at;
      continue;
    }
    break;
  }
  auto rest = trim(sql.substr(at));
  if (rest.empty() || rest.starts_with("::")) return last;
  if (rest.front() == '(') {
    auto close = rest.find(')');
    return close == std::string_view::npos ? "expr" : last;
  }
  return "expr";
}

// ChooseIndexColumnNames: each key part's name (column, expression token), a repeated one numbered.
inline std::vector<std::string> postgresql_index_column_names(const request& r) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < r.columns.size(); ++i) {
    std::string original = r.is_expression(i) ? expression_token(r.columns[i]) : r.columns[i];
    std::string name = original;
    for (int n = 1; std::find(out.begin(), out.end(), name) != out.end(); ++n) {
      auto digits = std::to_string(n);
      std::size_t keep = std::min(original.size(), max_identifier_bytes - digits.size());
      while (keep > 0 && keep < original.size() && (static_cast<unsigned char>(original[keep]) & 0xC0) == 0x80) --keep;
      name = original.substr(0, keep) + digits;
    }
    out.push_back(std::move(name));
  }
  return out;
}

// A pattern with its tokens replaced.
inline std::string expand(std::string_view pattern, const request& r) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < r.columns.size(); ++i)
    tokens.push_back(r.is_expression(i) ? expression_token(r.columns[i]) : r.columns[i]);
  std::string out;
  for (std::size_t at = 0; at < pattern.size(); ++at) {
    if (pattern[at] != '{') {
      out += pattern[at];
      continue;
    }
    auto end = pattern.find('}', at);
    auto token = pattern.substr(at + 1, end - at - 1);
    if (token == "table") out += r.table;
    else if (token == "columns") out += ::tempest::naming::detail::joined(tokens);
    else if (token == "column") out += tokens.empty() ? std::string() : tokens.front();
    else if (token == "referred_table") out += r.referenced_table;
    else if (token == "label") out += r.label;
    at = end;
  }
  return out;
}

// A name a table already has, given exactly, with the kind of object that has it.
struct taken_name {
  object kind;
  std::string name;
};

namespace detail {

// The names a new object of `kind` must not take, as the database sees it: PostgreSQL keeps indexes
// (primary keys and unique constraints are indexes too) among relations and every constraint among
// constraints; MySQL keeps index names apart from foreign key and check names.
inline bool clashes(style by, object kind, object other) {
  auto is_index = [](object k) { return k == object::primary_key || k == object::unique || k == object::index; };
  auto is_constraint = [](object k) { return k != object::index; };
  if (by == style::mysql || by == style::mariadb) return is_index(kind) ? is_index(other) : kind == other;
  if (kind == object::primary_key || kind == object::unique) return true;
  return kind == object::index ? is_index(other) : is_constraint(other);
}

}  // namespace detail

// The names of one table's constraints: `requests` in declaration order (primary key, unique
// constraints and indexes, foreign keys, checks), avoiding the names `taken` exactly. An empty result
// leaves that object unnamed.
inline std::vector<std::string> names(const convention& c, const std::vector<request>& requests,
                                      std::vector<taken_name> taken = {}) {
  std::vector<std::string> out;
  out.reserve(requests.size());
  int foreign_keys = 0;
  int checks = 0;
  int table_checks = 0;
  auto lowered = [](std::string_view s) {
    std::string low;
    for (char ch : s) low += detail::lower(ch);
    return low;
  };
  // MySQL compares index names without case.
  bool ignore_case = c.by == style::mysql || c.by == style::mariadb;
  auto is_taken = [&](object kind, const std::string& name) {
    return std::any_of(taken.begin(), taken.end(), [&](const taken_name& t) {
      return detail::clashes(c.by, kind, t.kind) && (ignore_case ? lowered(t.name) == lowered(name) : t.name == name);
    });
  };

  for (const auto& r : requests) {
    std::string name;
    if (c.callback) {
      name = c.callback(r);
    } else {
      switch (c.by) {
        case style::patterns: {
          std::string_view pattern = r.kind == object::primary_key ? c.primary_key
                                     : r.kind == object::foreign_key ? c.foreign_key
                                     : r.kind == object::unique      ? c.unique
                                     : r.kind == object::index       ? c.index
                                                                     : c.check;
          if (!pattern.empty()) name = fit(expand(pattern, r));
          break;
        }
        case style::postgresql: {
          std::string addition;
          std::optional<std::string_view> name2;
          std::string_view label;
          switch (r.kind) {
            case object::primary_key: label = "pkey"; break;
            case object::foreign_key:
              addition = postgresql_column_part(r.columns);
              name2 = addition;
              label = "fkey";
              break;
            case object::unique:
            case object::index:
              addition = postgresql_column_part(postgresql_index_column_names(r));
              name2 = addition;
              label = r.kind == object::unique ? "key" : "idx";
              break;
            case object::check:
              addition = r.label;
              if (!addition.empty()) name2 = addition;
              label = "check";
              break;
          }
          name = postgresql_object_name(r.table, name2, label);
          for (int n = 1; is_taken(r.kind, name); ++n)
            name = postgresql_object_name(r.table, name2, fmt::format("{}{}", label, n));
          break;
        }
        case style::mysql:
        case style::mariadb: {
          switch (r.kind) {
            case object::primary_key: name = "PRIMARY"; break;
            case object::foreign_key: name = fmt::format("{}_ibfk_{}", r.table, ++foreign_keys); break;
            case object::unique:
            case object::index: {
              std::string base = r.columns.empty() ? "key" : r.is_expression(0) ? "functional_index" : r.columns.front();
              name = base;
              for (int n = 2; is_taken(r.kind, name) || lowered(name) == "primary"; ++n) name = fmt::format("{}_{}", base, n);
              break;
            }
            case object::check:
              ++checks;
              if (c.by == style::mysql) name = fmt::format("{}_chk_{}", r.table, checks);
              else if (!r.columns.empty()) name = r.columns.front();
              else name = fmt::format("CONSTRAINT_{}", ++table_checks);
              break;
          }
          break;
        }
        case style::sqlite:
          if (r.kind == object::index) name = fit(expand(standard.index, r));
          else if (r.kind == object::unique && !r.inline_unique) name = fit(expand(standard.unique, r));
          break;
      }
    }
    if (!name.empty()) taken.push_back({r.kind, name});
    out.push_back(std::move(name));
  }
  return out;
}

// The columns of `t` that an SQL expression names (outside string literals), each once, in order.
inline std::vector<std::string> columns_named(std::string_view sql, const table& t) {
  std::vector<std::string> found;
  auto note = [&](const std::string& word, bool quoted) {
    for (const auto& c : t.columns) {
      bool same = quoted ? c.name == word : c.name == word || c.name == [&] {
        std::string low;
        for (char ch : word) low += detail::lower(ch);
        return low;
      }();
      if (same && std::find(found.begin(), found.end(), c.name) == found.end()) found.push_back(c.name);
    }
  };
  for (std::size_t at = 0; at < sql.size();) {
    char ch = sql[at];
    if (ch == '\'') {
      for (++at; at < sql.size(); ++at)
        if (sql[at] == '\'' && !(at + 1 < sql.size() && sql[at + 1] == '\'' && ++at)) break;
      ++at;
    } else if (ch == '"' || ch == '`') {
      std::string word;
      for (++at; at < sql.size() && sql[at] != ch; ++at) word += sql[at];
      note(word, true);
      ++at;
    } else if (detail::is_identifier_char(ch) && !(ch >= '0' && ch <= '9')) {
      std::string word;
      while (at < sql.size() && detail::is_identifier_char(sql[at])) word += sql[at++];
      note(word, false);
    } else {
      ++at;
    }
  }
  return found;
}

// Names the unnamed constraints of `t` as a database names what tempest renders for it: every
// constraint in table-level form, in the order of the IR (primary key, indexes, foreign keys,
// checks). For a dialect's stored_form(): naming::postgresql gives a check the name of the one column
// its expression names (PostgreSQL's rule), naming::mysql and naming::mariadb number them. An unnamed
// index a database cannot hold stays unnamed.
inline void name_unnamed(const convention& c, table& t) {
  std::vector<taken_name> taken;
  std::vector<request> requests;
  std::vector<std::string*> targets;
  auto ask = [&](std::string& name, request r) {
    if (!name.empty()) {
      taken.push_back({r.kind, name});
      return;
    }
    r.table = t.name;
    requests.push_back(std::move(r));
    targets.push_back(&name);
  };
  if (t.key) ask(t.key->name, {object::primary_key, {}, t.key->columns});
  for (auto& ix : t.indexes) {
    request r{ix.unique ? object::unique : object::index, {}, ix.columns};
    for (const auto& part : ix.parts) r.expression.push_back(part.expression);
    r.inline_unique = ix.parts.empty() && ix.predicate.empty();
    ask(ix.name, std::move(r));
  }
  for (auto& fk : t.foreign_keys) {
    request r{object::foreign_key, {}, fk.columns};
    r.referenced_table = fk.referenced_table;
    ask(fk.name, std::move(r));
  }
  for (auto& ck : t.checks) {
    request r{object::check};
    auto named = ck.allowed_values.empty() ? columns_named(ck.expression, t) : std::vector<std::string>{ck.column};
    if (named.size() == 1) r.label = named.front();
    ask(ck.name, std::move(r));
  }
  auto given = names(c, requests, std::move(taken));
  for (std::size_t i = 0; i < targets.size(); ++i) *targets[i] = std::move(given[i]);
}

}  // namespace tempest::naming
