#pragma once
// PostgreSQL: standard quoting, identity and serial columns for autoincrement, names up to 63 bytes
// (unnamed constraints get the names PostgreSQL chooses, see postgresql_names.hpp), native enum
// types, operator classes, and string literals that mean the same whatever
// standard_conforming_strings says.

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/postgresql_expressions.hpp"
#include "tempest/dialect/postgresql_names.hpp"
#include "tempest/dialect/postgresql_types.hpp"

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
