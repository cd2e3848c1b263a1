#pragma once
// Keys, indexes, foreign keys and checks of a table in the schema IR.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tempest {

// A constraint or index with an empty name is unnamed: the database names it (PostgreSQL, MySQL) or
// keeps no name at all (SQLite). Rendering leaves the name out where the database allows that, and
// says so by an error where it does not (an index created outside CREATE TABLE needs a name).
struct primary_key_def {
  std::string name;  // empty: unnamed
  std::vector<std::string> columns;

  friend bool operator==(const primary_key_def&, const primary_key_def&) = default;
};

// A unique constraint is a unique index: every supported database enforces both the same way, and
// reading them back as one concept keeps introspection free of false differences.
// How one part of an index key is ordered and limited. The defaults mean a plain ascending column.
struct key_part {
  bool expression = false;  // the part is an SQL expression (as the database prints it), not a column
  bool descending = false;
  std::optional<int> prefix_length;  // MySQL: the first n characters or bytes of the column
  std::string collation;             // empty: the column's
  std::string operator_class;        // PostgreSQL; empty: the type's default

  bool plain() const { return !expression && !descending && !prefix_length && collation.empty() && operator_class.empty(); }
  friend bool operator==(const key_part&, const key_part&) = default;
};

struct index_def {
  std::string name;                  // empty: unnamed (a unique constraint declared inline)
  std::vector<std::string> columns;  // one per key part: a column name, or the SQL of an expression part
  bool unique = false;
  std::vector<key_part> parts;  // empty when every part is plain; else one per entry of `columns`
  std::string predicate;        // a partial index's WHERE condition, as the database prints it

  bool is_plain_part(std::size_t i) const { return parts.empty() || parts.at(i).plain(); }
  bool has_expression() const {
    return std::any_of(parts.begin(), parts.end(), [](const key_part& p) { return p.expression; });
  }
  // Drops the part list when every part is plain, so equal indexes compare equal whatever their source.
  void normalise() {
    if (std::all_of(parts.begin(), parts.end(), [](const key_part& p) { return p.plain(); })) parts.clear();
  }

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

enum class deferrability : std::uint8_t { not_deferrable, initially_immediate, initially_deferred };

constexpr std::string_view to_sql(deferrability d) noexcept {
  switch (d) {
    case deferrability::not_deferrable: return "NOT DEFERRABLE";
    case deferrability::initially_immediate: return "DEFERRABLE INITIALLY IMMEDIATE";
    case deferrability::initially_deferred: return "DEFERRABLE INITIALLY DEFERRED";
  }
  return "NOT DEFERRABLE";
}

struct foreign_key_def {
  std::string name;  // empty: unnamed
  std::vector<std::string> columns;
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
  fk_action on_delete = fk_action::no_action;
  fk_action on_update = fk_action::no_action;
  deferrability deferrable = deferrability::not_deferrable;

  friend bool operator==(const foreign_key_def&, const foreign_key_def&) = default;
};

// Databases reprint check expressions in their own words (PostgreSQL turns IN (...) into
// = ANY (ARRAY[...])), so a named check is identified by its name: a changed condition needs a new
// name. An unnamed check has nothing else to go by than its expression.
struct check_def {
  std::string name;  // empty: unnamed
  std::string expression;  // SQL as written by the user or reported by the database
  // A check generated for an enum column: `column IN (allowed_values...)`, spelled by the dialect
  // (identifier quoting differs), in which case `expression` is empty until read back.
  std::string column;
  std::vector<std::string> allowed_values;

  friend bool operator==(const check_def& a, const check_def& b) {
    if (a.name.empty() || b.name.empty())
      return a.name == b.name && a.expression == b.expression && a.column == b.column && a.allowed_values == b.allowed_values;
    return a.name == b.name;
  }
};

namespace detail {
// How a constraint's name is printed: "name " or "(unnamed) ".
inline std::string shown_name(const std::string& name) { return name.empty() ? "(unnamed) " : name + " "; }
}  // namespace detail

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
    return fmt::format_to(ctx.out(), "primary key {}({})", tempest::detail::shown_name(pk.name), fmt::join(pk.columns, ", "));
  }
};

template <>
struct fmt::formatter<tempest::index_def> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::index_def& ix, FormatContext& ctx) const {
    auto out = fmt::format_to(ctx.out(), "{}index {}(", ix.unique ? "unique " : "", tempest::detail::shown_name(ix.name));
    for (std::size_t i = 0; i < ix.columns.size(); ++i) {
      const tempest::key_part plain{};
      const auto& part = ix.parts.empty() ? plain : ix.parts.at(i);
      out = fmt::format_to(out, "{}{}", i ? ", " : "", part.expression ? "(" + ix.columns[i] + ")" : ix.columns[i]);
      if (part.prefix_length) out = fmt::format_to(out, "({})", *part.prefix_length);
      if (!part.collation.empty()) out = fmt::format_to(out, " collate {}", part.collation);
      if (!part.operator_class.empty()) out = fmt::format_to(out, " {}", part.operator_class);
      if (part.descending) out = fmt::format_to(out, " desc");
    }
    out = fmt::format_to(out, ")");
    if (!ix.predicate.empty()) out = fmt::format_to(out, " where {}", ix.predicate);
    return out;
  }
};

template <>
struct fmt::formatter<tempest::foreign_key_def> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::foreign_key_def& fk, FormatContext& ctx) const {
    auto out = fmt::format_to(ctx.out(), "foreign key {}({}) references {} ({}) on delete {} on update {}",
                              tempest::detail::shown_name(fk.name), fmt::join(fk.columns, ", "), fk.referenced_table,
                              fmt::join(fk.referenced_columns, ", "), fk.on_delete, fk.on_update);
    if (fk.deferrable != tempest::deferrability::not_deferrable)
      out = fmt::format_to(out, " {}", tempest::to_sql(fk.deferrable));
    return out;
  }
};

template <>
struct fmt::formatter<tempest::check_def> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(const tempest::check_def& ck, FormatContext& ctx) const {
    if (!ck.allowed_values.empty())
      return fmt::format_to(ctx.out(), "check {}({} in [{}])", tempest::detail::shown_name(ck.name), ck.column,
                            fmt::join(ck.allowed_values, ", "));
    return fmt::format_to(ctx.out(), "check {}({})", tempest::detail::shown_name(ck.name), ck.expression);
  }
};
