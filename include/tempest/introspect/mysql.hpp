#pragma once
// MySQL / MariaDB introspection of the connection's database, in a fixed number of
// information_schema queries whatever the number of tables (see introspect_mysql for the list).
//
// Each catalog table is read alone and the rows are joined here: MariaDB joins information_schema
// tables by nested loops, and the join of COLUMNS with TABLES alone took 1.5 s for 1,000 tables.

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "tempest/dialect/mysql.hpp"
#include "tempest/introspect/default_parsing.hpp"
#include "tempest/introspect/mysql_unmanaged.hpp"
#include "tempest/introspect/options.hpp"
#include "tempest/runtime/session_settings.hpp"

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

// Under ANSI_QUOTES the server prints the identifiers of expressions (defaults, checks, generated
// columns, views) in double quotes, which other sessions read as strings: the catalog is read with
// it off. Modes that stand for several (ANSI, ORACLE…) go too, as they would set it again; the
// flags they stand for are listed on their own.
inline bool sets_ansi_quotes(std::string_view flag) {
  for (std::string_view name : {"ANSI_QUOTES", "ANSI", "ORACLE", "MSSQL", "DB2", "POSTGRESQL", "MAXDB"})
    if (flag == name) return true;
  return false;
}

// What information_schema.TABLES says of a base table beyond its name.
struct mysql_table_facts {
  std::string collation;  // as reported, before it is compared with the database's
  std::string engine, create_options, comment;
  bool system_versioned = false;
};

// A column option the IR does not hold (INVISIBLE, COMMENT): kept as an ALTER TABLE … MODIFY.
struct mysql_column_extras {
  std::string table, column, comment;
  bool invisible = false;
};

inline std::string mysql_column_options_ddl(const mysql_dialect& d, const table& t, const mysql_column_extras& extras) {
  const column* c = t.find_column(extras.column);
  std::string ddl = fmt::format("ALTER TABLE {} MODIFY COLUMN {}", d.quote(t.name), d.column_definition(t, *c));
  if (extras.invisible) ddl += " INVISIBLE";
  if (!extras.comment.empty()) ddl += " COMMENT " + mysql_quoted_text(extras.comment);
  return ddl;
}

// ALTER TABLE for the options of a table beyond engine InnoDB and its collation.
inline std::optional<unmanaged_object> mysql_table_options(const mysql_dialect& d, const std::string& name,
                                                           const mysql_table_facts& facts) {
  std::string options;
  if (!facts.engine.empty() && facts.engine != "InnoDB") options += " ENGINE=" + facts.engine;
  for (std::size_t start = 0; start < facts.create_options.size();) {
    auto end = std::min(facts.create_options.find(' ', start), facts.create_options.size());
    auto option = facts.create_options.substr(start, end - start);
    if (!option.empty() && option != "partitioned") options += " " + option;
    start = end + 1;
  }
  if (!facts.comment.empty()) options += " COMMENT " + mysql_quoted_text(facts.comment);
  if (facts.system_versioned) options += options.empty() ? " ADD SYSTEM VERSIONING" : ", ADD SYSTEM VERSIONING";
  if (options.empty()) return std::nullopt;
  return unmanaged_object{"table options", name, name, fmt::format("ALTER TABLE {}{}", d.quote(name), options)};
}

// Reads the connection's database, one information_schema table at a time. The fixed queries:
// sql_mode, the server, TABLES, COLUMNS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, STATISTICS,
// CHECK_CONSTRAINTS, VIEWS, TRIGGERS, ROUTINES, EVENTS (12). Only when there is something to read:
// PARAMETERS (routines), PARTITIONS (partitioned tables), SHOW CREATE SEQUENCE (one per sequence),
// the true defaults of read_true_defaults, and two to turn ANSI_QUOTES off and on.
class mysql_catalog {
 public:
  mysql_catalog(connection& db, const introspect_options& options)
      : db_(db), options_(options), reading_(db, "ANSI_QUOTES", sets_ansi_quotes) {
    auto server = db_.query("SELECT VERSION(), @@collation_database, DATABASE()").at(0);
    mariadb_ = text_of(server[0]).find("MariaDB") != std::string::npos;
    database_collation_ = mysql_dialect::utf8mb3_spelling(text_of(server[1]));
    database_ = text_of(server[2]);
  }

