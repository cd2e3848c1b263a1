#pragma once
// Operations as migration_builder calls that read like a migration written by hand: a new table
// spelled out column by column, the changes to one table grouped in one alter_table. What the
// builder names by the convention is left unnamed in the text; any other name is written out.
// Building the text's migration gives back exactly the operations it was written from (see
// as_written for what a written operation leaves to apply() to fill in).

#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/codegen/cpp_column.hpp"
#include "tempest/schema/naming.hpp"

namespace tempest::codegen {

// An operation as a migration states it: without what apply() fills in (what a drop drops, the
// column as it was), except the definition that tells an unnamed item from the others.
inline operation as_written(operation o) {
  std::visit(
      [](auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, op::drop_table> || std::is_same_v<T, op::drop_column> ||
                      std::is_same_v<T, op::drop_enum_type>)
          x.dropped.reset();
        else if constexpr (std::is_same_v<T, op::drop_index> || std::is_same_v<T, op::drop_foreign_key> ||
                           std::is_same_v<T, op::drop_check>) {
          if (!x.name.empty()) x.dropped.reset();
        } else if constexpr (std::is_same_v<T, op::drop_primary_key>) x.dropped.reset();
        else if constexpr (std::is_same_v<T, op::alter_column> || std::is_same_v<T, op::alter_table_options> ||
                           std::is_same_v<T, op::alter_enum_type>)
          x.before.reset();
        else if constexpr (std::is_same_v<T, op::delete_rows>) x.unlisted.clear();
      },
      o);
  return o;
}

namespace detail {

// ".named(…)" or ".unnamed()" where `name` is not the one the builder gives by default.
inline std::string naming_call(const std::string& name, const std::string& by_default) {
  if (name == by_default) return {};
  return name.empty() ? ".unnamed()" : ".named(" + cpp_string(name) + ")";
}

inline std::string index_calls(const index_def& ix, const std::string& table_name) {
  auto out = naming_call(ix.name, ix.unique ? naming::unique(table_name, ix.columns) : naming::index(table_name, ix.columns));
  if (!ix.parts.empty()) out += ".parts(" + cpp_key_parts(ix.parts) + ")";
  if (!ix.predicate.empty()) out += ".where(" + cpp_string(ix.predicate) + ")";
  return out;
}

inline std::string foreign_key_args_and_calls(const foreign_key_def& fk, const std::string& table_name) {
  auto out = fmt::format("({}, {}, {})", cpp_strings(fk.columns), cpp_string(fk.referenced_table), cpp_strings(fk.referenced_columns));
  out += naming_call(fk.name, naming::foreign_key(table_name, fk.columns, fk.referenced_table));
  if (fk.on_delete != fk_action::no_action) out += ".on_delete(" + cpp_action(fk.on_delete) + ")";
  if (fk.on_update != fk_action::no_action) out += ".on_update(" + cpp_action(fk.on_update) + ")";
  if (fk.deferrable != deferrability::not_deferrable) out += ".deferrable(" + cpp_deferrability(fk.deferrable) + ")";
  return out;
}

// `method_in` / `method` with arguments and calls: check_in(column, values), check(label, expr) when
// the name is the convention's for a label, check(expr) with its name otherwise.
inline std::string check_call(const check_def& ck, const std::string& table_name, std::string_view method,
                              std::string_view method_in) {
  if (ck.expression.empty() && !ck.column.empty())
    return fmt::format("{}({}, {}){}", method_in, cpp_string(ck.column), cpp_strings(ck.allowed_values),
                       naming_call(ck.name, naming::check(table_name, ck.column)));
  const std::string prefix = fmt::format("ck_{}_", table_name);
  if (ck.name.size() > prefix.size() && ck.name.starts_with(prefix)) {
    auto label = ck.name.substr(prefix.size());
    if (naming::check(table_name, label) == ck.name)
      return fmt::format("{}({}, {})", method, cpp_string(label), cpp_string(ck.expression));
  }
  return fmt::format("{}({}){}", method, cpp_string(ck.expression), naming_call(ck.name, ""));
}

class table_writer {
 public:
  explicit table_writer(const table& t) : t_(t) {}

