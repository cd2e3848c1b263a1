#pragma once
// A schema as a Mermaid entity-relationship diagram (https://mermaid.js.org/syntax/entityRelationshipDiagram.html):
// one entity per table, its columns with their types and PK/FK/UK markers, and one relationship per
// foreign key — "exactly one" on the referenced side (zero or one when the columns are nullable),
// "zero or more" on the referencing side (zero or one when the columns are unique).

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "tempest/schema/schema.hpp"

namespace tempest::cli {

namespace detail {

// Mermaid names are words (types may have parentheses too): anything else becomes '_'.
inline std::string mermaid_word(std::string_view text, bool type = false) {
  std::string out;
  for (char c : text) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                      c == '-' || (type && (c == '(' || c == ')'));
    out += word ? c : '_';
  }
  if (out.empty() || (out.front() >= '0' && out.front() <= '9') || out.front() == '-') out.insert(0, "_");
  return out;
}

// The type as one word: varchar(100), decimal(10_2).
inline std::string mermaid_type(const column_type& type) {
  std::string text;
  switch (type.kind) {
    case type_kind::string: text = type.length ? fmt::format("varchar({})", *type.length) : "text"; break;
    case type_kind::decimal:
      text = type.precision ? fmt::format("decimal({}_{})", *type.precision, type.scale.value_or(0)) : "decimal";
      break;
    case type_kind::custom: text = type.custom; break;
    case type_kind::enumeration: text = type.custom.empty() ? "enum" : type.custom; break;
    default: text = fmt::format("{}{}", type.is_unsigned ? "unsigned_" : "", to_string(type.kind)); break;
  }
  return mermaid_word(text, true);
}

inline bool has_unique_index_on(const table& t, const std::vector<std::string>& columns) {
  auto same = [&](const std::vector<std::string>& other) {
    return other.size() == columns.size() && std::is_permutation(other.begin(), other.end(), columns.begin());
  };
  if (t.key && same(t.key->columns)) return true;
  return std::any_of(t.indexes.begin(), t.indexes.end(),
                     [&](const index_def& ix) { return ix.unique && ix.predicate.empty() && same(ix.columns); });
}

inline std::string quoted_label(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '"' ? '\'' : c;
  return fmt::format("\"{}\"", out);
}

}  // namespace detail

inline std::string mermaid_diagram(const schema& s) {
  std::string out = "erDiagram\n";
  for (const auto& t : s.tables) {
    out += fmt::format("    {} {{\n", detail::mermaid_word(t.name));
    for (const auto& c : t.columns) {
      std::vector<std::string> keys;
      if (t.key && std::count(t.key->columns.begin(), t.key->columns.end(), c.name)) keys.push_back("PK");
      for (const auto& fk : t.foreign_keys)
        if (std::count(fk.columns.begin(), fk.columns.end(), c.name)) {
          keys.push_back("FK");
          break;
        }
      if (detail::has_unique_index_on(t, {c.name}) && !(t.key && t.key->columns == std::vector<std::string>{c.name}))
        keys.push_back("UK");
      std::string line = fmt::format("        {} {}", detail::mermaid_type(c.type), detail::mermaid_word(c.name));
      for (std::size_t i = 0; i < keys.size(); ++i) line += (i ? ", " : " ") + keys[i];
      if (c.nullable) line += " \"nullable\"";
      out += line + "\n";
    }
    out += "    }\n";
  }
  for (const auto& t : s.tables)
    for (const auto& fk : t.foreign_keys) {
      bool nullable = std::any_of(fk.columns.begin(), fk.columns.end(), [&](const std::string& name) {
        const column* c = t.find_column(name);
        return c && c->nullable;
      });
      const std::string left = nullable ? "|o" : "||";
      const std::string right = detail::has_unique_index_on(t, fk.columns) ? "o|" : "o{";
      std::string label;
      for (const auto& c : fk.columns) label += (label.empty() ? "" : ", ") + c;
      out += fmt::format("    {} {}--{} {} : {}\n", detail::mermaid_word(fk.referenced_table), left, right,
                         detail::mermaid_word(t.name), detail::quoted_label(label));
    }
  return out;
}

}  // namespace tempest::cli
