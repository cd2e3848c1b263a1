#pragma once
// SQLite: declared type names are kept verbatim by the database, so each logical type gets a
// distinct spelling that reads back unambiguously. An autoincrement key must be spelled
// INTEGER PRIMARY KEY AUTOINCREMENT on the column itself. docs/readback/sqlite.md lists how
// hand-written DDL reads back.

#include <algorithm>
#include <array>

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/type_spelling.hpp"

namespace tempest {

class sqlite_dialect : public dialect {
 public:
  dialect_kind kind() const noexcept override { return dialect_kind::sqlite; }
  std::size_t max_identifier_bytes() const noexcept override { return 0; }

  // The sqlite3 shell drops the \r of a \r\n even inside quotes: text with control characters is
  // written as the bytes it is.
  std::string text_value_literal(std::string_view text) const override {
    bool control = std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (!control) return string_literal(text);
    check_text(text);
    std::string hex;
    for (char c : text) hex += fmt::format("{:02X}", static_cast<unsigned char>(c));
    return fmt::format("CAST(X'{}' AS TEXT)", hex);
  }

  // SQLite has no unsigned integers: an unsigned one is declared as the signed type that holds all
  // its values. Every SQLite integer is at most 64-bit signed, so std::uint64_t values above
  // INT64_MAX do not fit.
  static column_type stored_type(column_type type) {
    if (!type.is_unsigned || !is_integer(type.kind)) return type;
    type.kind = type.kind == type_kind::int8 ? type_kind::int16 : type.kind == type_kind::int16 ? type_kind::int32 : type_kind::int64;
    type.is_unsigned = false;
    return type;
  }

  std::string type_name(const column_type& declared) const override {
    const column_type type = stored_type(declared);
    switch (type.kind) {
      case type_kind::boolean: return "BOOLEAN";
      case type_kind::int16: return "SMALLINT";
      case type_kind::int32: return "INT";
      case type_kind::int64: return "BIGINT";
      case type_kind::float32: return "FLOAT";
      case type_kind::float64: return "DOUBLE";
      case type_kind::decimal: return fmt::format("NUMERIC({}, {})", type.precision.value_or(38), type.scale.value_or(0));
      case type_kind::string: return type.length ? fmt::format("VARCHAR({})", *type.length) : "TEXT";
      case type_kind::date: return "DATE";
      case type_kind::timestamp: return "TIMESTAMP";
      case type_kind::blob: return "BLOB";
      case type_kind::custom: return type.custom;
      case type_kind::int8: return "TINYINT";
      case type_kind::enumeration: throw unsupported(fmt::format("the native enum type {}", type));
    }
    return type.custom;
  }

  // Hand-written spellings that mean what tempest's own spelling means (same type affinity, same
  // use) read as that logical type; any other stays custom, as written.
  column_type parse_type(std::string_view spelling) const override {
    auto t = detail::split_type(spelling);
    const auto& b = t.base;
    const bool bare = t.args.empty() && t.rest.empty();
    if (bare && (b == "boolean" || b == "bool")) return column_type::of(type_kind::boolean);
    if (bare && b == "tinyint") return column_type::of(type_kind::int8);
    if (bare && b == "smallint") return column_type::of(type_kind::int16);
    if (bare && b == "int") return column_type::of(type_kind::int32);
    if (bare && (b == "bigint" || b == "integer")) return column_type::of(type_kind::int64);
    if (bare && b == "float") return column_type::of(type_kind::float32);
    if (bare && (b == "double" || b == "double precision" || b == "real")) return column_type::of(type_kind::float64);
    if ((b == "numeric" || b == "decimal") && (t.args.size() == 1 || t.args.size() == 2) && t.rest.empty())
      return column_type::numeric(t.args[0], t.args.size() == 2 ? t.args[1] : 0);
    if (b == "varchar" && t.args.size() == 1 && t.rest.empty()) return column_type::varchar(t.args[0]);
    if (bare && b == "text") return column_type::text();
    if (bare && b == "date") return column_type::of(type_kind::date);
    if (bare && (b == "timestamp" || b == "datetime")) return column_type::of(type_kind::timestamp);
    if (bare && b == "blob") return column_type::of(type_kind::blob);
    return column_type::sql(detail::canonical_custom(spelling));
  }

