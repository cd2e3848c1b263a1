#pragma once
// The schema IR: plain data that models reflect into, databases are introspected into, and the
// differ compares.

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "tempest/schema/table.hpp"

namespace tempest {

struct schema {
  std::vector<table> tables;  // sorted by name (see normalise)

  const table* find_table(std::string_view name) const {
    auto it = std::find_if(tables.begin(), tables.end(), [&](const table& t) { return t.name == name; });
    return it == tables.end() ? nullptr : &*it;
  }
  table* find_table(std::string_view name) { return const_cast<table*>(std::as_const(*this).find_table(name)); }

  void normalise() {
    for (auto& t : tables) t.normalise();
    std::sort(tables.begin(), tables.end(), [](const table& a, const table& b) { return a.name < b.name; });
  }

  friend bool operator==(const schema&, const schema&) = default;
};

}  // namespace tempest

template <>
struct fmt::formatter<tempest::schema> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::schema& s, FormatContext& ctx) const {
    auto out = ctx.out();
    for (const auto& t : s.tables) out = fmt::format_to(out, "{}", t);
    return out;
  }
};
