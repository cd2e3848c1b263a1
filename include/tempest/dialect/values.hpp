#pragma once
// Writing data values into statements: as bound parameters (what the runner sends) or as literals
// (offline scripts, which no driver binds).

#include <string>
#include <type_traits>

#include <fmt/format.h>

#include "tempest/dialect/dialect.hpp"
#include "tempest/dialect/statement.hpp"

namespace tempest {

// A value spelled as a literal of the dialect.
inline std::string value_literal(const dialect& d, const sql_value& value) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return "NULL";
        else if constexpr (std::is_same_v<T, bool>) return d.boolean_literal(v);
        else if constexpr (std::is_same_v<T, long long>) return fmt::format("{}", v);
        else if constexpr (std::is_same_v<T, double>) return d.float_literal(v);
        else return d.text_value_literal(v);
      },
      value);
}

// Writes the values of one statement: each call returns what stands in the SQL text for a value.
class value_writer {
 public:
  value_writer(const dialect& d, statement& target, value_style style) : d_(d), target_(target), style_(style) {}

  std::string operator()(sql_value value) {
    if (style_ == value_style::literals) return value_literal(d_, value);
    target_.parameters.push_back(std::move(value));
    return d_.placeholder(target_.parameters.size());
  }

 private:
  const dialect& d_;
  statement& target_;
  value_style style_;
};

}  // namespace tempest