  // A collation as tempest compares it: SQLite's built-in ones in upper case, and BINARY, the
  // default, as none. Others are the application's, kept as written.
  static std::string canonical_collation(std::string_view collation) {
    for (std::string_view builtin : {"BINARY", "NOCASE", "RTRIM"})
      if (std::equal(collation.begin(), collation.end(), builtin.begin(), builtin.end(),
                     [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; }))
        return builtin == "BINARY" ? std::string() : std::string(builtin);
    return std::string(collation);
  }

  std::string collation_name(std::string_view collation) const override {
    auto canonical = canonical_collation(collation);
    if (canonical.empty()) return "BINARY";
    if (canonical == "NOCASE" || canonical == "RTRIM") return canonical;
    return quote(collation);
  }

  // SQLite defers a foreign key only when it is DEFERRABLE INITIALLY DEFERRED: DEFERRABLE alone or
  // INITIALLY IMMEDIATE is checked at once, exactly as NOT DEFERRABLE.
  static deferrability stored_deferrability(deferrability d) {
    return d == deferrability::initially_deferred ? d : deferrability::not_deferrable;
  }

  static bool is_rowid_key(const table& t, const column& c) {
    return c.autoincrement && t.key && t.key->columns.size() == 1 && t.key->columns.front() == c.name;
  }

  std::string column_definition(const table& t, const column& c) const override {
    check_column(t, c);
    if (is_rowid_key(t, c))
      return fmt::format("{} INTEGER NOT NULL {}PRIMARY KEY AUTOINCREMENT", quote(c.name), constraint_name(t.key->name));
    column stored = c;
    stored.type = stored_type(c.type);
    // The type as asked for, or as a STRICT table takes it (only its own six type names); none at
    // all for a column declared without one.
    const std::string type = t.strict ? strict_type_name(t, stored) : type_name(stored.type);
    // A spelling SQLite reads back as a logical type takes that type's literals: a default of
    // sql_type("BOOL") is 0 or 1, as SQLite stores it, not the text 'false'.
    if (stored.type.kind == type_kind::custom) stored.type = parse_type(stored.type.custom);
    std::string definition = dialect::column_definition(t, stored);
    const auto head = fmt::format("{} {}", quote(c.name), type_name(stored.type));
    return quote(c.name) + (type.empty() ? "" : " " + type) + definition.substr(head.size());
  }

  std::vector<std::string> table_constraints(const table& t, bool with_foreign_keys) const override {
    auto clauses = dialect::table_constraints(t, with_foreign_keys);
    bool key_inline = t.key && std::any_of(t.columns.begin(), t.columns.end(),
                                           [&](const column& c) { return is_rowid_key(t, c); });
    if (key_inline) clauses.erase(clauses.begin());
    return clauses;
  }

  // An unnamed unique index is a UNIQUE constraint, the only index SQLite makes inside CREATE
  // TABLE: of columns, each with its collation and order.
  std::string inline_index(const table& t, const index_def& ix) const override {
    if (!ix.unique || ix.has_expression() || !ix.predicate.empty()) return dialect::inline_index(t, ix);
    return fmt::format("UNIQUE ({})", key_part_list(t, ix));
  }

  // REFERENCES parent without columns refers to the parent's primary key.
  std::string foreign_key_clause(const foreign_key_def& fk) const override {
    auto clause = dialect::foreign_key_clause(fk);
    if (!fk.referenced_columns.empty()) return clause;
    const auto empty_list = fmt::format("REFERENCES {} ()", quote(fk.referenced_table));
    return clause.replace(clause.rfind(empty_list), empty_list.size(), fmt::format("REFERENCES {}", quote(fk.referenced_table)));
  }

  std::string table_options(const table& t) const override {
    if (!t.collation.empty()) throw unsupported(fmt::format("table \"{}\" has the collation {}", t.name, t.collation));
    if (t.without_rowid && !t.key) throw unsupported(fmt::format("table \"{}\" is WITHOUT ROWID but has no primary key", t.name));
    std::string options;
    if (t.without_rowid) options += " WITHOUT ROWID";
    if (t.strict) options += options.empty() ? " STRICT" : ", STRICT";
    return options;
  }

