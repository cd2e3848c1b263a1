#pragma once
// TEMPEST_MODEL(Struct, "table", (field, options...)...) describes a struct as a table. Place it in
// the struct's namespace, after the struct (like BOOST_DESCRIBE_STRUCT, which it also expands to):
//
//   TEMPEST_MODEL(User, "users",
//     (id,    tempest::primary_key, tempest::autoincrement),
//     (name,  tempest::length(100)),
//     (email, tempest::unique.named("users_email_key")));
//
// Each field gets static_asserts whose messages name the model and the field. A model lists at most
// 52 fields (Boost.Describe's limit).
//
// TEMPEST_TABLE_CONSTRAINTS(Struct, items...) adds table-level constraints and options: a composite
// tempest::primary_key(&S::a, &S::b), tempest::index([name,] parts...), tempest::unique(...),
// tempest::check("label", "sql"), tempest::foreign_key(&S::a).references<&T::id>(), and
// tempest::collation("…"), tempest::strict, tempest::without_rowid, tempest::renamed_from("old_name", …).
// It must follow TEMPEST_MODEL, before any use of the model.
//
// TEMPEST_NAMING_CONVENTION(convention) in a namespace names the constraints of every model of that
// namespace that its options do not name (naming_convention.hpp); TEMPEST_MODEL_NAMING_CONVENTION(
// Struct, convention) does it for one model.

#include <boost/describe/class.hpp>

#include "tempest/model/model_info.hpp"
#include "tempest/model/preprocessor.hpp"
#include "tempest/model/rules.hpp"
#include "tempest/model/table_items.hpp"

#define TEMPEST_DETAIL_NAME(d, i, field) , TEMPEST_DETAIL_FIRST field
#define TEMPEST_DETAIL_MEMBER(Model, i, name) , &Model::name

