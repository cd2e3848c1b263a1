#pragma once
// MySQL and MariaDB: backtick quoting, string literals that no sql_mode changes, AUTO_INCREMENT, InnoDB
// with utf8mb4. The primary key is always named PRIMARY there, whatever the DDL says.
//
// Every operation renders to exactly one statement: MySQL commits each DDL statement by itself, and
// the runner resumes an interrupted migration by telling, statement by statement, whether the live
// schema is as it was before or after. So a table's indexes are declared inside its CREATE TABLE,
// and a foreign key is dropped together with the index InnoDB made for it.

#include <algorithm>

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/type_spelling.hpp"

namespace tempest {

class mysql_dialect : public dialect {
 public:
  dialect_kind kind() const noexcept override { return dialect_kind::mysql; }
  std::size_t max_identifier_bytes() const noexcept override { return 64; }

  std::string quote(std::string_view identifier) const override {
    check_identifier(identifier);
    std::string out = "`";
    for (char c : identifier) {
      if (c == '`') out += '`';
      out += c;
    }
    return out + '`';
  }

  // '…' with '' for a quote means the same under every sql_mode (NO_BACKSLASH_ESCAPES decides only
  // what a backslash does; ANSI_QUOTES only what " does) and in every connection character set, as
  // long as the text is ASCII without a backslash. Other text is written as its UTF-8 bytes, X'…',
  // which no setting reinterprets; stored into or compared with a column, it takes the column's
  // character set, utf8mb4 in the tables tempest creates. Not _utf8mb4 X'…': MariaDB keeps CHECK
  // clauses and TEXT defaults as printed SQL, prints that form as _utf8mb4'…' without escaping
  // anything, and reads back a\b as a, backspace, or fails on a quote.
  // Plain quotes only for printable ASCII without a backslash: anything else is written in hex, so
  // that no sql_mode (NO_BACKSLASH_ESCAPES, EMPTY_STRING_IS_NULL for '') and no client (the mariadb
  // client drops the \r of \r\n, even inside quotes) changes it.
  std::string string_literal(std::string_view text) const override {
    bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return c != '\\' && u >= 0x20 && u < 0x7f;
    });
    if (plain) return dialect::string_literal(text);
    check_text(text);
    std::string out = "X'";
    for (char c : text) out += fmt::format("{:02X}", static_cast<unsigned char>(c));
    return out + '\'';
  }

  // Text compares by the column's collation (case and trailing spaces ignored by default), and a
  // FLOAT column holds a single-precision value a double never equals: both are made exact.
  std::string exact_match(const column* c, const sql_value& value, std::string written) const override {
    if (std::holds_alternative<std::string>(value)) return fmt::format("CAST({} AS BINARY)", written);
    if (std::holds_alternative<double>(value) && c && c->type.kind == type_kind::float32)
      return fmt::format("CAST({} AS FLOAT)", written);
    return written;
  }

  std::string type_name(const column_type& type) const override {
    switch (type.kind) {
      case type_kind::boolean: return "TINYINT(1)";
      case type_kind::int16: return "SMALLINT";
      case type_kind::int32: return "INT";
      case type_kind::int64: return "BIGINT";
      case type_kind::float32: return "FLOAT";
      case type_kind::float64: return "DOUBLE";
      case type_kind::decimal: return fmt::format("DECIMAL({}, {})", type.precision.value_or(38), type.scale.value_or(0));
      case type_kind::string: return type.length ? fmt::format("VARCHAR({})", *type.length) : "LONGTEXT";
      case type_kind::date: return "DATE";
      case type_kind::timestamp: return "DATETIME(6)";
      case type_kind::blob: return "LONGBLOB";
      case type_kind::custom: return type.custom;
      case type_kind::int8: return "TINYINT";
      case type_kind::enumeration: {
        std::string labels;
        for (const auto& v : type.values) labels += (labels.empty() ? "" : ", ") + string_literal(v);
        return fmt::format("ENUM({})", labels);
      }
    }
    return type.custom;
  }

  // Accepts information_schema.COLUMNS.COLUMN_TYPE spellings.
  column_type parse_type(std::string_view spelling) const override {
    auto t = detail::split_type(spelling);
    const auto& b = t.base;
    if (!t.rest.empty()) return column_type::sql(detail::canonical_custom(spelling));  // e.g. "int(11) unsigned"
    if ((b == "tinyint" && t.args == std::vector<int>{1}) || b == "boolean" || b == "bool")
      return column_type::of(type_kind::boolean);
    if (b == "smallint") return column_type::of(type_kind::int16);
    if (b == "int" || b == "integer") return column_type::of(type_kind::int32);
    if (b == "bigint") return column_type::of(type_kind::int64);
    if (b == "float" && t.args.empty()) return column_type::of(type_kind::float32);
    if (b == "double" && t.args.empty()) return column_type::of(type_kind::float64);
    if ((b == "decimal" || b == "numeric") && t.args.size() == 2) return column_type::numeric(t.args[0], t.args[1]);
    if (b == "varchar" && t.args.size() == 1) return column_type::varchar(t.args[0]);
    if (b == "longtext") return column_type::text();
    if (b == "date") return column_type::of(type_kind::date);
    if (b == "datetime" && t.args == std::vector<int>{6}) return column_type::of(type_kind::timestamp);
    if (b == "longblob") return column_type::of(type_kind::blob);
    return column_type::sql(detail::canonical_custom(spelling));
  }

  std::string column_definition(const table& t, const column& c) const override {
    if (c.autoincrement) return fmt::format("{} {} NOT NULL AUTO_INCREMENT", quote(c.name), type_name(c.type));
    return dialect::column_definition(t, c);
  }

  std::string table_options(const table& t) const override {
    if (t.strict || t.without_rowid)
      throw unsupported(fmt::format("table \"{}\" is {}", t.name, t.strict ? "STRICT" : "WITHOUT ROWID"));
    std::string options = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    if (!t.collation.empty()) options += " COLLATE=" + collation_name(t.collation);
    return options;
  }

  std::string collation_name(std::string_view collation) const override { return quote(collation); }
  std::string on_update_clause(const table&, const column& c) const override { return " ON UPDATE " + c.on_update; }

  // MySQL declares every index inside CREATE TABLE, named or not (it names an unnamed one after its
  // first column).
  std::string inline_index(const table& t, const index_def& ix) const override {
    check_indexable(t, ix);
    if (!ix.predicate.empty())
      throw unsupported(fmt::format("index {}on \"{}\" is partial (WHERE {})", detail::shown_name(ix.name), t.name, ix.predicate));
    return fmt::format("{}INDEX {}({})", ix.unique ? "UNIQUE " : "", ix.name.empty() ? "" : quote(ix.name) + " ",
                       key_part_list(t, ix));
  }

  std::vector<std::string> table_constraints(const table& t, bool with_foreign_keys) const override {
    auto clauses = dialect::table_constraints(t, with_foreign_keys);
    for (const auto& ix : t.indexes)
      if (!ix.name.empty()) clauses.push_back(inline_index(t, ix));
    return clauses;
  }

  // One statement: the indexes are part of the table's definition.
  std::vector<std::string> create_table(const table& t, bool with_foreign_keys = true) const override {
    return {create_table_statement(t, with_foreign_keys)};
  }

  std::string create_index(const table& t, const index_def& ix) const override {
    check_indexable(t, ix);
    if (!ix.predicate.empty())
      throw unsupported(fmt::format("index {}on \"{}\" is partial (WHERE {})", detail::shown_name(ix.name), t.name, ix.predicate));
    return dialect::create_index(t, ix);
  }

  std::string key_part_sql(const table& t, const index_def& ix, std::size_t i) const override {
    if (ix.is_plain_part(i) || !ix.parts[i].prefix_length) return dialect::key_part_sql(t, ix, i);
    index_def without_prefix = ix;
    without_prefix.parts[i].prefix_length.reset();
    auto sql = dialect::key_part_sql(t, without_prefix, i);
    // `column`(n) [DESC]: the length goes right after the name.
    auto name = quote(ix.columns[i]);
    return name + fmt::format("({})", *ix.parts[i].prefix_length) + sql.substr(name.size());
  }

  std::string drop_index(std::string_view table_name, std::string_view index_name) const override {
    return fmt::format("DROP INDEX {} ON {}", quote(index_name), quote(table_name));
  }

  std::string rename_table(std::string_view from, std::string_view to) const override {
    return fmt::format("RENAME TABLE {} TO {}", quote(from), quote(to));
  }

  // MODIFY restates the whole column, so it takes the column as it is after the change.
  std::vector<std::string> alter_column(const table& t, const column& after, bool, bool, bool) const override {
    return {fmt::format("ALTER TABLE {} MODIFY COLUMN {}", quote(t.name), column_definition(t, after))};
  }

  // InnoDB gives a foreign key without a usable index one of its own, named after the key; it
  // stays behind when the key is dropped, so the same statement drops it too.
  std::vector<std::string> drop_foreign_key(const table& before, std::string_view name) const override {
    auto statement = fmt::format("ALTER TABLE {} DROP FOREIGN KEY {}", quote(before.name), quote(name));
    auto fk = std::find_if(before.foreign_keys.begin(), before.foreign_keys.end(),
                           [&](const foreign_key_def& f) { return f.name == name; });
    if (fk != before.foreign_keys.end() && !has_index_for(before, fk->columns, name))
      statement += fmt::format(", DROP INDEX {}", quote(name));
    return {statement};
  }

  // Whether an index other than the foreign key's own starts with `columns`.
  static bool has_index_for(const table& t, const std::vector<std::string>& columns, std::string_view own_name) {
    auto leads_with = [&](const std::vector<std::string>& index_columns) {
      return index_columns.size() >= columns.size() &&
             std::equal(columns.begin(), columns.end(), index_columns.begin());
    };
    if (t.key && leads_with(t.key->columns)) return true;
    for (const auto& ix : t.indexes)
      if (ix.name != own_name && leads_with(ix.columns)) return true;
    return false;
  }

  schema stored_form(schema s) const override {
    s = dialect::stored_form(std::move(s));
    for (auto& t : s.tables)
      if (t.key) t.key->name = "PRIMARY";
    return s;
  }

 private:
  void check_indexable(const table& t, const index_def& ix) const {
    for (std::size_t i = 0; i < ix.columns.size(); ++i) {
      if (!ix.is_plain_part(i) && (ix.parts[i].expression || ix.parts[i].prefix_length)) continue;
      const column* c = t.find_column(ix.columns[i]);
      if (c && (c->type.kind == type_kind::string || c->type.kind == type_kind::blob) && !c->type.length)
        throw schema_error(fmt::format("mysql: index {}on {}.{}: MySQL cannot index a column of unbounded length; give "
                                       "the field tempest::length(n) or the index a prefix length",
                                       detail::shown_name(ix.name), t.name, ix.columns[i]));
    }
  }
};

}  // namespace tempest