  schema read() && {
    read_tables();
    read_columns();
    read_foreign_keys();
    read_indexes();
    read_checks();
    for (const auto& extras : column_extras_)
      if (const table* t = builder_.find(extras.table))
        keep({"column options", extras.column, extras.table, mysql_column_options_ddl(dialect_, *t, extras)});
    for (const auto& [name, facts] : tables_)
      if (auto object = mysql_table_options(dialect_, name, facts)) keep(std::move(*object));
    read_partitioning();
    read_views();
    read_triggers();
    read_routines();
    read_events();
    // information_schema has no definition of a sequence (MariaDB): one SHOW CREATE each.
    for (const auto& name : sequences_)
      keep({"sequence", name, "", text_of(db_.query("SHOW CREATE SEQUENCE " + dialect_.quote(name)).at(0).at(1)), true});

    schema s = std::move(builder_).finish(options_);
    s.unmanaged = std::move(unmanaged_);
    s.normalise();
    return s;
  }

 private:
  // Objects of excluded tables are left out with them.
  void keep(unmanaged_object object) {
    const auto& excluded = options_.exclude_tables;
    if (object.table.empty() || std::find(excluded.begin(), excluded.end(), object.table) == excluded.end())
      unmanaged_.push_back(std::move(object));
  }

  std::vector<result_row> query(std::string_view columns, std::string_view from, std::string_view schema_column,
                                std::string_view rest = {}) {
    return db_.query(fmt::format("SELECT {} FROM information_schema.{} WHERE {}{}", columns, from,
                                 in_database(schema_column), rest));
  }

  void read_tables() {
    for (const auto& row : query("TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT", "TABLES",
                                 "TABLE_SCHEMA")) {
      const std::string& type = text_of(row[1]);
      if (type == "SEQUENCE") sequences_.push_back(text_of(row[0]));
      if (type != "BASE TABLE" && type != "SYSTEM VERSIONED") continue;  // views are read from VIEWS
      mysql_table_facts facts{mysql_dialect::utf8mb3_spelling(text_of(row[3])), text_of(row[2]), text_of(row[4]),
                              text_of(row[5]), type == "SYSTEM VERSIONED"};
      table& t = builder_.at(text_of(row[0]));
      if (facts.collation != database_collation_) t.collation = facts.collation;
      tables_.emplace(t.name, std::move(facts));
    }
  }

