#pragma once
// PostgreSQL introspection of the current schema: four catalog queries whatever the number of
// tables (columns, constraints, indexes, and everything else: enum types and the unmanaged objects
// of postgresql_objects.hpp). Lists come back as JSON arrays, so names with commas or quotes need
// no escaping.
//
// What reads back as what (docs/readback/postgresql.md has the whole table):
// - every constraint and index has a name, the ones PostgreSQL chose included (<t>_pkey…);
// - a unique constraint is a unique index;
// - serial columns are autoincrement with identity_kind::serial, identity columns by_default or
//   always; sequence options are not kept;
// - an index tempest cannot express (another method than btree, INCLUDE columns, NULLS FIRST on an
//   ascending part or NULLS LAST on a descending one, NULLS NOT DISTINCT, a DEFERRABLE unique
//   constraint) and every exclusion constraint are unmanaged objects with their DDL;
// - a partitioned table is an unmanaged object whose DDL is its CREATE TABLE … PARTITION BY, and so
//   is each partition, PARTITION OF it.

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "tempest/dialect/postgresql.hpp"
#include "tempest/introspect/default_parsing.hpp"
#include "tempest/introspect/options.hpp"
#include "tempest/introspect/postgresql_objects.hpp"
#include "tempest/introspect/postgresql_text.hpp"

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

// Tables of the current schema that tempest reads: not partitions, not an extension's. (A
// partitioned table is read, then set aside as an unmanaged object.)
#define TEMPEST_POSTGRESQL_TABLES                                                                       \
  "c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "                  \
  "AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND NOT EXISTS (SELECT 1 FROM pg_depend e "      \
  "WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.refclassid = 'pg_extension'::regclass " \
  "AND e.deptype = 'e')"

// Rows: table, column, format_type, NOT NULL, default or generation expression, identity
// ('a', 'd' or ''), generated ('s' or ''), enum type, collation other than the type's, serial,
// the partition key of a partitioned table.
inline constexpr std::string_view postgresql_columns_query =
    "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, "
    "pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, "
    "CASE WHEN ty.typtype = 'e' AND ty.typnamespace = c.relnamespace THEN ty.typname END, "
    "CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END, "
    // A serial column: its default takes the next value of a sequence the column owns.
    "(d.adbin IS NOT NULL AND EXISTS (SELECT 1 FROM pg_depend s WHERE s.refclassid = 'pg_class'::regclass "
    "AND s.refobjid = c.oid AND s.refobjsubid = a.attnum AND s.classid = 'pg_class'::regclass AND s.deptype = 'a' "
    "AND pg_get_expr(d.adbin, d.adrelid) = 'nextval(' || quote_literal(s.objid::regclass::text) || '::regclass)'))::text, "
    "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END "
    "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "JOIN pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation "
    "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
    "WHERE " TEMPEST_POSTGRESQL_TABLES " ORDER BY c.relname, a.attnum";

// Rows: table, constraint, type ('p', 'f', 'c' or 'x'), columns, referenced table, referenced
// columns, ON DELETE, ON UPDATE, the check expression or exclusion constraint, DEFERRABLE,
// INITIALLY DEFERRED. Column lists are JSON arrays, so names with commas or quotes need no escaping.
inline constexpr std::string_view postgresql_constraints_query =
    "WITH keys AS (SELECT con.oid, "
    "json_agg(a.attname ORDER BY k.ord) FILTER (WHERE k.side = 0)::text AS columns, "
    "json_agg(a.attname ORDER BY k.ord) FILTER (WHERE k.side = 1)::text AS referenced "
    "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
    "CROSS JOIN LATERAL (SELECT 0, attnum, ord, con.conrelid FROM unnest(con.conkey) WITH ORDINALITY u(attnum, ord) "
    "UNION ALL SELECT 1, attnum, ord, con.confrelid FROM unnest(con.confkey) WITH ORDINALITY u(attnum, ord)) "
    "k(side, attnum, ord, relation) "
    "JOIN pg_attribute a ON a.attrelid = k.relation AND a.attnum = k.attnum "
    "WHERE con.contype IN ('p', 'f', 'c', 'x') AND " TEMPEST_POSTGRESQL_TABLES " GROUP BY con.oid) "
    "SELECT c.relname, con.conname, con.contype::text, keys.columns, rc.relname, keys.referenced, "
    "con.confdeltype::text, con.confupdtype::text, CASE con.contype WHEN 'c' THEN pg_get_expr(con.conbin, con.conrelid, true) "
    "WHEN 'x' THEN pg_get_constraintdef(con.oid) END, con.condeferrable::text, con.condeferred::text "
    "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
    "LEFT JOIN keys ON keys.oid = con.oid "
    "WHERE con.contype IN ('p', 'f', 'c', 'x') AND " TEMPEST_POSTGRESQL_TABLES " ORDER BY c.relname, con.conname";

