#pragma once
// Column and table options used in TEMPEST_MODEL and TEMPEST_TABLE_CONSTRAINTS. Each option is a
// literal value whose type says what it is, so validation happens at compile time.
//
// Names: every constraint option takes .named("exact name") or .named(tempest::unnamed) (the database
// names it, or keeps no name); without either, the model set's naming convention names it.
//
// The options that name members of a model (composite keys, table-level indexes, foreign keys) are
// declared here and defined in table_items.hpp, which can look the members up.

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "tempest/model/decimal.hpp"
#include "tempest/schema/column.hpp"
#include "tempest/schema/constraints.hpp"

namespace tempest {

// The name of a constraint the database names itself (PostgreSQL, MySQL) or keeps without one (SQLite).
struct unnamed_t {};
inline constexpr unnamed_t unnamed{};

namespace detail {

// How a constraint is named: by the convention, exactly as given, or not at all.
struct name_spec {
  enum class source : std::uint8_t { convention, exact, unnamed };
  source from = source::convention;
  std::string_view name;

  constexpr name_spec() = default;
  constexpr name_spec(std::string_view exact) : from(source::exact), name(exact) {}
  constexpr name_spec(const char* exact) : from(source::exact), name(exact) {}
  constexpr name_spec(unnamed_t) : from(source::unnamed) {}
};

template <class T>
concept member_pointer = std::is_member_object_pointer_v<T>;

// One part of an index key: a column of the model (resolved to its column name where it is written,
// in TEMPEST_TABLE_CONSTRAINTS, after the model) or an SQL expression.
struct key_part_spec {
  std::string_view column;  // the column name, or the expression's SQL
  std::string_view table;   // the table of the member's model (empty for an expression)
  bool listed = true;       // false: the member is not a field listed in its TEMPEST_MODEL
  bool expression = false;
  bool descending = false;
  int prefix_length = 0;  // MySQL: the first n characters; 0: the whole column
  std::string_view collation;
  std::string_view operator_class;

  constexpr key_part_spec desc() const {
    auto p = *this;
    p.descending = true;
    return p;
  }
  constexpr key_part_spec prefix(int characters) const {
    auto p = *this;
    p.prefix_length = characters;
    return p;
  }
  constexpr key_part_spec collate(std::string_view name) const {
    auto p = *this;
    p.collation = name;
    return p;
  }
  constexpr key_part_spec opclass(std::string_view name) const {
    auto p = *this;
    p.operator_class = name;
    return p;
  }
};

template <class T>
concept key_part_like = member_pointer<T> || std::is_same_v<T, key_part_spec>;

inline constexpr std::size_t max_key_parts = 16;

// renamed_from(…): the names a column (or, in TEMPEST_TABLE_CONSTRAINTS, the table) had before. A
// fixed capacity keeps field_description a literal type of fixed size.
struct renamed_from_t {
  static constexpr std::size_t capacity = 4;
  std::array<std::string_view, capacity> names{};
  std::uint8_t count = 0;
  bool malformed = false;  // more than `capacity` names, or one name twice (rules.hpp reports it)

  constexpr void add(std::string_view name) {
    for (std::size_t i = 0; i < count; ++i)
      if (names[i] == name) malformed = true;
    if (count == capacity) malformed = true;
    else names[count++] = name;
  }
};

// Everything TEMPEST_TABLE_CONSTRAINTS holds, as one literal type: a composite key, an index, a
// check, a foreign key, or a table option. The builders return types derived from it that add only
// the methods that fit, so that a table's items make one array.
struct table_item {
  enum class kind_t : std::uint8_t { invalid, primary_key, index, unique, check, foreign_key, collation, strict,
                                     without_rowid, renamed_from };
  kind_t kind = kind_t::invalid;
  name_spec name;
  std::array<key_part_spec, max_key_parts> parts{};
  std::size_t part_count = 0;
  bool too_many_parts = false;
  std::string_view predicate;   // a partial index's condition
  std::string_view label;       // check: the convention's token; collation: its name
  std::string_view expression;  // check
  // Foreign key: the referenced table and columns.
  bool has_target = false;
  std::string_view referenced_table;
  std::array<std::string_view, max_key_parts> referenced_columns{};
  bool referenced_listed = true;
  fk_action on_delete = fk_action::no_action;
  fk_action on_update = fk_action::no_action;
  deferrability deferral = deferrability::not_deferrable;
  renamed_from_t renamed;  // the table's old names

