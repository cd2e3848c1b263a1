#pragma once
// MySQL / MariaDB introspection of the connection's database: five information_schema queries
// whatever the number of tables, and a sixth when a default may hold a character outside the BMP.

#include "tempest/dialect/mysql.hpp"
#include "tempest/introspect/default_parsing.hpp"
#include "tempest/introspect/options.hpp"

namespace tempest::detail {

// information_schema compares names case-insensitively (utf8mb3_general_ci), but with
// lower_case_table_names=0 `Users` and `users` are two tables: names are compared and ordered as
// bytes. The plain comparison with DATABASE() stays too, because MariaDB reads only that database's
// tables when it sees one.
inline std::string same_name(std::string_view a, std::string_view b) {
  return fmt::format("CAST({} AS BINARY) = CAST({} AS BINARY)", a, b);
}
inline std::string in_database(std::string_view schema_column) {
  return fmt::format("{} = DATABASE() AND {}", schema_column, same_name(schema_column, "DATABASE()"));
}
inline std::string by_name(std::string_view column) { return fmt::format("CAST({} AS BINARY)", column); }

// Both MariaDB and MySQL 8 (bug 110291) print a column's default through utf8mb3, so a character
// outside the Basic Multilingual Plane (an emoji) comes back from information_schema as '?',
// although the column holds it: a utf8mb4 column's literal default with a '?' is read again. DEFAULT(column) gives the stored value; it works on the NULL row of an outer
// join, so an empty table answers too. One query for all such columns, and only when there are any.
inline void read_true_defaults(connection& db, schema_builder& builder,
                               const std::vector<std::pair<std::string, std::string>>& columns) {
  if (columns.empty()) return;
  const mysql_dialect dialect;
  std::string sql;
  for (std::size_t i = 0; i < columns.size(); ++i)
    sql += fmt::format("{}SELECT {}, HEX(DEFAULT(p.{})) FROM (SELECT 1) d LEFT JOIN {} p ON FALSE",
                       i ? " UNION ALL " : "", i, dialect.quote(columns[i].second), dialect.quote(columns[i].first));
  for (const auto& row : db.query(sql)) {
    const auto& [table_name, column_name] = columns.at(std::stoul(text_of(row[0])));
    column* c = builder.at(table_name).find_column(column_name);
    if (c && row[1])
      if (auto text = unhex(*row[1])) c->default_value = column_default::literal(canonical_literal(c->type.kind, *text));
  }
}

inline schema introspect_mysql(connection& db, const introspect_options& options) {
  const mysql_dialect dialect;
  schema_builder builder;

  // MariaDB reports literal defaults quoted ('x', with backslash escapes whatever the sql_mode) and
  // expressions bare; MySQL 8 reports literals bare and marks expressions DEFAULT_GENERATED.
  auto version = db.query("SELECT VERSION()");
  bool mariadb = !version.empty() && text_of(version[0][0]).find("MariaDB") != std::string::npos;

  std::vector<std::pair<std::string, std::string>> mangled_defaults;  // (table, column)
  for (const auto& row : db.query(fmt::format(
           "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA, "
           "c.CHARACTER_SET_NAME FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
           "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND {} WHERE {} AND t.TABLE_TYPE = 'BASE TABLE' "
           "ORDER BY {}, c.ORDINAL_POSITION",
           same_name("t.TABLE_NAME", "c.TABLE_NAME"), in_database("c.TABLE_SCHEMA"), by_name("c.TABLE_NAME")))) {
    table& t = builder.at(text_of(row[0]));
    column c;
    c.name = text_of(row[1]);
    c.type = dialect.parse_type(text_of(row[2]));
    c.nullable = text_of(row[3]) == "YES";
    const std::string& extra = text_of(row[5]);
    c.autoincrement = extra.find("auto_increment") != std::string::npos;
    if (row[4]) {
      if (mariadb) c.default_value = parse_default(*row[4], c.type.kind, true);
      else if (extra.find("DEFAULT_GENERATED") != std::string::npos) c.default_value = column_default::expression(*row[4]);
      else c.default_value = column_default::literal(canonical_literal(c.type.kind, *row[4]));
    }
    if (c.default_value && c.default_value->kind == column_default::source::literal &&
        c.default_value->text.find('?') != std::string::npos && text_of(row[6]) == "utf8mb4")
      mangled_defaults.emplace_back(t.name, c.name);
    t.columns.push_back(std::move(c));
  }
  read_true_defaults(db, builder, mangled_defaults);

  std::set<std::pair<std::string, std::string>> foreign_key_names;
  for (const auto& row : db.query(fmt::format(
           "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, "
           "r.DELETE_RULE, r.UPDATE_RULE FROM information_schema.KEY_COLUMN_USAGE k "
           "JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA "
           "AND {} AND {} WHERE {} AND k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY {}, {}, k.ORDINAL_POSITION",
           same_name("r.CONSTRAINT_NAME", "k.CONSTRAINT_NAME"), same_name("r.TABLE_NAME", "k.TABLE_NAME"),
           in_database("k.TABLE_SCHEMA"), by_name("k.TABLE_NAME"), by_name("k.CONSTRAINT_NAME")))) {
    table* t = builder.find(text_of(row[0]));
    if (!t) continue;
    const std::string& name = text_of(row[1]);
    if (t->foreign_keys.empty() || t->foreign_keys.back().name != name) {
      t->foreign_keys.push_back({name, {}, text_of(row[3]), {}, parse_fk_action(text_of(row[5])).value_or(fk_action::no_action),
                                 parse_fk_action(text_of(row[6])).value_or(fk_action::no_action)});
      foreign_key_names.insert({t->name, name});
    }
    t->foreign_keys.back().columns.push_back(text_of(row[2]));
    t->foreign_keys.back().referenced_columns.push_back(text_of(row[4]));
  }

  for (const auto& row : db.query(fmt::format(
           "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS "
           "WHERE {} ORDER BY {}, {}, SEQ_IN_INDEX",
           in_database("TABLE_SCHEMA"), by_name("TABLE_NAME"), by_name("INDEX_NAME")))) {
    table* t = builder.find(text_of(row[0]));
    if (!t) continue;
    const std::string& name = text_of(row[1]);
    if (name == "PRIMARY") {
      if (!t->key) t->key = primary_key_def{name, {}};
      t->key->columns.push_back(text_of(row[3]));
      continue;
    }
    // InnoDB creates an index named after a foreign key that has none to use; it is not the user's.
    if (foreign_key_names.count({t->name, name})) continue;
    if (t->indexes.empty() || t->indexes.back().name != name) t->indexes.push_back({name, {}, text_of(row[2]) == "0"});
    t->indexes.back().columns.push_back(text_of(row[3]));
  }

  // MariaDB names checks per table (its CHECK_CONSTRAINTS has a TABLE_NAME); MySQL 8 per schema.
  for (const auto& row : db.query(fmt::format(
           "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc "
           "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND {}{} "
           "WHERE {} AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY {}, {}",
           same_name("cc.CONSTRAINT_NAME", "tc.CONSTRAINT_NAME"),
           mariadb ? " AND " + same_name("cc.TABLE_NAME", "tc.TABLE_NAME") : std::string(), in_database("tc.TABLE_SCHEMA"),
           by_name("tc.TABLE_NAME"), by_name("tc.CONSTRAINT_NAME")))) {
    if (table* t = builder.find(text_of(row[0]))) t->checks.push_back({text_of(row[1]), text_of(row[2]), {}, {}});
  }

  return std::move(builder).finish(options);
}

}  // namespace tempest::detail
