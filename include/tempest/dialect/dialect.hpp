#pragma once
// A dialect turns schema IR into SQL text for one database: identifier quoting, literals, type names
// and DDL. SQL is born here and nowhere else.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/statement.hpp"
#include "tempest/error.hpp"
#include "tempest/schema/literal_rules.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest {

enum class dialect_kind : std::uint8_t { sqlite, postgresql, mysql };

constexpr std::string_view to_string(dialect_kind kind) noexcept {
  switch (kind) {
    case dialect_kind::sqlite: return "sqlite";
    case dialect_kind::postgresql: return "postgresql";
    case dialect_kind::mysql: return "mysql";
  }
  return "?";
}

class dialect {
 public:
  virtual ~dialect() = default;

  virtual dialect_kind kind() const noexcept = 0;
  std::string_view name() const noexcept { return to_string(kind()); }

  // Longest identifier the database keeps intact, in bytes; 0 for no limit.
  virtual std::size_t max_identifier_bytes() const noexcept = 0;

  // The right-hand side that finds `value` (written as `written`: a placeholder or a literal) in
  // column `c` exactly, as a data step deletes a row it names.
  virtual std::string exact_match(const column* c, const sql_value& value, std::string written) const {
    (void)c;
    (void)value;
    return written;
  }

  // The placeholder of the n-th (1-based) bound parameter of a statement.
  virtual std::string placeholder(std::size_t n) const {
    (void)n;
    return "?";
  }

  // Quotes any identifier so that reserved words, quotes, spaces and non-ASCII letters are safe.
  virtual std::string quote(std::string_view identifier) const {
    check_identifier(identifier);
    std::string out = "\"";
    for (char c : identifier) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + '"';
  }

  // A string literal. The SQL standard's '…' with '' for a quote; dialects whose literals can mean
  // something else under some server setting spell text with backslashes differently. No literal
  // can hold a NUL byte: that is refused.
  virtual std::string string_literal(std::string_view text) const {
    check_text(text);
    std::string out = "'";
    for (char c : text) {
      if (c == '\'') out += '\'';
      out += c;
    }
    return out + '\'';
  }

  // Text as a data value in an offline script (a default or check value uses string_literal).
  virtual std::string text_value_literal(std::string_view text) const { return string_literal(text); }

  // A floating-point value in its shortest round-trip form; NaN and infinities have no SQL literal.
  std::string float_literal(double value) const {
    if (auto issue = check_floating(value, type_kind::float64); issue != literal_issue::none)
      throw schema_error(fmt::format("{}: the value {} {}", name(), value, describe(issue, type_kind::float64)));
    return fmt::format("{}", value);
  }

  virtual std::string type_name(const column_type& type) const = 0;

  // The type a database reports back for a type it was given; unknown spellings stay custom.
  virtual column_type parse_type(std::string_view spelling) const = 0;

  // The literal default of `c` as SQL text. A number or boolean must be exactly one in the strict
  // grammar (literal_rules.hpp): it is written bare, so anything else would be SQL.
  // A literal of a column whose type is spelled out (sql_type) is written by the kind of its value.
  virtual std::string literal(const column& c, const column_default& value) const {
    type_kind kind = c.type.kind == type_kind::custom && value.value_kind ? *value.value_kind : c.type.kind;
    auto issue = check_literal(kind, value.text, c.type.is_unsigned);
    // A type spelled out may be unsigned: a number in either 64-bit range is one the database can judge.
    if (issue == literal_issue::out_of_range && c.type.kind == type_kind::custom) issue = check_literal(kind, value.text, true);
    if (issue != literal_issue::none)
      throw schema_error(fmt::format("{}: column \"{}\": default {} {}", name(), c.name, detail::shown(value.text),
                                     describe(issue, kind)));
    switch (kind) {
      case type_kind::boolean: return boolean_literal(canonical_literal(kind, value.text) == "true");
      case type_kind::int8:
      case type_kind::int16:
      case type_kind::int32:
      case type_kind::int64:
      case type_kind::float32:
      case type_kind::float64:
      case type_kind::decimal: return canonical_literal(kind, value.text);
      case type_kind::timestamp: {
        auto utc = detail::canonical_timestamp(canonical_literal(kind, value.text));
        return utc ? timestamp_literal(*utc) : string_literal(value.text);
      }
      default: return string_literal(value.text);
    }
  }

