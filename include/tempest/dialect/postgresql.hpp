#pragma once
// PostgreSQL: standard quoting, identity and serial columns for autoincrement, names up to 63 bytes
// (unnamed constraints get the names PostgreSQL chooses, see postgresql_names.hpp), native enum
// types, operator classes, and string literals that mean the same whatever
// standard_conforming_strings says.

#include <algorithm>

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/postgresql_expressions.hpp"
#include "tempest/dialect/postgresql_names.hpp"
#include "tempest/dialect/postgresql_types.hpp"
#include "tempest/schema/naming.hpp"

namespace tempest {

class postgresql_dialect : public dialect {
 public:
  dialect_kind kind() const noexcept override { return dialect_kind::postgresql; }
  std::size_t max_identifier_bytes() const noexcept override { return 63; }
  std::string placeholder(std::size_t n) const override { return fmt::format("${}", n); }

  // PostgreSQL has no unsigned integers: an unsigned type is the next wider signed one, so that
  // every value fits (an unsigned 64-bit integer is NUMERIC(20, 0)).
  std::string type_name(const column_type& type) const override {
    switch (type.kind) {
      case type_kind::boolean: return "BOOLEAN";
      case type_kind::int8: return "SMALLINT";
      case type_kind::int16: return type.is_unsigned ? "INTEGER" : "SMALLINT";
      case type_kind::int32: return type.is_unsigned ? "BIGINT" : "INTEGER";
      case type_kind::int64: return type.is_unsigned ? "NUMERIC(20, 0)" : "BIGINT";
      case type_kind::float32: return "REAL";
      case type_kind::float64: return "DOUBLE PRECISION";
      case type_kind::decimal: return fmt::format("NUMERIC({}, {})", type.precision.value_or(38), type.scale.value_or(0));
      case type_kind::string: return type.length ? fmt::format("VARCHAR({})", *type.length) : "TEXT";
      case type_kind::date: return "DATE";
      case type_kind::timestamp: return "TIMESTAMP WITH TIME ZONE";
      case type_kind::blob: return "BYTEA";
      case type_kind::custom: return type.custom;
      case type_kind::enumeration:
        if (type.custom.empty())
          throw unsupported(fmt::format("an enum column of values ('{}') without a named enum type",
                                        fmt::join(type.values, "', '")));
        return quote(type.custom);
    }
    return type.custom;
  }

  // Accepts format_type() output and the common aliases; anything else stays custom, in the words
  // format_type() would print it.
  column_type parse_type(std::string_view spelling) const override {
    auto canonical = detail::postgresql_type_spelling(spelling);
    auto t = detail::split_type(canonical);
    const auto& b = t.base;
    if (canonical.ends_with("]") || !t.rest.empty()) return column_type::sql(canonical);
    if (b == "boolean") return column_type::of(type_kind::boolean);
    if (b == "smallint") return column_type::of(type_kind::int16);
    if (b == "integer") return column_type::of(type_kind::int32);
    if (b == "bigint") return column_type::of(type_kind::int64);
    if (b == "real") return column_type::of(type_kind::float32);
    if (b == "double precision") return column_type::of(type_kind::float64);
    if (b == "numeric" && t.args.size() == 2) return column_type::numeric(t.args[0], t.args[1]);
    if (b == "character varying" && t.args.size() == 1) return column_type::varchar(t.args[0]);
    if (b == "text") return column_type::text();
    if (b == "date") return column_type::of(type_kind::date);
    if (b == "timestamp with time zone") return column_type::of(type_kind::timestamp);
    if (b == "bytea") return column_type::of(type_kind::blob);
    return column_type::sql(canonical);
  }

  // Text without a backslash is '…' with '' for a quote, which reads the same whether
  // standard_conforming_strings is on or off. Text with one is an escape string, E'…' with \\ and
  // '', which also reads the same in both modes. A plain '…' would not: with the setting off, a
  // backslash escapes what follows, so \' would not end the literal and the rest would run as SQL.
  // Its timestamp type holds an instant, and reads a time without an offset in the session's time zone.
  std::string timestamp_literal(std::string_view utc) const override { return string_literal(std::string(utc) + "+00"); }