// Rows: table, index, UNIQUE, predicate, key parts, and for an index tempest cannot express (see the
// top of this file) its kind and DDL. A key part is [column (null for an expression), expression,
// DESC, NULLS FIRST, a collation other than the column's (for an expression: other than its type's
// and the columns' it reads), an operator class other than the default].
inline constexpr std::string_view postgresql_indexes_query =
    "WITH parts AS (SELECT ix.indexrelid, "
    "json_agg(json_build_array(a.attname, CASE WHEN k.attnum = 0 THEN pg_get_indexdef(ix.indexrelid, k.ord::int, true) END, "
    "(k.opt & 1) = 1, (k.opt & 2) = 2, "
    "CASE WHEN k.coll <> coalesce(a.attcollation, (SELECT t.typcollation FROM pg_attribute ia JOIN pg_type t "
    "ON t.oid = ia.atttypid WHERE ia.attrelid = ix.indexrelid AND ia.attnum = k.ord)) "
    // An expression takes the collation of a column it reads without being told: not reported.
    "AND (k.attnum <> 0 OR NOT EXISTS (SELECT 1 FROM pg_depend dep JOIN pg_attribute da ON da.attrelid = dep.refobjid "
    "AND da.attnum = dep.refobjsubid WHERE dep.classid = 'pg_class'::regclass AND dep.objid = ix.indexrelid "
    "AND dep.refobjid = ix.indrelid AND da.attcollation = k.coll)) "
    "THEN (SELECT collname FROM pg_collation WHERE oid = k.coll) END, "
    "CASE WHEN NOT opc.opcdefault THEN opc.opcname END) ORDER BY k.ord) AS parts, "
    "bool_or(((k.opt & 1) = 1) <> ((k.opt & 2) = 2)) AS odd_nulls "
    "FROM pg_index ix JOIN pg_class c ON c.oid = ix.indrelid "
    "CROSS JOIN LATERAL unnest(ix.indkey::int2[], ix.indoption::int2[], ix.indcollation::oid[], ix.indclass::oid[]) "
    "WITH ORDINALITY k(attnum, opt, coll, opclass, ord) "
    "LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum <> 0 "
    "LEFT JOIN pg_opclass opc ON opc.oid = k.opclass "
    "WHERE k.ord <= ix.indnkeyatts AND NOT ix.indisprimary AND " TEMPEST_POSTGRESQL_TABLES " GROUP BY ix.indexrelid) "
    "SELECT c.relname, i.relname, ix.indisunique::text, pg_get_expr(ix.indpred, ix.indrelid, true), p.parts, "
    "CASE WHEN x.inexpressible THEN CASE WHEN am.amname <> 'btree' THEN am.amname || ' index' "
    "WHEN con.oid IS NOT NULL THEN 'unique constraint' ELSE 'index' END END, "
    "CASE WHEN x.inexpressible THEN CASE WHEN con.oid IS NOT NULL THEN 'ALTER TABLE ' || quote_ident(c.relname) || "
    "' ADD CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid) "
    "ELSE pg_get_indexdef(ix.indexrelid) END END "
    "FROM pg_index ix JOIN parts p ON p.indexrelid = ix.indexrelid JOIN pg_class i ON i.oid = ix.indexrelid "
    "JOIN pg_class c ON c.oid = ix.indrelid JOIN pg_am am ON am.oid = i.relam "
    "LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('u', 'x') "
    "CROSS JOIN LATERAL (SELECT am.amname <> 'btree' OR ix.indnkeyatts <> ix.indnatts OR ix.indnullsnotdistinct "
    "OR coalesce(con.condeferrable, false) OR p.odd_nulls AS inexpressible) x "
    "WHERE con.contype IS DISTINCT FROM 'x' ORDER BY c.relname, i.relname";

