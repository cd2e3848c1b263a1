#pragma once
// MySQL and MariaDB: backtick quoting, string literals that no sql_mode changes, AUTO_INCREMENT,
// InnoDB. A table takes the database's default character set and collation unless it names a
// collation of its own. The primary key is always named PRIMARY there, whatever the DDL says, and
// what DDL leaves unnamed gets the server's names (mysql_names.hpp).
//
// Every operation renders to exactly one statement: MySQL commits each DDL statement by itself, and
// the runner resumes an interrupted migration by telling, statement by statement, whether the live
// schema is as it was before or after. So a table's indexes are declared inside its CREATE TABLE,
// and a foreign key is dropped together with the index InnoDB made for it.

#include <algorithm>

#include "tempest/dialect/create_schema.hpp"
#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/mysql_names.hpp"
#include "tempest/dialect/mysql_types.hpp"

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
  // character set, which tempest expects to be utf8mb4 (docs/readback/mysql.md). Not
  // _utf8mb4 X'…': MariaDB keeps CHECK clauses and TEXT defaults as printed SQL, prints that form as
  // _utf8mb4'…' without escaping anything, and reads back a\b as a, backspace, or fails on a quote.
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

  // TINYINT and UNSIGNED integers have ranges of their own, which the shared literal rules do not
  // know: their defaults are checked here, and written bare.
  std::string default_clause(std::string_view table_name, const column& c) const override {
    if (!has_own_range(c.type) || !c.default_value || c.default_value->kind != column_default::source::literal)
      return dialect::default_clause(table_name, c);
    return " DEFAULT " + integer_literal(table_name, c);
  }
  std::string literal(const column& c, const column_default& value) const override {
    if (!has_own_range(c.type)) return dialect::literal(c, value);
    column copy = c;
    copy.default_value = value;
    return integer_literal("", copy);
  }

  std::string type_name(const column_type& type) const override {
    const char* sign = type.is_unsigned ? " UNSIGNED" : "";
    switch (type.kind) {
      case type_kind::boolean: return "TINYINT(1)";
      case type_kind::int8: return fmt::format("TINYINT{}", sign);
      case type_kind::int16: return fmt::format("SMALLINT{}", sign);
      case type_kind::int32: return fmt::format("INT{}", sign);
      case type_kind::int64: return fmt::format("BIGINT{}", sign);
      case type_kind::float32: return "FLOAT";
      case type_kind::float64: return "DOUBLE";
      case type_kind::decimal: return fmt::format("DECIMAL({}, {})", type.precision.value_or(38), type.scale.value_or(0));
      case type_kind::string: return type.length ? fmt::format("VARCHAR({})", *type.length) : "LONGTEXT";
      case type_kind::date: return "DATE";
      case type_kind::timestamp: return "DATETIME(6)";
      case type_kind::blob: return "LONGBLOB";
      case type_kind::custom: return type.custom;
      case type_kind::enumeration: {
        if (type.values.empty()) throw unsupported(fmt::format("an ENUM type without labels ({})", type));
        std::string labels;
        for (const auto& v : type.values) labels += (labels.empty() ? "" : ", ") + string_literal(v);
        return fmt::format("ENUM({})", labels);
      }
    }
    return type.custom;
  }

  // Accepts information_schema.COLUMNS.COLUMN_TYPE spellings (see mysql_types.hpp).
  column_type parse_type(std::string_view spelling) const override { return detail::parse_mysql_type(spelling); }

  // MariaDB allows neither NOT NULL nor a default on a generated column (stored_form reads one as
  // nullable); a TIMESTAMP column says NULL, which a server with explicit_defaults_for_timestamp off
  // would otherwise read as NOT NULL DEFAULT CURRENT_TIMESTAMP.
  std::string column_definition(const table& t, const column& c) const override {
    if (c.autoincrement) return fmt::format("{} {} NOT NULL AUTO_INCREMENT", quote(c.name), type_name(c.type));
    if (c.generated) {
      if (c.default_value) throw unsupported(fmt::format("generated column \"{}\".\"{}\" has a default", t.name, c.name));
      column plain = c;
      plain.nullable = true;
      return dialect::column_definition(t, plain);
    }
    auto definition = dialect::column_definition(t, c);
    if (c.nullable && c.type.kind == type_kind::custom && detail::split_type(c.type.custom).base == "timestamp") {
      auto at = quote(c.name).size() + 1 + type_name(c.type).size();
      definition.insert(at, " NULL");
    }
    return definition;
  }

  // Tables take the database's default character set and collation; a collation of their own
  // implies its character set.
  std::string table_options(const table& t) const override {
    if (t.strict || t.without_rowid)
      throw unsupported(fmt::format("table \"{}\" is {}", t.name, t.strict ? "STRICT" : "WITHOUT ROWID"));
    std::string options = " ENGINE=InnoDB";
    if (!t.collation.empty()) options += " COLLATE=" + collation_name(t.collation);
    return options;
  }

  std::string collation_name(std::string_view collation) const override { return quote(collation); }

  // ON UPDATE takes only CURRENT_TIMESTAMP (or NOW) on a DATETIME or TIMESTAMP column.
  std::string on_update_clause(const table& t, const column& c) const override {
    auto spelled = on_update_spelling(c.on_update, c.type);
    if (!detail::mysql_time_precision(c.type) || !spelled.starts_with("current_timestamp("))
      throw unsupported(fmt::format("column \"{}\".\"{}\" of type {} has ON UPDATE {}", t.name, c.name, type_name(c.type), c.on_update));
    return " ON UPDATE " + spelled;
  }

  // ON UPDATE as MariaDB prints it: current_timestamp(n), n being the column's precision unless given.
  static std::string on_update_spelling(std::string_view expression, const column_type& type) {
    std::string text;
    for (char ch : expression)
      if (!std::isspace(static_cast<unsigned char>(ch))) text += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (std::string_view synonym : {"localtimestamp", "localtime", "now"})
      if (text.starts_with(synonym) && (text.size() == synonym.size() || text[synonym.size()] == '('))
        text = "current_timestamp" + text.substr(synonym.size());
    if (text == "current_timestamp") text += "()";
    if (text == "current_timestamp()" || text == "current_timestamp(0)") {
      int precision = detail::mysql_time_precision(type).value_or(0);
      return precision ? fmt::format("current_timestamp({})", precision) : "current_timestamp()";
    }
    return text;
  }

  // MySQL declares every index inside CREATE TABLE, named or not (the server names an unnamed one).
  std::string inline_index(const table& t, const index_def& ix) const override {
    check_indexable(t, ix);
    if (!ix.predicate.empty())
      throw unsupported(fmt::format("index {}on \"{}\" is partial (WHERE {})", detail::shown_name(ix.name), t.name, ix.predicate));
    return fmt::format("{}INDEX {}({})", ix.unique ? "UNIQUE " : "", ix.name.empty() ? "" : quote(ix.name) + " ",
                       key_part_list(t, ix));
  }

  // The order the names of unnamed keys depend on (mysql_names.hpp): primary key, named indexes,
  // unnamed indexes, foreign keys (whose indexes the server adds at their place), checks.
  std::vector<std::string> table_constraints(const table& t, bool with_foreign_keys) const override {
    std::vector<std::string> clauses;
    if (t.key) clauses.push_back(fmt::format("{}PRIMARY KEY ({})", constraint_name(t.key->name), column_list(t.key->columns)));
    for (bool named : {true, false})
      for (const auto& ix : t.indexes)
        if (ix.name.empty() != named) clauses.push_back(inline_index(t, ix));
    if (with_foreign_keys)
      for (const auto& fk : t.foreign_keys) clauses.push_back(table_foreign_key_clause(t.name, fk));
    for (const auto& ck : t.checks)
      clauses.push_back(fmt::format("{}CHECK ({})", constraint_name(ck.name), check_expression(t.name, ck)));
    return clauses;
  }

  std::optional<std::string> add_foreign_key(std::string_view table_name, const foreign_key_def& fk) const override {
    return fmt::format("ALTER TABLE {} ADD {}", quote(table_name), table_foreign_key_clause(table_name, fk));
  }

  // InnoDB checks every foreign key at once: none can be deferred.
  std::string table_foreign_key_clause(std::string_view table_name, const foreign_key_def& fk) const {
    if (fk.deferrable != deferrability::not_deferrable)
      throw unsupported(fmt::format("foreign key {}on \"{}\" ({}) is {}", detail::shown_name(fk.name), table_name,
                                    fmt::join(fk.columns, ", "), to_sql(fk.deferrable)));
    return foreign_key_clause(fk);
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

  // `column`(n) [DESC]. MariaDB has no expression key parts (MySQL 8's functional indexes are read
  // as unmanaged objects), and no collation or operator class per key part.
  std::string key_part_sql(const table& t, const index_def& ix, std::size_t i) const override {
    if (ix.is_plain_part(i)) return quote(ix.columns[i]);
    const key_part& part = ix.parts[i];
    auto what = [&](std::string_view feature) {
      return unsupported(fmt::format("index {}on \"{}\" has {} ({})", detail::shown_name(ix.name), t.name, feature, ix.columns[i]));
    };
    if (part.expression) throw what("an expression key part");
    if (!part.collation.empty()) throw what("a collation on a key part");
    if (!part.operator_class.empty()) throw what("an operator class");
    std::string out = quote(ix.columns[i]);
    if (part.prefix_length) out += fmt::format("({})", *part.prefix_length);
    if (part.descending) out += " DESC";
    return out;
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

  std::vector<std::string> redefine_column(const table& t, const column&, const column& after) const override {
    return alter_column(t, after, true, true, true);
  }

  // The key is always named PRIMARY. A foreign key the key served needs an index once it is gone:
  // one named after the foreign key, as InnoDB names its own (introspection leaves it out), which
  // a new key that serves the foreign key makes redundant again.
  std::string add_primary_key(const table& after) const override {
    auto statement = fmt::format("ALTER TABLE {} ADD PRIMARY KEY ({})", quote(after.name), column_list(after.key->columns));
    for (const auto& fk : after.foreign_keys)
      if (!fk.name.empty() && detail::key_starts_with(table{after.name, {}, after.key}, fk.columns))
        statement += fmt::format(", DROP INDEX IF EXISTS {}", quote(fk.name));
    return statement;
  }
  std::string drop_primary_key(const table& before, std::string_view) const override {
    auto statement = fmt::format("ALTER TABLE {} DROP PRIMARY KEY", quote(before.name));
    table without_key = before;
    without_key.key.reset();
    for (const auto& fk : before.foreign_keys)
      if (!fk.name.empty() && detail::key_starts_with(before, fk.columns) &&
          !detail::key_starts_with(without_key, fk.columns))
        statement += fmt::format(", ADD INDEX {} ({})", quote(fk.name), column_list(fk.columns));
    return statement;
  }

  std::vector<std::string> rename_index(const table& after, std::string_view from, const index_def& renamed) const override {
    return {fmt::format("ALTER TABLE {} RENAME INDEX {} TO {}", quote(after.name), quote(from), quote(renamed.name))};
  }
  // Only the primary key's rename comes here: it is PRIMARY whatever it is called.
  std::vector<std::string> rename_constraint(std::string_view, std::string_view, std::string_view) const override { return {}; }
  // Foreign keys and checks cannot be renamed: they are dropped and added again, in one statement.
  std::vector<std::string> rename_foreign_key(const table& before, std::string_view from,
                                              const foreign_key_def& to) const override {
    return {drop_foreign_key(before, from).front() + ", ADD " + table_foreign_key_clause(before.name, to)};
  }
  std::vector<std::string> rename_check(const table& before, std::string_view from, const check_def& to) const override {
    return {fmt::format("ALTER TABLE {} DROP CONSTRAINT {}, ADD {}CHECK ({})", quote(before.name), quote(from),
                        constraint_name(to.name), check_expression(before.name, to))};
  }

  // A table's collation is the default of its columns that name none; those are restated, so that
  // they follow it (ALTER TABLE … COLLATE alone changes the default for columns added later). No
  // collation is the database's default, which only the server knows.
  std::vector<std::string> alter_table_options(const table& before, const table& after) const override {
    table_options(after);
    if (before.collation == after.collation) return {};
    std::string columns;
    for (const auto& c : after.columns)
      if (c.collation.empty() && detail::mysql_has_collation(c.type))
        columns += ", MODIFY COLUMN " + column_definition(after, c);
    if (!after.collation.empty())
      return {fmt::format("ALTER TABLE {} COLLATE {}{}", quote(after.name), collation_name(after.collation), columns)};
    return {fmt::format("EXECUTE IMMEDIATE CONCAT({}, @@collation_database{})",
                        string_literal(fmt::format("ALTER TABLE {} COLLATE ", quote(after.name))),
                        columns.empty() ? "" : ", " + string_literal(columns))};
  }

  // InnoDB gives a foreign key without a usable index one of its own, named after the key; it
  // stays behind when the key is dropped, so the same statement drops it too. Foreign keys whose
  // columns lead one another's share one such index (the server drops an index of its own that
  // another starts with), named after whichever came last; introspection hides it either way. When
  // one that shares it stays, the index stays, under that one's name.
  std::vector<std::string> drop_foreign_key(const table& before, std::string_view name) const override {
    auto statement = fmt::format("ALTER TABLE {} DROP FOREIGN KEY {}", quote(before.name), quote(name));
    auto fk = std::find_if(before.foreign_keys.begin(), before.foreign_keys.end(),
                           [&](const foreign_key_def& f) { return f.name == name; });
    if (fk == before.foreign_keys.end() || detail::key_starts_with(before, fk->columns, name)) return {statement};
    auto leads = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
      return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
    };
    const foreign_key_def* sharing = nullptr;  // the one with the most columns
    for (const auto& f : before.foreign_keys)
      if (f.name != name && !f.name.empty() && (leads(f.columns, fk->columns) || leads(fk->columns, f.columns)) &&
          !detail::key_starts_with(before, f.columns) && (!sharing || f.columns.size() > sharing->columns.size()))
        sharing = &f;
    if (sharing)
      statement += fmt::format(", RENAME INDEX IF EXISTS {} TO {}", quote(name), quote(sharing->name));
    else
      statement += fmt::format(", DROP INDEX IF EXISTS {}", quote(name));
    return {statement};
  }


  void follow_rename_table(table& renamed, std::string_view from) const override {
    detail::rename_generated_foreign_keys(renamed, from);
  }

  // InnoDB marks the index it makes for a foreign key as its own, and a foreign key added by name
  // later replaces such an index by one named after the key (measured on MariaDB 10.11): where the
  // table's stored form keeps the index under its own name, it gets it back. A user's index is
  // never replaced, so the rename finds the index only when the server did it.
  std::vector<std::string> after_adding_foreign_key(const schema& s, const std::string& table_name,
                                                    const foreign_key_def& fk) const override {
    if (fk.name.empty() || fk.columns.empty()) return {};
    // The table and those it refers to, which is all its stored form depends on (the whole schema
    // would make a plan of n foreign keys cost n²).
    const table& added_to = *s.find_table(table_name);
    schema around;
    for (const auto& t : s.tables)
      if (t.name == table_name || std::any_of(added_to.foreign_keys.begin(), added_to.foreign_keys.end(),
                                              [&](const foreign_key_def& f) { return f.referenced_table == t.name; }))
        around.tables.push_back(t);
    const schema stored = stored_form(std::move(around));
    const table& after = *stored.find_table(table_name);
    if (after.key && detail::key_starts_with(table{after.name, {}, after.key}, fk.columns)) return {};
    auto kept = std::find_if(after.indexes.begin(), after.indexes.end(), [&](const index_def& ix) {
      return !ix.unique && ix.parts.empty() && ix.predicate.empty() && ix.columns == fk.columns && ix.name != fk.name;
    });
    if (kept == after.indexes.end()) return {};
    return {fmt::format("ALTER TABLE {} RENAME INDEX IF EXISTS {} TO {}", quote(after.name), quote(fk.name), quote(kept->name))};
  }

  // What the server reports back: PRIMARY for every primary key, its own names for what is unnamed,
  // RESTRICT and NO ACTION alike (InnoDB checks both at once), a column collation equal to the
  // table's as none, ON UPDATE as it prints it, a generated column as nullable. (A table collation
  // equal to the database's default also reads back as none; that default is not known here.)
  schema stored_form(schema s) const override {
    s = dialect::stored_form(std::move(s));
    const auto order = detail::creation_order(s);
    auto position = [&](const std::string& name) {
      return std::find_if(order.begin(), order.end(), [&](const table* t) { return t->name == name; }) - order.begin();
    };
    for (auto& t : s.tables) {
      if (t.key) t.key->name = "PRIMARY";
      t.collation = utf8mb3_spelling(t.collation);
      for (auto& c : t.columns) {
        c.collation = utf8mb3_spelling(c.collation);
        if (c.collation == t.collation) c.collation.clear();
        if (c.type.kind == type_kind::enumeration) c.type.custom.clear();
        if (!c.on_update.empty()) c.on_update = on_update_spelling(c.on_update, c.type);
        // DEFAULT CURRENT_TIMESTAMP (or NOW()) on a date-time reads back as current_timestamp(n) too.
        if (c.default_value && c.default_value->kind == column_default::source::expression &&
            detail::mysql_time_precision(c.type))
          if (auto spelled = on_update_spelling(c.default_value->text, c.type); spelled.starts_with("current_timestamp("))
            c.default_value->text = spelled;
        if (c.autoincrement) c.identity = identity_kind::by_default;
        if (c.generated) c.nullable = true;
      }
      std::vector<bool> added_later;
      for (auto& fk : t.foreign_keys) {
        for (fk_action* action : {&fk.on_delete, &fk.on_update})
          if (*action == fk_action::restrict) *action = fk_action::no_action;
        added_later.push_back(fk.referenced_table != t.name && s.find_table(fk.referenced_table) &&
                              position(fk.referenced_table) > position(t.name));
      }
      detail::name_as_mysql_does(t, added_later);
      t.normalise();
    }
    return s;
  }

  // MariaDB 10.6 and MySQL 8.0.30 call utf8 utf8mb3 and print its collations so.
  static std::string utf8mb3_spelling(std::string collation) {
    if (collation.starts_with("utf8_")) collation.insert(4, "mb3");
    return collation;
  }

 private:
  static bool has_own_range(const column_type& type) {
    return type.kind == type_kind::int8 || (is_integer(type.kind) && type.is_unsigned);
  }

  std::string integer_literal(std::string_view table_name, const column& c) const {
    const std::string& text = c.default_value->text;
    const int bits = c.type.kind == type_kind::int8 ? 8 : c.type.kind == type_kind::int16 ? 16 : c.type.kind == type_kind::int32 ? 32 : 64;
    auto n = detail::parse_number_text(text);
    std::string digits = n ? std::string(n->integer) : std::string();
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
    bool fits = false;
    if (n && n->is_integer() && !c.type.is_unsigned) fits = detail::fits_signed(*n, bits);
    if (n && n->is_integer() && c.type.is_unsigned) {
      std::string largest = fmt::format("{}", bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1);
      fits = (!n->negative || digits.empty()) &&
             (digits.size() < largest.size() || (digits.size() == largest.size() && digits <= largest));
    }
    if (!fits)
      throw schema_error(fmt::format("{}: column \"{}\".\"{}\": default {} is {} for {}", name(), table_name, c.name,
                                     detail::shown(text), n && n->is_integer() ? "out of range" : "not an integer",
                                     type_name(c.type)));
    if (digits.empty()) return "0";
    return (n->negative ? "-" : "") + digits;
  }

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