  std::string string_literal(std::string_view text) const override {
    if (text.find('\\') == std::string_view::npos) return dialect::string_literal(text);
    check_text(text);
    std::string out = "E'";
    for (char c : text) {
      if (c == '\\' || c == '\'') out += c;
      out += c;
    }
    return out + '\'';
  }

  std::string boolean_literal(bool value) const override { return value ? "true" : "false"; }

  std::optional<std::string> create_enum_type(const enum_type_def& e) const override {
    std::string labels;
    for (const auto& v : e.values) labels += (labels.empty() ? "" : ", ") + string_literal(v);
    return fmt::format("CREATE TYPE {} AS ENUM ({})", quote(e.name), labels);
  }

  std::string default_clause(std::string_view table_name, const column& c) const override {
    if (c.default_value && c.default_value->kind == column_default::source::expression)
      return fmt::format(" DEFAULT {}", c.default_value->text);
    return dialect::default_clause(table_name, c);
  }

  // name type [COLLATE c] [GENERATED ALWAYS AS (e) STORED | GENERATED … AS IDENTITY] [NOT NULL]
  // [DEFAULT d]; a serial column is written SERIAL, BIGSERIAL or SMALLSERIAL, as it is read back.
  std::string column_definition(const table& t, const column& c) const override {
    auto what = [&] { return fmt::format("column \"{}\".\"{}\"", t.name, c.name); };
    if (c.autoincrement && !is_integer(c.type.kind))
      throw unsupported(fmt::format("{} is an autoincrement {}", what(), to_string(c.type.kind)));
    if (c.autoincrement && c.default_value) throw unsupported(fmt::format("{} is autoincrement and has a default", what()));
    if (c.generated && !c.generated->stored) throw unsupported(fmt::format("{} is a VIRTUAL generated column", what()));
    if (c.generated && (c.default_value || c.autoincrement))
      throw unsupported(fmt::format("{} is a generated column with a default or autoincrement", what()));
    if (!c.on_update.empty()) throw unsupported(fmt::format("{} has ON UPDATE {}", what(), c.on_update));
    bool serial = c.autoincrement && c.identity == identity_kind::serial;
    std::string type = serial ? serial_type(t, c) : type_name(c.autoincrement ? key_type(c.type) : c.type);
    std::string out = fmt::format("{} {}", quote(c.name), type);
    if (!c.collation.empty()) out += " COLLATE " + collation_name(c.collation);
    if (c.generated) out += fmt::format(" GENERATED ALWAYS AS ({}) STORED", c.generated->expression);
    if (c.autoincrement && !serial)
      out += c.identity == identity_kind::always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
    if (!c.nullable || c.autoincrement) out += " NOT NULL";
    return out + default_clause(t.name, c);
  }