  void read_columns() {
    std::vector<std::pair<std::string, std::string>> mangled_defaults;  // (table, column)
    for (const auto& row : query("TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
                                 "CHARACTER_SET_NAME, COLLATION_NAME, GENERATION_EXPRESSION, COLUMN_COMMENT",
                                 "COLUMNS", "TABLE_SCHEMA", fmt::format(" ORDER BY {}, ORDINAL_POSITION", by_name("TABLE_NAME")))) {
      auto facts = tables_.find(text_of(row[0]));
      if (facts == tables_.end()) continue;
      table& t = builder_.at(facts->first);
      column c;
      c.name = text_of(row[1]);
      c.type = dialect_.parse_type(text_of(row[2]));
      c.nullable = text_of(row[3]) == "YES";
      const std::string& extra = text_of(row[5]);
      c.autoincrement = extra.find("auto_increment") != std::string::npos;
      // MariaDB reports literal defaults quoted ('x', with backslash escapes whatever the sql_mode)
      // and expressions bare; MySQL 8 reports literals bare and marks expressions DEFAULT_GENERATED.
      if (extra.find("VIRTUAL GENERATED") != std::string::npos || extra.find("STORED GENERATED") != std::string::npos) {
        c.generated = generated_column{text_of(row[8]), extra.find("STORED") != std::string::npos};
      } else if (row[4]) {
        if (mariadb_) c.default_value = parse_default(*row[4], c.type.kind, true);
        else if (extra.find("DEFAULT_GENERATED") != std::string::npos) c.default_value = column_default::expression(*row[4]);
        else c.default_value = column_default::literal(canonical_literal(c.type.kind, *row[4]));
      }
      if (auto at = extra.find("on update "); at != std::string::npos)
        c.on_update = mysql_dialect::on_update_spelling(extra.substr(at + 10), c.type);
      c.collation = mysql_dialect::utf8mb3_spelling(text_of(row[7]));
      if (c.collation == facts->second.collation) c.collation.clear();
      if (c.default_value && c.default_value->kind == column_default::source::literal &&
          c.default_value->text.find('?') != std::string::npos && text_of(row[6]) == "utf8mb4")
        mangled_defaults.emplace_back(t.name, c.name);
      bool invisible = extra.find("INVISIBLE") != std::string::npos;
      if (invisible || !text_of(row[9]).empty()) column_extras_.push_back({t.name, c.name, text_of(row[9]), invisible});
      t.columns.push_back(std::move(c));
    }
    read_true_defaults(db_, builder_, mangled_defaults);
  }

  // Foreign keys: their columns, then their rules. InnoDB treats RESTRICT and NO ACTION alike (it
  // checks at once), and reports RESTRICT when DDL names no action: both read as NO ACTION.
  void read_foreign_keys() {
    const auto key_columns = query(
        "TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME, REFERENCED_TABLE_SCHEMA",
        "KEY_COLUMN_USAGE", "TABLE_SCHEMA",
        fmt::format(" AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY {}, {}, ORDINAL_POSITION", by_name("TABLE_NAME"),
                    by_name("CONSTRAINT_NAME")));
    std::map<std::pair<std::string, std::string>, std::pair<fk_action, fk_action>> rules;  // (on delete, on update)
    auto action = [](const std::string& rule) {
      auto read = parse_fk_action(rule).value_or(fk_action::no_action);
      return read == fk_action::restrict ? fk_action::no_action : read;
    };
    for (const auto& row : query("TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE", "REFERENTIAL_CONSTRAINTS",
                                 "CONSTRAINT_SCHEMA"))
      rules[{text_of(row[0]), text_of(row[1])}] = {action(text_of(row[2])), action(text_of(row[3]))};

    // Keys to another database's tables, with its name: the IR names tables of this database only.
    std::map<std::pair<std::string, std::string>, std::pair<std::string, foreign_key_def>> elsewhere;
    for (const auto& row : key_columns) {
      table* t = builder_.find(text_of(row[0]));
      if (!t) continue;
      const std::pair<std::string, std::string> key{t->name, text_of(row[1])};
      foreign_key_names_.insert(key);
      foreign_key_def* fk = nullptr;
      if (text_of(row[5]) == database_) {
        if (t->foreign_keys.empty() || t->foreign_keys.back().name != key.second)
          t->foreign_keys.push_back({key.second, {}, text_of(row[3])});
        fk = &t->foreign_keys.back();
      } else {
        fk = &elsewhere.try_emplace(key, text_of(row[5]), foreign_key_def{key.second, {}, text_of(row[3])}).first->second.second;
      }
      std::tie(fk->on_delete, fk->on_update) = rules[key];
      fk->columns.push_back(text_of(row[2]));
      fk->referenced_columns.push_back(text_of(row[4]));
    }
    for (const auto& [key, target] : elsewhere) {
      const auto& [database, fk] = target;
      auto clause = dialect_.foreign_key_clause(fk);
      auto local = "REFERENCES " + dialect_.quote(fk.referenced_table);
      clause.replace(clause.find(local), local.size(),
                     fmt::format("REFERENCES {}.{}", dialect_.quote(database), dialect_.quote(fk.referenced_table)));
      keep({"foreign key", fk.name, key.first, fmt::format("ALTER TABLE {} ADD {}", dialect_.quote(key.first), clause)});
    }
  }

