#pragma once
// TEMPEST_MODEL(Struct, "table", (field, options...)...) describes a struct as a table. Place it in
// the struct's namespace, after the struct (like BOOST_DESCRIBE_STRUCT, which it also expands to):
//
//   TEMPEST_MODEL(User, "users",
//     (id,    tempest::primary_key, tempest::autoincrement),
//     (name,  tempest::length(100)),
//     (email, tempest::unique));
//
// Each field gets static_asserts whose messages name the model and the field. A model lists at most
// 52 fields (Boost.Describe's limit).
//
// TEMPEST_TABLE_CONSTRAINTS(Struct, constraints...) adds table-level constraints: a composite
// tempest::primary_key(&S::a, &S::b), tempest::index([name,] &S::a, &S::b), tempest::unique(...),
// tempest::check("label", "sql expression"). It must follow TEMPEST_MODEL, before any use of the model.

#include <boost/describe/class.hpp>
#include <boost/preprocessor/punctuation/remove_parens.hpp>
#include <boost/preprocessor/seq/enum.hpp>
#include <boost/preprocessor/seq/for_each.hpp>
#include <boost/preprocessor/seq/for_each_i.hpp>
#include <boost/preprocessor/seq/transform.hpp>
#include <boost/preprocessor/tuple/elem.hpp>
#include <boost/preprocessor/tuple/push_front.hpp>
#include <boost/preprocessor/variadic/to_seq.hpp>

#include "tempest/model/model_info.hpp"
#include "tempest/model/rules.hpp"

#define TEMPEST_DETAIL_APPLY(macro, args) macro args
#define TEMPEST_DETAIL_FIELD_NAME(s, data, elem) BOOST_PP_TUPLE_ELEM(0, elem)