  // Attribute by attribute, in one ALTER TABLE (PostgreSQL runs its actions in a fixed order: drops
  // first, then the type, then the rest). A default goes while the type changes, so that it is not
  // cast; a column that becomes an identity column counts on from its highest value.
  std::vector<std::string> redefine_column(const table& t, const column& before, const column& after) const override {
    const auto what = fmt::format("column \"{}\".\"{}\"", t.name, after.name);
    (void)column_definition(t, after);  // refuses what PostgreSQL cannot hold
    if (after.generated && after.generated != before.generated)
      throw unsupported(fmt::format("{} gets the generation expression ({}): PostgreSQL 15 can only drop one", what,
                                    after.generated->expression));
    const bool identity_changes =
        before.autoincrement != after.autoincrement || (after.autoincrement && before.identity != after.identity);
    auto serial = [](const column& c) { return c.autoincrement && c.identity == identity_kind::serial; };
    if (identity_changes && (serial(before) || serial(after)))
      throw unsupported(fmt::format("{} changes from or to a serial column", what));
    auto type_of = [&](const column& c) { return type_name(c.autoincrement ? key_type(c.type) : c.type); };
    const bool type_changes = type_of(before) != type_of(after) || before.collation != after.collation;
    const bool default_changes = before.default_value != after.default_value || type_changes;
    const auto name = quote(after.name);
    std::vector<std::string> actions;
    auto action = [&](std::string_view text) { actions.push_back(fmt::format("ALTER COLUMN {} {}", name, text)); };
    if (before.generated && !after.generated) action("DROP EXPRESSION");
    if (before.default_value && default_changes) action("DROP DEFAULT");
    if (before.autoincrement && !after.autoincrement) action("DROP IDENTITY");
    if (type_changes) {
      auto type = type_of(after);
      auto collate = after.collation.empty() ? std::string() : " COLLATE " + collation_name(after.collation);
      auto via = before.type.kind == type_kind::enumeration ? "::text" : "";
      action(fmt::format("TYPE {}{} USING {}{}::{}", type, collate, name, via, type));
    }
    if ((before.nullable && !before.autoincrement) != (after.nullable && !after.autoincrement))
      action(after.nullable && !after.autoincrement ? "DROP NOT NULL" : "SET NOT NULL");
    if (after.default_value && default_changes) action("SET" + default_clause(t.name, after));
    auto generated = [](const column& c) { return c.identity == identity_kind::always ? "ALWAYS" : "BY DEFAULT"; };
    if (!before.autoincrement && after.autoincrement) action(fmt::format("ADD GENERATED {} AS IDENTITY", generated(after)));
    else if (identity_changes && after.autoincrement) action(fmt::format("SET GENERATED {}", generated(after)));
    if (actions.empty()) return {};
    std::vector<std::string> out{fmt::format("ALTER TABLE {} {}", quote(t.name), fmt::join(actions, ", "))};
    if (!before.autoincrement && after.autoincrement)
      out.push_back(fmt::format("SELECT setval(pg_get_serial_sequence({}, {}), COALESCE(MAX({}), 0) + 1, false) FROM {}",
                                string_literal(quote(t.name)), string_literal(after.name), name, quote(t.name)));
    return out;
  }

  std::string drop_enum_type(std::string_view type_name) const override {
    return fmt::format("DROP TYPE {}", quote(type_name));
  }

  // Values only added (the old list is a subsequence of the new) are added in place, each before
  // the next old value or at the end. Anything else recreates the type under its name and converts
  // its columns through text (a row holding a value the type no longer has makes that fail).
  std::vector<std::string> alter_enum_type(const schema& after, std::string_view type_name,
                                           const std::vector<std::string>& before_values) const override {
    const enum_type_def& e = *after.find_enum_type(type_name);
    auto kept = [&](const std::string& v) {
      return std::find(before_values.begin(), before_values.end(), v) != before_values.end();
    };
    std::vector<std::string> out;
    const auto type = quote(type_name);
    if (is_subsequence(before_values, e.values)) {
      for (auto v = e.values.begin(); v != e.values.end(); ++v) {
        if (kept(*v)) continue;
        auto next = std::find_if(v + 1, e.values.end(), kept);
        out.push_back(fmt::format("ALTER TYPE {} ADD VALUE {}{}", type, string_literal(*v),
                                  next == e.values.end() ? "" : " BEFORE " + string_literal(*next)));
      }
      return out;
    }
    const auto old_type = quote(naming::fit(fmt::format("_tempest_old_{}", type_name)));
    out.push_back(fmt::format("ALTER TYPE {} RENAME TO {}", type, old_type));
    out.push_back(*create_enum_type(e));
    for (const auto& t : after.tables)
      for (const auto& c : t.columns) {
        if (c.type.kind != type_kind::enumeration || c.type.custom != type_name) continue;
        const auto name = quote(c.name);
        auto change = fmt::format("ALTER COLUMN {} TYPE {} USING {}::text::{}", name, type, name, type);
        if (c.default_value)  // the old default is of the old type, which the new one does not cast from
          change = fmt::format("ALTER COLUMN {} DROP DEFAULT, {}, ALTER COLUMN {} SET{}", name, change, name,
                               default_clause(t.name, c));
        out.push_back(fmt::format("ALTER TABLE {} {}", quote(t.name), change));
      }
    out.push_back(fmt::format("DROP TYPE {}", old_type));
    return out;
  }