  // Indexes. Those of other types than BTREE (FULLTEXT, SPATIAL, HASH) and MySQL 8's functional ones
  // are kept as unmanaged objects.
  void read_indexes() {
    std::vector<special_index> special;
    for (const auto& row : query(fmt::format("TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, "
                                             "INDEX_TYPE, {}",
                                             mariadb_ ? "NULL" : "EXPRESSION"),
                                 "STATISTICS", "TABLE_SCHEMA",
                                 fmt::format(" ORDER BY {}, {}, SEQ_IN_INDEX", by_name("TABLE_NAME"), by_name("INDEX_NAME")))) {
      table* t = builder_.find(text_of(row[0]));
      if (!t) continue;
      const std::string& name = text_of(row[1]);
      if (name == "PRIMARY") {
        if (!t->key) t->key = primary_key_def{name, {}};
        t->key->columns.push_back(text_of(row[3]));
        continue;
      }
      // InnoDB creates an index named after a foreign key that has none to use; it is not the user's.
      if (foreign_key_names_.count({t->name, name})) continue;
      key_part part;
      part.descending = text_of(row[5]) == "D";
      if (row[4]) part.prefix_length = std::stoi(*row[4]);
      const std::string& type = text_of(row[6]);
      if (type != "BTREE" || row[7]) {
        std::string sql = row[7] ? "(" + *row[7] + ")" : dialect_.quote(text_of(row[3]));
        if (part.prefix_length && type != "SPATIAL") sql += fmt::format("({})", *part.prefix_length);  // MariaDB: 32, its own
        if (part.descending) sql += " DESC";
        if (special.empty() || special.back().table != t->name || special.back().name != name)
          special.push_back({t->name, name, row[7] ? "" : type, sql, text_of(row[2]) == "0"});
        else
          special.back().parts += ", " + sql;
        continue;
      }
      if (t->indexes.empty() || t->indexes.back().name != name) t->indexes.push_back({name, {}, text_of(row[2]) == "0"});
      index_def& ix = t->indexes.back();
      ix.columns.push_back(text_of(row[3]));
      if (!part.plain()) ix.parts.resize(ix.columns.size() - 1);
      if (!part.plain() || !ix.parts.empty()) ix.parts.push_back(part);
    }
    for (const auto& ix : special) keep(ix.unmanaged(dialect_));
  }

  // MariaDB names checks per table (its CHECK_CONSTRAINTS has a TABLE_NAME) and tells a column's own
  // (LEVEL Column, named after it) from the table's; MySQL 8 names them per schema.
  void read_checks() {
    const auto rows =
        mariadb_ ? query("TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL", "CHECK_CONSTRAINTS", "CONSTRAINT_SCHEMA")
                 : db_.query(fmt::format("SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 'Table' FROM "
                                         "information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc "
                                         "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND {} WHERE {} AND "
                                         "tc.CONSTRAINT_TYPE = 'CHECK'",
                                         same_name("cc.CONSTRAINT_NAME", "tc.CONSTRAINT_NAME"), in_database("tc.TABLE_SCHEMA")));
    for (const auto& row : rows) {
      table* t = builder_.find(text_of(row[0]));
      if (!t) continue;
      const std::string& name = text_of(row[1]);
      const std::string& clause = text_of(row[2]);
      // MariaDB's JSON is LONGTEXT in utf8mb4_bin with this check of its own: a JSON column.
      column* c = text_of(row[3]) == "Column" ? t->find_column(name) : nullptr;
      if (c && c->type == column_type::text() && clause == fmt::format("json_valid({})", dialect_.quote(name))) {
        c->type = column_type::sql("json");
        c->collation.clear();
        continue;
      }
      t->checks.push_back({name, clause, {}, {}});
    }
  }

