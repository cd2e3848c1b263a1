#pragma once
// SQLite introspection: four queries whatever the number of tables. sqlite_schema once, for the
// CREATE text of tables and indexes and for the views, triggers and virtual tables tempest leaves
// alone; then the pragma table-valued functions joined to it, for columns, indexes and foreign keys.
// What the pragmas do not report (constraint names, checks, collations, generated columns, index
// expressions and conditions, STRICT, WITHOUT ROWID) is read from the CREATE text (sqlite_ddl.hpp).

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tempest/dialect/sqlite.hpp"
#include "tempest/introspect/default_parsing.hpp"
#include "tempest/introspect/options.hpp"
#include "tempest/introspect/sqlite_ddl.hpp"

namespace tempest::detail {

namespace sqlite_introspection {

// Ordinary tables of the main schema (sqlite_schema names them `m`): not SQLite's own, not virtual.
constexpr std::string_view user_tables =
    "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%'";

// SQLite compares names without regard to ASCII case.
inline bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const std::string& x, const std::string& y) { return iequals(x, y); });
}

// A default as SQLite reports it (the text after DEFAULT, as written), read as the value a row
// gets. A quoted text is a literal of a numeric column only where SQLite's type affinity turns it
// into that number: DEFAULT 'false' on a BOOLEAN column stores the text 'false', which is kept as
// the expression it is. An unquoted number on a column of no numeric affinity stays a number, so
// it is kept as an expression too; so is a blob X'…'.
inline std::optional<column_default> read_default(std::string_view reported, const column_type& type) {
  auto text = trim(reported);
  while (wrapped_in_parens(text)) text = trim(text.substr(1, text.size() - 2));
  if (text.size() > 1 && (text[0] == 'x' || text[0] == 'X') && text[1] == '\'') return column_default::expression(std::string(text));
  auto value = parse_default(reported, type.kind);
  if (!value || value->kind == column_default::source::expression) return value;
  const bool quoted = text.front() == '\'';
  const auto expression = column_default::expression(std::string(text));
  switch (type.kind) {
    case type_kind::boolean:
      if (quoted && !looks_numeric(read_quoted(text, false)->first)) return expression;
      break;
    case type_kind::blob:
    case type_kind::custom:
      if (!quoted) return expression;
      break;
    default: break;
  }
  if (check_literal(type.kind, value->text) != literal_issue::none) return expression;
  return value;
}

struct index_row {
  std::string name, origin;
  bool unique = false;
  bool partial = false;
  struct part {
    int column_id;
    std::string column;
    bool descending;
    std::string collation;
  };
  std::vector<part> parts;
};

inline index_def read_index(const table& t, const sqlite_table_ddl& ddl, const index_row& row, const std::string* sql) {
  index_def ix;
  ix.name = row.name;
  ix.unique = row.unique;
  sqlite_index_ddl written;
  if (sql) written = parse_sqlite_create_index(*sql);
  for (std::size_t i = 0; i < row.parts.size(); ++i) {
    const auto& p = row.parts[i];
    key_part part;
    part.descending = p.descending;
    std::string inherited;
    if (p.column_id == -2) {  // an expression
      if (i >= written.parts.size() || written.parts[i].empty())
        throw schema_error(fmt::format("sqlite: cannot read key part {} of index \"{}\" on \"{}\" from its SQL", i + 1,
                                       row.name, t.name));
      part.expression = true;
      ix.columns.push_back(written.parts[i]);
    } else {
      std::string column = p.column_id == -1 ? "rowid" : p.column;
      if (const auto* c = ddl.find_column(column)) inherited = sqlite_dialect::canonical_collation(c->collation);
      ix.columns.push_back(std::move(column));
    }
    part.collation = sqlite_dialect::key_part_collation(p.collation, inherited);
    ix.parts.push_back(std::move(part));
  }
  if (row.partial) {
    ix.predicate = written.predicate;
    if (ix.predicate.empty())
      throw schema_error(fmt::format("sqlite: cannot read the WHERE condition of index \"{}\" on \"{}\" from its SQL", row.name, t.name));
  }
  ix.normalise();
  return ix;
}

}  // namespace sqlite_introspection

