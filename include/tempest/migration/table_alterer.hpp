#pragma once
// table_alterer: changes to an existing table, in the order they are written.
//
//   b.alter_table("posts", [](tempest::table_alterer& t) {
//     t.add_column<bool>("published").default_value(false);
//     t.rename_column("body", "content");
//     t.change_column("title", {.type = tempest::column_type::varchar(200), .nullable = false});
//     t.alter_column<std::optional<std::string>>("slug").length(80).collation("C");  // the whole column
//     t.add_unique({"slug"}).named("posts_slug_key");
//   });

#include <list>
#include <optional>
#include <string>
#include <vector>

#include "tempest/migration/column_builder.hpp"
#include "tempest/migration/constraint_options.hpp"
#include "tempest/ops/operations.hpp"
#include "tempest/schema/naming.hpp"

namespace tempest {

// What change_column changes; what is not set stays as it is. default_value set to
// std::optional<column_default>{} drops the default.
struct column_change {
  std::optional<column_type> type;
  std::optional<bool> nullable;
  std::optional<std::optional<column_default>> default_value;
};

class table_alterer {
 public:
  table_alterer(std::string name, std::vector<operation>& out) : name_(std::move(name)), out_(out) {}

  template <class T>
  column_builder<T> add_column(std::string column_name) {
    column c;
    c.name = std::move(column_name);
    auto& s = staged_.emplace_back(staged{op::add_column{name_, std::move(c)}, column_extras{}});
    return column_builder<T>(std::get<op::add_column>(s.step).definition, *s.extras);
  }
  void drop_column(std::string column_name) { emit(op::drop_column{name_, std::move(column_name), {}}); }
  void rename_column(std::string from, std::string to) { emit(op::rename_column{name_, std::move(from), std::move(to)}); }

  template <class T>
  void alter_type(std::string column_name, std::optional<int> length = {}) {
    column c;
    column_extras ignored;
    column_builder<T>{c, ignored};
    if (length) c.type = column_type::varchar(*length);
    emit(op::alter_column{name_, std::move(column_name), c.type, {}, {}, {}, {}});
  }
  void alter_type(std::string column_name, column_type type) {
    emit(op::alter_column{name_, std::move(column_name), std::move(type), {}, {}, {}, {}});
  }
  void set_nullable(std::string column_name, bool nullable) {
    emit(op::alter_column{name_, std::move(column_name), {}, nullable, {}, {}, {}});
  }
  void set_default(std::string column_name, std::optional<column_default> value) {
    emit(op::alter_column{name_, std::move(column_name), {}, {}, std::move(value), {}, {}});
  }
  // Type, nullability and default in one step.
  void change_column(std::string column_name, column_change change) {
    emit(op::alter_column{name_, std::move(column_name), std::move(change.type), change.nullable,
                          std::move(change.default_value), {}, {}});
  }

  // The column named `definition.name` becomes exactly `definition` (type, nullability, default,
  // collation, identity…).
  void alter_column(column definition) {
    std::string column_name = definition.name;
    emit(op::alter_column{name_, std::move(column_name), {}, {}, {}, {}, std::move(definition)});
  }
  // The same, the column spelled as add_column spells it.
  template <class T>
  column_builder<T> alter_column(std::string column_name) {
    column c;
    c.name = column_name;
    auto& s = staged_.emplace_back(staged{op::alter_column{name_, std::move(column_name), {}, {}, {}, {}, std::move(c)}, column_extras{}});
    return column_builder<T>(*std::get<op::alter_column>(s.step).definition, *s.extras);
  }

  constraint_options<index_def> create_index(std::vector<std::string> columns, std::string name = {}) {
    return add_index(std::move(columns), std::move(name), false);
  }
  constraint_options<index_def> add_unique(std::vector<std::string> columns, std::string name = {}) {
    return add_index(std::move(columns), std::move(name), true);
  }
  void drop_index(std::string name) { emit(op::drop_index{name_, std::move(name), {}}); }
  void drop_unique(std::string name) { drop_index(std::move(name)); }
  // An unnamed index or unique constraint, told from the others by what it is.
  void drop_unnamed_index(index_def definition) { emit(op::drop_index{name_, {}, std::move(definition)}); }
  void rename_index(std::string from, std::string to) { emit(op::rename_index{name_, std::move(from), std::move(to)}); }

