#pragma once
// A column of the schema IR, and its default.

#include <optional>
#include <string>

#include <fmt/format.h>

#include "tempest/schema/default_value.hpp"
#include "tempest/schema/types.hpp"

namespace tempest {

struct column {
  std::string name;
  column_type type;
  bool nullable = false;
  std::optional<column_default> default_value;
  bool autoincrement = false;

  friend bool operator==(const column&, const column&) = default;
};

}  // namespace tempest

template <>
struct fmt::formatter<tempest::column> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::column& c, FormatContext& ctx) const {
    auto out = fmt::format_to(ctx.out(), "{} {}{}", c.name, c.type, c.nullable ? " null" : " not null");
    if (c.default_value) out = fmt::format_to(out, " default {}", *c.default_value);
    if (c.autoincrement) out = fmt::format_to(out, " autoincrement");
    return out;
  }
};
