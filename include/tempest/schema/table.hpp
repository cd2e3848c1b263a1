#pragma once
// A table of the schema IR.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
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
  std::string collation;       // empty: the database's default
  bool strict = false;         // SQLite STRICT
  bool without_rowid = false;  // SQLite WITHOUT ROWID

  const column* find_column(std::string_view column_name) const {
    auto it = std::find_if(columns.begin(), columns.end(), [&](const column& c) { return c.name == column_name; });
    return it == columns.end() ? nullptr : &*it;
  }
  column* find_column(std::string_view column_name) {
    return const_cast<column*>(std::as_const(*this).find_column(column_name));
  }

  // Orders the constraint lists by name (unnamed ones by what they hold), so equal tables compare
  // equal whatever their source.
  void normalise() {
    for (auto& ix : indexes) ix.normalise();
    std::sort(indexes.begin(), indexes.end(),
              [](const index_def& a, const index_def& b) { return std::tie(a.name, a.columns, a.predicate) < std::tie(b.name, b.columns, b.predicate); });
    std::sort(foreign_keys.begin(), foreign_keys.end(), [](const foreign_key_def& a, const foreign_key_def& b) {
      return std::tie(a.name, a.columns, a.referenced_table, a.referenced_columns, a.on_delete, a.on_update, a.deferrable) <
             std::tie(b.name, b.columns, b.referenced_table, b.referenced_columns, b.on_delete, b.on_update, b.deferrable);
    });
    std::sort(checks.begin(), checks.end(), [](const check_def& a, const check_def& b) {
      return std::tie(a.name, a.expression, a.column) < std::tie(b.name, b.expression, b.column);
    });
  }

  friend bool operator==(const table&, const table&) = default;
};

}  // namespace tempest

template <>
struct fmt::formatter<tempest::table> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::table& t, FormatContext& ctx) const {
    auto out = fmt::format_to(ctx.out(), "table {}", t.name);
    if (!t.collation.empty()) out = fmt::format_to(out, " collate {}", t.collation);
    if (t.strict) out = fmt::format_to(out, " strict");
    if (t.without_rowid) out = fmt::format_to(out, " without rowid");
    out = fmt::format_to(out, "\n");
    for (const auto& c : t.columns) out = fmt::format_to(out, "  column {}\n", c);
    if (t.key) out = fmt::format_to(out, "  {}\n", *t.key);
    for (const auto& i : t.indexes) out = fmt::format_to(out, "  {}\n", i);
    for (const auto& f : t.foreign_keys) out = fmt::format_to(out, "  {}\n", f);
    for (const auto& c : t.checks) out = fmt::format_to(out, "  {}\n", c);
    return out;
  }
};
