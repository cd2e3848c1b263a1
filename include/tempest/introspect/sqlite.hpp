#pragma once
// SQLite introspection: three queries joining sqlite_schema to the pragma table-valued functions,
// whatever the number of tables, plus the names SQLite keeps only in the CREATE TABLE text.


#include "tempest/dialect/sqlite.hpp"
#include "tempest/introspect/default_parsing.hpp"
#include "tempest/introspect/options.hpp"
#include "tempest/introspect/sqlite_ddl.hpp"

namespace tempest::detail {

inline schema introspect_sqlite(connection& db, const introspect_options& options) {
  const sqlite_dialect dialect;
  schema_builder builder;
  std::map<std::string, sqlite_table_ddl> ddl;
  std::map<std::string, std::vector<std::pair<int, std::string>>> key_columns;  // table → (position, column)

  constexpr auto user_tables = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
  for (const auto& row : db.query(fmt::format(
           "SELECT m.name, m.sql, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
           "FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p WHERE {} AND p.hidden = 0 ORDER BY m.name, p.cid",
           user_tables))) {
    const std::string& table_name = text_of(row[0]);
    table& t = builder.at(table_name);
    if (!ddl.count(table_name)) ddl[table_name] = parse_sqlite_create_table(text_of(row[1]));
    column c;
    c.name = text_of(row[2]);
    c.type = dialect.parse_type(text_of(row[3]));
    c.nullable = text_of(row[4]) == "0";
    if (row[5]) c.default_value = parse_default(*row[5], c.type.kind);
    int key_position = std::stoi(text_of(row[6]));
    if (key_position > 0) key_columns[table_name].emplace_back(key_position, c.name);
    t.columns.push_back(std::move(c));
  }

  for (auto& [table_name, positions] : key_columns) {
    table& t = builder.at(table_name);
    std::sort(positions.begin(), positions.end());
    primary_key_def key;
    key.name = ddl[table_name].primary_key_name.value_or("");
    for (const auto& [position, name] : positions) key.columns.push_back(name);
    if (key.columns.size() == 1 && ddl[table_name].autoincrement) {
      column* c = t.find_column(key.columns.front());
      // AUTOINCREMENT is only legal on an INTEGER PRIMARY KEY, i.e. the rowid.
      if (c && c->type.kind == type_kind::int64) {
        c->autoincrement = true;
        c->nullable = false;
      }
    }
    t.key = std::move(key);
  }

  for (const auto& row : db.query(fmt::format(
           "SELECT m.name, il.name, il.\"unique\", il.origin, ii.name FROM sqlite_schema m "
           "JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii "
           "WHERE {} AND il.origin <> 'pk' ORDER BY m.name, il.name, ii.seqno",
           user_tables))) {
    table& t = builder.at(text_of(row[0]));
    const std::string& index_name = text_of(row[1]);
    if (t.indexes.empty() || t.indexes.back().name != index_name)
      t.indexes.push_back({index_name, {}, text_of(row[2]) == "1"});
    t.indexes.back().columns.push_back(text_of(row[4]));
  }

  std::map<std::pair<std::string, std::string>, foreign_key_def> foreign_keys;  // (table, id) → key
  for (const auto& row : db.query(fmt::format(
           "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete FROM sqlite_schema m "
           "JOIN pragma_foreign_key_list(m.name) f WHERE {} ORDER BY m.name, f.id, f.seq",
           user_tables))) {
    auto& fk = foreign_keys[{text_of(row[0]), text_of(row[1])}];
    fk.referenced_table = text_of(row[2]);
    fk.columns.push_back(text_of(row[3]));
    if (row[4]) fk.referenced_columns.push_back(*row[4]);
    fk.on_update = parse_fk_action(text_of(row[5])).value_or(fk_action::no_action);
    fk.on_delete = parse_fk_action(text_of(row[6])).value_or(fk_action::no_action);
  }
  for (auto& [key, fk] : foreign_keys) {
    table& t = builder.at(key.first);
    if (fk.referenced_columns.empty())  // REFERENCES parent without columns means the parent's key
      if (table* parent = builder.find(fk.referenced_table); parent && parent->key)
        fk.referenced_columns = parent->key->columns;
    for (const auto& named : ddl[key.first].foreign_keys)
      if (named.columns == fk.columns) fk.name = named.name;
    t.foreign_keys.push_back(std::move(fk));
  }

  for (auto& [table_name, parsed] : ddl)
    for (const auto& check : parsed.checks) builder.at(table_name).checks.push_back({check.name, check.expression, {}, {}});

  return std::move(builder).finish(options);
}

}  // namespace tempest::detail