#undef TEMPEST_POSTGRESQL_TABLES

struct postgresql_reader {
  const postgresql_dialect dialect;
  // PostgreSQL prints string constants for the session reading them: with
  // standard_conforming_strings off, a backslash in the text comes back doubled.
  bool backslash_escapes = false;
  schema_builder builder;
  std::map<std::string, std::string> partition_keys;  // partitioned table → its PARTITION BY
  std::vector<enum_type_def> enums;
  std::vector<unmanaged_object> unmanaged;

  std::string portable(std::string_view sql) const { return postgresql_portable_literals(sql, backslash_escapes); }

  // A schema spells few types many times: each is parsed once.
  std::unordered_map<std::string, column_type> parsed_types;
  const column_type& parsed_type(const std::string& spelling) {
    auto it = parsed_types.find(spelling);
    if (it == parsed_types.end()) it = parsed_types.emplace(spelling, dialect.parse_type(spelling)).first;
    return it->second;
  }

  void read_columns(connection& db) {
    for (const auto& row : db.query(postgresql_columns_query)) {
      table& t = builder.at(text_of(row[0]));
      if (row[10]) partition_keys[t.name] = *row[10];
      column c;
      c.name = text_of(row[1]);
      const enum_type_def* e = row[7] ? find_enum(*row[7]) : nullptr;
      c.type = e ? column_type::enumeration_of(e->name, e->values) : parsed_type(text_of(row[2]));
      c.nullable = text_of(row[3]) != "true";
      c.collation = text_of(row[8]);
      const std::string& identity = text_of(row[5]);
      if (!identity.empty()) {
        c.autoincrement = true;
        c.identity = identity == "a" ? identity_kind::always : identity_kind::by_default;
      } else if (text_of(row[9]) == "true") {
        c.autoincrement = true;
        c.identity = identity_kind::serial;
      } else if (row[4] && text_of(row[6]) == "s") {
        c.generated = generated_column{postgresql_expressions::pretty_form(portable(*row[4])), true};
      } else if (row[4]) {
        c.default_value = parse_default(*row[4], c.type.kind, backslash_escapes);
        if (c.default_value && c.default_value->kind == column_default::source::expression)
          c.default_value->text = portable(c.default_value->text);
      }
      t.columns.push_back(std::move(c));
    }
  }

