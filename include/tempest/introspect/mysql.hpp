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

// The fixed queries: sql_mode, the server, TABLES, COLUMNS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS,
// STATISTICS, CHECK_CONSTRAINTS, VIEWS, TRIGGERS, ROUTINES, EVENTS (12). Only when there is something
// to read: PARAMETERS (routines), PARTITIONS (partitioned tables), SHOW CREATE SEQUENCE (one per
// sequence), the true defaults of read_true_defaults, and two to turn ANSI_QUOTES off and on.
inline schema introspect_mysql(connection& db, const introspect_options& options) {
  const mysql_dialect dialect;
  schema_builder builder;

  // MariaDB reports literal defaults quoted ('x', with backslash escapes whatever the sql_mode) and
  // expressions bare; MySQL 8 reports literals bare and marks expressions DEFAULT_GENERATED.
  mysql_sql_mode_without reading(db, "ANSI_QUOTES", sets_ansi_quotes);
  auto server = db.query("SELECT VERSION(), @@collation_database, DATABASE()").at(0);
  const bool mariadb = text_of(server[0]).find("MariaDB") != std::string::npos;
  const std::string database_collation = mysql_dialect::utf8mb3_spelling(text_of(server[1]));
  const std::string database = text_of(server[2]);

  const auto excluded = [&](const std::string& table_name) {
    return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), table_name) != options.exclude_tables.end();
  };
  std::vector<unmanaged_object> unmanaged;
  auto keep = [&](unmanaged_object object) {
    if (object.table.empty() || !excluded(object.table)) unmanaged.push_back(std::move(object));
  };

  std::map<std::string, mysql_table_facts> tables;
  std::vector<std::string> sequences;
  for (const auto& row : db.query(fmt::format(
           "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT "
           "FROM information_schema.TABLES WHERE {}",
           in_database("TABLE_SCHEMA")))) {
    const std::string& type = text_of(row[1]);
    if (type == "SEQUENCE") sequences.push_back(text_of(row[0]));
    if (type != "BASE TABLE" && type != "SYSTEM VERSIONED") continue;  // views are read from VIEWS
    mysql_table_facts facts{mysql_dialect::utf8mb3_spelling(text_of(row[3])), text_of(row[2]), text_of(row[4]),
                            text_of(row[5]), type == "SYSTEM VERSIONED"};
    table& t = builder.at(text_of(row[0]));
    if (facts.collation != database_collation) t.collation = facts.collation;
    tables.emplace(t.name, std::move(facts));
  }

  std::vector<std::pair<std::string, std::string>> mangled_defaults;  // (table, column)
  std::vector<mysql_column_extras> column_extras;
  for (const auto& row : db.query(fmt::format(
           "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME, "
           "COLLATION_NAME, GENERATION_EXPRESSION, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE {} "
           "ORDER BY {}, ORDINAL_POSITION",
           in_database("TABLE_SCHEMA"), by_name("TABLE_NAME")))) {
    auto facts = tables.find(text_of(row[0]));
    if (facts == tables.end()) continue;
    table& t = builder.at(facts->first);
    column c;
    c.name = text_of(row[1]);
    c.type = dialect.parse_type(text_of(row[2]));
    c.nullable = text_of(row[3]) == "YES";
    const std::string& extra = text_of(row[5]);
    c.autoincrement = extra.find("auto_increment") != std::string::npos;
    if (extra.find("VIRTUAL GENERATED") != std::string::npos || extra.find("STORED GENERATED") != std::string::npos) {
      c.generated = generated_column{text_of(row[8]), extra.find("STORED") != std::string::npos};
    } else if (row[4]) {
      if (mariadb) c.default_value = parse_default(*row[4], c.type.kind, true);
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
    if (invisible || !text_of(row[9]).empty()) column_extras.push_back({t.name, c.name, text_of(row[9]), invisible});
    t.columns.push_back(std::move(c));
  }
  read_true_defaults(db, builder, mangled_defaults);

  // Foreign keys: their columns, then their rules.
  std::set<std::pair<std::string, std::string>> foreign_key_names;
  std::map<std::pair<std::string, std::string>, std::vector<const result_row*>> elsewhere;  // to another database
  const auto key_columns = db.query(fmt::format(
      "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME, "
      "REFERENCED_TABLE_SCHEMA FROM information_schema.KEY_COLUMN_USAGE WHERE {} AND REFERENCED_TABLE_NAME IS NOT NULL "
      "ORDER BY {}, {}, ORDINAL_POSITION",
      in_database("TABLE_SCHEMA"), by_name("TABLE_NAME"), by_name("CONSTRAINT_NAME")));
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> rules;  // (delete, update)
  for (const auto& row : db.query(fmt::format(
           "SELECT TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
           "WHERE {}",
           in_database("CONSTRAINT_SCHEMA"))))
    rules[{text_of(row[0]), text_of(row[1])}] = {text_of(row[2]), text_of(row[3])};
  // InnoDB treats RESTRICT and NO ACTION alike (it checks at once), and reports RESTRICT when DDL
  // names no action: both read as NO ACTION.
  auto action = [](const std::string& rule) {
    auto read = parse_fk_action(rule).value_or(fk_action::no_action);
    return read == fk_action::restrict ? fk_action::no_action : read;
  };
  for (const auto& row : key_columns) {
    table* t = builder.find(text_of(row[0]));
    if (!t) continue;
    const std::string& name = text_of(row[1]);
    foreign_key_names.insert({t->name, name});
    if (text_of(row[5]) != database) {
      elsewhere[{t->name, name}].push_back(&row);
      continue;
    }
    if (t->foreign_keys.empty() || t->foreign_keys.back().name != name) {
      const auto& [on_delete, on_update] = rules[{t->name, name}];
      t->foreign_keys.push_back({name, {}, text_of(row[3]), {}, action(on_delete), action(on_update)});
    }
    t->foreign_keys.back().columns.push_back(text_of(row[2]));
    t->foreign_keys.back().referenced_columns.push_back(text_of(row[4]));
  }
  for (const auto& [key, rows] : elsewhere) {  // the IR names tables of this database only
    foreign_key_def fk{key.second, {}, text_of((*rows[0])[3]), {}};
    for (const auto* r : rows) {
      fk.columns.push_back(text_of((*r)[2]));
      fk.referenced_columns.push_back(text_of((*r)[4]));
    }
    const auto& [on_delete, on_update] = rules[key];
    fk.on_delete = action(on_delete);
    fk.on_update = action(on_update);
    auto clause = dialect.foreign_key_clause(fk);
    auto local = "REFERENCES " + dialect.quote(fk.referenced_table);
    clause.replace(clause.find(local), local.size(),
                   "REFERENCES " + dialect.quote(text_of((*rows[0])[5])) + "." + dialect.quote(fk.referenced_table));
    keep({"foreign key", fk.name, key.first, fmt::format("ALTER TABLE {} ADD {}", dialect.quote(key.first), clause)});
  }

  // Indexes. FULLTEXT, SPATIAL and other kinds than BTREE, and MySQL 8's functional key parts, are
  // kept as unmanaged objects.
  struct special_index {
    std::string table, name;
    std::string type;  // FULLTEXT, SPATIAL, HASH…; empty for MySQL 8's functional index
    std::string parts;
    bool unique = false;
  };
  std::vector<special_index> special;
  for (const auto& row : db.query(fmt::format(
           "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE, {} "
           "FROM information_schema.STATISTICS WHERE {} ORDER BY {}, {}, SEQ_IN_INDEX",
           mariadb ? "NULL" : "EXPRESSION", in_database("TABLE_SCHEMA"), by_name("TABLE_NAME"), by_name("INDEX_NAME")))) {
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
    key_part part;
    part.descending = text_of(row[5]) == "D";
    if (row[4]) part.prefix_length = std::stoi(*row[4]);
    const std::string& type = text_of(row[6]);
    if (type != "BTREE" || row[7]) {
      std::string sql = row[7] ? "(" + *row[7] + ")" : dialect.quote(text_of(row[3]));
      if (part.prefix_length && type != "SPATIAL") sql += fmt::format("({})", *part.prefix_length);  // MariaDB: 32, its own
      if (part.descending) sql += " DESC";
      if (special.empty() || special.back().table != t->name || special.back().name != name) {
        special.push_back({t->name, name, row[7] ? "" : type, sql, text_of(row[2]) == "0"});
      } else {
        special.back().parts += ", " + sql;
      }
      continue;
    }
    if (t->indexes.empty() || t->indexes.back().name != name) t->indexes.push_back({name, {}, text_of(row[2]) == "0"});
    index_def& ix = t->indexes.back();
    ix.columns.push_back(text_of(row[3]));
    if (!part.plain()) ix.parts.resize(ix.columns.size() - 1);
    if (!part.plain() || !ix.parts.empty()) ix.parts.push_back(part);
  }
  for (const auto& ix : special) {
    // CREATE FULLTEXT|SPATIAL INDEX …, CREATE [UNIQUE] INDEX … USING HASH, CREATE INDEX … ((expression))
    const bool keyword = ix.type == "FULLTEXT" || ix.type == "SPATIAL";
    std::string kind = ix.type.empty() ? "expression" : ix.type;
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string ddl = fmt::format("CREATE {}INDEX {} ON {} ({}){}", keyword ? ix.type + " " : ix.unique ? "UNIQUE " : "",
                                  dialect.quote(ix.name), dialect.quote(ix.table), ix.parts,
                                  keyword || ix.type.empty() ? "" : " USING " + ix.type);
    keep({kind + " index", ix.name, ix.table, std::move(ddl)});
  }

  // Checks. MariaDB names them per table (its CHECK_CONSTRAINTS has a TABLE_NAME) and tells a
  // column's own (LEVEL Column, named after it) from the table's; MySQL 8 names them per schema.
  const std::string checks_sql =
      mariadb ? fmt::format("SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS "
                            "WHERE {} ORDER BY {}, {}",
                            in_database("CONSTRAINT_SCHEMA"), by_name("TABLE_NAME"), by_name("CONSTRAINT_NAME"))
              : fmt::format("SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 'Table' FROM "
                            "information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc ON "
                            "cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND {} WHERE {} AND tc.CONSTRAINT_TYPE = 'CHECK' "
                            "ORDER BY {}, {}",
                            same_name("cc.CONSTRAINT_NAME", "tc.CONSTRAINT_NAME"), in_database("tc.TABLE_SCHEMA"),
                            by_name("tc.TABLE_NAME"), by_name("tc.CONSTRAINT_NAME"));
  for (const auto& row : db.query(checks_sql)) {
    table* t = builder.find(text_of(row[0]));
    if (!t) continue;
    const std::string& name = text_of(row[1]);
    const std::string& clause = text_of(row[2]);
    // MariaDB's JSON is LONGTEXT with a utf8mb4_bin collation and this check of its own: a JSON column.
    column* c = text_of(row[3]) == "Column" ? t->find_column(name) : nullptr;
    if (c && c->type == column_type::text() && clause == fmt::format("json_valid({})", dialect.quote(name))) {
      c->type = column_type::sql("json");
      c->collation.clear();
      continue;
    }
    t->checks.push_back({name, clause, {}, {}});
  }

  for (const auto& extras : column_extras)
    if (const table* t = builder.find(extras.table))
      keep({"column options", extras.column, extras.table, mysql_column_options_ddl(dialect, *t, extras)});

  std::vector<std::string> partitioned;
  for (const auto& [name, facts] : tables) {
    if (auto object = mysql_table_options(dialect, name, facts)) keep(std::move(*object));
    if (facts.create_options.find("partitioned") != std::string::npos) partitioned.push_back(name);
  }
  if (!partitioned.empty()) {
    const auto rows = db.query(fmt::format(
        "SELECT TABLE_NAME, PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_DESCRIPTION, "
        "SUBPARTITION_METHOD, SUBPARTITION_EXPRESSION, SUBPARTITION_NAME FROM information_schema.PARTITIONS "
        "WHERE {} AND PARTITION_NAME IS NOT NULL ORDER BY {}, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION",
        in_database("TABLE_SCHEMA"), by_name("TABLE_NAME")));
    std::map<std::string, std::vector<const result_row*>> by_table;
    for (const auto& row : rows) by_table[text_of(row[0])].push_back(&row);
    for (const auto& [name, table_rows] : by_table) keep(read_partitioning(dialect, table_rows));
  }

  for (const auto& row : db.query(fmt::format(
           "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, {} FROM information_schema.VIEWS WHERE {}",
           mariadb ? "ALGORITHM" : "NULL", in_database("TABLE_SCHEMA"))))
    keep(read_view(dialect, database, row));

  std::vector<trigger_row> triggers;
  for (const auto& row : db.query(fmt::format(
           "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, ACTION_STATEMENT "
           "FROM information_schema.TRIGGERS WHERE {}",
           in_database("TRIGGER_SCHEMA"))))
    triggers.push_back({text_of(row[0]), text_of(row[1]), text_of(row[2]), text_of(row[3]), text_of(row[5]),
                        std::stol(text_of(row[4]).empty() ? "0" : text_of(row[4]))});
  for (auto& object : triggers_in_order(dialect, std::move(triggers))) keep(std::move(object));

  const auto routines = db.query(fmt::format(
      "SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, "
      "ROUTINE_COMMENT FROM information_schema.ROUTINES WHERE {} AND ROUTINE_TYPE IN ('FUNCTION', 'PROCEDURE')",
      in_database("ROUTINE_SCHEMA")));
  if (!routines.empty()) {
    const auto parameters = db.query(fmt::format(
        "SELECT SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER, "
        "CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.PARAMETERS WHERE {} ORDER BY {}, ROUTINE_TYPE, "
        "ORDINAL_POSITION",
        in_database("SPECIFIC_SCHEMA"), by_name("SPECIFIC_NAME")));
    for (auto& object : read_routines(dialect, routines, parameters)) keep(std::move(object));
  }

  for (const auto& row : db.query(fmt::format(
           "SELECT EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD, STARTS, ENDS, "
           "STATUS, ON_COMPLETION, EVENT_COMMENT FROM information_schema.EVENTS WHERE {}",
           in_database("EVENT_SCHEMA"))))
    keep(read_event(dialect, row));

  // information_schema has no definition of a sequence (MariaDB): one SHOW CREATE each.
  for (const auto& name : sequences) {
    auto rows = db.query("SHOW CREATE SEQUENCE " + dialect.quote(name));
    keep({"sequence", name, "", text_of(rows.at(0).at(1)), true});
  }

  schema s = std::move(builder).finish(options);
  s.unmanaged = std::move(unmanaged);
  s.normalise();
  return s;
}

}  // namespace tempest::detail
