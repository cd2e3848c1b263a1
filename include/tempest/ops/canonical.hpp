#pragma once
// The canonical text of operations, and the checksum of a migration computed over it. The format is
// part of tempest's compatibility promise: changing it would flag every applied migration as edited,
// so tests pin known checksums.

#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tempest/ops/operations.hpp"
#include "tempest/schema/json.hpp"

namespace tempest {

inline nlohmann::json to_canonical_json(const sql_value& value) {
  return std::visit(
      [](const auto& v) -> nlohmann::json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
        else if constexpr (std::is_same_v<T, double>) return nlohmann::json{{"double", fmt::format("{}", v)}};
        else return v;
      },
      value);
}

// The operation as written, before apply() completes it: what the migration's author said.
inline nlohmann::json to_canonical_json(const operation& operation) {
  auto rows_json = [](const std::vector<std::vector<sql_value>>& rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rows) {
      nlohmann::json values = nlohmann::json::array();
      for (const auto& v : row) values.push_back(to_canonical_json(v));
      out.push_back(std::move(values));
    }
    return out;
  };
  return std::visit(
      [&](const auto& o) -> nlohmann::json {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, op::create_table>) return {{"op", "create_table"}, {"table", o.definition}};
        else if constexpr (std::is_same_v<T, op::drop_table>) return {{"op", "drop_table"}, {"table", o.name}};
        else if constexpr (std::is_same_v<T, op::rename_table>)
          return {{"op", "rename_table"}, {"from", o.from}, {"to", o.to}};
        else if constexpr (std::is_same_v<T, op::add_column>)
          return {{"op", "add_column"}, {"table", o.table_name}, {"column", o.definition}};
        else if constexpr (std::is_same_v<T, op::drop_column>)
          return {{"op", "drop_column"}, {"table", o.table_name}, {"column", o.name}};
        else if constexpr (std::is_same_v<T, op::alter_column>) {
          nlohmann::json j{{"op", "alter_column"}, {"table", o.table_name}, {"column", o.name}};
          if (o.type) j["type"] = *o.type;
          if (o.nullable) j["nullable"] = *o.nullable;
          if (o.default_value) j["default"] = *o.default_value ? nlohmann::json(**o.default_value) : nlohmann::json();
          return j;
        } else if constexpr (std::is_same_v<T, op::rename_column>)
          return {{"op", "rename_column"}, {"table", o.table_name}, {"from", o.from}, {"to", o.to}};
        else if constexpr (std::is_same_v<T, op::create_index>)
          return {{"op", "create_index"}, {"table", o.table_name}, {"index", o.definition}};
        else if constexpr (std::is_same_v<T, op::drop_index>)
          return {{"op", "drop_index"}, {"table", o.table_name}, {"index", o.name}};
        else if constexpr (std::is_same_v<T, op::add_foreign_key>)
          return {{"op", "add_foreign_key"}, {"table", o.table_name}, {"foreign_key", o.definition}};
        else if constexpr (std::is_same_v<T, op::drop_foreign_key>)
          return {{"op", "drop_foreign_key"}, {"table", o.table_name}, {"foreign_key", o.name}};
        else if constexpr (std::is_same_v<T, op::add_check>)
          return {{"op", "add_check"}, {"table", o.table_name}, {"check", o.definition}};
        else if constexpr (std::is_same_v<T, op::drop_check>)
          return {{"op", "drop_check"}, {"table", o.table_name}, {"check", o.name}};
        else if constexpr (std::is_same_v<T, op::raw_sql>) {
          nlohmann::json j{{"op", "raw_sql"}, {"up", o.up}};
          j["down"] = o.down ? nlohmann::json(*o.down) : nlohmann::json();
          j["only_on"] = o.only_on ? nlohmann::json(std::string(to_string(*o.only_on))) : nlohmann::json();
          return j;
        } else if constexpr (std::is_same_v<T, op::insert_rows>)
          return {{"op", "insert_rows"}, {"table", o.table_name}, {"columns", o.columns}, {"rows", rows_json(o.rows)}};
        else
          return {{"op", "delete_rows"}, {"table", o.table_name}, {"columns", o.columns}, {"rows", rows_json(o.rows)}};
      },
      operation);
}

inline std::string canonical_text(const std::vector<operation>& operations) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& o : operations) list.push_back(to_canonical_json(o));
  return list.dump();
}

// FNV-1a, 64 bits: stable, dependency-free, and enough to notice an edited migration (it is not a
// defence against a deliberate forgery, which needs write access to the version table anyway).
inline std::string checksum_of(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

}  // namespace tempest