  // A plain column or an (expression), then COLLATE, the operator class and DESC.
  std::string key_part_sql(const table& t, const index_def& ix, std::size_t i) const override {
    if (ix.is_plain_part(i)) return quote(ix.columns[i]);
    const key_part& part = ix.parts.at(i);
    if (part.prefix_length)
      throw unsupported(fmt::format("index {}on \"{}\" has a prefix length on {}", detail::shown_name(ix.name), t.name,
                                    ix.columns[i]));
    std::string out = part.expression ? fmt::format("({})", ix.columns[i]) : quote(ix.columns[i]);
    if (!part.collation.empty()) out += " COLLATE " + collation_name(part.collation);
    if (!part.operator_class.empty()) out += " " + quote(part.operator_class);
    if (part.descending) out += " DESC";
    return out;
  }

  // The schema as PostgreSQL reports it back: types in format_type()'s words, unsigned integers
  // widened, and every unnamed constraint named as PostgreSQL names it.
  schema stored_form(schema s) const override {
    s = dialect::stored_form(std::move(s));
    for (auto& t : s.tables) {
      for (auto& c : t.columns) {
        c.type = reported_type(c.autoincrement ? key_type(c.type) : c.type);
        if (c.generated) c.generated->expression = postgresql_expressions::pretty_form(c.generated->expression);
      }
      for (auto& ix : t.indexes) {
        for (std::size_t i = 0; i < ix.parts.size(); ++i) {
          if (ix.parts[i].expression) ix.columns[i] = postgresql_expressions::pretty_form(ix.columns[i]);
          const column* c = ix.parts[i].expression ? nullptr : t.find_column(ix.columns[i]);
          if (c && ix.parts[i].collation == c->collation) ix.parts[i].collation.clear();
        }
        if (!ix.predicate.empty()) ix.predicate = postgresql_expressions::pretty_form(ix.predicate);
      }
      for (auto& ck : t.checks)
        if (!ck.expression.empty()) ck.expression = postgresql_expressions::pretty_form(ck.expression);
    }
    postgresql_names::name_unnamed(s);
    s.normalise();
    return s;
  }

 private:
  // Whether `part` is `whole` with some elements left out, in the same order.
  static bool is_subsequence(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
    auto at = whole.begin();
    for (const auto& v : part) {
      at = std::find(at, whole.end(), v);
      if (at == whole.end()) return false;
      ++at;
    }
    return true;
  }

  // An autoincrement key counts from 1 and never reaches 2^63: an unsigned 64-bit one is BIGINT,
  // as PostgreSQL has identity and serial columns of integer types only.
  static column_type key_type(column_type type) {
    if (type.is_unsigned && type.kind == type_kind::int64) type.is_unsigned = false;
    return type;
  }

  // The logical type PostgreSQL reports for a column of `type`.
  static column_type reported_type(const column_type& type) {
    if (type.kind == type_kind::int8) return column_type::of(type_kind::int16);
    if (!type.is_unsigned) return type;
    switch (type.kind) {
      case type_kind::int16: return column_type::of(type_kind::int32);
      case type_kind::int32: return column_type::of(type_kind::int64);
      case type_kind::int64: return column_type::numeric(20, 0);
      default: return type;
    }
  }

  std::string serial_type(const table& t, const column& c) const {
    switch (reported_type(key_type(c.type)).kind) {
      case type_kind::int16: return "SMALLSERIAL";
      case type_kind::int32: return "SERIAL";
      case type_kind::int64: return "BIGSERIAL";
      default: throw unsupported(fmt::format("column \"{}\".\"{}\" is a serial {}", t.name, c.name, to_string(c.type.kind)));
    }
  }
};

}  // namespace tempest
