#pragma once
// Safety classes: what running an operation risks, per database and server version, with a code
// and a one-line reason that names the table and column.
//
//   destructive            loses data or a guarantee: drops a column, index or constraint, narrows a type
//   data_dependent         may fail on the rows there are: a unique index, SET NOT NULL, a NOT NULL
//                          column without a default, a foreign key or check on existing rows
//   backward_incompatible  breaks clients still running the old code: renames of tables and columns
//   locking                rewrites or locks a table while it runs: a PostgreSQL type change, an
//                          index built without CONCURRENTLY, a SQLite table rebuild
//   safe                   none of these
//
// Operations on a table created earlier in the same plan are safe: the table is empty and no client
// uses it yet.

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/dialect/sqlite_rebuild.hpp"
#include "tempest/diff/options.hpp"
#include "tempest/ops/operations.hpp"
#include "tempest/schema/literal_rules.hpp"

namespace tempest {

enum class safety_class : std::uint8_t { safe, locking, backward_incompatible, data_dependent, destructive };

constexpr std::string_view to_string(safety_class c) noexcept {
  switch (c) {
    case safety_class::safe: return "safe";
    case safety_class::locking: return "locking";
    case safety_class::backward_incompatible: return "backward_incompatible";
    case safety_class::data_dependent: return "data_dependent";
    case safety_class::destructive: return "destructive";
  }
  return "?";
}

struct safety_note {
  safety_class level;
  std::string code;    // stable, for filters and tests: "drop-column", "narrow-type", …
  std::string reason;  // one line: "drops column posts.body and the data it holds"
  friend bool operator==(const safety_note&, const safety_note&) = default;
};

// How a type change moves the set of values a column can hold.
enum class type_change : std::uint8_t { same, widening, narrowing, conversion };

namespace detail {

inline bool integer_fits(const column_type& from, const column_type& to) {
  int from_bits = integer_bits(from.kind), to_bits = integer_bits(to.kind);
  if (from.is_unsigned == to.is_unsigned) return to_bits >= from_bits;
  if (from.is_unsigned) return to_bits > from_bits;  // unsigned n bits needs more than n signed
  return false;                                       // a negative value never fits an unsigned type
}

// A subsequence test: `small` in `big` in the same order.
inline bool in_order_within(const std::vector<std::string>& small, const std::vector<std::string>& big) {
  std::size_t i = 0;
  for (const auto& v : big)
    if (i < small.size() && small[i] == v) ++i;
  return i == small.size();
}

}  // namespace detail

inline type_change compare_types(const column_type& from, const column_type& to) {
  using detail::integer_fits;
  if (from == to) return type_change::same;
  if (from.kind == type_kind::string && to.kind == type_kind::string) {
    if (!to.length) return type_change::widening;
    if (!from.length) return type_change::narrowing;
    return *to.length >= *from.length ? type_change::widening : type_change::narrowing;
  }
  if (is_integer(from.kind) && is_integer(to.kind))
    return integer_fits(from, to) ? type_change::widening : integer_fits(to, from) ? type_change::narrowing : type_change::conversion;
  if (from.kind == type_kind::float32 && to.kind == type_kind::float64) return type_change::widening;
  if (from.kind == type_kind::float64 && to.kind == type_kind::float32) return type_change::narrowing;
  if (from.kind == type_kind::decimal && to.kind == type_kind::decimal) {
    int from_int = from.precision.value_or(0) - from.scale.value_or(0), to_int = to.precision.value_or(0) - to.scale.value_or(0);
    bool wider = to_int >= from_int && to.scale.value_or(0) >= from.scale.value_or(0);
    bool narrower = to_int <= from_int && to.scale.value_or(0) <= from.scale.value_or(0);
    return wider ? type_change::widening : narrower ? type_change::narrowing : type_change::conversion;
  }
  if (from.kind == type_kind::enumeration && to.kind == type_kind::enumeration && from.custom == to.custom) {
    if (detail::in_order_within(from.values, to.values)) return type_change::widening;
    if (detail::in_order_within(to.values, from.values)) return type_change::narrowing;
    return type_change::conversion;
  }
  return type_change::conversion;
}

namespace detail {

class safety_judge {
 public:
  safety_judge(const schema& before, const std::set<std::string>& created, const diff_options& options)
      : before_(before), created_(created), options_(options) {}

