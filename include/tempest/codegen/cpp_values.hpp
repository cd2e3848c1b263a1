#pragma once
// C++ expressions for the values of the schema IR, as a generated migration writes them: column
// types, defaults, key parts, constraint definitions, data values. Each is written the shortest
// way that builds exactly the same value (a factory such as column_type::varchar(40) where one
// does, a designated initializer of the fields that differ from their defaults otherwise).

#include <cmath>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "tempest/codegen/cpp_text.hpp"
#include "tempest/dialect/statement.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest::codegen {

inline std::string cpp_kind(type_kind kind) {
  return fmt::format("tempest::type_kind::{}", kind == type_kind::enumeration ? "enumeration" : to_string(kind));
}

inline std::string cpp_action(fk_action action) {
  switch (action) {
    case fk_action::no_action: return "tempest::fk_action::no_action";
    case fk_action::restrict: return "tempest::fk_action::restrict";
    case fk_action::cascade: return "tempest::fk_action::cascade";
    case fk_action::set_null: return "tempest::fk_action::set_null";
    case fk_action::set_default: return "tempest::fk_action::set_default";
  }
  return "tempest::fk_action::no_action";
}

inline std::string cpp_deferrability(deferrability d) {
  switch (d) {
    case deferrability::not_deferrable: return "tempest::deferrability::not_deferrable";
    case deferrability::initially_immediate: return "tempest::deferrability::initially_immediate";
    case deferrability::initially_deferred: return "tempest::deferrability::initially_deferred";
  }
  return "tempest::deferrability::not_deferrable";
}

inline std::string cpp_identity(identity_kind kind) {
  switch (kind) {
    case identity_kind::by_default: return "tempest::identity_kind::by_default";
    case identity_kind::always: return "tempest::identity_kind::always";
    case identity_kind::serial: return "tempest::identity_kind::serial";
  }
  return "tempest::identity_kind::by_default";
}

inline std::string cpp_constraint_kind(op::constraint_kind kind) {
  switch (kind) {
    case op::constraint_kind::primary_key: return "tempest::op::constraint_kind::primary_key";
    case op::constraint_kind::foreign_key: return "tempest::op::constraint_kind::foreign_key";
    case op::constraint_kind::check: return "tempest::op::constraint_kind::check";
  }
  return "tempest::op::constraint_kind::check";
}

// Designated initializers: ".field = value" for the fields given, in declaration order.
inline std::string designated(const std::vector<std::string>& fields) {
  std::string out = "{";
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? ", " : "") + fields[i];
  return out + "}";
}

inline std::string cpp_type(const column_type& t) {
  const auto factory = [&]() -> std::string {
    switch (t.kind) {
      case type_kind::custom: return fmt::format("tempest::column_type::sql({})", cpp_string(t.custom));
      case type_kind::string:
        return t.length ? fmt::format("tempest::column_type::varchar({})", *t.length) : "tempest::column_type::text()";
      case type_kind::decimal:
        if (t.precision && t.scale) return fmt::format("tempest::column_type::numeric({}, {})", *t.precision, *t.scale);
        break;
      case type_kind::enumeration:
        return fmt::format("tempest::column_type::enumeration_of({}, {})", cpp_string(t.custom), cpp_strings(t.values));
      default: break;
    }
    return fmt::format("tempest::column_type::{}({})", t.is_unsigned ? "unsigned_of" : "of", cpp_kind(t.kind));
  }();
  const column_type made = [&] {
    switch (t.kind) {
      case type_kind::custom: return column_type::sql(t.custom);
      case type_kind::string: return t.length ? column_type::varchar(*t.length) : column_type::text();
      case type_kind::decimal:
        if (t.precision && t.scale) return column_type::numeric(*t.precision, *t.scale);
        return column_type::of(t.kind);
      case type_kind::enumeration: return column_type::enumeration_of(t.custom, t.values);
      default: return t.is_unsigned ? column_type::unsigned_of(t.kind) : column_type::of(t.kind);
    }
  }();
  if (made == t) return factory;
  std::vector<std::string> fields{".kind = " + cpp_kind(t.kind)};
  if (t.length) fields.push_back(fmt::format(".length = {}", *t.length));
  if (t.precision) fields.push_back(fmt::format(".precision = {}", *t.precision));
  if (t.scale) fields.push_back(fmt::format(".scale = {}", *t.scale));
  if (!t.custom.empty()) fields.push_back(".custom = " + cpp_string(t.custom));
  if (t.is_unsigned) fields.push_back(".is_unsigned = true");
  if (!t.values.empty()) fields.push_back(".values = " + cpp_strings(t.values));
  return "tempest::column_type" + designated(fields);
}

