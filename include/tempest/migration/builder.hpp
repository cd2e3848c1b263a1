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
#include "tempest/migration/table_alterer.hpp"
#include "tempest/migration/table_builder.hpp"
#include "tempest/migration/rows.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest {

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