inline schema introspect_sqlite(connection& db, const introspect_options& options) {
  using namespace sqlite_introspection;
  const sqlite_dialect dialect;
  schema_builder builder;
  std::map<std::string, sqlite_table_ddl> ddl;  // the ordinary tables, by name
  std::map<std::string, std::string> index_sql;
  std::vector<unmanaged_object> unmanaged;

  // Shadow tables hold a virtual table's data; they come and go with it. Only SQLite can tell them
  // (pragma table_list), and only while the virtual table's module is loaded.
  std::set<std::string> shadow_tables;
  for (const auto& row : db.query(
           "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
           "UNION ALL SELECT 'shadow', name, NULL, NULL FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'")) {
    const std::string& type = text_of(row[0]);
    const std::string& name = text_of(row[1]);
    const std::string& sql = text_of(row[3]);
    if (type == "shadow") shadow_tables.insert(name);
    else if (type == "table" && iequals(sql.substr(0, 20), "CREATE VIRTUAL TABLE")) unmanaged.push_back({"virtual table", name, {}, sql});
    else if (type == "table") ddl[name] = parse_sqlite_create_table(sql);
    else if (type == "index" && row[3]) index_sql[name] = sql;
    else if (type == "view") unmanaged.push_back({"view", name, {}, sql});
    else if (type == "trigger") unmanaged.push_back({"trigger", name, text_of(row[2]), sql});
  }
  for (const auto& name : shadow_tables) ddl.erase(name);

  std::map<std::string, std::vector<std::pair<int, std::string>>> key_columns;  // table → (position, column)
  for (const auto& row : db.query(fmt::format(
           "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM sqlite_schema m "
           "JOIN pragma_table_xinfo(m.name, 'main') p WHERE {} AND p.hidden IN (0, 2, 3) ORDER BY m.name, p.cid",
           user_tables))) {
    const std::string& table_name = text_of(row[0]);
    auto parsed = ddl.find(table_name);
    if (parsed == ddl.end()) continue;
    table& t = builder.at(table_name);
    column c;
    c.name = text_of(row[1]);
    c.type = dialect.parse_type(text_of(row[2]));
    c.nullable = text_of(row[3]) == "0";
    if (row[4]) c.default_value = read_default(*row[4], c.type);
    const auto* written = parsed->second.find_column(c.name);
    if (written) c.collation = sqlite_dialect::canonical_collation(written->collation);
    if (const std::string& hidden = text_of(row[6]); hidden == "2" || hidden == "3") {  // generated: VIRTUAL, STORED
      if (!written || !written->generated)
        throw schema_error(fmt::format("sqlite: cannot read the expression of generated column \"{}\".\"{}\" from its "
                                       "table's SQL", table_name, c.name));
      c.generated = generated_column{written->generated->expression, hidden == "3"};
    }
    int key_position = std::stoi(text_of(row[5]));
    if (key_position > 0) key_columns[table_name].emplace_back(key_position, c.name);
    t.columns.push_back(std::move(c));
  }

  std::map<std::pair<std::string, std::string>, index_row> index_rows;  // (table, index) → its key parts
  std::set<std::string> key_index;  // tables whose key has an index of its own: not the rowid
  for (const auto& row : db.query(fmt::format(
           "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.cid, ii.name, ii.\"desc\", ii.coll "
           "FROM sqlite_schema m JOIN pragma_index_list(m.name, 'main') il JOIN pragma_index_xinfo(il.name, 'main') ii "
           "WHERE {} AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno",
           user_tables))) {
    const std::string& table_name = text_of(row[0]);
    if (!ddl.count(table_name)) continue;
    if (text_of(row[3]) == "pk") {
      key_index.insert(table_name);
      continue;
    }
    auto& ix = index_rows[{table_name, text_of(row[1])}];
    ix.name = text_of(row[1]);
    ix.unique = text_of(row[2]) == "1";
    ix.origin = text_of(row[3]);
    ix.partial = text_of(row[4]) == "1";
    ix.parts.push_back({std::stoi(text_of(row[5])), text_of(row[6]), text_of(row[7]) == "1", text_of(row[8])});
  }

  std::map<std::pair<std::string, int>, foreign_key_def> foreign_keys;  // (table, id) → key
  for (const auto& row : db.query(fmt::format(
           "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete FROM sqlite_schema m "
           "JOIN pragma_foreign_key_list(m.name, 'main') f WHERE {} ORDER BY m.name, f.id, f.seq",
           user_tables))) {
    if (!ddl.count(text_of(row[0]))) continue;
    auto& fk = foreign_keys[{text_of(row[0]), std::stoi(text_of(row[1]))}];
    fk.referenced_table = text_of(row[2]);
    fk.columns.push_back(text_of(row[3]));
    if (row[4]) fk.referenced_columns.push_back(*row[4]);
    fk.on_update = parse_fk_action(text_of(row[5])).value_or(fk_action::no_action);
    fk.on_delete = parse_fk_action(text_of(row[6])).value_or(fk_action::no_action);
  }

  // A name as the table that holds it spells it: SQLite finds names in any case.
  auto table_named = [&](const std::string& name) -> table* {
    if (table* exact = builder.find(name)) return exact;
    for (auto& [other, t] : builder.tables)
      if (iequals(other, name)) return &t;
    return nullptr;
  };

  for (auto& [table_name, parsed] : ddl) {
    table& t = builder.at(table_name);
    t.strict = parsed.strict;
    t.without_rowid = parsed.without_rowid;
    if (auto positions = key_columns.find(table_name); positions != key_columns.end()) {
      std::sort(positions->second.begin(), positions->second.end());
      primary_key_def key;
      key.name = parsed.primary_key_name.value_or("");
      for (const auto& [position, name] : positions->second) key.columns.push_back(name);
      // A one-column key without an index of its own is the rowid (INTEGER PRIMARY KEY): SQLite
      // gives it a value when none is, with or without AUTOINCREMENT, and it is never NULL.
      if (key.columns.size() == 1 && !t.without_rowid && !key_index.count(table_name))
        if (column* c = t.find_column(key.columns.front())) {
          c->autoincrement = true;
          c->nullable = false;
          c->type = column_type::of(type_kind::int64);
        }
      t.key = std::move(key);
    }
    for (const auto& check : parsed.checks) t.checks.push_back({check.name, check.expression, {}, {}});
  }

  std::map<std::string, std::vector<bool>> unique_taken;  // table → which of its UNIQUE constraints are matched
  for (const auto& [key, row] : index_rows) {
    table& t = builder.at(key.first);
    const sqlite_table_ddl& parsed = ddl[key.first];
    auto sql = index_sql.find(row.name);
    index_def ix = read_index(t, parsed, row, sql == index_sql.end() ? nullptr : &sql->second);
    if (row.origin == "u") {  // a UNIQUE constraint: its name, if any, is only in the CREATE TABLE text
      ix.name.clear();
      auto& taken = unique_taken[key.first];
      taken.resize(parsed.uniques.size());
      for (std::size_t i = 0; i < parsed.uniques.size(); ++i)
        if (!taken[i] && same_names(parsed.uniques[i].columns, ix.columns)) {
          taken[i] = true;
          ix.name = parsed.uniques[i].name;
          break;
        }
    }
    t.indexes.push_back(std::move(ix));
  }
  // A UNIQUE on exactly the columns of a primary key that has an index of its own gets no index of
  // its own (SQLite uses the key's): it is only in the CREATE TABLE text.
  for (auto& [table_name, parsed] : ddl) {
    table* t = builder.find(table_name);
    if (!t || !t->key || !key_index.count(table_name)) continue;
    auto& taken = unique_taken[table_name];
    taken.resize(parsed.uniques.size());
    for (std::size_t i = 0; i < parsed.uniques.size(); ++i)
      if (!taken[i] && same_names(parsed.uniques[i].columns, t->key->columns)) {
        taken[i] = true;
        index_def ix;
        ix.name = parsed.uniques[i].name;
        ix.columns = t->key->columns;
        ix.unique = true;
        t->indexes.push_back(std::move(ix));
      }
  }

  std::map<std::string, int> foreign_key_count;
  for (const auto& [key, fk] : foreign_keys) foreign_key_count[key.first] = std::max(foreign_key_count[key.first], key.second + 1);
  for (auto& [key, fk] : foreign_keys) {
    table& t = builder.at(key.first);
    const auto& written = ddl[key.first].foreign_keys;
    // SQLite numbers a table's foreign keys from the last one written.
    std::size_t at = static_cast<std::size_t>(foreign_key_count[key.first] - 1 - key.second);
    if (written.size() != static_cast<std::size_t>(foreign_key_count[key.first]) || !same_names(written[at].columns, fk.columns))
      at = std::find_if(written.begin(), written.end(), [&](const auto& w) { return same_names(w.columns, fk.columns); }) -
           written.begin();
    if (at < written.size()) {
      fk.name = written[at].name;
      fk.deferrable = sqlite_dialect::stored_deferrability(written[at].deferrable);
    }
    if (const table* parent = table_named(fk.referenced_table)) {
      fk.referenced_table = parent->name;
      if (fk.referenced_columns.empty() && parent->key)  // REFERENCES parent: the parent's key
        fk.referenced_columns = parent->key->columns;
      for (auto& name : fk.referenced_columns)
        for (const auto& c : parent->columns)
          if (iequals(c.name, name)) name = c.name;
    }
    t.foreign_keys.push_back(std::move(fk));
  }

  schema s = std::move(builder).finish(options);
  auto excluded = [&](const std::string& name) {
    return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), name) != options.exclude_tables.end();
  };
  for (auto& object : unmanaged)
    if (!excluded(object.name) && !excluded(object.table)) s.unmanaged.push_back(std::move(object));
  s.normalise();
  return s;
}

}  // namespace tempest::detail
