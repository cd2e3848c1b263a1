#pragma once
// MySQL / MariaDB introspection of the connection's database: five information_schema queries
// whatever the number of tables.

#include "tempest/dialect/mysql.hpp"
#include "tempest/introspect/default_parsing.hpp"
#include "tempest/introspect/options.hpp"

namespace tempest::detail {

inline schema introspect_mysql(connection& db, const introspect_options& options) {
  const mysql_dialect dialect;
  schema_builder builder;

  // MariaDB reports literal defaults quoted ('x') and expressions bare; MySQL 8 reports literals
  // bare and marks expressions DEFAULT_GENERATED.
  auto version = db.query("SELECT VERSION()");
  bool mariadb = !version.empty() && text_of(version[0][0]).find("MariaDB") != std::string::npos;

  for (const auto& row : db.query(
           "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA "
           "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
           "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
           "WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' "
           "ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION")) {
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
    t.columns.push_back(std::move(c));
  }

  std::set<std::pair<std::string, std::string>> foreign_key_names;
  for (const auto& row : db.query(
           "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, "
           "r.DELETE_RULE, r.UPDATE_RULE FROM information_schema.KEY_COLUMN_USAGE k "
           "JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA "
           "AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME "
           "WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL "
           "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
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

  for (const auto& row : db.query(
           "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS "
           "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
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

  for (const auto& row : db.query(
           "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc "
           "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
           "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
           "WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK' "
           "ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME")) {
    if (table* t = builder.find(text_of(row[0]))) t->checks.push_back({text_of(row[1]), text_of(row[2]), {}, {}});
  }

  return std::move(builder).finish(options);
}

}  // namespace tempest::detail
