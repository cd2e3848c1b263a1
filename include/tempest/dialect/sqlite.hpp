#pragma once
// SQLite: declared type names are kept verbatim by the database, so each logical type gets a
// distinct spelling that reads back unambiguously. An autoincrement key must be spelled
// INTEGER PRIMARY KEY AUTOINCREMENT on the column itself.

#include <algorithm>

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

  std::string type_name(const column_type& type) const override {
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
      case type_kind::enumeration: throw unsupported(fmt::format("the enum type {}", type));
    }
    return type.custom;
  }

  column_type parse_type(std::string_view spelling) const override {
    auto t = detail::split_type(spelling);
    const auto& b = t.base;
    if (b == "boolean") return column_type::of(type_kind::boolean);
    if (b == "smallint") return column_type::of(type_kind::int16);
    if (b == "int") return column_type::of(type_kind::int32);
    if (b == "bigint" || b == "integer") return column_type::of(type_kind::int64);
    if (b == "float") return column_type::of(type_kind::float32);
    if (b == "double") return column_type::of(type_kind::float64);
    if (b == "numeric" && t.args.size() == 2) return column_type::numeric(t.args[0], t.args[1]);
    if (b == "varchar" && t.args.size() == 1) return column_type::varchar(t.args[0]);
    if (b == "text" && t.args.empty()) return column_type::text();
    if (b == "date") return column_type::of(type_kind::date);
    if (b == "timestamp") return column_type::of(type_kind::timestamp);
    if (b == "blob") return column_type::of(type_kind::blob);
    return column_type::sql(detail::canonical_custom(spelling));
  }

  static bool is_rowid_key(const table& t, const column& c) {
    return c.autoincrement && t.key && t.key->columns.size() == 1 && t.key->columns.front() == c.name;
  }

  std::string column_definition(const table& t, const column& c) const override {
    if (is_rowid_key(t, c))
      return fmt::format("{} INTEGER NOT NULL {}PRIMARY KEY AUTOINCREMENT", quote(c.name), constraint_name(t.key->name));
    return dialect::column_definition(t, c);
  }

  std::vector<std::string> table_constraints(const table& t, bool with_foreign_keys) const override {
    auto clauses = dialect::table_constraints(t, with_foreign_keys);
    bool key_inline = t.key && std::any_of(t.columns.begin(), t.columns.end(),
                                           [&](const column& c) { return is_rowid_key(t, c); });
    if (key_inline) clauses.erase(clauses.begin());
    return clauses;
  }

  std::string table_options(const table& t) const override {
    if (!t.collation.empty()) throw unsupported(fmt::format("table \"{}\" has the collation {}", t.name, t.collation));
    std::string options;
    if (t.without_rowid) options += " WITHOUT ROWID";
    if (t.strict) options += options.empty() ? " STRICT" : ", STRICT";
    return options;
  }

  // SQLite cannot add a foreign key to an existing table; a table rebuild does that.
  std::optional<std::string> add_foreign_key(std::string_view, const foreign_key_def&) const override {
    return std::nullopt;
  }

  // SQLite cannot add or drop checks in place: render_operation rebuilds the table instead.
  std::optional<std::string> add_check(std::string_view, const check_def&) const override { return std::nullopt; }
  std::optional<std::string> drop_check(std::string_view, std::string_view) const override { return std::nullopt; }

  schema stored_form(schema s) const override {
    s = dialect::stored_form(std::move(s));
    for (auto& t : s.tables)
      for (auto& c : t.columns)
        if (is_rowid_key(t, c)) c.type = column_type::of(type_kind::int64);
    return s;
  }
};

}  // namespace tempest