  // SQLite cannot add a foreign key to an existing table; a table rebuild does that.
  std::optional<std::string> add_foreign_key(std::string_view, const foreign_key_def&) const override {
    return std::nullopt;
  }

  // SQLite has no RENAME INDEX: the index is made again under its new name.
  std::vector<std::string> rename_index(const table& after, std::string_view from, const index_def& renamed) const override {
    return {drop_index(after.name, from), create_index(after, renamed)};
  }

  // SQLite cannot add or drop checks in place: render_operation rebuilds the table instead.
  std::optional<std::string> add_check(std::string_view, const check_def&) const override { return std::nullopt; }
  std::optional<std::string> drop_check(std::string_view, std::string_view) const override { return std::nullopt; }

  // The IR as introspection reads it back: see docs/readback/sqlite.md.
  schema stored_form(schema s) const override {
    s = dialect::stored_form(std::move(s));
    for (auto& t : s.tables) {
      for (auto& c : t.columns) {
        c.type = stored_type(c.type);
        c.collation = canonical_collation(c.collation);
        if (c.autoincrement) c.identity = identity_kind::by_default;
        if (is_rowid_key(t, c)) c.type = column_type::of(type_kind::int64);
        if (t.without_rowid && t.key && std::count(t.key->columns.begin(), t.key->columns.end(), c.name)) c.nullable = false;
      }
      for (auto& ix : t.indexes) {
        for (std::size_t i = 0; i < ix.parts.size(); ++i) {
          auto& part = ix.parts[i];
          const column* c = part.expression ? nullptr : t.find_column(ix.columns[i]);
          if (!part.collation.empty())
            part.collation = key_part_collation(part.collation, c ? canonical_collation(c->collation) : std::string());
        }
        ix.normalise();
      }
      for (auto& fk : t.foreign_keys) {
        fk.deferrable = stored_deferrability(fk.deferrable);
        if (const table* parent = s.find_table(fk.referenced_table); fk.referenced_columns.empty() && parent && parent->key)
          fk.referenced_columns = parent->key->columns;
      }
    }
    s.normalise();
    return s;
  }

  // A key part's collation as read back: none when it is the one the part has anyway (`inherited`,
  // its column's), else the collation, BINARY included.
  static std::string key_part_collation(std::string_view collation, const std::string& inherited) {
    auto canonical = canonical_collation(collation);
    if (canonical == inherited) return {};
    return canonical.empty() ? "BINARY" : canonical;
  }

 private:
  // What SQLite would refuse, or would take to mean something else, refused by name.
  void check_column(const table& t, const column& c) const {
    if (c.type.kind == type_kind::enumeration)
      throw unsupported(fmt::format("column \"{}\".\"{}\" has the native enum type {}: SQLite has no enum types (a C++ "
                                    "enum described with BOOST_DESCRIBE_ENUM is stored as text with a CHECK instead)",
                                    t.name, c.name, c.type));
    if (c.autoincrement && t.without_rowid)
      throw unsupported(fmt::format("column \"{}\".\"{}\" is autoincrement in the WITHOUT ROWID table \"{}\"", t.name, c.name, t.name));
    if (c.autoincrement && !is_rowid_key(t, c))
      throw unsupported(fmt::format("column \"{}\".\"{}\" is autoincrement but not the whole primary key", t.name, c.name));
    if (c.generated && c.default_value)
      throw unsupported(fmt::format("generated column \"{}\".\"{}\" has a default", t.name, c.name));
  }

  std::string strict_type_name(const table& t, const column& c) const {
    switch (c.type.kind) {
      case type_kind::int32: return "INT";
      case type_kind::int64: return "INTEGER";
      case type_kind::float64: return "REAL";
      case type_kind::blob: return "BLOB";
      case type_kind::string:
        if (!c.type.length) return "TEXT";
        break;
      case type_kind::custom:
        for (std::string_view name : {"int", "integer", "real", "text", "blob", "any"})
          if (detail::canonical_custom(c.type.custom) == name) return c.type.custom;
        break;
      default: break;
    }
    throw unsupported(fmt::format("column \"{}\".\"{}\" of the STRICT table has the type {} (a STRICT table takes INT, "
                                  "INTEGER, REAL, TEXT, BLOB or ANY)",
                                  t.name, c.name, c.type));
  }
};

}  // namespace tempest
