#pragma once
// Logical column types: what a column holds, independent of any dialect's spelling.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace tempest {

enum class type_kind : std::uint8_t {
  boolean,
  int16,
  int32,
  int64,
  float32,
  float64,
  decimal,    // exact numeric with precision and scale
  string,     // varchar(length) when a length is set, unbounded text otherwise
  date,       // calendar date
  timestamp,  // instant in time (UTC)
  blob,       // byte string
  custom,     // a database type spelled out by the user, e.g. "vector(100)"
  int8,       // one-byte integer: MySQL TINYINT (a wider integer where there is none)
  enumeration,  // a native enum: PostgreSQL CREATE TYPE … AS ENUM (named by `custom`), MySQL ENUM(…)
};

constexpr std::string_view to_string(type_kind kind) noexcept {
  switch (kind) {
    case type_kind::boolean: return "boolean";
    case type_kind::int16: return "int16";
    case type_kind::int32: return "int32";
    case type_kind::int64: return "int64";
    case type_kind::float32: return "float32";
    case type_kind::float64: return "float64";
    case type_kind::decimal: return "decimal";
    case type_kind::string: return "string";
    case type_kind::date: return "date";
    case type_kind::timestamp: return "timestamp";
    case type_kind::blob: return "blob";
    case type_kind::custom: return "custom";
    case type_kind::int8: return "int8";
    case type_kind::enumeration: return "enum";
  }
  return "?";
}

constexpr bool is_integer(type_kind kind) noexcept {
  return kind == type_kind::int8 || kind == type_kind::int16 || kind == type_kind::int32 || kind == type_kind::int64;
}

struct column_type {
  type_kind kind = type_kind::string;
  std::optional<int> length;     // string only
  std::optional<int> precision;  // decimal only
  std::optional<int> scale;      // decimal only
  std::string custom;            // custom: the type exactly as the database spells it;
                                 // enumeration: the enum type's name (PostgreSQL), empty for MySQL
  bool is_unsigned = false;      // integers: MySQL UNSIGNED (a wider signed type elsewhere)
  std::vector<std::string> values;  // enumeration only: the labels, in order

  friend bool operator==(const column_type&, const column_type&) = default;

  static column_type of(type_kind kind) { return column_type{.kind = kind}; }
  static column_type varchar(int length) { return {.kind = type_kind::string, .length = length}; }
  static column_type text() { return {.kind = type_kind::string}; }
  static column_type numeric(int precision, int scale) {
    return {.kind = type_kind::decimal, .precision = precision, .scale = scale};
  }
  static column_type sql(std::string spelling) {
    return {.kind = type_kind::custom, .custom = std::move(spelling)};
  }
  static column_type unsigned_of(type_kind kind) { return {.kind = kind, .is_unsigned = true}; }
  static column_type enumeration_of(std::string type_name, std::vector<std::string> labels) {
    return {.kind = type_kind::enumeration, .custom = std::move(type_name), .values = std::move(labels)};
  }
};

}  // namespace tempest

template <>
struct fmt::formatter<tempest::column_type> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::column_type& type, FormatContext& ctx) const {
    using tempest::type_kind;
    if (type.kind == type_kind::custom) return fmt::format_to(ctx.out(), "sql({})", type.custom);
    auto out = ctx.out();
    if (type.kind == type_kind::enumeration) {
      out = fmt::format_to(out, "enum {}(", type.custom);
      for (std::size_t i = 0; i < type.values.size(); ++i) out = fmt::format_to(out, "{}'{}'", i ? ", " : "", type.values[i]);
      return fmt::format_to(out, ")");
    }
    if (type.is_unsigned) out = fmt::format_to(out, "unsigned ");
    out = fmt::format_to(out, "{}", tempest::to_string(type.kind));
    if (type.length) out = fmt::format_to(out, "({})", *type.length);
    if (type.precision) out = fmt::format_to(out, "({},{})", *type.precision, type.scale.value_or(0));
    return out;
  }
};
