#pragma once
// Typed column definitions for migrations written by hand:
//   t.column<std::optional<std::string>>("email").length(255).unique();
// The C++ type gives the logical type and nullability, as in TEMPEST_MODEL; a default of the wrong
// type does not compile.

#include <string>
#include <vector>

#include "tempest/model/reflect.hpp"
#include "tempest/model/rules.hpp"

namespace tempest {

// What a column definition adds to its table besides the column itself.
struct column_extras {
  bool primary_key = false;
  bool index = false;
  bool unique = false;
  std::optional<foreign_key_def> reference;
};

template <class T>
class column_builder {
  using value_type = detail::value_type_t<T>;
  static_assert(detail::logical_kind<value_type>().has_value(),
                "tempest: column<T>: no column type for this C++ type; use column<T>(name).sql_type(...)");

 public:
  column_builder(column& target, column_extras& extras) : column_(target), extras_(extras) {
    column_.type = column_type::of(*detail::logical_kind<value_type>());
    column_.type.is_unsigned = detail::category_of<value_type>() == detail::value_category::unsigned_integer;
    column_.nullable = detail::is_nullable_v<T>;
    if constexpr (detail::is_described_enum_v<value_type>) {
      int longest = 1;
      for (auto name : detail::enumerator_names<value_type>) longest = std::max(longest, static_cast<int>(name.size()));
      column_.type = column_type::varchar(longest);
    }
  }

  column_builder& length(int characters) requires std::is_same_v<value_type, std::string> {
    column_.type = column_type::varchar(characters);
    return *this;
  }
  column_builder& precision(int digits, int scale = 0) requires std::is_same_v<value_type, decimal> {
    column_.type = column_type::numeric(digits, scale);
    return *this;
  }
  column_builder& sql_type(std::string spelling) {
    column_.type = column_type::sql(std::move(spelling));
    return *this;
  }
  template <class V>
  column_builder& default_value(V value) {
    static_assert(detail::default_matches<value_type, V>(),
                  "tempest: column<T>(...).default_value(v): v does not match the column's type");
    detail::field_description d;
    d.kind = column_.type.kind == type_kind::custom ? std::nullopt : std::optional(column_.type.kind);
    d.default_value = detail::literal_of(value);
    column_.default_value = column_default::literal(detail::literal_text(d));
    return *this;
  }
  column_builder& default_sql(std::string sql) {
    column_.default_value = column_default::expression(std::move(sql));
    return *this;
  }
  // The type exactly, for what the methods above do not say (an unsigned decimal…).
  column_builder& type(column_type exact) {
    column_.type = std::move(exact);
    return *this;
  }
  // A native enum: PostgreSQL's type `type_name` (CREATE TYPE … AS ENUM), MySQL's inline ENUM
  // (type_name empty).
  column_builder& enumeration(std::string type_name, std::vector<std::string> labels) {
    column_.type = column_type::enumeration_of(std::move(type_name), std::move(labels));
    return *this;
  }
  column_builder& collation(std::string name) {
    column_.collation = std::move(name);
    return *this;
  }
  // How an autoincrement column is generated (PostgreSQL: identity always, serial).
  column_builder& identity(identity_kind kind) {
    column_.identity = kind;
    return *this;
  }
  // MySQL ON UPDATE, e.g. "current_timestamp()".
  column_builder& on_update(std::string expression) {
    column_.on_update = std::move(expression);
    return *this;
  }
  // GENERATED ALWAYS AS (expression), STORED or VIRTUAL.
  column_builder& generated(std::string expression, bool stored) {
    column_.generated = generated_column{std::move(expression), stored};
    return *this;
  }
  // A literal default in its canonical text (schema/default_value.hpp), e.g. "2024-01-31 12:00:00"
  // for a timestamp; `value_kind` says what kind of value it is when the column's type does not.
  column_builder& default_literal(std::string text, std::optional<type_kind> value_kind = std::nullopt) {
    column_.default_value = column_default::literal(std::move(text), value_kind);
    return *this;
  }
  column_builder& primary_key() {
    extras_.primary_key = true;
    return *this;
  }
  column_builder& autoincrement() requires std::is_integral_v<value_type> {
    column_.autoincrement = true;
    return *this;
  }
  column_builder& index() {
    extras_.index = true;
    return *this;
  }
  column_builder& unique() {
    extras_.unique = true;
    return *this;
  }
  column_builder& references(std::string table_name, std::string column_name, fk_action on_delete = fk_action::no_action,
                             fk_action on_update = fk_action::no_action) {
    extras_.reference = foreign_key_def{{}, {column_.name}, std::move(table_name), {std::move(column_name)}, on_delete,
                                        on_update};
    return *this;
  }

 private:
  column& column_;
  column_extras& extras_;
};

}  // namespace tempest
