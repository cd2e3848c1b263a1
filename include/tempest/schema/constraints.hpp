#pragma once
// Keys, indexes, foreign keys and checks of a table in the schema IR.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tempest {

struct primary_key_def {
  std::string name;
  std::vector<std::string> columns;

  friend bool operator==(const primary_key_def&, const primary_key_def&) = default;
};

// A unique constraint is a unique index: every supported database enforces both the same way, and
// reading them back as one concept keeps introspection free of false differences.
struct index_def {
  std::string name;
  std::vector<std::string> columns;
  bool unique = false;

  friend bool operator==(const index_def&, const index_def&) = default;
};

enum class fk_action : std::uint8_t { no_action, restrict, cascade, set_null, set_default };

constexpr std::string_view to_sql(fk_action action) noexcept {
  switch (action) {
    case fk_action::no_action: return "NO ACTION";
    case fk_action::restrict: return "RESTRICT";
    case fk_action::cascade: return "CASCADE";
    case fk_action::set_null: return "SET NULL";
    case fk_action::set_default: return "SET DEFAULT";
  }
  return "NO ACTION";
}

// Parses the spelling databases use in their catalogs ("SET NULL", "set_null", "CASCADE").
inline std::optional<fk_action> parse_fk_action(std::string_view text) {
  std::string key;
  for (char c : text) key += c == ' ' ? '_' : static_cast<char>(c | 0x20);
  if (key == "no_action") return fk_action::no_action;
  if (key == "restrict") return fk_action::restrict;
  if (key == "cascade") return fk_action::cascade;
  if (key == "set_null") return fk_action::set_null;
  if (key == "set_default") return fk_action::set_default;
  return std::nullopt;
}

struct foreign_key_def {
  std::string name;
  std::vector<std::string> columns;
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
  fk_action on_delete = fk_action::no_action;
  fk_action on_update = fk_action::no_action;

  friend bool operator==(const foreign_key_def&, const foreign_key_def&) = default;
};

// Databases reprint check expressions in their own words (PostgreSQL turns IN (...) into
// = ANY (ARRAY[...])), so a check is identified by its name: a changed condition needs a new name.
struct check_def {
  std::string name;
  std::string expression;  // SQL as written by the user or reported by the database
  // A check generated for an enum column: `column IN (allowed_values...)`, spelled by the dialect
  // (identifier quoting differs), in which case `expression` is empty until read back.
  std::string column;
  std::vector<std::string> allowed_values;

  friend bool operator==(const check_def& a, const check_def& b) { return a.name == b.name; }
};

}  // namespace tempest

template <>
struct fmt::formatter<tempest::fk_action> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(tempest::fk_action a, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(tempest::to_sql(a), ctx);
  }
};

template <>
struct fmt::formatter<tempest::primary_key_def> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::primary_key_def& pk, FormatContext& ctx) const {
    return fmt::format_to(ctx.out(), "primary key {} ({})", pk.name, fmt::join(pk.columns, ", "));
  }
};

template <>
struct fmt::formatter<tempest::index_def> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::index_def& ix, FormatContext& ctx) const {
    return fmt::format_to(ctx.out(), "{}index {} ({})", ix.unique ? "unique " : "", ix.name,
                          fmt::join(ix.columns, ", "));
  }
};

template <>
struct fmt::formatter<tempest::foreign_key_def> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::foreign_key_def& fk, FormatContext& ctx) const {
    return fmt::format_to(ctx.out(), "foreign key {} ({}) references {} ({}) on delete {} on update {}", fk.name,
                          fmt::join(fk.columns, ", "), fk.referenced_table, fmt::join(fk.referenced_columns, ", "),
                          fk.on_delete, fk.on_update);
  }
};

template <>
struct fmt::formatter<tempest::check_def> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::check_def& ck, FormatContext& ctx) const {
    if (!ck.allowed_values.empty())
      return fmt::format_to(ctx.out(), "check {} ({} in [{}])", ck.name, ck.column, fmt::join(ck.allowed_values, ", "));
    return fmt::format_to(ctx.out(), "check {} ({})", ck.name, ck.expression);
  }
};