  // A timestamp in UTC ("YYYY-MM-DD HH:MM:SS[.fraction]") as a literal of the dialect's timestamp type.
  virtual std::string timestamp_literal(std::string_view utc) const { return string_literal(utc); }

  virtual std::string default_clause(std::string_view table_name, const column& c) const {
    if (!c.default_value) return {};
    if (c.default_value->kind == column_default::source::expression)
      return fmt::format(" DEFAULT ({})", c.default_value->text);
    check_default(name(), table_name, c);
    return fmt::format(" DEFAULT {}", literal(c, *c.default_value));
  }

  // name type [COLLATE c] [GENERATED ALWAYS AS (e) STORED|VIRTUAL] [NOT NULL] [DEFAULT d] [ON UPDATE u]
  virtual std::string column_definition(const table& t, const column& c) const {
    std::string out = fmt::format("{} {}", quote(c.name), type_name(c.type));
    if (!c.collation.empty()) out += " COLLATE " + collation_name(c.collation);
    if (c.generated)
      out += fmt::format(" GENERATED ALWAYS AS ({}) {}", c.generated->expression, c.generated->stored ? "STORED" : "VIRTUAL");
    if (!c.nullable) out += " NOT NULL";
    out += default_clause(t.name, c);
    if (!c.on_update.empty()) out += on_update_clause(t, c);
    return out;
  }

  // A collation as DDL spells it after COLLATE.
  virtual std::string collation_name(std::string_view collation) const { return quote(collation); }

  // Only MySQL has ON UPDATE for a column.
  virtual std::string on_update_clause(const table& t, const column& c) const {
    throw unsupported(fmt::format("column \"{}\".\"{}\" has ON UPDATE {}", t.name, c.name, c.on_update));
  }

  // The error for an IR that this database cannot hold: rendering never produces invalid SQL.
  schema_error unsupported(std::string_view what) const {
    return schema_error(fmt::format("{}: {}, which {} cannot express", name(), what, name()));
  }

  // "CONSTRAINT name " for a named constraint, nothing for an unnamed one.
  std::string constraint_name(std::string_view constraint) const {
    return constraint.empty() ? std::string() : fmt::format("CONSTRAINT {} ", quote(constraint));
  }

  virtual std::string check_expression(std::string_view table_name, const check_def& check) const {
    if (check.allowed_values.empty()) return check.expression;
    check_allowed_values(name(), table_name, check);
    std::string values;
    for (const auto& v : check.allowed_values) values += (values.empty() ? "" : ", ") + string_literal(v);
    return fmt::format("{} IN ({})", quote(check.column), values);
  }

  virtual std::string foreign_key_clause(const foreign_key_def& fk) const {
    auto clause = fmt::format("{}FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}", constraint_name(fk.name),
                              column_list(fk.columns), quote(fk.referenced_table), column_list(fk.referenced_columns),
                              to_sql(fk.on_delete), to_sql(fk.on_update));
    if (fk.deferrable != deferrability::not_deferrable) clause += fmt::format(" {}", to_sql(fk.deferrable));
    return clause;
  }

  // Table body clauses after the columns: key, foreign keys, checks, and the unnamed unique
  // constraints, which only CREATE TABLE can declare.
  virtual std::vector<std::string> table_constraints(const table& t, bool with_foreign_keys) const {
    std::vector<std::string> clauses;
    if (t.key) clauses.push_back(fmt::format("{}PRIMARY KEY ({})", constraint_name(t.key->name), column_list(t.key->columns)));
    for (const auto& ix : t.indexes)
      if (ix.name.empty()) clauses.push_back(inline_index(t, ix));
    if (with_foreign_keys)
      for (const auto& fk : t.foreign_keys) clauses.push_back(foreign_key_clause(fk));
    for (const auto& ck : t.checks)
      clauses.push_back(fmt::format("{}CHECK ({})", constraint_name(ck.name), check_expression(t.name, ck)));
    return clauses;
  }

