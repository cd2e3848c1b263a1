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
          op::alter_column back{o.table_name, o.name, {}, {}, {}, {}};
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
        } else if constexpr (std::is_same_v<T, op::raw_sql>) {
          if (!o.down) throw irreversible_error("raw SQL without a down statement cannot be reverted");
          return op::raw_sql{*o.down, o.up, o.only_on};
        } else if constexpr (std::is_same_v<T, op::insert_rows>)
          return op::delete_rows{o.table_name, o.columns, o.rows, {}};
        else {
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
