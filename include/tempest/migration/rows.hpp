#pragma once
// Rows of a model as data-step values. Values are read through the member pointers TEMPEST_MODEL
// recorded, so the listed fields, in their order and with their column names, are exactly what is
// written; fields the model does not list are left out.

#include <chrono>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "tempest/model/model_info.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest::detail {

template <class T>
sql_value to_sql_value(const T& value) {
  if constexpr (is_nullable_v<T>) {
    if (!value) return std::monostate{};
    return to_sql_value(*value);
  } else if constexpr (std::is_same_v<T, bool>) {
    return value;
  } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T> && sizeof(T) == sizeof(long long)) {
    // Beyond the signed range, an unsigned 64-bit value travels as its digits (the column converts it).
    if (value > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) return std::to_string(value);
    return static_cast<long long>(value);
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<long long>(value);
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<double>(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return value;
  } else if constexpr (std::is_same_v<T, decimal>) {
    return value.text;
  } else if constexpr (is_described_enum_v<T>) {
    return std::string(enumerator_name(value));
  } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
    return fmt::format("{:%Y-%m-%d}", value);
  } else if constexpr (std::is_same_v<T, std::chrono::year_month_day>) {
    return fmt::format("{:%Y-%m-%d}", std::chrono::sys_days(value));
  } else if constexpr (is_system_time_point<T>::value) {
    // UTC, to the microsecond, with no zone suffix (MariaDB's DATETIME accepts none).
    auto micros = std::chrono::time_point_cast<std::chrono::microseconds>(value);
    return fmt::format("{:%Y-%m-%d %H:%M:%S}", micros);
  } else {
    static_assert(sizeof(T) == 0, "tempest: data steps support scalar, text, decimal, enum and date/time fields");
  }
}

// The columns and values of `rows`; with `key_only`, just the primary key columns (for deletes).
template <class Operation, class Model>
Operation rows_of(const std::vector<Model>& rows, bool key_only = false) {
  const auto& info = model_data<Model>;
  Operation out;
  out.table_name = std::string(info.table);
  std::vector<bool> take;
  for (const auto& d : field_descriptions<Model>) {
    bool used = !key_only || d.primary_key;
    take.push_back(used);
    if (used) out.columns.emplace_back(d.column);
  }
  for (const auto& row : rows) {
    std::vector<sql_value> values;
    std::size_t i = 0;
    for_each_member<Model>([&](auto member) {
      if (take[i++]) values.push_back(to_sql_value(row.*member));
    });
    out.rows.push_back(std::move(values));
  }
  return out;
}

}  // namespace tempest::detail