  constexpr void add_part(const key_part_spec& part) {
    if (part_count == max_key_parts) too_many_parts = true;
    else parts[part_count++] = part;
  }
};

// .named(…), for every option that names a constraint (each keeps its name in `name`).
template <class Self>
struct nameable {
  constexpr Self named(name_spec n) const {
    Self copy = static_cast<const Self&>(*this);
    copy.name = n;
    return copy;
  }
};

// .deferrable() and .initially_deferred(), for foreign keys (each keeps it in `deferral`).
template <class Self>
struct deferrable_reference {
  constexpr Self deferrable() const {
    Self copy = static_cast<const Self&>(*this);
    if (copy.deferral == deferrability::not_deferrable) copy.deferral = deferrability::initially_immediate;
    return copy;
  }
  constexpr Self initially_deferred() const {
    Self copy = static_cast<const Self&>(*this);
    copy.deferral = deferrability::initially_deferred;
    return copy;
  }
};

struct key_item : table_item, nameable<key_item> {};

struct index_item : table_item, nameable<index_item> {
  // A partial index: only the rows for which `condition` holds.
  constexpr index_item where(std::string_view condition) const {
    auto i = *this;
    i.predicate = condition;
    return i;
  }
};

struct check_item : table_item, nameable<check_item> {};

struct foreign_key_item : table_item, nameable<foreign_key_item>, deferrable_reference<foreign_key_item> {};

struct on_delete_t {
  fk_action action;
};
struct on_update_t {
  fk_action action;
};

// foreign_key(&S::a, …): the referencing members, waiting for .references<&T::x, …>(actions).
template <class... Members>
struct foreign_key_t {
  std::tuple<Members...> members;

  template <auto... Targets>
  constexpr foreign_key_item references(on_delete_t del = {}, on_update_t upd = {}) const;
  template <auto... Targets>
  constexpr foreign_key_item references(on_update_t upd, on_delete_t del = {}) const {
    return references<Targets...>(del, upd);
  }
};

// Column options.
struct primary_key_t : nameable<primary_key_t> {
  name_spec name;
  // Table level: a composite key, primary_key(&S::a, &S::b).
  template <member_pointer... Members>
  constexpr key_item operator()(Members... members) const;
};

// autoincrement, identity_always, serial: how the database generates the key's values.
struct autoincrement_t {
  identity_kind kind = identity_kind::by_default;
};

// tempest::index and tempest::unique on a column: a single-column index; index("name") or
// .named("name") puts the field in the index of that name (fields naming the same index form one
// composite index, in declaration order). At table level, index([name,] parts...) takes members of
// the model and key parts: desc(&S::a), prefix(&S::a, 10), expression("lower(email)").
template <bool Unique>
struct index_option_t {
  name_spec name;
  std::string_view predicate;

  constexpr index_option_t named(name_spec n) const { return {n, predicate}; }
  constexpr index_option_t where(std::string_view condition) const { return {name, condition}; }
  constexpr index_option_t operator()(std::string_view exact) const { return {name_spec(exact), predicate}; }

