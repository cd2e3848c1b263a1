#pragma once
// The parts of the random schema generator (random_schema.hpp): the rows' values, what the rows of
// C hold in each column of S, and the generator's building blocks — names, types, defaults, tables,
// keys, indexes, checks and foreign keys that the rows satisfy.

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

  // An autoincrement column is the whole primary key, of an integer type (SQLite: INTEGER PRIMARY
  // KEY AUTOINCREMENT, in a table with rowids).
  bool can_autoincrement(const table& t, const column& c) const {
    if (!t.key || t.key->columns != std::vector<std::string>{c.name} || !tempest::is_integer(c.type.kind)) return false;
    return !on(tempest::dialect_kind::sqlite) || (c.type.kind == type_kind::int64 && !t.without_rowid);
  }
  void set_autoincrement(table& t, bool on_or_off) {
    if (!t.key || t.key->columns.size() != 1) return;
    column& c = *t.find_column(t.key->columns.front());
    if (on_or_off && (!can_autoincrement(t, c) || (on(tempest::dialect_kind::mysql) && checked(t, c.name)))) return;
    c.autoincrement = on_or_off;
    if (on_or_off) c.default_value.reset();
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

  // Whether the rows hold distinct values in `columns` (NULLs never repeat in a unique index).
  bool distinct(const table& t, const std::vector<std::string>& columns) const {
    const auto& state = states_.at(t.name);
    if (!state.has_rows) return true;
    for (const auto& name : columns)
      if (state.data.at(name).aligned && t.find_column(name)->type.kind != type_kind::boolean) return true;
    return false;
  }
  bool has_null(const table& t, const std::string& column_name) const {
    const auto& state = states_.at(t.name);
    return state.has_rows && state.data.at(column_name).has_null();
  }

  // Columns a new primary key can have: keyable, never NULL in the rows.
  std::vector<std::string> key_candidates(const table& t) const {
    return columns_where(t, [&](const column& c) { return keyable(c.type) && !has_null(t, c.name); });
  }

  void set_primary_key(table& t, std::vector<std::string> columns) {
    for (const auto& name : columns) t.find_column(name)->nullable = false;
    t.key = tempest::primary_key_def{chance(0.2) ? "" : fresh_name("pk", false), std::move(columns)};
  }

  // An index over 1 to 3 columns of `t`: unique when `unique` and the rows allow it.
  std::optional<tempest::index_def> random_index(const table& t, bool unique) {
    auto candidates = columns_where(t, [&](const column& c) { return unique ? keyable(c.type) : indexable(c.type); });
    if (candidates.empty()) return std::nullopt;
    tempest::index_def ix{"", some_of(candidates, 3), unique};
    if (unique && !distinct(t, ix.columns)) return std::nullopt;
    for (const auto& other : t.indexes)
      if (other.columns == ix.columns) return std::nullopt;
    if (chance(0.3)) {
      for (std::size_t i = 0; i < ix.columns.size(); ++i) ix.parts.push_back({.descending = chance(0.5)});
      ix.normalise();
    }
    if (!unique || !ix.parts.empty() || !chance(0.15)) ix.name = fresh_name("ix", false);
    return ix;
  }

  // The numeric value row i holds in a numeric column, for judging checks.
  static double numeric_value(const column_type& type, int i) {
    auto v = value_of(type, i);
    if (auto* n = std::get_if<long long>(&v)) return static_cast<double>(*n);
    if (auto* d = std::get_if<double>(&v)) return *d;
    return std::stod(std::get<std::string>(v));
  }

  static bool holds(const check_spec& spec, double value) {
    if (spec.op == ">") return value > spec.bound;
    if (spec.op == ">=") return value >= spec.bound;
    if (spec.op == "<") return value < spec.bound;
    return value != spec.bound;
  }

  std::string check_expression(const check_spec& spec) const {
    return fmt::format("{} {} {}", dialect_.quote(spec.column), spec.op, spec.bound);
  }

  bool checked(const table& t, const std::string& column_name) const {
    const auto& specs = states_.at(t.name).expression_checks;
    return std::any_of(t.checks.begin(), t.checks.end(), [&](const tempest::check_def& ck) {
      auto spec = specs.find(ck.name);
      return ck.column == column_name || (spec != specs.end() && spec->second.column == column_name);
    });
  }
  static bool writes_child(const tempest::foreign_key_def& fk) {
    return fk.on_update == fk_action::cascade || fk.on_update == fk_action::set_null || fk.on_delete == fk_action::set_null;
  }
  // Whether a foreign key writes into the column (MariaDB allows no check on such a column).
  bool written_by_foreign_key(const table& t, const std::string& column_name) const {
    return std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const tempest::foreign_key_def& fk) {
      return writes_child(fk) && std::find(fk.columns.begin(), fk.columns.end(), column_name) != fk.columns.end();
    });
  }
  // What MariaDB refuses of a foreign key that writes into its columns: a check on one of them, and
  // ON UPDATE CASCADE from a nullable key into a NOT NULL column.
  bool database_allows(const table& child, const tempest::foreign_key_def& fk) const {
    if (!on(tempest::dialect_kind::mysql) || !writes_child(fk)) return true;
    const table* parent = s_.find_table(fk.referenced_table);
    for (std::size_t i = 0; i < fk.columns.size(); ++i) {
      if (checked(child, fk.columns[i])) return false;
      if (fk.on_update == fk_action::cascade && parent && !child.find_column(fk.columns[i])->nullable &&
          parent->find_column(fk.referenced_columns[i])->nullable)
        return false;
    }
    return true;
  }

  // Adds a check that every row satisfies: `"col" op n` on a numeric column, or an allowed-values
  // check on a string column.
  bool add_random_check(table& t) {
    auto& state = states_.at(t.name);
    const bool mysql = on(tempest::dialect_kind::mysql);
    if (chance(0.6)) {
      auto candidates = columns_where(t, [&](const column& c) {
        return numeric(c.type) && !(mysql && (written_by_foreign_key(t, c.name) || c.autoincrement));
      });
      if (candidates.empty()) return false;
      const column& c = *t.find_column(pick(candidates));
      static const std::vector<std::pair<std::string, int>> forms{{">", 0}, {">=", -5}, {"<", 1000}, {"<>", 500}, {">", -100}};
      auto [op, bound] = pick(forms);
      check_spec spec{c.name, op, bound};
      const auto& data = state.data.at(c.name);
      if (state.has_rows && data.aligned)
        for (int i = data.null_row ? 1 : 0; i < options_.row_count; ++i)
          if (!holds(spec, numeric_value(c.type, i))) return false;
      if (state.has_rows && !data.aligned && data.fill && !holds(spec, std::stod(*data.fill))) return false;
      auto name = fresh_name("ck", false);
      t.checks.push_back({name, check_expression(spec), {}, {}});
      state.expression_checks[name] = spec;
      return true;
    }
    auto candidates = columns_where(t, [&](const column& c) {
      return c.type.kind == type_kind::string && !(mysql && written_by_foreign_key(t, c.name));
    });
    if (candidates.empty()) return false;
    const column& c = *t.find_column(pick(candidates));
    std::set<std::string> values{"x", "it's"};
    const auto& data = state.data.at(c.name);
    for (int i = 0; i < options_.row_count; ++i) values.insert(std::get<std::string>(value_of(c.type, i)));
    if (data.fill) values.insert(*data.fill);
    t.checks.push_back({chance(0.2) ? "" : fresh_name("ck", false), "", c.name, {values.begin(), values.end()}});
    return true;
  }

  // The column lists of `t` a foreign key can refer to: its primary key and its plain unique indexes.
  std::vector<std::vector<std::string>> keys_of(const table& t) const {
    std::vector<std::vector<std::string>> out;
    if (t.key) out.push_back(t.key->columns);
    for (const auto& ix : t.indexes)
      if (ix.unique && ix.parts.empty() && ix.predicate.empty()) out.push_back(ix.columns);
    std::erase_if(out, [&](const std::vector<std::string>& key) {
      return std::any_of(key.begin(), key.end(), [&](const std::string& c) { return !keyable(t.find_column(c)->type); });
    });
    return out;
  }

  std::vector<fk_action> actions_for(const table& t, const std::vector<std::string>& columns) const {
    std::vector<fk_action> out{fk_action::no_action, fk_action::restrict, fk_action::cascade};
    if (std::all_of(columns.begin(), columns.end(), [&](const std::string& c) { return t.find_column(c)->nullable; }))
      out.push_back(fk_action::set_null);
    if (!on(tempest::dialect_kind::mysql)) out.push_back(fk_action::set_default);
    return out;
  }

  // Whether the rows of `child` satisfy a foreign key from `columns` to `key` of `parent`: the child
  // has no rows, or one of the columns is NULL in every row, or row i refers to row i of the parent.
  bool rows_match(const table& child, const std::vector<std::string>& columns, const table& parent,
                  const std::vector<std::string>& key) const {
    const auto& c = states_.at(child.name);
    const auto& p = states_.at(parent.name);
    if (!c.has_rows) return true;
    for (const auto& name : columns)
      if (!c.data.at(name).aligned && !c.data.at(name).fill) return true;
    if (!p.has_rows) return false;
    for (const auto& name : columns)
      if (!c.data.at(name).aligned) return false;
    for (const auto& name : key)
      if (!p.data.at(name).aligned || p.data.at(name).null_row) return false;
    return true;
  }

  // Adds a foreign key from `child` (to itself, sometimes) that its rows satisfy, on columns it
  // has or on new ones.
  bool add_random_foreign_key(table& child) {
    std::string parent_name = chance(0.2) ? child.name : pick(s_.tables).name;
    auto keys = keys_of(*s_.find_table(parent_name));
    if (keys.empty()) return false;
    const auto key = pick(keys);
    std::vector<std::string> columns;
    for (const auto& key_column : key) {
      const column_type type = s_.find_table(parent_name)->find_column(key_column)->type;
      const table& parent_table = *s_.find_table(parent_name);
      const std::string collation = effective_collation(parent_table, *parent_table.find_column(key_column));
      auto candidates = columns_where(child, [&](const column& c) {
        return c.type == type && effective_collation(child, c) == collation &&
               std::find(columns.begin(), columns.end(), c.name) == columns.end() &&
               !(parent_name == child.name && std::find(key.begin(), key.end(), c.name) != key.end());
      });
      if (candidates.empty() || chance(0.4)) {
        column c = random_column(type);
        c.collation = collation;
        if (effective_collation(child, c) != collation) return false;  // the database's default, under a table collation
        add_column_to(child, c);
        columns.push_back(c.name);
      } else {
        columns.push_back(pick(candidates));
      }
    }
    const table& parent = *s_.find_table(parent_name);
    if (!rows_match(child, columns, parent, key)) return false;
    tempest::foreign_key_def fk{chance(0.2) ? "" : fresh_name("fk", false), columns, parent_name, key};
    fk.on_delete = pick(actions_for(child, columns));
    if (chance(0.2)) fk.on_update = fk_action::cascade;
    if (!database_allows(child, fk)) fk.on_update = fk_action::no_action;
    if (!database_allows(child, fk)) fk.on_delete = fk_action::no_action;
    if ((on(tempest::dialect_kind::postgresql) || on(tempest::dialect_kind::sqlite)) && chance(0.1))
      fk.deferrable = chance(0.5) ? tempest::deferrability::initially_deferred : tempest::deferrability::initially_immediate;
    child.foreign_keys.push_back(std::move(fk));
    return true;
  }

  // A new table: columns, usually a primary key, some indexes and checks. Returns its name.
  std::string add_random_table() {
    table fresh;
    fresh.name = fresh_name("t", true);
    states_[fresh.name] = table_state{building_current_ ? fresh.name : "", building_current_, {}, {}, {}};
    s_.tables.push_back(std::move(fresh));
    table& t = s_.tables.back();
    for (int i = between(2, 6); i > 0; --i) add_column_to(t, random_column(random_type()));
    if (chance(0.85)) {
      auto candidates = key_candidates(t);
      if (candidates.empty()) {
        column id = random_column(column_type::of(type_kind::int64));
        id.nullable = false;
        add_column_to(t, id);
        candidates = {id.name};
      }
      set_primary_key(t, some_of(candidates, chance(0.3) ? 2 : 1));
      if (on(tempest::dialect_kind::sqlite) && chance(0.1)) t.without_rowid = true;
      if (chance(0.25)) set_autoincrement(t, true);
    }
    if (on(tempest::dialect_kind::mysql) && chance(0.1)) t.collation = "utf8mb4_bin";
    for (bool unique : {true, false})
      if (chance(unique ? 0.4 : 0.5))
        if (auto ix = random_index(t, unique)) t.indexes.push_back(std::move(*ix));
    if (chance(0.5)) add_random_check(t);
    return t.name;
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
