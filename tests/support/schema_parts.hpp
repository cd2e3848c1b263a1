#pragma once
// Schema IR written out in tests: a column and a schema in one expression each.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <tempest/schema/schema.hpp>

namespace tempest_test {

inline tempest::column col(std::string name, tempest::column_type type, bool nullable = false,
                           std::optional<std::string> literal_default = {}) {
  tempest::column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  if (literal_default) c.default_value = tempest::column_default::literal(*literal_default);
  return c;
}

// The tables, normalised as introspection and reflect() give them, with the rename hints.
inline tempest::schema schema_of(std::vector<tempest::table> tables, std::vector<tempest::rename_hint> renames = {}) {
  tempest::schema s;
  s.tables = std::move(tables);
  s.normalise();
  s.renames = std::move(renames);
  return s;
}

}  // namespace tempest_test
