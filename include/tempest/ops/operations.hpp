#pragma once
// Typed schema operations: plain data, one std::variant. A drop carries what it dropped (filled in
// from the schema it applies to), so every operation knows its inverse.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/statement.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest {
namespace op {

struct create_table {
  table definition;
  friend bool operator==(const create_table&, const create_table&) = default;
};
struct drop_table {
  std::string name;
  std::optional<table> dropped;  // the definition, for the inverse
  friend bool operator==(const drop_table&, const drop_table&) = default;
};
struct rename_table {
  std::string from;
  std::string to;
  friend bool operator==(const rename_table&, const rename_table&) = default;
};
struct add_column {
  std::string table_name;
  column definition;
  friend bool operator==(const add_column&, const add_column&) = default;
};
struct drop_column {
  std::string table_name;
  std::string name;
  std::optional<column> dropped;
  friend bool operator==(const drop_column&, const drop_column&) = default;
};
// Changes a column's type, nullability and/or default; what is not set stays as it is.
struct alter_column {
  std::string table_name;
  std::string name;
  std::optional<column_type> type;
  std::optional<bool> nullable;
  std::optional<std::optional<column_default>> default_value;  // set to nullopt to drop the default
  std::optional<column> before;                                 // the column as it was, for the inverse
  friend bool operator==(const alter_column&, const alter_column&) = default;
};
struct rename_column {
  std::string table_name;
  std::string from;
  std::string to;
  friend bool operator==(const rename_column&, const rename_column&) = default;
};
struct create_index {
  std::string table_name;
  index_def definition;
  friend bool operator==(const create_index&, const create_index&) = default;
};
struct drop_index {
  std::string table_name;
  std::string name;
  std::optional<index_def> dropped;
  friend bool operator==(const drop_index&, const drop_index&) = default;
};
struct add_foreign_key {
  std::string table_name;
  foreign_key_def definition;
  friend bool operator==(const add_foreign_key&, const add_foreign_key&) = default;
};
struct drop_foreign_key {
  std::string table_name;
  std::string name;
  std::optional<foreign_key_def> dropped;
  friend bool operator==(const drop_foreign_key&, const drop_foreign_key&) = default;
};
struct add_check {
  std::string table_name;
  check_def definition;
  friend bool operator==(const add_check&, const add_check&) = default;
};
struct drop_check {
  std::string table_name;
  std::string name;
  std::optional<check_def> dropped;
  friend bool operator==(const drop_check&, const drop_check&) = default;
};
// SQL the operations cannot express. Without `down` it cannot be reverted. `only_on` limits it to
// one dialect; elsewhere it is skipped.
struct raw_sql {
  std::string up;
  std::optional<std::string> down;
  std::optional<dialect_kind> only_on;
  friend bool operator==(const raw_sql&, const raw_sql&) = default;
};
struct insert_rows {
  std::string table_name;
  std::vector<std::string> columns;
  std::vector<std::vector<sql_value>> rows;
  friend bool operator==(const insert_rows&, const insert_rows&) = default;
};
// Deletes the rows whose `columns` hold the given values; the rows double as the inverse's data,
// which is whole only when `columns` are all the table's columns.
struct delete_rows {
  std::string table_name;
  std::vector<std::string> columns;
  std::vector<std::vector<sql_value>> rows;
  std::vector<std::string> unlisted;  // filled in by apply(): the table's columns `columns` leave out
  friend bool operator==(const delete_rows&, const delete_rows&) = default;
};

}  // namespace op

using operation = std::variant<op::create_table, op::drop_table, op::rename_table, op::add_column, op::drop_column,
                               op::alter_column, op::rename_column, op::create_index, op::drop_index,
                               op::add_foreign_key, op::drop_foreign_key, op::add_check, op::drop_check, op::raw_sql,
                               op::insert_rows, op::delete_rows>;

}  // namespace tempest
