#pragma once
// The migration builder: the API a person writes migrations with, by hand or as autogenerate emits
// them. Each call appends typed operations.
//
//   b.create_table<User>();                       // the model as it is when the migration runs
//                                                 // (its checksum follows the model: for a
//                                                 // long-lived history spell the table out)
//   b.create_table("tags", [](auto& t) {
//     t.column<std::int64_t>("id").primary_key().autoincrement();
//     t.column<std::string>("label").length(40).unique();
//   });
//   b.alter_table("posts", [](auto& t) {
//     t.add_column<bool>("published").default_value(false);
//     t.rename_column("body", "content");
//   });
//   b.insert<Role>({{1, "admin"}, {2, "user"}});

#include <functional>
#include <list>
#include <string>
#include <vector>

#include "tempest/migration/column_builder.hpp"
#include "tempest/migration/rows.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest {

// Collects a new table's columns and constraints, named by the convention.
class table_builder {
 public:
  explicit table_builder(std::string name) { table_.name = std::move(name); }

  template <class T>
  column_builder<T> column(std::string name) {
    auto& c = columns_.emplace_back();
    c.name = std::move(name);
    return column_builder<T>(c, extras_.emplace_back());
  }
  void primary_key(std::vector<std::string> columns) { composite_key_ = std::move(columns); }
  void index(std::vector<std::string> columns, std::string name = {}) { indexes_.push_back({std::move(name), std::move(columns), false}); }
  void unique(std::vector<std::string> columns, std::string name = {}) { indexes_.push_back({std::move(name), std::move(columns), true}); }
  void check(std::string label, std::string expression) {
    table_.checks.push_back({naming::check(table_.name, label), std::move(expression), {}, {}});
  }

  table build() const {
    table t = table_;
    std::vector<std::string> key;
    auto extra = extras_.begin();
    for (auto c = columns_.begin(); c != columns_.end(); ++c, ++extra) {
      t.columns.push_back(*c);
      if (extra->primary_key) key.push_back(c->name);
      if (extra->index) t.indexes.push_back({naming::index(t.name, {c->name}), {c->name}, false});
      if (extra->unique) t.indexes.push_back({naming::unique(t.name, {c->name}), {c->name}, true});
      if (extra->reference) {
        auto fk = *extra->reference;
        fk.name = naming::foreign_key(t.name, fk.columns, fk.referenced_table);
        t.foreign_keys.push_back(std::move(fk));
      }
    }
    if (!composite_key_.empty()) key = composite_key_;
    if (!key.empty()) t.key = primary_key_def{naming::primary_key(t.name), key};
    for (auto ix : indexes_) {
      if (ix.name.empty()) ix.name = ix.unique ? naming::unique(t.name, ix.columns) : naming::index(t.name, ix.columns);
      t.indexes.push_back(std::move(ix));
    }
    t.normalise();
    return t;
  }

 private:
  table table_;
  std::list<tempest::column> columns_;  // stable addresses for the column builders
  std::list<column_extras> extras_;
  std::vector<std::string> composite_key_;
  std::vector<index_def> indexes_;
};

// Changes to an existing table.
class table_alterer {
 public:
  table_alterer(std::string name, std::vector<operation>& out) : name_(std::move(name)), out_(out) {}