  void read_constraints(connection& db) {
    for (const auto& row : db.query(postgresql_constraints_query)) {
      table* t = builder.find(text_of(row[0]));
      if (!t) continue;
      const std::string& name = text_of(row[1]);
      const std::string& type = text_of(row[2]);
      if (type == "p") {
        t->key = primary_key_def{name, json_names(row[3])};
      } else if (type == "f") {
        auto deferrable = text_of(row[9]) != "true"  ? deferrability::not_deferrable
                          : text_of(row[10]) == "true" ? deferrability::initially_deferred
                                                       : deferrability::initially_immediate;
        t->foreign_keys.push_back({name, json_names(row[3]), text_of(row[4]), json_names(row[5]),
                                   postgresql_action(text_of(row[6])), postgresql_action(text_of(row[7])), deferrable});
      } else if (type == "c") {
        t->checks.push_back({name, postgresql_expressions::pretty_form(portable(text_of(row[8]))), {}, {}});
      } else {
        unmanaged.push_back({"exclusion constraint", name, t->name,
                             fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", dialect.quote(t->name), dialect.quote(name),
                                         portable(text_of(row[8]))),
                             false, {}});
      }
    }
  }

  void read_indexes(connection& db) {
    for (const auto& row : db.query(postgresql_indexes_query)) {
      table* t = builder.find(text_of(row[0]));
      if (!t) continue;
      if (row[5]) {
        unmanaged.push_back({*row[5], text_of(row[1]), t->name, portable(text_of(row[6])), false, {}});
        continue;
      }
      index_def ix{text_of(row[1]), {}, text_of(row[2]) == "true"};
      ix.predicate = postgresql_expressions::pretty_form(portable(text_of(row[3])));
      for (const auto& part : nlohmann::json::parse(text_of(row[4]))) {
        key_part p;
        p.expression = part[0].is_null();
        ix.columns.push_back(p.expression ? postgresql_expressions::pretty_form(portable(part[1].get<std::string>()))
                                        : part[0].get<std::string>());
        p.descending = part[2].get<bool>();
        if (!part[4].is_null()) p.collation = part[4].get<std::string>();
        if (!part[5].is_null()) p.operator_class = part[5].get<std::string>();
        ix.parts.push_back(std::move(p));
      }
      ix.normalise();
      t->indexes.push_back(std::move(ix));
    }
  }

  // Enum types, the objects of postgresql_objects.hpp, and standard_conforming_strings.
  void read_objects(connection& db) {
    auto rows = db.query(postgresql_objects_query);
    for (const auto& row : rows)
      if (text_of(row[0]) == "setting") backslash_escapes = text_of(row[1]) == "off";
    for (const auto& row : rows) {
      const std::string& kind = text_of(row[0]);
      if (kind == "enum") enums.push_back({text_of(row[1]), json_names(row[3])});
      else if (kind != "setting")
        unmanaged.push_back({kind, text_of(row[1]), text_of(row[2]), portable(text_of(row[3])), text_of(row[4]) == "true",
                             json_names(row[5])});
    }
  }

  const enum_type_def* find_enum(std::string_view name) const {
    auto it = std::find_if(enums.begin(), enums.end(), [&](const enum_type_def& e) { return e.name == name; });
    return it == enums.end() ? nullptr : &*it;
  }

  // A partitioned table is not one tempest can create: it becomes an unmanaged object whose DDL is
  // the table as tempest reads it, PARTITION BY its key. What belongs to it (its triggers, indexes
  // tempest cannot express, options) needs it.
  void set_aside_partitioned_tables() {
    for (const auto& [name, key] : partition_keys) {
      const table& t = builder.tables.at(name);
      auto statements = dialect.create_table(t);
      std::string ddl = statements[0] + " PARTITION BY " + key;
      for (std::size_t i = 1; i < statements.size(); ++i) ddl += ";\n" + statements[i];
      for (auto& o : unmanaged)
        if ((o.table == name || o.name == name) && std::find(o.depends_on.begin(), o.depends_on.end(), name) == o.depends_on.end())
          o.depends_on.push_back(name);
      unmanaged.push_back({"partitioned table", name, "", std::move(ddl), false, {}});
      builder.tables.erase(name);
    }
  }

  schema finish(const introspect_options& options) && {
    set_aside_partitioned_tables();
    schema s = std::move(builder).finish(options);
    s.enum_types = std::move(enums);
    const auto& excluded = options.exclude_tables;
    auto is_excluded = [&](const std::string& name) { return std::find(excluded.begin(), excluded.end(), name) != excluded.end(); };
    std::erase_if(unmanaged, [&](const unmanaged_object& o) { return is_excluded(o.table) || is_excluded(o.name); });
    s.unmanaged = std::move(unmanaged);
    s.normalise();
    return s;
  }
};

inline schema introspect_postgresql(connection& db, const introspect_options& options) {
  postgresql_reader reader;
  reader.read_objects(db);
  reader.read_columns(db);
  reader.read_constraints(db);
  reader.read_indexes(db);
  return std::move(reader).finish(options);
}

}  // namespace tempest::detail
