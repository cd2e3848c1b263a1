#pragma once
// A column as a generated migration declares it: the C++ type of its values, then the calls that
// say the rest, in the order column_builder needs them (the type before the default, which is
// written by it):
//   t.column<std::optional<std::string>>("email").length(255).collation("C").default_value("x")

#include <charconv>
#include <string>

#include <fmt/format.h>

#include "tempest/codegen/cpp_values.hpp"
#include "tempest/schema/column.hpp"

namespace tempest::codegen {
namespace detail {

struct spelled_type {
  std::string value_type;  // the C++ type of the values
  std::string calls;       // what makes the column's type of it
  bool exact_default = false;  // default_value(v) writes this type's defaults as the IR holds them
};

inline std::string integer_type(const column_type& t) {
  const char* bits = t.kind == type_kind::int8 ? "8" : t.kind == type_kind::int16 ? "16" : t.kind == type_kind::int32 ? "32" : "64";
  return fmt::format("std::{}int{}_t", t.is_unsigned ? "u" : "", bits);
}

// The column type the value type and calls give, and whether that is `t` exactly.
inline spelled_type spell_type(const column_type& t, bool autoincrement) {
  spelled_type out;
  column_type made = column_type::of(t.kind);
  switch (t.kind) {
    case type_kind::boolean: out = {"bool", "", true}; break;
    case type_kind::int8:
    case type_kind::int16:
    case type_kind::int32:
    case type_kind::int64:
      out = {integer_type(t), "", true};
      made.is_unsigned = t.is_unsigned;
      break;
    case type_kind::float32: out.value_type = "float"; break;
    case type_kind::float64: out.value_type = "double"; break;
    case type_kind::decimal:
      out.value_type = "tempest::decimal";
      if (t.precision && t.scale) {
        out.calls = fmt::format(".precision({}, {})", *t.precision, *t.scale);
        made = column_type::numeric(*t.precision, *t.scale);
      }
      break;
    case type_kind::string:
      out = {"std::string", "", true};
      if (t.length) {
        out.calls = fmt::format(".length({})", *t.length);
        made = column_type::varchar(*t.length);
      }
      break;
    case type_kind::date: out.value_type = "std::chrono::sys_days"; break;
    case type_kind::timestamp: out.value_type = "std::chrono::system_clock::time_point"; break;
    case type_kind::blob: out.value_type = "std::vector<std::byte>"; break;
    case type_kind::custom:
      out = {"std::string", fmt::format(".sql_type({})", cpp_string(t.custom)), false};
      made = column_type::sql(t.custom);
      break;
    case type_kind::enumeration:
      out = {"std::string", fmt::format(".enumeration({}, {})", cpp_string(t.custom), cpp_strings(t.values)), false};
      made = column_type::enumeration_of(t.custom, t.values);
      break;
  }
  // autoincrement() takes an integer type; a column type that none of the calls above makes is
  // given whole with type(…).
  const bool integral = out.value_type.starts_with("std::int") || out.value_type.starts_with("std::uint");
  if (autoincrement && !integral) {
    out.value_type = "std::int64_t";
    out.exact_default = false;
    if (t.kind != type_kind::custom) out.calls = ".type(" + cpp_type(t) + ")";
  }
  if (made != t) out = {out.value_type, ".type(" + cpp_type(t) + ")", false};
  return out;
}

// default_value(v) where it writes the same canonical text, default_literal(text) otherwise.
inline std::string spell_default(const column_default& d, const column_type& t, bool exact_default) {
  if (d.kind == column_default::source::expression) return fmt::format(".default_sql({})", cpp_string(d.text));
  if (exact_default && !d.value_kind) {
    if (t.kind == type_kind::boolean && (d.text == "true" || d.text == "false")) return ".default_value(" + d.text + ")";
    if (t.kind == type_kind::string) return ".default_value(" + cpp_string(d.text) + ")";
    if (is_integer(t.kind)) {
      long long value = 0;
      auto [end, ec] = std::from_chars(d.text.data(), d.text.data() + d.text.size(), value);
      if (ec == std::errc{} && end == d.text.data() + d.text.size() && fmt::format("{}", value) == d.text &&
          value > -2147483648LL && value < 2147483648LL)
        return fmt::format(".default_value({})", value);
    }
  }
  if (d.value_kind) return fmt::format(".default_literal({}, {})", cpp_string(d.text), cpp_kind(*d.value_kind));
  return fmt::format(".default_literal({})", cpp_string(d.text));
}

}  // namespace detail

// `<T>("name").calls…` for `method` (column, add_column, alter_column): everything of the column
// but what its table declares (its key, indexes, foreign keys).
inline std::string cpp_column(std::string_view method, const column& c) {
  auto type = detail::spell_type(c.type, c.autoincrement);
  std::string out = fmt::format("{}<{}>({}){}", method, c.nullable ? "std::optional<" + type.value_type + ">" : type.value_type,
                                cpp_string(c.name), type.calls);
  if (c.autoincrement) out += ".autoincrement()";
  if (c.identity != identity_kind::by_default) out += ".identity(" + cpp_identity(c.identity) + ")";
  if (!c.collation.empty()) out += ".collation(" + cpp_string(c.collation) + ")";
  if (!c.on_update.empty()) out += ".on_update(" + cpp_string(c.on_update) + ")";
  if (c.generated) out += fmt::format(".generated({}, {})", cpp_string(c.generated->expression), c.generated->stored);
  if (c.default_value) out += detail::spell_default(*c.default_value, c.type, type.exact_default);
  return out;
}

}  // namespace tempest::codegen
