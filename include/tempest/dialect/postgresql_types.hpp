#pragma once
// PostgreSQL type spellings: any of the aliases a user writes ("int4", "varchar(20)", "timestamp",
// "decimal(10,2)[]") in the words format_type() prints them back ("integer", "character
// varying(20)", "timestamp without time zone", "numeric(10,2)[]"), so that a type given by hand and
// the same type read from the catalog compare equal.

#include <cctype>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "tempest/dialect/type_spelling.hpp"

namespace tempest::detail {

// Lower case and single spaces outside double quotes; a quoted name ("Email") keeps its case.
inline std::string postgresql_canonical_text(std::string_view spelling) {
  std::string out;
  bool quoted = false;
  for (char c : spelling) {
    if (c == '"') quoted = !quoted;
    if (quoted || c == '"') {
      out += c;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  // "integer [ ]" and "integer []" are "integer[]".
  std::string compact;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == ' ' && i + 1 < out.size() && (out[i + 1] == '[' || out[i + 1] == ']' || out[i + 1] == '(')) continue;
    if (out[i] == ' ' && !compact.empty() && (compact.back() == '[' || compact.back() == '(')) continue;
    compact += out[i];
  }
  return compact;
}

// The spelling format_type() gives the type written as `spelling`.
inline std::string postgresql_type_spelling(std::string_view spelling) {
  std::string text = postgresql_canonical_text(spelling);
  if (text.find('"') != std::string::npos) return text;  // a user-defined type, named exactly
  std::string array;
  while (text.size() > 2 && text.ends_with("]")) {
    auto open = text.rfind('[');
    if (open == std::string::npos) break;
    array += "[]";  // format_type prints no array bounds
    text.resize(open);
  }
  auto t = split_type(text);
  const auto& b = t.base;
  auto args = [&] {
    std::string out;
    for (int a : t.args) out += fmt::format("{}{}", out.empty() ? "" : ",", a);
    return out.empty() ? std::string() : "(" + out + ")";
  };
  auto zone = [&](std::string_view name, std::string_view rest) { return fmt::format("{}{} {}", name, args(), rest); };
  std::string base;
  if (b == "int" || b == "int4" || b == "integer") base = "integer";
  else if (b == "int2" || b == "smallint") base = "smallint";
  else if (b == "int8" || b == "bigint") base = "bigint";
  else if (b == "bool" || b == "boolean") base = "boolean";
  else if (b == "float8" || b == "double precision" || (b == "float" && (t.args.empty() || t.args[0] > 24))) base = "double precision";
  else if (b == "float4" || b == "real" || b == "float") base = "real";
  else if ((b == "varchar" || b == "character varying") && t.rest.empty()) base = "character varying" + args();
  else if (b == "bpchar" && t.args.empty()) base = "bpchar";  // blank-padded text of any length
  else if ((b == "char" || b == "character" || b == "bpchar") && t.rest.empty())
    base = t.args.empty() ? "character(1)" : "character" + args();
  else if ((b == "decimal" || b == "numeric") && t.rest.empty())
    base = t.args.size() == 1 ? fmt::format("numeric({},0)", t.args[0]) : "numeric" + args();
  else if (b == "timestamptz" || (b == "timestamp" && t.rest == "with time zone")) base = zone("timestamp", "with time zone");
  else if (b == "timestamp" || b == "timestamp without time zone") base = zone("timestamp", "without time zone");
  else if (b == "timetz" || (b == "time" && t.rest == "with time zone")) base = zone("time", "with time zone");
  else if (b == "time" || b == "time without time zone") base = zone("time", "without time zone");
  else if (b == "timestamp with time zone") base = "timestamp with time zone";
  else if (b == "time with time zone") base = "time with time zone";
  else base = text;
  return base + array;
}

}  // namespace tempest::detail