  template <class T>
  column_builder<T> add_column(std::string column_name) {
    auto& pending = pending_.emplace_back();
    pending.definition.name = std::move(column_name);
    return column_builder<T>(pending.definition, pending.extras);
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

  // The column named `definition.name` becomes exactly `definition` (type, nullability, default,
  // collation, identity…).
  void alter_column(column definition) {
    std::string column_name = definition.name;
    emit(op::alter_column{name_, std::move(column_name), {}, {}, {}, {}, std::move(definition)});
  }

  void create_index(std::vector<std::string> columns, std::string name = {}) { add_index(std::move(columns), std::move(name), false); }
  void add_unique(std::vector<std::string> columns, std::string name = {}) { add_index(std::move(columns), std::move(name), true); }
  void drop_index(std::string name) { emit(op::drop_index{name_, std::move(name), {}}); }
  void drop_unique(std::string name) { drop_index(std::move(name)); }
  void add_foreign_key(std::vector<std::string> columns, std::string referenced_table,
                       std::vector<std::string> referenced_columns, fk_action on_delete = fk_action::no_action,
                       fk_action on_update = fk_action::no_action, std::string name = {}) {
    if (name.empty()) name = naming::foreign_key(name_, columns, referenced_table);
    emit(op::add_foreign_key{name_, {std::move(name), std::move(columns), std::move(referenced_table),
                                     std::move(referenced_columns), on_delete, on_update}});
  }
  void drop_foreign_key(std::string name) { emit(op::drop_foreign_key{name_, std::move(name), {}}); }
  void add_check(std::string label, std::string expression) {
    emit(op::add_check{name_, {naming::check(name_, label), std::move(expression), {}, {}}});
  }
  void drop_check(std::string name) { emit(op::drop_check{name_, std::move(name), {}}); }

  // Emits the columns added through add_column, with their indexes and keys, after the lambda ran.
  void finish() {
    for (auto& p : pending_) {
      out_.push_back(op::add_column{name_, p.definition});
      const auto& c = p.definition.name;
      if (p.extras.index) out_.push_back(op::create_index{name_, {naming::index(name_, {c}), {c}, false}});
      if (p.extras.unique) out_.push_back(op::create_index{name_, {naming::unique(name_, {c}), {c}, true}});
      if (p.extras.reference) {
        auto fk = *p.extras.reference;
        fk.name = naming::foreign_key(name_, fk.columns, fk.referenced_table);
        out_.push_back(op::add_foreign_key{name_, std::move(fk)});
      }
    }
    pending_.clear();
  }

 private:
  struct pending_column {
    column definition;
    column_extras extras;
  };
  void emit(operation o) {
    finish();  // keep the written order: columns added before this call come first
    out_.push_back(std::move(o));
  }
  void add_index(std::vector<std::string> columns, std::string name, bool unique) {
    if (name.empty()) name = unique ? naming::unique(name_, columns) : naming::index(name_, columns);
    emit(op::create_index{name_, {std::move(name), std::move(columns), unique}});
  }

  std::string name_;
  std::vector<operation>& out_;
  std::list<pending_column> pending_;
};

class migration_builder {
 public:
  // The table as the model is now: the migration's steps (and checksum) follow the model.
  template <model Model>
  void create_table() {
    add(op::create_table{detail::reflect_table<Model>()});
    tables_from_models_.push_back(std::get<op::create_table>(operations_.back()).definition.name);
  }
  void create_table(table definition) { add(op::create_table{std::move(definition)}); }
  void create_table(std::string name, const std::function<void(table_builder&)>& define) {
    table_builder t(std::move(name));
    define(t);
    add(op::create_table{t.build()});
  }
  void drop_table(std::string name) { add(op::drop_table{std::move(name), {}}); }
  template <model Model>
  void drop_table() {
    drop_table(std::string(detail::info_of<Model>().table));
  }
  void rename_table(std::string from, std::string to) { add(op::rename_table{std::move(from), std::move(to)}); }
  void alter_table(std::string name, const std::function<void(table_alterer&)>& change) {
    table_alterer t(std::move(name), operations_);
    change(t);
    t.finish();
  }
  void create_index(std::string table_name, std::vector<std::string> columns, std::string name = {}, bool unique = false) {
    alter_table(std::move(table_name), [&](table_alterer& t) {
      unique ? t.add_unique(columns, name) : t.create_index(columns, name);
    });
  }
  void drop_index(std::string table_name, std::string name) { add(op::drop_index{std::move(table_name), std::move(name), {}}); }
  void rename_index(std::string table_name, std::string from, std::string to) {
    add(op::rename_index{std::move(table_name), std::move(from), std::move(to)});
  }

  // Keys and constraint names. A key without a name given is named by the convention (pk_<table>).
  void add_primary_key(std::string table_name, std::vector<std::string> columns, std::string name = {}) {
    if (name.empty()) name = naming::primary_key(table_name);
    add(op::add_primary_key{std::move(table_name), {std::move(name), std::move(columns)}});
  }
  void drop_primary_key(std::string table_name) { add(op::drop_primary_key{std::move(table_name), {}}); }
  void rename_constraint(std::string table_name, op::constraint_kind kind, std::string from, std::string to) {
    add(op::rename_constraint{std::move(table_name), kind, std::move(from), std::move(to)});
  }
  // Collation (MySQL), STRICT and WITHOUT ROWID (SQLite): the table's options become these.
  void alter_table_options(std::string table_name, std::string collation, bool strict = false, bool without_rowid = false) {
    add(op::alter_table_options{std::move(table_name), std::move(collation), strict, without_rowid, {}});
  }

  // PostgreSQL enum types.
  void create_enum_type(std::string name, std::vector<std::string> values) {
    add(op::create_enum_type{{std::move(name), std::move(values)}});
  }
  void drop_enum_type(std::string name) { add(op::drop_enum_type{std::move(name), {}}); }
  void alter_enum_type(std::string name, std::vector<std::string> values) {
    add(op::alter_enum_type{std::move(name), std::move(values), {}});
  }

  // Raw SQL; without `down` the migration cannot be downgraded.
  void sql(std::string up, std::optional<std::string> down = {}, std::optional<dialect_kind> only_on = {}) {
    add(op::raw_sql{std::move(up), std::move(down), only_on});
  }

  // Data steps: rows of a model, every listed field as a column.
  template <model Model>
  void insert(const std::vector<Model>& rows) {
    add(detail::rows_of<op::insert_rows>(rows));
  }
  // Deletes rows of a model, matched on its primary key.
  template <model Model>
  void remove(const std::vector<Model>& rows) {
    add(detail::rows_of<op::delete_rows>(rows, true));
  }
  void insert(std::string table_name, std::vector<std::string> columns, std::vector<std::vector<sql_value>> rows) {
    add(op::insert_rows{std::move(table_name), std::move(columns), std::move(rows)});
  }
  void remove(std::string table_name, std::vector<std::string> columns, std::vector<std::vector<sql_value>> rows) {
    add(op::delete_rows{std::move(table_name), std::move(columns), std::move(rows)});
  }

  void add(operation o) { operations_.push_back(std::move(o)); }
  const std::vector<operation>& operations() const& { return operations_; }
  std::vector<operation> operations() && { return std::move(operations_); }
  // The tables created with create_table<Model>().
  const std::vector<std::string>& tables_from_models() const { return tables_from_models_; }

 private:
  std::vector<operation> operations_;
  std::vector<std::string> tables_from_models_;
};

}  // namespace tempest