#define TEMPEST_DETAIL_FIELD_INFO_I(Model, name, ...) \
  , ::tempest::detail::make_field<&Model::name>(#name __VA_OPT__(, ) __VA_ARGS__)
#define TEMPEST_DETAIL_FIELD_INFO(r, Model, elem) \
  TEMPEST_DETAIL_APPLY(TEMPEST_DETAIL_FIELD_INFO_I, BOOST_PP_TUPLE_PUSH_FRONT(elem, Model))

#define TEMPEST_DETAIL_RULE(Model, i, name, rule, message)                      \
  static_assert(::tempest::detail::field_rules<Model, i>::rule, "tempest: model " #Model ", field " #name \
                                                                ": " message);

#define TEMPEST_DETAIL_FIELD_RULES_I(Model, i, name)                                                             \
  TEMPEST_DETAIL_RULE(Model, i, name, options_known,                                                             \
                      "an option is not a column option (table-level ones go in TEMPEST_TABLE_CONSTRAINTS)")     \
  TEMPEST_DETAIL_RULE(Model, i, name, enum_described,                                                            \
                      "an enum field needs BOOST_DESCRIBE_ENUM so its values can be stored by name")             \
  TEMPEST_DETAIL_RULE(Model, i, name, type_supported,                                                            \
                      "no column type for this C++ type; give one with tempest::sql_type(\"...\")")              \
  TEMPEST_DETAIL_RULE(Model, i, name, autoincrement_on_integer,                                                  \
                      "autoincrement applies only to a non-optional integer field")                              \
  TEMPEST_DETAIL_RULE(Model, i, name, autoincrement_on_sole_key,                                                 \
                      "autoincrement applies only to the table's single-column primary key")                     \
  TEMPEST_DETAIL_RULE(Model, i, name, single_autoincrement, "a table can have only one autoincrement field")     \
  TEMPEST_DETAIL_RULE(Model, i, name, length_on_string, "tempest::length applies only to std::string fields")    \
  TEMPEST_DETAIL_RULE(Model, i, name, length_positive, "tempest::length must be positive")                       \
  TEMPEST_DETAIL_RULE(Model, i, name, precision_on_decimal,                                                      \
                      "tempest::precision applies only to tempest::decimal fields")                              \
  TEMPEST_DETAIL_RULE(Model, i, name, decimal_has_precision,                                                     \
                      "a tempest::decimal field needs tempest::precision(digits, scale)")                        \
  TEMPEST_DETAIL_RULE(Model, i, name, default_type_matches,                                                      \
                      "the type of tempest::default_value does not match the field's type")                      \
  TEMPEST_DETAIL_RULE(Model, i, name, default_is_number,                                                         \
                      "tempest::default_value of a numeric field must be a number: digits with an optional sign, " \
                      "fraction and exponent")                                                                   \
  TEMPEST_DETAIL_RULE(Model, i, name, default_is_finite, "tempest::default_value cannot be NaN or an infinity")   \
  TEMPEST_DETAIL_RULE(Model, i, name, default_in_range,                                                          \
                      "tempest::default_value is out of range for the field's type")                             \
  TEMPEST_DETAIL_RULE(Model, i, name, default_without_nul, "tempest::default_value cannot contain a NUL byte")   \
  TEMPEST_DETAIL_RULE(Model, i, name, single_default, "give either default_value or default_sql, not both")      \
  TEMPEST_DETAIL_RULE(Model, i, name, reference_targets_model,                                                   \
                      "tempest::references names a field of a struct that has no TEMPEST_MODEL")                 \
  TEMPEST_DETAIL_RULE(Model, i, name, reference_type_matches,                                                    \
                      "tempest::references names a field of another type")                                       \
  TEMPEST_DETAIL_RULE(Model, i, name, set_null_on_nullable,                                                      \
                      "a set_null foreign key action needs a std::optional field")                               \
  TEMPEST_DETAIL_RULE(Model, i, name, column_name_unique, "another field of the model has the same column name")

#define TEMPEST_DETAIL_FIELD_RULES(r, Model, i, elem) \
  TEMPEST_DETAIL_FIELD_RULES_I(Model, i, BOOST_PP_TUPLE_ELEM(0, elem))

#define TEMPEST_DETAIL_FIELD_SEQ(...) BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__)

#define TEMPEST_MODEL(Model, table_name, ...)                                                                   \
  BOOST_DESCRIBE_STRUCT(Model, (),                                                                              \
                        (BOOST_PP_SEQ_ENUM(BOOST_PP_SEQ_TRANSFORM(TEMPEST_DETAIL_FIELD_NAME, ~,                  \
                                                                  TEMPEST_DETAIL_FIELD_SEQ(__VA_ARGS__)))))      \
  [[maybe_unused]] constexpr auto tempest_model_info(const Model*) {                                            \
    return ::tempest::detail::make_model_info<Model>(                                                           \
        table_name BOOST_PP_SEQ_FOR_EACH(TEMPEST_DETAIL_FIELD_INFO, Model, TEMPEST_DETAIL_FIELD_SEQ(__VA_ARGS__))); \
  }                                                                                                             \
  BOOST_PP_SEQ_FOR_EACH_I(TEMPEST_DETAIL_FIELD_RULES, Model, TEMPEST_DETAIL_FIELD_SEQ(__VA_ARGS__))             \
  static_assert(true)

#define TEMPEST_TABLE_CONSTRAINTS(Model, ...)                                                               \
  [[maybe_unused]] constexpr auto tempest_table_constraints(const Model*) { return std::tuple{__VA_ARGS__}; } \
  static_assert(::tempest::detail::table_constraints_valid<Model>(),                                        \
                "tempest: model " #Model                                                                    \
                ": TEMPEST_TABLE_CONSTRAINTS names a member that is not a field listed in TEMPEST_MODEL"); \
  static_assert(::tempest::detail::field_level_key_free<Model>(),                                         \
                "tempest: model " #Model                                                                    \
                ": a composite primary key excludes primary_key and autoincrement on its fields")