  std::string text(const std::string& indent) {
    std::vector<std::string> lines;
    for (const auto& c : t_.columns) lines.push_back("t." + cpp_column("column", c) + column_extras(c) + ";");
    if (t_.key && !key_inline_)
      lines.push_back(fmt::format("t.primary_key({}){};", cpp_strings(t_.key->columns), naming_call(t_.key->name, naming::primary_key(t_.name))));
    for (std::size_t i = 0; i < t_.indexes.size(); ++i)
      if (!used_indexes_[i]) {
        const auto& ix = t_.indexes[i];
        lines.push_back(fmt::format("t.{}({}){};", ix.unique ? "unique" : "index", cpp_strings(ix.columns), index_calls(ix, t_.name)));
      }
    for (std::size_t i = 0; i < t_.foreign_keys.size(); ++i)
      if (!used_foreign_keys_[i]) lines.push_back("t.foreign_key" + foreign_key_args_and_calls(t_.foreign_keys[i], t_.name) + ";");
    for (const auto& ck : t_.checks) lines.push_back("t." + check_call(ck, t_.name, "check", "check_in") + ";");
    if (!t_.collation.empty()) lines.push_back("t.collation(" + cpp_string(t_.collation) + ");");
    if (t_.strict) lines.push_back("t.strict();");
    if (t_.without_rowid) lines.push_back("t.without_rowid();");
    std::string out;
    for (const auto& l : lines) out += indent + l + "\n";
    return out;
  }

 private:
  // primary_key(), unique(), index() and references() on the column, for what they say exactly.
  std::string column_extras(const column& c) {
    std::string out;
    const std::vector<std::string> one{c.name};
    if (t_.key && t_.key->columns == one && t_.key->name == naming::primary_key(t_.name)) {
      out += ".primary_key()";
      key_inline_ = true;
    }
    for (bool unique : {false, true})
      for (std::size_t i = 0; i < t_.indexes.size(); ++i) {
        const auto& ix = t_.indexes[i];
        if (used_indexes_[i] || ix.unique != unique || ix.columns != one || !ix.parts.empty() || !ix.predicate.empty() ||
            ix.name != (unique ? naming::unique(t_.name, one) : naming::index(t_.name, one)))
          continue;
        out += unique ? ".unique()" : ".index()";
        used_indexes_[i] = true;
        break;
      }
    for (std::size_t i = 0; i < t_.foreign_keys.size(); ++i) {
      const auto& fk = t_.foreign_keys[i];
      if (fk.columns != one || fk.referenced_columns.size() != 1 || fk.deferrable != deferrability::not_deferrable ||
          fk.name != naming::foreign_key(t_.name, one, fk.referenced_table))
        continue;
      out += fmt::format(".references({}, {}", cpp_string(fk.referenced_table), cpp_string(fk.referenced_columns[0]));
      if (fk.on_delete != fk_action::no_action || fk.on_update != fk_action::no_action) out += ", " + cpp_action(fk.on_delete);
      if (fk.on_update != fk_action::no_action) out += ", " + cpp_action(fk.on_update);
      out += ")";
      used_foreign_keys_[i] = true;
      break;
    }
    return out;
  }

