#pragma once
// MySQL / MariaDB column types as information_schema.COLUMNS.COLUMN_TYPE prints them, read into the
// IR: integer display widths are dropped (int(11) is int), UNSIGNED is kept, ENUM labels are
// unquoted; ZEROFILL types, SET, and every size tempest does not render itself stay custom.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tempest/dialect/type_spelling.hpp"
#include "tempest/schema/types.hpp"

namespace tempest::detail {

// The text in lower case with single spaces, except inside '…' (ENUM and SET labels keep their case).
inline std::string mysql_type_spelling(std::string_view spelling) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < spelling.size(); ++i) {
    char c = spelling[i];
    if (quoted) {
      out += c;
      if (c == '\\' && i + 1 < spelling.size()) out += spelling[++i];
      else if (c == '\'') quoted = false;  // '' reads as a close and an open: the same text
    } else if (c == '\'') {
      quoted = true;
      out += c;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The labels of a list as COLUMN_TYPE prints it, 'a','b''c','d\\e': a quote is doubled and a
// backslash escaped (also \0, \n, \r, \Z) whatever the sql_mode. No value if `list` is not one.
inline std::optional<std::vector<std::string>> mysql_labels(std::string_view list) {
  std::vector<std::string> labels;
  std::size_t i = 0;
  while (i < list.size()) {
    if (list[i] != '\'') return std::nullopt;
    std::string label;
    for (++i;; ++i) {
      if (i >= list.size()) return std::nullopt;
      char c = list[i];
      if (c == '\\' && i + 1 < list.size()) {
        char next = list[++i];
        label += next == '0' ? '\0' : next == 'n' ? '\n' : next == 'r' ? '\r' : next == 'Z' ? '\x1a' : next;
      } else if (c == '\'' && i + 1 < list.size() && list[i + 1] == '\'') {
        label += '\'';
        ++i;
      } else if (c == '\'') {
        ++i;
        break;
      } else {
        label += c;
      }
    }
    labels.push_back(std::move(label));
    if (i == list.size()) return labels;
    if (list[i] != ',') return std::nullopt;
    ++i;
  }
  return std::nullopt;  // empty, or ends with a comma
}

// Reads a COLUMN_TYPE (or a type tempest renders) into a logical type; unknown types stay custom,
// in the spelling above.
inline column_type parse_mysql_type(std::string_view spelling) {
  const std::string text = mysql_type_spelling(spelling);
  auto labelled = [&](std::string_view keyword) {
    return text.size() > keyword.size() + 1 && text.starts_with(keyword) && text[keyword.size()] == '(' &&
           text.back() == ')';
  };
  if (labelled("enum"))
    if (auto labels = mysql_labels(std::string_view(text).substr(5, text.size() - 6)))
      return column_type::enumeration_of("", std::move(*labels));
  if (labelled("enum") || labelled("set")) return column_type::sql(text);

  // name[(args)] [unsigned] [zerofill]: MySQL 8 prints "int unsigned", MariaDB "int(10) unsigned".
  auto t = split_type(text);
  std::string modifiers = t.rest;
  for (std::string_view word : {" zerofill", " unsigned", " signed"}) {
    if (t.base.ends_with(word)) {
      modifiers = std::string(word.substr(1)) + (modifiers.empty() ? "" : " " + modifiers);
      t.base.erase(t.base.size() - word.size());
    }
  }
  const std::string& b = t.base;
  const bool integer = b == "tinyint" || b == "smallint" || b == "mediumint" || b == "int" || b == "integer" || b == "bigint";
  if (modifiers.find("zerofill") != std::string::npos) return column_type::sql(text);  // the width matters there
  const bool is_unsigned = modifiers == "unsigned";
  if (!modifiers.empty() && !is_unsigned && modifiers != "signed") return column_type::sql(text);
  if (integer) {
    if (b == "tinyint" && t.args == std::vector<int>{1} && !is_unsigned) return column_type::of(type_kind::boolean);
    if (b == "mediumint") return column_type::sql(is_unsigned ? "mediumint unsigned" : "mediumint");
    type_kind kind = b == "tinyint" ? type_kind::int8 : b == "smallint" ? type_kind::int16 : b == "bigint" ? type_kind::int64 : type_kind::int32;
    return {.kind = kind, .is_unsigned = is_unsigned};
  }
  if (is_unsigned) return column_type::sql(text);  // decimal(10,2) unsigned, float unsigned: deprecated, kept as written
  if (b == "boolean" || b == "bool") return column_type::of(type_kind::boolean);
  if (b == "float" && t.args.empty()) return column_type::of(type_kind::float32);
  if ((b == "double" || b == "double precision" || b == "real") && t.args.empty()) return column_type::of(type_kind::float64);
  if (b == "decimal" || b == "numeric" || b == "dec" || b == "fixed") {
    if (t.args.size() == 2) return column_type::numeric(t.args[0], t.args[1]);
    if (t.args.size() == 1) return column_type::numeric(t.args[0], 0);
    if (t.args.empty()) return column_type::numeric(10, 0);
  }
  if (b == "varchar" && t.args.size() == 1) return column_type::varchar(t.args[0]);
  if (b == "longtext" && t.args.empty()) return column_type::text();
  if (b == "date") return column_type::of(type_kind::date);
  if (b == "datetime" && t.args == std::vector<int>{6}) return column_type::of(type_kind::timestamp);
  if (b == "longblob" && t.args.empty()) return column_type::of(type_kind::blob);
  return column_type::sql(text);
}

// The fractional-seconds precision of a date-time type (datetime(6) → 6, timestamp → 0); none for
// other types.
inline std::optional<int> mysql_time_precision(const column_type& type) {
  if (type.kind == type_kind::timestamp) return 6;
  if (type.kind != type_kind::custom) return std::nullopt;
  auto t = split_type(type.custom);
  if ((t.base == "datetime" || t.base == "timestamp") && t.rest.empty()) return t.args.empty() ? 0 : t.args[0];
  return std::nullopt;
}

// Whether columns of the type have a collation (character strings, ENUM and SET).
inline bool mysql_has_collation(const column_type& type) {
  if (type.kind == type_kind::string || type.kind == type_kind::enumeration) return true;
  if (type.kind != type_kind::custom) return false;
  auto base = split_type(type.custom).base;
  for (std::string_view text : {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"})
    if (base == text) return true;
  return false;
}

}  // namespace tempest::detail