inline std::string cpp_default(const column_default& d) {
  if (d.kind == column_default::source::expression)
    return fmt::format("tempest::column_default::expression({})", cpp_string(d.text));
  if (d.value_kind) return fmt::format("tempest::column_default::literal({}, {})", cpp_string(d.text), cpp_kind(*d.value_kind));
  return fmt::format("tempest::column_default::literal({})", cpp_string(d.text));
}

inline std::string cpp_key_part(const key_part& p) {
  std::vector<std::string> fields;
  if (p.expression) fields.push_back(".expression = true");
  if (p.descending) fields.push_back(".descending = true");
  if (p.prefix_length) fields.push_back(fmt::format(".prefix_length = {}", *p.prefix_length));
  if (!p.collation.empty()) fields.push_back(".collation = " + cpp_string(p.collation));
  if (!p.operator_class.empty()) fields.push_back(".operator_class = " + cpp_string(p.operator_class));
  return designated(fields);
}

inline std::string cpp_key_parts(const std::vector<key_part>& parts) {
  std::string out = "{";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + cpp_key_part(parts[i]);
  return out + "}";
}

// The definitions an unnamed drop is told by (its name, empty, left out).
inline std::string cpp_definition(const index_def& ix) {
  std::vector<std::string> fields{".columns = " + cpp_strings(ix.columns)};
  if (ix.unique) fields.push_back(".unique = true");
  if (!ix.parts.empty()) fields.push_back(".parts = " + cpp_key_parts(ix.parts));
  if (!ix.predicate.empty()) fields.push_back(".predicate = " + cpp_string(ix.predicate));
  return designated(fields);
}

inline std::string cpp_definition(const foreign_key_def& fk) {
  std::vector<std::string> fields{".columns = " + cpp_strings(fk.columns), ".referenced_table = " + cpp_string(fk.referenced_table),
                                  ".referenced_columns = " + cpp_strings(fk.referenced_columns)};
  if (fk.on_delete != fk_action::no_action) fields.push_back(".on_delete = " + cpp_action(fk.on_delete));
  if (fk.on_update != fk_action::no_action) fields.push_back(".on_update = " + cpp_action(fk.on_update));
  if (fk.deferrable != deferrability::not_deferrable) fields.push_back(".deferrable = " + cpp_deferrability(fk.deferrable));
  return designated(fields);
}

inline std::string cpp_definition(const check_def& ck) {
  std::vector<std::string> fields;
  if (!ck.expression.empty()) fields.push_back(".expression = " + cpp_string(ck.expression));
  if (!ck.column.empty()) fields.push_back(".column = " + cpp_string(ck.column));
  if (!ck.allowed_values.empty()) fields.push_back(".allowed_values = " + cpp_strings(ck.allowed_values));
  return designated(fields);
}

inline std::string cpp_value(const sql_value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "std::monostate{}";
        else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, long long>)
          return v == std::numeric_limits<long long>::min() ? "std::numeric_limits<long long>::min()" : fmt::format("{}LL", v);
        else if constexpr (std::is_same_v<T, double>) {
          if (std::isnan(v)) return "std::numeric_limits<double>::quiet_NaN()";
          if (std::isinf(v)) return v > 0 ? "std::numeric_limits<double>::infinity()" : "-std::numeric_limits<double>::infinity()";
          auto text = fmt::format("{}", v);
          return text.find_first_of(".e") == std::string::npos ? text + ".0" : text;
        } else return fmt::format("std::string({})", cpp_string(v));
      },
      value);
}

inline std::string cpp_rows(const std::vector<std::vector<sql_value>>& rows) {
  std::string out = "{";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += r ? ", {" : "{";
    for (std::size_t i = 0; i < rows[r].size(); ++i) out += (i ? ", " : "") + cpp_value(rows[r][i]);
    out += "}";
  }
  return out + "}";
}

}  // namespace tempest::codegen