  template <key_part_like First, key_part_like... Rest>
  constexpr index_item operator()(First first, Rest... rest) const;
  template <key_part_like First, key_part_like... Rest>
  constexpr index_item operator()(std::string_view exact, First first, Rest... rest) const {
    return (*this)(first, rest...).named(exact);
  }
};
using index_t = index_option_t<false>;
using unique_t = index_option_t<true>;

struct length_t {
  int value;
};
struct precision_t {
  int precision;
  int scale;
};
template <class Value>
struct default_value_t {
  Value value;
};
// A decimal default, as its text: the std::string of a tempest::decimal cannot outlive the constant
// evaluation, so its characters are copied here.
struct decimal_default_t {
  std::array<char, 48> text{};
  std::size_t size = 0;
  bool too_long = false;
};
struct default_sql_t {
  std::string_view sql;
};
struct column_name_t {
  std::string_view name;
};
struct sql_type_t {
  std::string_view spelling;
};
struct collation_t {
  std::string_view name;
};
struct on_update_current_timestamp_t {};
struct native_enum_t {
  std::string_view type_name;  // PostgreSQL's CREATE TYPE name; empty: MySQL's inline ENUM(…)
};
struct generated_t {
  std::string_view expression;
  bool stored = false;
};
struct strict_t {};
struct without_rowid_t {};

template <auto Member>
struct references_t : nameable<references_t<Member>>, deferrable_reference<references_t<Member>> {
  static constexpr auto target = Member;
  fk_action on_delete = fk_action::no_action;
  fk_action on_update = fk_action::no_action;
  name_spec name;
  deferrability deferral = deferrability::not_deferrable;
};

}  // namespace detail

// Column options.
inline constexpr detail::primary_key_t primary_key{};
inline constexpr detail::autoincrement_t autoincrement{};
inline constexpr detail::autoincrement_t identity_always{identity_kind::always};  // PostgreSQL GENERATED ALWAYS
inline constexpr detail::autoincrement_t serial{identity_kind::serial};           // PostgreSQL serial
inline constexpr detail::index_t index{};
inline constexpr detail::unique_t unique{};
constexpr detail::length_t length(int characters) { return {characters}; }
constexpr detail::precision_t precision(int digits, int scale = 0) { return {digits, scale}; }
template <class Value>
constexpr detail::default_value_t<Value> default_value(Value value) {
  return {value};
}
// A decimal default given as a decimal: default_value(tempest::decimal{"0.99"}).
constexpr detail::decimal_default_t default_value(const decimal& value) {
  detail::decimal_default_t d;
  if (value.text.size() > d.text.size()) {
    d.too_long = true;
    return d;
  }
  for (std::size_t i = 0; i < value.text.size(); ++i) d.text[i] = value.text[i];
  d.size = value.text.size();
  return d;
}
constexpr detail::default_sql_t default_sql(std::string_view sql) { return {sql}; }
constexpr detail::column_name_t column_name(std::string_view name) { return {name}; }
constexpr detail::sql_type_t sql_type(std::string_view spelling) { return {spelling}; }
// A column's collation, or, in TEMPEST_TABLE_CONSTRAINTS, the table's.
constexpr detail::collation_t collation(std::string_view name) { return {name}; }
// MySQL: ON UPDATE CURRENT_TIMESTAMP on a time_point field.
inline constexpr detail::on_update_current_timestamp_t on_update_current_timestamp{};
// A described enum stored in a native enum type: PostgreSQL's CREATE TYPE name AS ENUM, MySQL's
// ENUM(…) (which has no name: native_enum()).
constexpr detail::native_enum_t native_enum(std::string_view type_name = {}) { return {type_name}; }
// A generated column: GENERATED ALWAYS AS (sql), computed when read (VIRTUAL; SQLite and MariaDB) or
// stored with the row (STORED; the only kind PostgreSQL has). Write sql as the database prints it.
constexpr detail::generated_t generated(std::string_view sql) { return {sql, false}; }
constexpr detail::generated_t stored_generated(std::string_view sql) { return {sql, true}; }

namespace on_delete {
inline constexpr detail::on_delete_t no_action{fk_action::no_action};
inline constexpr detail::on_delete_t restrict{fk_action::restrict};
inline constexpr detail::on_delete_t cascade{fk_action::cascade};
inline constexpr detail::on_delete_t set_null{fk_action::set_null};
inline constexpr detail::on_delete_t set_default{fk_action::set_default};
}  // namespace on_delete
namespace on_update {
inline constexpr detail::on_update_t no_action{fk_action::no_action};
inline constexpr detail::on_update_t restrict{fk_action::restrict};
inline constexpr detail::on_update_t cascade{fk_action::cascade};
inline constexpr detail::on_update_t set_null{fk_action::set_null};
inline constexpr detail::on_update_t set_default{fk_action::set_default};
}  // namespace on_update

// references<&Role::id>(on_delete::cascade, on_update::cascade), actions in either order; then
// .named(…), .deferrable(), .initially_deferred().
template <auto Member>
constexpr detail::references_t<Member> references(detail::on_delete_t del = {}, detail::on_update_t upd = {}) {
  detail::references_t<Member> r;
  r.on_delete = del.action;
  r.on_update = upd.action;
  return r;
}
template <auto Member>
constexpr detail::references_t<Member> references(detail::on_update_t upd, detail::on_delete_t del = {}) {
  return references<Member>(del, upd);
}

// Checks. check("label", "sql") is named by the convention from its label (ck_<table>_<label>);
// check("sql") takes its column as label when given to a field, and needs .named(…) at table level.
constexpr detail::check_item check(std::string_view label, std::string_view expression) {
  detail::check_item c;
  c.kind = detail::table_item::kind_t::check;
  c.label = label;
  c.expression = expression;
  return c;
}
constexpr detail::check_item check(std::string_view expression) { return check({}, expression); }

// Key parts of table-level indexes.
template <detail::member_pointer Member>
constexpr detail::key_part_spec key(Member member);
template <detail::member_pointer Member>
constexpr detail::key_part_spec desc(Member member) {
  return key(member).desc();
}
constexpr detail::key_part_spec desc(detail::key_part_spec part) { return part.desc(); }
template <detail::member_pointer Member>
constexpr detail::key_part_spec prefix(Member member, int characters) {
  return key(member).prefix(characters);
}
constexpr detail::key_part_spec expression(std::string_view sql) {
  detail::key_part_spec p;
  p.column = sql;
  p.expression = true;
  return p;
}

// Table level: foreign_key(&S::a, &S::b).references<&T::a, &T::b>(actions) — for composite keys, and
// for references to a model declared after this one (a cycle of foreign keys).
template <detail::member_pointer... Members>
constexpr detail::foreign_key_t<Members...> foreign_key(Members... members) {
  return {{members...}};
}

// Table options (SQLite).
inline constexpr detail::strict_t strict{};
inline constexpr detail::without_rowid_t without_rowid{};

// The names a column had, or, in TEMPEST_TABLE_CONSTRAINTS, the table: the differ renames it instead
// of dropping the old one and adding the new. Every old name goes in one option, up to four of them,
// in any order: renamed_from("mail", "e_mail").
template <std::convertible_to<std::string_view>... More>
constexpr detail::renamed_from_t renamed_from(std::string_view old_name, More... more) {
  detail::renamed_from_t r;
  r.add(old_name);
  (r.add(std::string_view(more)), ...);
  return r;
}

}  // namespace tempest