  // An index declared inside CREATE TABLE: in standard SQL, only an unnamed UNIQUE of plain columns.
  virtual std::string inline_index(const table& t, const index_def& ix) const {
    if (!ix.unique || !ix.parts.empty() || !ix.predicate.empty())
      throw unsupported(fmt::format("table \"{}\" has an unnamed {} on ({}); only a unique constraint of plain columns "
                                    "can go without a name",
                                    t.name, ix.unique ? "unique index" : "index", fmt::join(ix.columns, ", ")));
    return fmt::format("{}UNIQUE ({})", constraint_name(ix.name), column_list(ix.columns));
  }

  // What follows the closing parenthesis of CREATE TABLE.
  virtual std::string table_options(const table& t) const {
    if (!t.collation.empty()) throw unsupported(fmt::format("table \"{}\" has the collation {}", t.name, t.collation));
    if (t.strict || t.without_rowid)
      throw unsupported(fmt::format("table \"{}\" is {}", t.name, t.strict ? "STRICT" : "WITHOUT ROWID"));
    return {};
  }

  // CREATE TABLE with every constraint, then its indexes. Foreign keys are left out when the
  // referenced tables do not exist yet (they are added by add_foreign_key afterwards).
  virtual std::vector<std::string> create_table(const table& t, bool with_foreign_keys = true) const {
    std::vector<std::string> statements{create_table_statement(t, with_foreign_keys)};
    for (const auto& ix : t.indexes)
      if (!ix.name.empty()) statements.push_back(create_index(t, ix));
    return statements;
  }

  // The statement that creates a PostgreSQL-style enum type; none where enums are inline.
  virtual std::optional<std::string> create_enum_type(const enum_type_def& e) const {
    throw unsupported(fmt::format("enum type \"{}\"", e.name));
  }

  // The CREATE TABLE statement alone.
  std::string create_table_statement(const table& t, bool with_foreign_keys = true) const {
    check_identifier(t.name);
    std::string body;
    for (const auto& c : t.columns) body += fmt::format("{}  {}", body.empty() ? "" : ",\n", column_definition(t, c));
    for (const auto& clause : table_constraints(t, with_foreign_keys)) body += fmt::format(",\n  {}", clause);
    return fmt::format("CREATE TABLE {} (\n{}\n){}", quote(t.name), body, table_options(t));
  }

  virtual std::string drop_table(std::string_view table_name) const {
    return fmt::format("DROP TABLE {}", quote(table_name));
  }

  virtual std::string create_index(const table& t, const index_def& ix) const {
    if (ix.name.empty())
      throw unsupported(fmt::format("an unnamed index on \"{}\" ({}) outside CREATE TABLE", t.name, fmt::join(ix.columns, ", ")));
    auto statement = fmt::format("CREATE {}INDEX {} ON {} ({})", ix.unique ? "UNIQUE " : "", quote(ix.name), quote(t.name),
                                 key_part_list(t, ix));
    if (!ix.predicate.empty()) statement += index_predicate(t, ix);
    return statement;
  }

  // The key parts of an index: columns or (expressions), each with its collation, operator class,
  // prefix length and order where it has one.
  std::string key_part_list(const table& t, const index_def& ix) const {
    std::string out;
    for (std::size_t i = 0; i < ix.columns.size(); ++i) out += (i ? ", " : "") + key_part_sql(t, ix, i);
    return out;
  }

