#pragma once
// A table of the schema IR.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "tempest/schema/column.hpp"
#include "tempest/schema/constraints.hpp"

namespace tempest {

struct table {
  std::string name;
  std::vector<column> columns;  // in declaration order, which is significant
  std::optional<primary_key_def> key;
  std::vector<index_def> indexes;  // sorted by name (see normalise)
  std::vector<foreign_key_def> foreign_keys;
  std::vector<check_def> checks;

  const column* find_column(std::string_view column_name) const {
    auto it = std::find_if(columns.begin(), columns.end(), [&](const column& c) { return c.name == column_name; });
    return it == columns.end() ? nullptr : &*it;
  }
  column* find_column(std::string_view column_name) {
    return const_cast<column*>(std::as_const(*this).find_column(column_name));
  }

  // Orders the constraint lists by name, so equal tables compare equal whatever their source.
  void normalise() {
    auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
    std::sort(indexes.begin(), indexes.end(), by_name);
    std::sort(foreign_keys.begin(), foreign_keys.end(), by_name);
    std::sort(checks.begin(), checks.end(), by_name);
  }

  friend bool operator==(const table&, const table&) = default;
};

}  // namespace tempest

template <>
struct fmt::formatter<tempest::table> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::table& t, FormatContext& ctx) const {
    auto out = fmt::format_to(ctx.out(), "table {}\n", t.name);
    for (const auto& c : t.columns) out = fmt::format_to(out, "  column {}\n", c);
    if (t.key) out = fmt::format_to(out, "  {}\n", *t.key);
    for (const auto& i : t.indexes) out = fmt::format_to(out, "  {}\n", i);
    for (const auto& f : t.foreign_keys) out = fmt::format_to(out, "  {}\n", f);
    for (const auto& c : t.checks) out = fmt::format_to(out, "  {}\n", c);
    return out;
  }
};
