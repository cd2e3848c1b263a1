#pragma once
// PostgreSQL introspection of the current schema: three catalog queries whatever the number of
// tables (columns, constraints, indexes). Column lists come back as JSON arrays, so names with
// commas or quotes need no escaping.

#include <nlohmann/json.hpp>

#include "tempest/dialect/postgresql.hpp"
#include "tempest/introspect/default_parsing.hpp"
#include "tempest/introspect/options.hpp"

namespace tempest::detail {

inline std::vector<std::string> json_names(const cell& value) {
  if (!value) return {};
  return nlohmann::json::parse(*value).get<std::vector<std::string>>();
}

inline fk_action postgresql_action(const std::string& code) {
  switch (code.empty() ? 'a' : code[0]) {
    case 'r': return fk_action::restrict;
    case 'c': return fk_action::cascade;
    case 'n': return fk_action::set_null;
    case 'd': return fk_action::set_default;
    default: return fk_action::no_action;
  }
}

// "CHECK ((price > 0))" → "(price > 0)"
inline std::string check_body(std::string_view definition) {
  auto open = definition.find('(');
  auto close = definition.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close <= open) return std::string(definition);
  return std::string(definition.substr(open + 1, close - open - 1));
}

inline std::string attribute_names(std::string_view keys, std::string_view relation) {
  return fmt::format(
      "(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest({}) WITH ORDINALITY k(attnum, ord) "
      "JOIN pg_attribute a ON a.attrelid = {} AND a.attnum = k.attnum)::text",
      keys, relation);
}

inline schema introspect_postgresql(connection& db, const introspect_options& options) {
  const postgresql_dialect dialect;
  schema_builder builder;

  for (const auto& row : db.query(
           "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, "
           "pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, current_setting('standard_conforming_strings') "
           "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
           "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
           "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
           "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum")) {
    table& t = builder.at(text_of(row[0]));
    column c;
    c.name = text_of(row[1]);
    c.type = dialect.parse_type(text_of(row[2]));
    c.nullable = text_of(row[3]) != "true";
    c.autoincrement = !text_of(row[5]).empty();
    if (row[4]) {
      // pg_get_expr spells string constants for the session reading them: with
      // standard_conforming_strings off, a backslash in the text comes back doubled.
      bool backslash_escapes = text_of(row[6]) == "off";
      if (row[4]->starts_with("nextval(")) c.autoincrement = true;  // serial columns
      else c.default_value = parse_default(*row[4], c.type.kind, backslash_escapes);
    }
    t.columns.push_back(std::move(c));
  }

  for (const auto& row : db.query(fmt::format(
           "SELECT c.relname, con.conname, con.contype::text, {}, rc.relname, {}, con.confdeltype::text, "
           "con.confupdtype::text, pg_get_constraintdef(con.oid) "
           "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
           "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
           "WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f', 'c') ORDER BY c.relname, con.conname",
           attribute_names("con.conkey", "con.conrelid"), attribute_names("con.confkey", "con.confrelid")))) {
    table* t = builder.find(text_of(row[0]));
    if (!t) continue;
    const std::string& type = text_of(row[2]);
    if (type == "p") {
      t->key = primary_key_def{text_of(row[1]), json_names(row[3])};
    } else if (type == "f") {
      t->foreign_keys.push_back({text_of(row[1]), json_names(row[3]), text_of(row[4]), json_names(row[5]),
                                 postgresql_action(text_of(row[6])), postgresql_action(text_of(row[7]))});
    } else {
      t->checks.push_back({text_of(row[1]), check_body(text_of(row[8])), {}, {}});
    }
  }

  for (const auto& row : db.query(fmt::format(
           "SELECT t.relname, i.relname, ix.indisunique::text, {} "
           "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
           "JOIN pg_namespace n ON n.oid = t.relnamespace "
           "WHERE n.nspname = current_schema() AND NOT ix.indisprimary AND t.relkind IN ('r', 'p') "
           "ORDER BY t.relname, i.relname",
           attribute_names("ix.indkey::int2[]", "t.oid")))) {
    if (table* t = builder.find(text_of(row[0])))
      t->indexes.push_back({text_of(row[1]), json_names(row[3]), text_of(row[2]) == "true"});
  }

  return std::move(builder).finish(options);
}

}  // namespace tempest::detail