  virtual std::string key_part_sql(const table& t, const index_def& ix, std::size_t i) const {
    if (ix.is_plain_part(i)) return quote(ix.columns[i]);
    const key_part& part = ix.parts.at(i);
    std::string out = part.expression ? fmt::format("({})", ix.columns[i]) : quote(ix.columns[i]);
    if (part.prefix_length)
      throw unsupported(fmt::format("index {}on \"{}\" has a prefix length on {}", detail::shown_name(ix.name), t.name, ix.columns[i]));
    if (!part.collation.empty()) out += " COLLATE " + collation_name(part.collation);
    if (!part.operator_class.empty())
      throw unsupported(fmt::format("index {}on \"{}\" has the operator class {}", detail::shown_name(ix.name), t.name, part.operator_class));
    if (part.descending) out += " DESC";
    return out;
  }

  virtual std::string index_predicate(const table&, const index_def& ix) const { return fmt::format(" WHERE {}", ix.predicate); }

  virtual std::string drop_index(std::string_view table_name, std::string_view index_name) const {
    (void)table_name;
    return fmt::format("DROP INDEX {}", quote(index_name));
  }

  virtual std::optional<std::string> add_foreign_key(std::string_view table_name, const foreign_key_def& fk) const {
    return fmt::format("ALTER TABLE {} ADD {}", quote(table_name), foreign_key_clause(fk));
  }

  // ALTER statements. Each receives the table as it is after the change where it needs context.
  virtual std::string rename_table(std::string_view from, std::string_view to) const {
    return fmt::format("ALTER TABLE {} RENAME TO {}", quote(from), quote(to));
  }

  virtual std::string add_column(const table& t, const column& c) const {
    return fmt::format("ALTER TABLE {} ADD COLUMN {}", quote(t.name), column_definition(t, c));
  }

  virtual std::string drop_column(std::string_view table_name, std::string_view column_name) const {
    return fmt::format("ALTER TABLE {} DROP COLUMN {}", quote(table_name), quote(column_name));
  }

  virtual std::string rename_column(std::string_view table_name, std::string_view from, std::string_view to) const {
    return fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", quote(table_name), quote(from), quote(to));
  }

  // `changed_type`, `changed_nullable`, `changed_default`: which parts of `after` are new.
  virtual std::vector<std::string> alter_column(const table& t, const column& after, bool changed_type,
                                                bool changed_nullable, bool changed_default) const {
    std::vector<std::string> actions;
    auto name = quote(after.name);
    // Without COLLATE, a new type takes its default collation: the column's own is restated.
    if (changed_type)
      actions.push_back(fmt::format("ALTER COLUMN {} TYPE {}{} USING {}::{}", name, type_name(after.type),
                                    after.collation.empty() ? std::string() : " COLLATE " + collation_name(after.collation),
                                    name, type_name(after.type)));
    if (changed_nullable)
      actions.push_back(fmt::format("ALTER COLUMN {} {} NOT NULL", name, after.nullable ? "DROP" : "SET"));
    if (changed_default)
      actions.push_back(after.default_value ? fmt::format("ALTER COLUMN {} SET{}", name, default_clause(t.name, after))
                                            : fmt::format("ALTER COLUMN {} DROP DEFAULT", name));
    std::string joined;
    for (const auto& a : actions) joined += (joined.empty() ? "" : ", ") + a;
    if (joined.empty()) return {};
    return {fmt::format("ALTER TABLE {} {}", quote(t.name), joined)};
  }

  // Drops a foreign key; `before` is the table while it still has it.
  virtual std::vector<std::string> drop_foreign_key(const table& before, std::string_view name) const {
    return {fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", quote(before.name), quote(name))};
  }

  virtual std::optional<std::string> add_check(std::string_view table_name, const check_def& check) const {
    return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({})", quote(table_name), quote(check.name),
                       check_expression(table_name, check));
  }

  virtual std::optional<std::string> drop_check(std::string_view table_name, std::string_view name) const {
    return fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", quote(table_name), quote(name));
  }

