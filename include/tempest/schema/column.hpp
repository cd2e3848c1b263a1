#pragma once
// A column of the schema IR, and its default.

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>

#include <fmt/format.h>

#include "tempest/schema/default_value.hpp"
#include "tempest/schema/types.hpp"

namespace tempest {

// How the database generates an autoincrement column's values. PostgreSQL tells the three apart;
// elsewhere there is one kind, and stored_form() reads every one as identity_by_default.
enum class identity_kind : std::uint8_t { by_default, always, serial };

constexpr std::string_view to_string(identity_kind kind) noexcept {
  switch (kind) {
    case identity_kind::by_default: return "identity by default";
    case identity_kind::always: return "identity always";
    case identity_kind::serial: return "serial";
  }
  return "?";
}

// A column computed from others: GENERATED ALWAYS AS (expression) STORED or VIRTUAL.
struct generated_column {
  std::string expression;  // as the database prints it
  bool stored = false;

  friend bool operator==(const generated_column&, const generated_column&) = default;
};

struct column {
  std::string name;
  column_type type;
  bool nullable = false;
  std::optional<column_default> default_value;
  bool autoincrement = false;
  identity_kind identity = identity_kind::by_default;  // autoincrement only
  std::string collation;  // empty: the table's (or the database's) default
  std::string on_update;  // MySQL ON UPDATE expression, e.g. "current_timestamp()"; empty: none
  std::optional<generated_column> generated;

  friend bool operator==(const column&, const column&) = default;
};

}  // namespace tempest

template <>
struct fmt::formatter<tempest::column> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::column& c, FormatContext& ctx) const {
    auto out = fmt::format_to(ctx.out(), "{} {}{}", c.name, c.type, c.nullable ? " null" : " not null");
    if (c.default_value) out = fmt::format_to(out, " default {}", *c.default_value);
    if (c.autoincrement)
      out = fmt::format_to(out, " autoincrement{}", c.identity == tempest::identity_kind::by_default
                                                        ? "" : fmt::format(" ({})", tempest::to_string(c.identity)));
    if (!c.collation.empty()) out = fmt::format_to(out, " collate {}", c.collation);
    if (!c.on_update.empty()) out = fmt::format_to(out, " on update {}", c.on_update);
    if (c.generated)
      out = fmt::format_to(out, " generated as ({}) {}", c.generated->expression, c.generated->stored ? "stored" : "virtual");
    return out;
  }
};