  constraint_options<foreign_key_def> add_foreign_key(std::vector<std::string> columns, std::string referenced_table,
                                                      std::vector<std::string> referenced_columns,
                                                      fk_action on_delete = fk_action::no_action,
                                                      fk_action on_update = fk_action::no_action, std::string name = {}) {
    if (name.empty()) name = naming::foreign_key(name_, columns, referenced_table);
    auto& step = emit(op::add_foreign_key{name_, {std::move(name), std::move(columns), std::move(referenced_table),
                                                  std::move(referenced_columns), on_delete, on_update}});
    return constraint_options<foreign_key_def>(std::get<op::add_foreign_key>(step).definition);
  }
  void drop_foreign_key(std::string name) { emit(op::drop_foreign_key{name_, std::move(name), {}}); }
  void drop_unnamed_foreign_key(foreign_key_def definition) {
    emit(op::drop_foreign_key{name_, {}, std::move(definition)});
  }

  // A check named ck_<table>_<label>.
  constraint_options<check_def> add_check(std::string label, std::string expression) {
    return add(check_def{naming::check(name_, label), std::move(expression), {}, {}});
  }
  // An unnamed check (.named() names it).
  constraint_options<check_def> add_check(std::string expression) { return add(check_def{{}, std::move(expression), {}, {}}); }
  // `column IN (values…)`, spelled by each dialect; named ck_<table>_<column>.
  constraint_options<check_def> add_check_in(std::string column_name, std::vector<std::string> values) {
    auto name = naming::check(name_, column_name);
    return add(check_def{std::move(name), {}, std::move(column_name), std::move(values)});
  }
  void drop_check(std::string name) { emit(op::drop_check{name_, std::move(name), {}}); }
  void drop_unnamed_check(check_def definition) { emit(op::drop_check{name_, {}, std::move(definition)}); }

  // The primary key, named pk_<table> unless told otherwise.
  constraint_options<primary_key_def> add_primary_key(std::vector<std::string> columns) {
    auto& step = emit(op::add_primary_key{name_, {naming::primary_key(name_), std::move(columns)}});
    return constraint_options<primary_key_def>(std::get<op::add_primary_key>(step).definition);
  }
  void drop_primary_key() { emit(op::drop_primary_key{name_, {}}); }
  void rename_constraint(op::constraint_kind kind, std::string from, std::string to) {
    emit(op::rename_constraint{name_, kind, std::move(from), std::move(to)});
  }

  // Emits the steps, with the indexes and keys of the columns added, after the lambda ran.
  void finish() {
    for (auto& s : staged_) {
      out_.push_back(std::move(s.step));
      if (!s.extras) continue;
      const auto* added = std::get_if<op::add_column>(&out_.back());
      const std::string c = added ? added->definition.name : std::get<op::alter_column>(out_.back()).name;
      if (s.extras->index) out_.push_back(op::create_index{name_, {naming::index(name_, {c}), {c}, false}});
      if (s.extras->unique) out_.push_back(op::create_index{name_, {naming::unique(name_, {c}), {c}, true}});
      if (s.extras->reference) {
        auto fk = *s.extras->reference;
        fk.name = naming::foreign_key(name_, fk.columns, fk.referenced_table);
        out_.push_back(op::add_foreign_key{name_, std::move(fk)});
      }
    }
    staged_.clear();
  }

 private:
  // A step as written; a column's (added or redefined) with what its definition adds besides.
  struct staged {
    operation step;
    std::optional<column_extras> extras;
  };
  operation& emit(operation o) { return staged_.emplace_back(staged{std::move(o), std::nullopt}).step; }
  constraint_options<index_def> add_index(std::vector<std::string> columns, std::string name, bool unique) {
    if (name.empty()) name = unique ? naming::unique(name_, columns) : naming::index(name_, columns);
    auto& step = emit(op::create_index{name_, {std::move(name), std::move(columns), unique}});
    return constraint_options<index_def>(std::get<op::create_index>(step).definition);
  }
  constraint_options<check_def> add(check_def definition) {
    auto& step = emit(op::add_check{name_, std::move(definition)});
    return constraint_options<check_def>(std::get<op::add_check>(step).definition);
  }

  std::string name_;
  std::vector<operation>& out_;
  std::list<staged> staged_;  // std::list: stable addresses for the builders and options returned
};

}  // namespace tempest
