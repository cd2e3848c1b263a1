#pragma once
// The parts of the random schema generator (random_schema.hpp): the rows' values, what the rows of
// C hold in each column of S, and the generator's first building blocks: names, types, defaults,
// collations and columns (random_schema_tables.hpp builds on them).

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/registry.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest_test::random_schema {

struct options {
  std::optional<tempest::dialect_kind> dialect;  // none: the IR alone (checks quoted as PostgreSQL does)
  int row_count = 3;
};

struct table_rows {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::vector<tempest::sql_value>> rows;
};

struct schema_pair {
  std::uint64_t seed = 0;
  tempest::schema current;        // C
  tempest::schema target;         // S, with its rename hints
  std::vector<table_rows> rows;   // what C holds
  std::vector<std::string> changes;  // the changes that made S of C, in words
};

// The labels string columns hold, row by row (distinct, at most 6 characters).
inline const std::vector<std::string>& row_labels() {
  static const std::vector<std::string> labels{"v0", "it's", "größe", "v 3", "v4", "v5", "v6", "v7", "v8"};
  return labels;
}

// What row `i` holds in a column of `type` (the row-aligned values of the comment above).
inline tempest::sql_value value_of(const tempest::column_type& type, int i) {
  using tempest::type_kind;
  switch (type.kind) {
    case type_kind::boolean: return i % 2 == 0;
    case type_kind::int8:
    case type_kind::int16:
    case type_kind::int32:
    case type_kind::int64: return static_cast<long long>(i + 1);
    case type_kind::float32:
    case type_kind::float64: return (i + 1) * 1.5;
    case type_kind::decimal: {
      int scale = type.scale.value_or(0);
      return fmt::format("{}{}", i + 1, scale == 0 ? "" : scale == 1 ? ".5" : ".25");
    }
    case type_kind::date: return fmt::format("2024-01-{:02}", i + 1);
    case type_kind::timestamp: return fmt::format("2024-01-{:02} 10:20:30", i + 1);
    case type_kind::blob: return fmt::format("b{}", i);
    case type_kind::enumeration: return type.values.at(static_cast<std::size_t>(i));
    default: return row_labels().at(static_cast<std::size_t>(i));
  }
}

namespace detail {

// What the rows of C hold in a column of S.
struct column_data {
  bool aligned = true;   // value_of(type, i) in row i; else `fill` in every row
  bool null_row = false; // aligned: row 0 holds NULL
  std::optional<std::string> fill;  // not aligned: the default every row got, or none (NULL)

  bool has_null() const { return aligned ? null_row : !fill; }
};

// An expression check `"col" op bound`, kept so that a renamed column can be written in it.
struct check_spec {
  std::string column;
  std::string op;
  int bound = 0;
};

// A table of S besides its IR: where it comes from and what its rows hold.
struct table_state {
  std::string origin;  // its name in C; empty: new in S
  bool has_rows = false;
  std::map<std::string, column_data> data;           // by column name in S
  std::map<std::string, std::string> column_origin;  // column name in S -> in C (columns of C only)
  std::map<std::string, check_spec> expression_checks;  // by check name
};


// The building blocks, on the schema being built (`s_`: C, then S) and what its rows hold (`states_`).
class generator {
 public:
  generator(std::uint64_t seed, const options& o)
      : rng_(seed), options_(o), dialect_(tempest::dialect_for(o.dialect.value_or(tempest::dialect_kind::postgresql))) {}

 protected:
  using column = tempest::column;
  using column_type = tempest::column_type;
  using table = tempest::table;
  using type_kind = tempest::type_kind;
  using fk_action = tempest::fk_action;

  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items.at(static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1)));
  }
  template <class T>
  T& pick(std::vector<T>& items) {
    return items.at(static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1)));
  }

  bool on(tempest::dialect_kind k) const { return options_.dialect == k; }
  bool has_enums() const { return !on(tempest::dialect_kind::sqlite); }

  // A name never used before in this pair: mostly `prefix_n`, sometimes a reserved word or a name
  // with a quote, a space or non-ASCII letters (after `prefix` where names share one namespace).
  std::string fresh_name(const std::string& prefix, bool bare_words) {
    static const std::vector<std::string> odd{"order", "select", "group", "it's", "a \"b\"", "größe", "user", "from", "t able"};
    if (chance(0.08)) {
      std::string name = bare_words ? pick(odd) : prefix + " " + pick(odd);
      if (used_.insert(name).second) return name;
    }
    std::string name;
    do name = fmt::format("{}_{}", prefix, ++counter_);
    while (!used_.insert(name).second);
    return name;
  }

  column_type new_enum() {
    std::vector<std::string> labels;
    for (int i = 0; i < options_.row_count + between(0, 2); ++i) labels.push_back(i == 1 ? "it's" : fmt::format("e{}", i));
    if (on(tempest::dialect_kind::mysql)) return column_type::enumeration_of("", labels);
    auto name = fresh_name("en", false);
    s_.enum_types.push_back({name, labels});
    return column_type::enumeration_of(name, labels);
  }

  column_type random_type() {
    switch (between(0, 12)) {
      case 0: return column_type::of(type_kind::int16);
      case 1:
      case 2: return column_type::of(type_kind::int32);
      case 3: return column_type::of(type_kind::int64);
      case 4: return column_type::of(type_kind::boolean);
      case 5: return column_type::of(type_kind::float64);
      case 6: return column_type::numeric(between(4, 12), between(0, 2));
      case 7:
      case 8: return column_type::varchar(pick(std::vector<int>{8, 16, 40, 100, 200}));
      case 9: return column_type::text();
      case 10: return column_type::of(chance(0.5) ? type_kind::date : type_kind::timestamp);
      case 11: return column_type::of(type_kind::blob);
      default: return has_enums() && chance(0.5) ? new_enum() : column_type::of(type_kind::int64);
    }
  }

  // Types keys, unique indexes and foreign keys are made of here.
  bool keyable(const column_type& t) const {
    switch (t.kind) {
      case type_kind::int16:
      case type_kind::int32:
      case type_kind::int64:
      case type_kind::decimal:
      case type_kind::date: return true;
      case type_kind::string: return t.length || !on(tempest::dialect_kind::mysql);
      default: return false;
    }
  }
  // MySQL indexes no unbounded text or blob without a prefix length.
  bool indexable(const column_type& t) const {
    if (t.kind == type_kind::blob) return false;
    return !(t.kind == type_kind::string && !t.length && on(tempest::dialect_kind::mysql));
  }
  static bool numeric(const column_type& t) {
    return t.kind == type_kind::int16 || t.kind == type_kind::int32 || t.kind == type_kind::int64 ||
           t.kind == type_kind::float64 || t.kind == type_kind::decimal;
  }

  // A literal default of `type`; none for a blob.
  std::optional<std::string> random_default(const column_type& type) {
    switch (type.kind) {
      case type_kind::boolean: return chance(0.5) ? "true" : "false";
      case type_kind::int16:
      case type_kind::int32:
      case type_kind::int64: return pick(std::vector<std::string>{"0", "7", "42", "-3"});
      case type_kind::float64: return pick(std::vector<std::string>{"0", "1.5", "-2.25", "3"});
      case type_kind::decimal: {
        std::vector<std::string> values{"0", "2", "-1"};
        if (type.scale.value_or(0) >= 1) values.push_back("1.5");
        if (type.scale.value_or(0) >= 2) values.push_back("12.25");
        return pick(values);
      }
      case type_kind::string: return pick(std::vector<std::string>{"abc", "it's", "größe", ""});
      case type_kind::date: return "2024-02-29";
      case type_kind::timestamp: return "2024-02-29 13:45:00";
      case type_kind::enumeration: return pick(type.values);
      default: return std::nullopt;
    }
  }

  void set_random_default(column& c) {
    if (auto d = random_default(c.type)) c.default_value = tempest::column_default::literal(*d);
  }

  // Adds `c` to `t`. While C is built its rows are value_of(); a column S adds to a table that has
  // rows holds its default or NULL there, so it is made nullable when it has no default.
  void add_column_to(table& t, column c) {
    auto& state = states_.at(t.name);
    column_data data;
    if (building_current_ || !state.has_rows) {
      data.null_row = building_current_ && c.nullable && chance(0.4);
    } else {
      if (!c.nullable && !c.default_value) c.nullable = true;
      data.aligned = false;
      if (c.default_value) data.fill = c.default_value->text;
    }
    state.data[c.name] = data;
    t.columns.push_back(std::move(c));
  }

  // Collations each database has.
  std::vector<std::string> collations() const {
    if (on(tempest::dialect_kind::mysql)) return {"utf8mb4_bin", "utf8mb4_general_ci"};
    if (on(tempest::dialect_kind::sqlite)) return {"NOCASE", "RTRIM"};
    return {"C", "POSIX"};
  }

  column random_column(const column_type& type) {
    column c;
    c.name = fresh_name("c", true);
    c.type = type;
    c.nullable = chance(0.35);
    if (chance(0.35)) set_random_default(c);
    if (type.kind == type_kind::string && chance(0.1)) c.collation = pick(collations());
    return c;
  }

  // The collation a text column has: its own, or (MySQL) its table's; empty: the database's.
  std::string effective_collation(const table& t, const column& c) const {
    return c.collation.empty() && on(tempest::dialect_kind::mysql) && c.type.kind == type_kind::string ? t.collation : c.collation;
  }

  // Columns of `t` (by name) that `pred` accepts.
  template <class Pred>
  std::vector<std::string> columns_where(const table& t, Pred pred) const {
    std::vector<std::string> out;
    for (const auto& c : t.columns)
      if (pred(c)) out.push_back(c.name);
    return out;
  }

  // 1 to `most` distinct names of `candidates`, in random order.
  std::vector<std::string> some_of(std::vector<std::string> candidates, int most) {
    std::shuffle(candidates.begin(), candidates.end(), rng_);
    candidates.resize(static_cast<std::size_t>(std::min<int>(between(1, most), static_cast<int>(candidates.size()))));
    return candidates;
  }

  std::mt19937_64 rng_;
  options options_;
  const tempest::dialect& dialect_;
  std::set<std::string> used_;
  int counter_ = 0;
  bool building_current_ = true;
  tempest::schema s_;
  std::map<std::string, table_state> states_;  // by table name in s_
};

}  // namespace detail
}  // namespace tempest_test::random_schema