  // Makes column `before` of `t` (the table after the change) exactly `after`, keeping its name.
  virtual std::vector<std::string> redefine_column(const table& t, const column& /*before*/, const column& after) const {
    throw unsupported(fmt::format("a whole new definition of column \"{}\".\"{}\"", t.name, after.name));
  }

  // Keys and renames. Names are the ones the database knows (what stored_form() gives unnamed ones).
  virtual std::string add_primary_key(const table& after) const {
    return fmt::format("ALTER TABLE {} ADD {}PRIMARY KEY ({})", quote(after.name), constraint_name(after.key->name),
                       column_list(after.key->columns));
  }
  virtual std::string drop_primary_key(const table& before, std::string_view stored_name) const {
    return fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", quote(before.name), quote(stored_name));
  }
  virtual std::vector<std::string> rename_index(const table&, std::string_view from, const index_def& renamed) const {
    return {fmt::format("ALTER INDEX {} RENAME TO {}", quote(from), quote(renamed.name))};
  }
  virtual std::vector<std::string> rename_constraint(std::string_view table_name, std::string_view from,
                                                     std::string_view to) const {
    return {fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {}", quote(table_name), quote(from), quote(to))};
  }
  virtual std::vector<std::string> rename_foreign_key(const table& before, std::string_view from,
                                                      const foreign_key_def& to) const {
    return rename_constraint(before.name, from, to.name);
  }
  virtual std::vector<std::string> rename_check(const table& before, std::string_view from, const check_def& to) const {
    return rename_constraint(before.name, from, to.name);
  }

  // Table options changed from `before` to `after`; where there are none, only their absence.
  virtual std::vector<std::string> alter_table_options(const table& /*before*/, const table& after) const {
    table_options(after);
    return {};
  }

  virtual std::string drop_enum_type(std::string_view type_name) const {
    throw unsupported(fmt::format("enum type \"{}\"", type_name));
  }
  // Gives enum type `type_name` its values in `after` (which holds the columns of that type).
  virtual std::vector<std::string> alter_enum_type(const schema&, std::string_view type_name,
                                                   const std::vector<std::string>& /*before_values*/) const {
    throw unsupported(fmt::format("enum type \"{}\"", type_name));
  }

  virtual std::string boolean_literal(bool value) const { return value ? "1" : "0"; }

  // What else RENAME TABLE changes in `renamed`, which was called `from`.
  virtual void follow_rename_table(table& /*renamed*/, std::string_view /*from*/) const {}

  // Statements to run after foreign key `fk` is added by its name to table `table_name` of `after`:
  // what undoes a change the database makes with it that stored_form() does not foresee.
  virtual std::vector<std::string> after_adding_foreign_key(const schema& /*after*/, const std::string& /*table_name*/,
                                                            const foreign_key_def& /*fk*/) const {
    return {};
  }

  // The schema as this database represents it: what introspection reports after creating `s`.
  virtual schema stored_form(schema s) const {
    for (auto& t : s.tables)
      for (auto& c : t.columns)
        if (c.type.kind == type_kind::custom) c.type = parse_type(c.type.custom);
    return s;
  }

  std::string column_list(const std::vector<std::string>& columns) const {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + quote(c);
    return out;
  }

 protected:
  void check_text(std::string_view text) const {
    if (auto issue = check_string(text); issue != literal_issue::none)
      throw schema_error(fmt::format("{}: the text {} {}", name(), detail::shown(text), describe(issue, type_kind::string)));
  }

  void check_identifier(std::string_view identifier) const {
    if (identifier.empty()) throw schema_error(fmt::format("{}: empty identifier", name()));
    if (identifier.find('\0') != std::string_view::npos)
      throw schema_error(fmt::format("{}: identifier contains a NUL byte", name()));
    if (max_identifier_bytes() && identifier.size() > max_identifier_bytes())
      throw schema_error(fmt::format("{}: identifier \"{}\" is {} bytes long; the limit is {}", name(), identifier,
                                     identifier.size(), max_identifier_bytes()));
  }
};

}  // namespace tempest