// One field's description, and the rule that its references option names a field of its own type:
// the referenced type is part of the condition, so that the compiler's note names both types.
#define TEMPEST_DETAIL_DESCRIBE_I(Model, i, name, ...)                                                            \
  static_assert(::tempest::detail::same_as_referenced_field<                                                     \
                    ::tempest::detail::value_type_t<decltype(Model::name)>,                                      \
                    typename decltype(::tempest::detail::referenced_type_of<decltype(Model::name)>(__VA_ARGS__))::type>, \
                "tempest: model " #Model ", field " #name ": tempest::references names a field of another type");     \
  m.fields[i] = ::tempest::detail::describe<decltype(Model::name)>(#name __VA_OPT__(, ) __VA_ARGS__);
#define TEMPEST_DETAIL_DESCRIBE(Model, i, field) \
  TEMPEST_DETAIL_CALL(TEMPEST_DETAIL_DESCRIBE_I, Model, i, TEMPEST_DETAIL_UNPAREN field)

// Inside tempest_model_rules(), where `f` points to the model's field descriptions and the issues are
// in scope: the cheapest condition there is, as there are a few dozen per field.
#define TEMPEST_DETAIL_RULE(Model, i, name, issue, message) \
  static_assert(!(f[i].issues & issue), "tempest: model " #Model ", field " #name ": " message);

#define TEMPEST_DETAIL_FIELD_RULES_I(Model, i, name)                                                             \
  TEMPEST_DETAIL_RULE(Model, i, name, option_unknown,                                                            \
                      "an option is not a column option (table-level ones go in TEMPEST_TABLE_CONSTRAINTS)")     \
  TEMPEST_DETAIL_RULE(Model, i, name, enum_undescribed,                                                          \
                      "an enum field needs BOOST_DESCRIBE_ENUM so its values can be stored by name")             \
  TEMPEST_DETAIL_RULE(Model, i, name, type_unsupported,                                                          \
                      "no column type for this C++ type; give one with tempest::sql_type(\"...\")")              \
  TEMPEST_DETAIL_RULE(Model, i, name, autoincrement_not_integer,                                                 \
                      "autoincrement applies only to a non-optional integer field")                              \
  TEMPEST_DETAIL_RULE(Model, i, name, autoincrement_not_sole_key,                                                \
                      "autoincrement applies only to the table's single-column primary key")                     \
  TEMPEST_DETAIL_RULE(Model, i, name, autoincrement_twice,                                                       \
                      "a table can have only one autoincrement field (autoincrement, identity_always and "       \
                      "serial are one option)")                                                                  \
  TEMPEST_DETAIL_RULE(Model, i, name, length_not_string, "tempest::length applies only to std::string fields")   \
  TEMPEST_DETAIL_RULE(Model, i, name, length_not_positive, "tempest::length must be positive")                   \
  TEMPEST_DETAIL_RULE(Model, i, name, precision_not_decimal,                                                     \
                      "tempest::precision applies only to tempest::decimal fields")                              \
  TEMPEST_DETAIL_RULE(Model, i, name, decimal_without_precision,                                                 \
                      "a tempest::decimal field needs tempest::precision(digits, scale)")                        \
  TEMPEST_DETAIL_RULE(Model, i, name, default_wrong_type,                                                        \
                      "the type of tempest::default_value does not match the field's type")                      \
  TEMPEST_DETAIL_RULE(Model, i, name, decimal_default_too_long,                                                  \
                      "a tempest::decimal default longer than 48 characters: give it as text, "                  \
                      "tempest::default_value(\"...\")")                                                         \
  TEMPEST_DETAIL_RULE(Model, i, name, default_not_number,                                                        \
                      "tempest::default_value of a numeric field must be a number: digits with an optional sign, " \
                      "fraction and exponent")                                                                   \
  TEMPEST_DETAIL_RULE(Model, i, name, default_not_finite, "tempest::default_value cannot be NaN or an infinity")   \
  TEMPEST_DETAIL_RULE(Model, i, name, default_out_of_range,                                                      \
                      "tempest::default_value is out of range for the field's type")                             \
  TEMPEST_DETAIL_RULE(Model, i, name, default_with_nul, "tempest::default_value cannot contain a NUL byte")      \
  TEMPEST_DETAIL_RULE(Model, i, name, default_twice, "give either default_value or default_sql, and once")       \
  TEMPEST_DETAIL_RULE(Model, i, name, reference_not_model,                                                       \
                      "tempest::references names a field of a struct that has no TEMPEST_MODEL before this one " \
                      "(a model declared later is referenced from TEMPEST_TABLE_CONSTRAINTS: "                   \
                      "tempest::foreign_key(&S::field).references<&T::id>())")                                   \
  TEMPEST_DETAIL_RULE(Model, i, name, reference_not_listed,                                                      \
                      "tempest::references names a field that its model's TEMPEST_MODEL does not list")          \
  TEMPEST_DETAIL_RULE(Model, i, name, set_null_on_required,                                                      \
                      "a set_null foreign key action needs a std::optional field")                               \
  TEMPEST_DETAIL_RULE(Model, i, name, column_name_taken, "another field of the model has the same column name")  \
  TEMPEST_DETAIL_RULE(Model, i, name, native_enum_not_enum,                                                      \
                      "tempest::native_enum applies only to an enum field described with BOOST_DESCRIBE_ENUM")   \
  TEMPEST_DETAIL_RULE(Model, i, name, on_update_not_timestamp,                                                   \
                      "tempest::on_update_current_timestamp applies only to a time_point field")                 \
  TEMPEST_DETAIL_RULE(Model, i, name, check_twice,                                                               \
                      "a field takes one tempest::check; give more in TEMPEST_TABLE_CONSTRAINTS")             \
  TEMPEST_DETAIL_RULE(Model, i, name, generated_with_default,                                                    \
                      "a generated column computes its value: it takes no default, autoincrement or "          \
                      "on_update_current_timestamp")                                                             \
  TEMPEST_DETAIL_RULE(Model, i, name, renamed_from_empty, "tempest::renamed_from gives an empty old name")       \
  TEMPEST_DETAIL_RULE(Model, i, name, renamed_from_own_name,                                                     \
                      "tempest::renamed_from gives the column's name now: give the names it had before")         \
  TEMPEST_DETAIL_RULE(Model, i, name, renamed_from_malformed,                                                    \
                      "tempest::renamed_from is given once, with each old name once and at most 4 of them: "     \
                      "renamed_from(\"a\", \"b\")")                                                              \
  TEMPEST_DETAIL_RULE(Model, i, name, renamed_from_shared,                                                       \
                      "another field of the model gives the same old name in tempest::renamed_from")

#define TEMPEST_DETAIL_FIELD_RULES(Model, i, name) TEMPEST_DETAIL_FIELD_RULES_I(Model, i, name)

// The options pass through the preprocessor once (to describe the fields); everything else iterates
// over the names alone. `names` is (~, name0, name1, …).
#define TEMPEST_MODEL(Model, table_name, ...) \
  TEMPEST_DETAIL_MODEL(Model, table_name, (~ TEMPEST_DETAIL_FOR_EACH(TEMPEST_DETAIL_NAME, ~, __VA_ARGS__)), __VA_ARGS__)

#define TEMPEST_DETAIL_MODEL(Model, table_name, names, ...) \
  TEMPEST_DETAIL_MODEL_I(Model, table_name, TEMPEST_DETAIL_COUNT(__VA_ARGS__), (TEMPEST_DETAIL_REST names), __VA_ARGS__)

#define TEMPEST_DETAIL_MODEL_I(Model, table_name, count, names, ...)                                              \
  BOOST_DESCRIBE_STRUCT(Model, (), names)                                                                        \
  template <class Member>                                                                                      \
  [[maybe_unused]] constexpr int tempest_member_index(const Model*, Member member) {                            \
    return ::tempest::detail::member_index(                                                                     \
        member TEMPEST_DETAIL_FOR_EACH(TEMPEST_DETAIL_MEMBER, Model, TEMPEST_DETAIL_UNPAREN names));             \
  }                                                                                                             \
  template <class F>                                                                                           \
  [[maybe_unused]] constexpr void tempest_for_each_member(const Model*, F& f) {                                 \
    ::tempest::detail::call_each(f TEMPEST_DETAIL_FOR_EACH(TEMPEST_DETAIL_MEMBER, Model, TEMPEST_DETAIL_UNPAREN names)); \
  }                                                                                                             \
  [[maybe_unused]] constexpr ::tempest::detail::model_description<count> tempest_model_info(const Model*) {     \
    ::tempest::detail::model_description<count> m{table_name, {}};                                              \
    TEMPEST_DETAIL_FOR_EACH(TEMPEST_DETAIL_DESCRIBE, Model, __VA_ARGS__)                                        \
    return ::tempest::detail::validated(m);                                                                     \
  }                                                                                                             \
  [[maybe_unused]] constexpr bool tempest_model_rules(const Model*) {                                           \
    using enum ::tempest::detail::field_issue;                                                                  \
    constexpr const ::tempest::detail::field_description* f = ::tempest::detail::model_data<Model>.fields.data(); \
    TEMPEST_DETAIL_FOR_EACH(TEMPEST_DETAIL_FIELD_RULES, Model, TEMPEST_DETAIL_UNPAREN names)                     \
    return true;                                                                                                \
  }                                                                                                             \
  static_assert(true)

#define TEMPEST_DETAIL_TABLE_RULE(Model, issue, message)                                                \
  static_assert((::tempest::detail::table_issues<Model>() & ::tempest::detail::issue) == 0, \
                "tempest: model " #Model ": " message);

#define TEMPEST_TABLE_CONSTRAINTS(Model, ...)                                                                   \
  [[maybe_unused]] constexpr auto tempest_table_constraints(const Model*) {                                     \
    return ::tempest::detail::table_items(__VA_ARGS__);                                                         \
  }                                                                                                             \
  TEMPEST_DETAIL_TABLE_RULE(Model, item_unknown,                                                                \
                            "TEMPEST_TABLE_CONSTRAINTS holds something that is not a table-level constraint or " \
                            "option (column options go in TEMPEST_MODEL; a foreign_key(...) needs "             \
                            ".references<&T::field>())")                                                        \
  TEMPEST_DETAIL_TABLE_RULE(Model, member_not_listed,                                                           \
                            "TEMPEST_TABLE_CONSTRAINTS names a member that is not a field listed in TEMPEST_MODEL") \
  TEMPEST_DETAIL_TABLE_RULE(Model, member_of_another_model,                                                     \
                            "TEMPEST_TABLE_CONSTRAINTS names a member of another model")                        \
  TEMPEST_DETAIL_TABLE_RULE(Model, referenced_not_listed,                                                       \
                            "a foreign key references members that are not fields listed in one TEMPEST_MODEL") \
  TEMPEST_DETAIL_TABLE_RULE(Model, check_without_label,                                                         \
                            "a table-level tempest::check(\"sql\") needs a label, check(\"label\", \"sql\"), or a " \
                            "name, check(\"sql\").named(\"...\") or .named(tempest::unnamed)")                  \
  TEMPEST_DETAIL_TABLE_RULE(Model, two_primary_keys, "a table has one primary key")                             \
  TEMPEST_DETAIL_TABLE_RULE(Model, too_many_key_parts, "a key or index has at most 16 parts")                   \
  TEMPEST_DETAIL_TABLE_RULE(Model, prefix_not_positive, "a prefix length must be positive")                     \
  TEMPEST_DETAIL_TABLE_RULE(Model, composite_key_with_field_key,                                                \
                            "a composite primary key excludes primary_key and autoincrement on its fields")     \
  TEMPEST_DETAIL_TABLE_RULE(Model, table_renamed_from_empty, "tempest::renamed_from gives an empty old table name") \
  TEMPEST_DETAIL_TABLE_RULE(Model, table_renamed_from_own_name,                                                 \
                            "tempest::renamed_from gives the table's name now: give the names it had before")   \
  TEMPEST_DETAIL_TABLE_RULE(Model, table_renamed_from_malformed,                                                \
                            "tempest::renamed_from is given once, with each old name once and at most 4 of "    \
                            "them: renamed_from(\"a\", \"b\")")                                                 \
  static_assert(true)

#define TEMPEST_DETAIL_CONVENTION_RULE(...)                                                                    \
  static_assert(::tempest::naming::valid(__VA_ARGS__),                                                         \
                "tempest: naming convention: a pattern uses a token other than {table}, {columns}, {column}, " \
                "{referred_table} and {label}, or leaves a brace open")

#define TEMPEST_NAMING_CONVENTION(...)                                                                        \
  template <class Model>                                                                                     \
  [[maybe_unused]] constexpr ::tempest::naming::convention tempest_naming_convention(const Model*) {          \
    return __VA_ARGS__;                                                                                      \
  }                                                                                                           \
  TEMPEST_DETAIL_CONVENTION_RULE(__VA_ARGS__)

#define TEMPEST_MODEL_NAMING_CONVENTION(Model, ...)                                                          \
  [[maybe_unused]] constexpr ::tempest::naming::convention tempest_naming_convention(const Model*) {          \
    return __VA_ARGS__;                                                                                      \
  }                                                                                                           \
  TEMPEST_DETAIL_CONVENTION_RULE(__VA_ARGS__)