  const table& t_;
  bool key_inline_ = false;
  std::vector<bool> used_indexes_ = std::vector<bool>(t_.indexes.size());
  std::vector<bool> used_foreign_keys_ = std::vector<bool>(t_.foreign_keys.size());
};

// A step inside alter_table(table, …), as a call on `t`.
inline std::string alter_step(const operation& step) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::add_column>) return "t." + cpp_column("add_column", o.definition);
        else if constexpr (std::is_same_v<T, op::drop_column>) return fmt::format("t.drop_column({})", cpp_string(o.name));
        else if constexpr (std::is_same_v<T, op::rename_column>)
          return fmt::format("t.rename_column({}, {})", cpp_string(o.from), cpp_string(o.to));
        else if constexpr (std::is_same_v<T, op::alter_column>) {
          if (o.definition && o.definition->name == o.name && !o.type && !o.nullable && !o.default_value)
            return "t." + cpp_column("alter_column", *o.definition);
          const auto drop_or = [](const std::optional<column_default>& d) { return d ? cpp_default(*d) : std::string("std::nullopt"); };
          const int fields = (o.type ? 1 : 0) + (o.nullable ? 1 : 0) + (o.default_value ? 1 : 0);
          const auto name = cpp_string(o.name);
          if (fields == 1 && o.type) return fmt::format("t.alter_type({}, {})", name, cpp_type(*o.type));
          if (fields == 1 && o.nullable) return fmt::format("t.set_nullable({}, {})", name, *o.nullable);
          if (fields == 1 && o.default_value) return fmt::format("t.set_default({}, {})", name, drop_or(*o.default_value));
          std::vector<std::string> change;
          if (o.type) change.push_back(".type = " + cpp_type(*o.type));
          if (o.nullable) change.push_back(fmt::format(".nullable = {}", *o.nullable));
          if (o.default_value)
            change.push_back(".default_value = " + (*o.default_value ? cpp_default(**o.default_value) : "std::optional<tempest::column_default>{}"));
          return fmt::format("t.change_column({}, {})", name, designated(change));
        } else if constexpr (std::is_same_v<T, op::create_index>)
          return fmt::format("t.{}({}){}", o.definition.unique ? "add_unique" : "create_index", cpp_strings(o.definition.columns),
                             index_calls(o.definition, o.table_name));
        else if constexpr (std::is_same_v<T, op::drop_index>) {
          if (o.name.empty() && o.dropped) return "t.drop_unnamed_index(" + cpp_definition(*o.dropped) + ")";
          return fmt::format("t.drop_index({})", cpp_string(o.name));
        } else if constexpr (std::is_same_v<T, op::rename_index>)
          return fmt::format("t.rename_index({}, {})", cpp_string(o.from), cpp_string(o.to));
        else if constexpr (std::is_same_v<T, op::add_foreign_key>)
          return "t.add_foreign_key" + foreign_key_args_and_calls(o.definition, o.table_name);
        else if constexpr (std::is_same_v<T, op::drop_foreign_key>) {
          if (o.name.empty() && o.dropped) return "t.drop_unnamed_foreign_key(" + cpp_definition(*o.dropped) + ")";
          return fmt::format("t.drop_foreign_key({})", cpp_string(o.name));
        } else if constexpr (std::is_same_v<T, op::add_check>)
          return "t." + check_call(o.definition, o.table_name, "add_check", "add_check_in");
        else if constexpr (std::is_same_v<T, op::drop_check>) {
          if (o.name.empty() && o.dropped) return "t.drop_unnamed_check(" + cpp_definition(*o.dropped) + ")";
          return fmt::format("t.drop_check({})", cpp_string(o.name));
        } else if constexpr (std::is_same_v<T, op::add_primary_key>)
          return fmt::format("t.add_primary_key({}){}", cpp_strings(o.definition.columns),
                             naming_call(o.definition.name, naming::primary_key(o.table_name)));
        else if constexpr (std::is_same_v<T, op::drop_primary_key>) return "t.drop_primary_key()";
        else if constexpr (std::is_same_v<T, op::rename_constraint>)
          return fmt::format("t.rename_constraint({}, {}, {})", cpp_constraint_kind(o.kind), cpp_string(o.from), cpp_string(o.to));
        else return {};
      },
      step);
}