  void read_partitioning() {
    if (std::none_of(tables_.begin(), tables_.end(),
                     [](const auto& t) { return t.second.create_options.find("partitioned") != std::string::npos; }))
      return;
    const auto rows = query("TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_DESCRIPTION, "
                            "SUBPARTITION_METHOD, SUBPARTITION_EXPRESSION, SUBPARTITION_NAME",
                            "PARTITIONS", "TABLE_SCHEMA",
                            fmt::format(" AND PARTITION_NAME IS NOT NULL ORDER BY {}, PARTITION_ORDINAL_POSITION, "
                                        "SUBPARTITION_ORDINAL_POSITION",
                                        by_name("TABLE_NAME")));
    std::map<std::string, std::vector<const result_row*>> by_table;
    for (const auto& row : rows)
      if (tables_.count(text_of(row[0]))) by_table[text_of(row[0])].push_back(&row);
    for (const auto& [name, table_rows] : by_table) keep(read_partitioning_of(dialect_, table_rows));
  }

  void read_views() {
    for (const auto& row : query(fmt::format("TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, {}",
                                             mariadb_ ? "ALGORITHM" : "NULL"),
                                 "VIEWS", "TABLE_SCHEMA"))
      keep(read_view(dialect_, database_, row));
  }

  void read_triggers() {
    std::vector<trigger_row> triggers;
    for (const auto& row : query("TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, "
                                 "ACTION_STATEMENT",
                                 "TRIGGERS", "TRIGGER_SCHEMA"))
      triggers.push_back({text_of(row[0]), text_of(row[1]), text_of(row[2]), text_of(row[3]), text_of(row[5]),
                          std::stol(text_of(row[4]).empty() ? "0" : text_of(row[4]))});
    for (auto& object : triggers_in_order(dialect_, std::move(triggers))) keep(std::move(object));
  }

  void read_routines() {
    const auto routines = query("ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS, "
                                "SECURITY_TYPE, ROUTINE_COMMENT",
                                "ROUTINES", "ROUTINE_SCHEMA", " AND ROUTINE_TYPE IN ('FUNCTION', 'PROCEDURE')");
    if (routines.empty()) return;
    const auto parameters = query("SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, "
                                  "DTD_IDENTIFIER, CHARACTER_SET_NAME, COLLATION_NAME",
                                  "PARAMETERS", "SPECIFIC_SCHEMA",
                                  fmt::format(" ORDER BY {}, ROUTINE_TYPE, ORDINAL_POSITION", by_name("SPECIFIC_NAME")));
    for (auto& object : read_routines_of(dialect_, routines, parameters)) keep(std::move(object));
  }

  void read_events() {
    for (const auto& row : query("EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD, "
                                 "STARTS, ENDS, STATUS, ON_COMPLETION, EVENT_COMMENT",
                                 "EVENTS", "EVENT_SCHEMA"))
      keep(read_event(dialect_, row));
  }

  connection& db_;
  const introspect_options& options_;
  mysql_sql_mode_without reading_;
  const mysql_dialect dialect_;
  bool mariadb_ = false;
  std::string database_, database_collation_;
  schema_builder builder_;
  std::map<std::string, mysql_table_facts> tables_;  // the base tables, by name
  std::vector<std::string> sequences_;
  std::vector<mysql_column_extras> column_extras_;
  std::set<std::pair<std::string, std::string>> foreign_key_names_;  // (table, name)
  std::vector<unmanaged_object> unmanaged_;
};

inline schema introspect_mysql(connection& db, const introspect_options& options) {
  return mysql_catalog(db, options).read();
}

}  // namespace tempest::detail
