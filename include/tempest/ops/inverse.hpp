#pragma once
// The inverse of a completed operation (one that apply() has filled in).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/error.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest {

// Thrown for an operation that cannot be reverted: raw SQL without a down, or a drop whose
// definition was never recorded.
struct irreversible_error : error {
  using error::error;
};

inline operation inverse(const operation& completed) {
  auto missing = [](std::string_view what, std::string_view name) {
    return irreversible_error(fmt::format("{} {} does not record what it dropped", what, name));
  };
  return std::visit(
      [&](const auto& o) -> operation {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::create_table>) return op::drop_table{o.definition.name, o.definition};
        else if constexpr (std::is_same_v<T, op::drop_table>) {
          if (!o.dropped) throw missing("drop_table", o.name);
          return op::create_table{*o.dropped};
        } else if constexpr (std::is_same_v<T, op::rename_table>) return op::rename_table{o.to, o.from};
        else if constexpr (std::is_same_v<T, op::add_column>)
          return op::drop_column{o.table_name, o.definition.name, o.definition};
        else if constexpr (std::is_same_v<T, op::drop_column>) {
          if (!o.dropped) throw missing("drop_column", o.name);
          return op::add_column{o.table_name, *o.dropped};
        } else if constexpr (std::is_same_v<T, op::alter_column>) {
          if (!o.before) throw missing("alter_column", o.name);
          op::alter_column back{o.table_name, o.name, {}, {}, {}, {}, {}};
          if (o.definition) back.definition = o.before;
          if (o.type) back.type = o.before->type;
          if (o.nullable) back.nullable = o.before->nullable;
          if (o.default_value) back.default_value = o.before->default_value;
          return back;
        } else if constexpr (std::is_same_v<T, op::rename_column>) return op::rename_column{o.table_name, o.to, o.from};
        else if constexpr (std::is_same_v<T, op::create_index>)
          return op::drop_index{o.table_name, o.definition.name, o.definition};
        else if constexpr (std::is_same_v<T, op::drop_index>) {
          if (!o.dropped) throw missing("drop_index", o.name);
          return op::create_index{o.table_name, *o.dropped};
        } else if constexpr (std::is_same_v<T, op::add_foreign_key>)
          return op::drop_foreign_key{o.table_name, o.definition.name, o.definition};
        else if constexpr (std::is_same_v<T, op::drop_foreign_key>) {
          if (!o.dropped) throw missing("drop_foreign_key", o.name);
          return op::add_foreign_key{o.table_name, *o.dropped};
        } else if constexpr (std::is_same_v<T, op::add_check>)
          return op::drop_check{o.table_name, o.definition.name, o.definition};
        else if constexpr (std::is_same_v<T, op::drop_check>) {
          if (!o.dropped) throw missing("drop_check", o.name);
          return op::add_check{o.table_name, *o.dropped};
        } else if constexpr (std::is_same_v<T, op::add_primary_key>)
          return op::drop_primary_key{o.table_name, o.definition};
        else if constexpr (std::is_same_v<T, op::drop_primary_key>) {
          if (!o.dropped) throw missing("drop_primary_key of table", o.table_name);
          return op::add_primary_key{o.table_name, *o.dropped};
        } else if constexpr (std::is_same_v<T, op::rename_index>)
          return op::rename_index{o.table_name, o.to, o.from};
        else if constexpr (std::is_same_v<T, op::rename_constraint>)
          return op::rename_constraint{o.table_name, o.kind, o.to, o.from};
        else if constexpr (std::is_same_v<T, op::alter_table_options>) {
          if (!o.before)
            throw irreversible_error(
                fmt::format("alter_table_options of table {} does not record the options it replaced", o.table_name));
          return op::alter_table_options{o.table_name, o.before->collation, o.before->strict, o.before->without_rowid, {}};
        } else if constexpr (std::is_same_v<T, op::create_enum_type>)
          return op::drop_enum_type{o.definition.name, o.definition};
        else if constexpr (std::is_same_v<T, op::drop_enum_type>) {
          if (!o.dropped) throw missing("drop_enum_type", o.name);
          return op::create_enum_type{*o.dropped};
        } else if constexpr (std::is_same_v<T, op::alter_enum_type>) {
          if (!o.before)
            throw irreversible_error(fmt::format("alter_enum_type {} does not record the values it replaced", o.name));
          return op::alter_enum_type{o.name, *o.before, {}};
        } else if constexpr (std::is_same_v<T, op::raw_sql>) {
          if (!o.down) throw irreversible_error("raw SQL without a down statement cannot be reverted");
          return op::raw_sql{*o.down, o.up, o.only_on};
        } else if constexpr (std::is_same_v<T, op::insert_rows>)
          return op::delete_rows{o.table_name, o.columns, o.rows, {}};
        else {
          static_assert(std::is_same_v<T, op::delete_rows>);
          // Putting back rows without some of their columns would lose what those held.
          if (!o.unlisted.empty())
            throw irreversible_error(fmt::format(
                "its delete from table {} names the rows by {} only, so it cannot put back what column \"{}\" held; "
                "write the down (e.g. insert the whole rows)",
                o.table_name, fmt::join(o.columns, ", "), o.unlisted.front()));
          return op::insert_rows{o.table_name, o.columns, o.rows};
        }
      },
      completed);
}

}  // namespace tempest