  std::vector<safety_note> judge(const operation& operation) {
    std::visit([&](const auto& o) { judge_one(o); }, operation);
    if (notes_.empty()) notes_.push_back({safety_class::safe, "safe", "changes nothing that holds data"});
    std::stable_sort(notes_.begin(), notes_.end(),
                     [](const safety_note& a, const safety_note& b) { return a.level > b.level; });
    return std::move(notes_);
  }

 private:
  dialect_kind kind() const { return options_.dialect.value_or(dialect_kind::postgresql); }
  bool on(dialect_kind k) const { return kind() == k; }
  bool is_new(const std::string& t) const { return created_.count(t) > 0; }
  // Server version known and older than `version`.
  bool older_than(int version) const { return options_.server_version != 0 && options_.server_version < version; }

  template <class... Args>
  void note(safety_class level, std::string code, fmt::format_string<Args...> format, Args&&... args) {
    notes_.push_back({level, std::move(code), fmt::format(format, std::forward<Args>(args)...)});
  }

  void rebuild(const std::string& t, std::string_view what) {
    note(safety_class::locking, "table-rebuild", "{} rebuilds table {} (copies every row under a write lock)", what, t);
  }

  void judge_one(const op::create_table&) {}
  void judge_one(const op::create_enum_type&) {}
  void judge_one(const op::drop_table& o) {
    note(safety_class::destructive, "drop-table", "drops table {} and every row it holds", o.name);
  }
  void judge_one(const op::rename_table& o) {
    note(safety_class::backward_incompatible, "rename-table",
         "renames table {} to {}: clients still using {} fail until they are updated", o.from, o.to, o.from);
  }
  void judge_one(const op::rename_column& o) {
    note(safety_class::backward_incompatible, "rename-column",
         "renames column {}.{} to {}: clients still using {} fail until they are updated", o.table_name, o.from, o.to, o.from);
  }
  void judge_one(const op::add_column& o) {
    if (is_new(o.table_name)) return;
    const column& c = o.definition;
    if (!c.nullable && !c.default_value && !c.generated && !c.autoincrement)
      note(safety_class::data_dependent, "add-required-column",
           "adds column {}.{} NOT NULL without a default: fails if {} has rows", o.table_name, c.name, o.table_name);
    bool volatile_default = c.default_value && c.default_value->kind == column_default::source::expression;
    if (on(dialect_kind::sqlite) && !sqlite_can_add_column(c)) rebuild(o.table_name, fmt::format("adding column {}", c.name));
    if (on(dialect_kind::postgresql) && (c.autoincrement || (c.generated && c.generated->stored) || volatile_default ||
                                         (c.default_value && older_than(110000))))
      note(safety_class::locking, "table-rewrite", "adding column {}.{} rewrites table {} under an exclusive lock",
           o.table_name, c.name, o.table_name);
    if (on(dialect_kind::mysql) && (older_than(100300) || (c.generated && c.generated->stored) || c.autoincrement))
      note(safety_class::locking, "table-copy", "adding column {}.{} copies table {}", o.table_name, c.name, o.table_name);
  }
  void judge_one(const op::drop_column& o) {
    note(safety_class::destructive, "drop-column", "drops column {}.{} and the data it holds", o.table_name, o.name);
  }
  void judge_one(const op::alter_column& o) {
    if (is_new(o.table_name)) return;
    const table* t = before_.find_table(o.table_name);
    const column* was = t ? t->find_column(o.name) : nullptr;
    if (!was) return;
    const column after = o.definition ? *o.definition : column{};
    const column_type* type = o.definition ? &after.type : o.type ? &*o.type : nullptr;
    std::optional<bool> nullable = o.definition ? std::optional<bool>(after.nullable) : o.nullable;
    bool rewrites = false;
    if (type && *type != was->type) {
      auto change = compare_types(was->type, *type);
      if (change == type_change::narrowing)
        note(safety_class::destructive, "narrow-type", "narrows {}.{} from {} to {}: values that do not fit fail or are cut",
             o.table_name, o.name, was->type, *type);
      else if (change == type_change::conversion)
        note(safety_class::data_dependent, "convert-type", "converts {}.{} from {} to {}: fails on values that do not convert",
             o.table_name, o.name, was->type, *type);
      rewrites = !(change == type_change::widening && metadata_only_widening(was->type, *type));
    }
    if (nullable && !*nullable && was->nullable) {
      note(safety_class::data_dependent, "set-not-null", "sets {}.{} NOT NULL: fails if a row holds NULL there",
           o.table_name, o.name);
      if (on(dialect_kind::postgresql))
        note(safety_class::locking, "set-not-null-scan", "SET NOT NULL scans all of {} under an exclusive lock", o.table_name);
      if (on(dialect_kind::mysql)) rewrites = true;
    }
    if (o.definition && (after.collation != was->collation || after.autoincrement != was->autoincrement)) rewrites = true;
    if (on(dialect_kind::sqlite) && (type || nullable || o.definition || o.default_value))
      rebuild(o.table_name, fmt::format("changing column {}", o.name));
    else if (rewrites)
      note(safety_class::locking, "table-rewrite", "changing {}.{} rewrites table {} under an exclusive lock", o.table_name,
           o.name, o.table_name);
  }
  // Changes PostgreSQL and MariaDB make in the catalog alone: a longer varchar (MariaDB: while the
  // length still needs the same number of length bytes, at 4 bytes a character), text from varchar
  // (PostgreSQL), an enum with values added at the end (MariaDB).
  bool metadata_only_widening(const column_type& from, const column_type& to) const {
    if (from.kind == type_kind::string && to.kind == type_kind::string) {
      if (on(dialect_kind::postgresql)) return true;
      if (on(dialect_kind::mysql) && from.length && to.length) return (*from.length * 4 <= 255) == (*to.length * 4 <= 255);
      return false;
    }
    if (from.kind == type_kind::enumeration && on(dialect_kind::mysql))
      return std::equal(from.values.begin(), from.values.end(), to.values.begin(), to.values.begin() + static_cast<std::ptrdiff_t>(std::min(from.values.size(), to.values.size())));
    return false;
  }
  void judge_one(const op::create_index& o) {
    if (is_new(o.table_name)) return;
    const auto& ix = o.definition;
    if (ix.unique)
      note(safety_class::data_dependent, "add-unique", "creates unique index {} on {} ({}): fails if rows repeat a value",
           shown_name(ix.name), o.table_name, fmt::join(ix.columns, ", "));
    if (on(dialect_kind::postgresql))
      note(safety_class::locking, "index-without-concurrently",
           "builds index {}on {} without CONCURRENTLY: writes to {} wait until it is built", shown_name(ix.name),
           o.table_name, o.table_name);
    if (on(dialect_kind::sqlite) && ix.name.empty()) rebuild(o.table_name, "adding an unnamed unique constraint");
  }
  void judge_one(const op::drop_index& o) {
    note(safety_class::destructive, "drop-index", "drops index {} on {}{}", show(o.name), o.table_name,
         o.dropped && o.dropped->unique ? ": its values are no longer kept unique" : ": queries using it get slower");
  }
  void judge_one(const op::add_foreign_key& o) {
    if (is_new(o.table_name)) return;
    note(safety_class::data_dependent, "add-foreign-key", "adds foreign key {}on {} ({}): fails if a row refers to no row of {}",
         shown_name(o.definition.name), o.table_name, fmt::join(o.definition.columns, ", "), o.definition.referenced_table);
    if (on(dialect_kind::sqlite)) rebuild(o.table_name, "adding a foreign key");
    else
      note(safety_class::locking, "validate-foreign-key", "checks every row of {} while {} and {} are locked against writes",
           o.table_name, o.table_name, o.definition.referenced_table);
  }
  void judge_one(const op::drop_foreign_key& o) {
    note(safety_class::destructive, "drop-foreign-key", "drops foreign key {} on {}: references are no longer checked",
         show(o.name), o.table_name);
    if (on(dialect_kind::sqlite)) rebuild(o.table_name, "dropping a foreign key");
  }
  void judge_one(const op::add_check& o) {
    if (is_new(o.table_name)) return;
    note(safety_class::data_dependent, "add-check", "adds check {}on {}: fails if a row does not satisfy it",
         shown_name(o.definition.name), o.table_name);
    if (on(dialect_kind::sqlite)) rebuild(o.table_name, "adding a check");
    else note(safety_class::locking, "validate-check", "checks every row of {} under a lock", o.table_name);
  }
  void judge_one(const op::drop_check& o) {
    note(safety_class::destructive, "drop-check", "drops check {} on {}: its condition is no longer enforced", show(o.name),
         o.table_name);
    if (on(dialect_kind::sqlite)) rebuild(o.table_name, "dropping a check");
  }
  void judge_one(const op::add_primary_key& o) {
    if (is_new(o.table_name)) return;
    note(safety_class::data_dependent, "add-primary-key", "adds a primary key on {} ({}): fails on NULLs or repeated values",
         o.table_name, fmt::join(o.definition.columns, ", "));
    if (on(dialect_kind::sqlite)) rebuild(o.table_name, "adding a primary key");
    else note(safety_class::locking, "build-primary-key", "builds the key's index on {} under a lock", o.table_name);
  }
  void judge_one(const op::drop_primary_key& o) {
    note(safety_class::destructive, "drop-primary-key", "drops the primary key of {}: rows are no longer kept unique", o.table_name);
    if (on(dialect_kind::sqlite)) rebuild(o.table_name, "dropping the primary key");
  }
  void judge_one(const op::rename_index& o) {
    if (on(dialect_kind::sqlite) && (o.from.empty() || o.to.empty())) rebuild(o.table_name, "renaming an unnamed unique constraint");
  }
  void judge_one(const op::rename_constraint& o) {
    if (on(dialect_kind::sqlite)) rebuild(o.table_name, "renaming a constraint");
    if (on(dialect_kind::mysql) && o.kind == op::constraint_kind::foreign_key)
      note(safety_class::locking, "validate-foreign-key",
           "MariaDB cannot rename a foreign key: it is dropped and added again, which checks every row of {}", o.table_name);
  }
  void judge_one(const op::alter_table_options& o) {
    if (!on(dialect_kind::mysql)) rebuild(o.table_name, "changing the table's options");
  }
  void judge_one(const op::drop_enum_type& o) {
    note(safety_class::destructive, "drop-enum-type", "drops enum type {}", o.name);
  }
  void judge_one(const op::alter_enum_type& o) {
    const enum_type_def* was = before_.find_enum_type(o.name);
    if (!was || detail::in_order_within(was->values, o.values)) return;
    for (const auto& v : was->values)
      if (std::find(o.values.begin(), o.values.end(), v) == o.values.end())
        note(safety_class::destructive, "drop-enum-value", "removes the value '{}' from enum type {}: rows holding it fail the conversion",
             v, o.name);
    note(safety_class::locking, "table-rewrite", "recreating enum type {} rewrites every table with a column of it", o.name);
  }
  void judge_one(const op::raw_sql&) {
    note(safety_class::data_dependent, "raw-sql", "runs SQL whose effect tempest cannot judge");
  }
  void judge_one(const op::insert_rows& o) {
    note(safety_class::data_dependent, "insert-rows", "inserts {} rows into {}: fails on a key that is taken", o.rows.size(), o.table_name);
  }
  void judge_one(const op::delete_rows& o) {
    note(safety_class::destructive, "delete-rows", "deletes {} rows from {}", o.rows.size(), o.table_name);
  }

  static std::string show(std::string_view name) { return name.empty() ? "(unnamed)" : std::string(name); }

  const schema& before_;
  const std::set<std::string>& created_;
  const diff_options& options_;
  std::vector<safety_note> notes_;
};

}  // namespace detail

// The safety notes of `operation` applied to `before`, the most severe first (never empty).
// `created`: tables created earlier in the same plan.
inline std::vector<safety_note> classify(const operation& operation, const schema& before,
                                         const std::set<std::string>& created, const diff_options& options) {
  return detail::safety_judge(before, created, options).judge(operation);
}

}  // namespace tempest
