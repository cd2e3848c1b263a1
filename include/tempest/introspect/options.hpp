#pragma once
// What introspection reads, and the helpers every dialect's introspection shares.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tempest/runtime/connection.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest {

struct introspect_options {
  // Tables left out of the result, e.g. tempest's own version table.
  std::vector<std::string> exclude_tables;
};

namespace detail {

inline const std::string& text_of(const cell& value) {
  static const std::string empty;
  return value ? *value : empty;
}

// Tables under construction, by name; finish() applies the exclusions and normalises.
struct schema_builder {
  std::map<std::string, table> tables;

  table& at(const std::string& name) {
    auto& t = tables[name];
    t.name = name;
    return t;
  }
  table* find(const std::string& name) {
    auto it = tables.find(name);
    return it == tables.end() ? nullptr : &it->second;
  }

  schema finish(const introspect_options& options) && {
    schema s;
    for (auto& [name, t] : tables)
      if (std::find(options.exclude_tables.begin(), options.exclude_tables.end(), name) == options.exclude_tables.end())
        s.tables.push_back(std::move(t));
    s.normalise();
    return s;
  }
};

}  // namespace detail
}  // namespace tempest