// The table an alter_table step changes; empty for a step of its own.
inline std::string altered_table(const operation& step) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::create_table> || std::is_same_v<T, op::drop_table> ||
                      std::is_same_v<T, op::rename_table> || std::is_same_v<T, op::raw_sql> ||
                      std::is_same_v<T, op::insert_rows> || std::is_same_v<T, op::delete_rows> ||
                      std::is_same_v<T, op::alter_table_options> || std::is_same_v<T, op::create_enum_type> ||
                      std::is_same_v<T, op::drop_enum_type> || std::is_same_v<T, op::alter_enum_type>)
          return {};
        else return o.table_name;
      },
      step);
}

// A step of its own, as a call on `b`.
inline std::string builder_step(const operation& step, const std::string& indent) {
  return std::visit(
      [&](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::create_table>)
          return fmt::format("b.create_table({}, [](tempest::table_builder& t) {{\n{}{}}})", cpp_string(o.definition.name),
                             table_writer(o.definition).text(indent + "  "), indent);
        else if constexpr (std::is_same_v<T, op::drop_table>) return fmt::format("b.drop_table({})", cpp_string(o.name));
        else if constexpr (std::is_same_v<T, op::rename_table>)
          return fmt::format("b.rename_table({}, {})", cpp_string(o.from), cpp_string(o.to));
        else if constexpr (std::is_same_v<T, op::alter_table_options>)
          return fmt::format("b.alter_table_options({}, {}, {}, {})", cpp_string(o.table_name), cpp_string(o.collation), o.strict,
                             o.without_rowid);
        else if constexpr (std::is_same_v<T, op::create_enum_type>)
          return fmt::format("b.create_enum_type({}, {})", cpp_string(o.definition.name), cpp_strings(o.definition.values));
        else if constexpr (std::is_same_v<T, op::drop_enum_type>) return fmt::format("b.drop_enum_type({})", cpp_string(o.name));
        else if constexpr (std::is_same_v<T, op::alter_enum_type>)
          return fmt::format("b.alter_enum_type({}, {})", cpp_string(o.name), cpp_strings(o.values));
        else if constexpr (std::is_same_v<T, op::raw_sql>) {
          std::string out = "b.sql(" + cpp_multiline_string(o.up, indent + "      ");
          if (o.down || o.only_on) out += ",\n" + indent + "      " + (o.down ? cpp_multiline_string(*o.down, indent + "      ") : "std::nullopt");
          if (o.only_on) out += fmt::format(", tempest::dialect_kind::{}", to_string(*o.only_on));
          return out + ")";
        } else if constexpr (std::is_same_v<T, op::insert_rows> || std::is_same_v<T, op::delete_rows>)
          return fmt::format("b.{}({}, {}, {})", std::is_same_v<T, op::insert_rows> ? "insert" : "remove", cpp_string(o.table_name),
                             cpp_strings(o.columns), cpp_rows(o.rows));
        else return {};
      },
      step);
}

}  // namespace detail

// The body of an up function: one statement per line at `indent`, the steps on one table in a
// row grouped in one alter_table. `notes[i]`, when not empty, is a comment put before step i (a
// step with a note begins a new group).
inline std::string builder_calls(const std::vector<operation>& steps, const std::string& indent,
                                 const std::vector<std::string>& notes = {}) {
  std::string out;
  for (std::size_t i = 0; i < steps.size();) {
    if (i < notes.size() && !notes[i].empty()) out += fmt::format("{}// {}\n", indent, one_line(notes[i]));
    const auto table_name = detail::altered_table(steps[i]);
    if (table_name.empty()) {
      out += indent + detail::builder_step(steps[i], indent) + ";\n";
      ++i;
      continue;
    }
    out += fmt::format("{}b.alter_table({}, [](tempest::table_alterer& t) {{\n", indent, cpp_string(table_name));
    do {
      out += indent + "  " + detail::alter_step(steps[i]) + ";\n";
      ++i;
    } while (i < steps.size() && detail::altered_table(steps[i]) == table_name && (i >= notes.size() || notes[i].empty()));
    out += indent + "});\n";
  }
  return out;
}

}  // namespace tempest::codegen
