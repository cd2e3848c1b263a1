#pragma once
// Typed schema operations: plain data, one std::variant. A drop carries what it dropped (filled in
// from the schema it applies to), so every operation knows its inverse.

#include <cstdint>
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
// Changes a column's type, nullability and/or default; what is not set stays as it is. With
// `definition`, the column becomes exactly that (every attribute: collation, identity, ON UPDATE…),
// keeping its name; the three fields before it are then left unset.
struct alter_column {
  std::string table_name;
  std::string name;
  std::optional<column_type> type;
  std::optional<bool> nullable;
  std::optional<std::optional<column_default>> default_value;  // set to nullopt to drop the default
  std::optional<column> before;                                 // the column as it was, for the inverse
  std::optional<column> definition;
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
struct add_primary_key {
  std::string table_name;
  primary_key_def definition;
  friend bool operator==(const add_primary_key&, const add_primary_key&) = default;
};
struct drop_primary_key {
  std::string table_name;
  std::optional<primary_key_def> dropped;
  friend bool operator==(const drop_primary_key&, const drop_primary_key&) = default;
};
// Renames an index or a unique constraint (an empty name: unnamed, where the database allows it).
struct rename_index {
  std::string table_name;
  std::string from;
  std::string to;
  friend bool operator==(const rename_index&, const rename_index&) = default;
};
enum class constraint_kind : std::uint8_t { primary_key, foreign_key, check };
// Renames a key, foreign key or check and changes nothing else. Where the database cannot rename
// one, it is dropped and added again in one statement (MySQL) or the table is rebuilt (SQLite).
struct rename_constraint {
  std::string table_name;
  constraint_kind kind = constraint_kind::foreign_key;
  std::string from;
  std::string to;
  friend bool operator==(const rename_constraint&, const rename_constraint&) = default;
};
// Table-level options: collation (MySQL), STRICT and WITHOUT ROWID (SQLite).
struct alter_table_options {
  std::string table_name;
  std::string collation;
  bool strict = false;
  bool without_rowid = false;
  std::optional<table> before;  // filled in by apply(): the table as it was
  friend bool operator==(const alter_table_options&, const alter_table_options&) = default;
};
// PostgreSQL enum types (CREATE TYPE … AS ENUM).
struct create_enum_type {
  enum_type_def definition;
  friend bool operator==(const create_enum_type&, const create_enum_type&) = default;
};
struct drop_enum_type {
  std::string name;
  std::optional<enum_type_def> dropped;
  friend bool operator==(const drop_enum_type&, const drop_enum_type&) = default;
};
// Gives an enum type a new list of values. Values only added (the old list is a subsequence of the
// new) become ALTER TYPE … ADD VALUE; anything else recreates the type and converts its columns.
struct alter_enum_type {
  std::string name;
  std::vector<std::string> values;
  std::optional<std::vector<std::string>> before;  // filled in by apply()
  friend bool operator==(const alter_enum_type&, const alter_enum_type&) = default;
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
                               op::insert_rows, op::delete_rows, op::add_primary_key, op::drop_primary_key,
                               op::rename_index, op::rename_constraint, op::alter_table_options,
                               op::create_enum_type, op::drop_enum_type, op::alter_enum_type>;

}  // namespace tempest
