#pragma once
// Small hand-built tables for the exact-SQL renderer tests.

#include <tempest/schema/schema.hpp>

namespace fixtures {

// Every logical type, a default of each kind, an autoincrement key and an enum-style check.
inline tempest::table every_type() {
  using namespace tempest;
  table t;
  t.name = "things";
  t.columns = {
      {"id", column_type::of(type_kind::int64), false, std::nullopt, true},
      {"flag", column_type::of(type_kind::boolean), false, column_default::literal("true"), false},
      {"small", column_type::of(type_kind::int16), true, std::nullopt, false},
      {"medium", column_type::of(type_kind::int32), false, column_default::literal("-7"), false},
      {"f32", column_type::of(type_kind::float32), true, std::nullopt, false},
      {"f64", column_type::of(type_kind::float64), true, std::nullopt, false},
      {"price", column_type::numeric(10, 2), false, column_default::literal("9.5"), false},
      {"code", column_type::varchar(20), false, column_default::literal("it's"), false},
      {"notes", column_type::text(), true, std::nullopt, false},
      {"day", column_type::of(type_kind::date), true, std::nullopt, false},
      {"at", column_type::of(type_kind::timestamp), false, column_default::expression("CURRENT_TIMESTAMP"), false},
      {"data", column_type::of(type_kind::blob), true, std::nullopt, false},
      {"vec", column_type::sql("vector(3)"), true, std::nullopt, false},
  };
  t.key = primary_key_def{"pk_things", {"id"}};
  t.indexes = {{"ix_things_code_day", {"code", "day"}, false}, {"uq_things_code", {"code"}, true}};
  t.checks = {{"ck_things_code", {}, "code", {"a", "b'c"}}};
  return t;
}

// Names that must be quoted: reserved words, quotes of every kind, spaces, non-ASCII letters.
inline tempest::table awkward_names() {
  using namespace tempest;
  table t;
  t.name = "order";
  t.columns = {
      {"group", column_type::of(type_kind::int32), false, std::nullopt, false},
      {"a\"b`c'd", column_type::varchar(5), true, std::nullopt, false},
      {"größe x", column_type::of(type_kind::int64), true, std::nullopt, false},
  };
  t.key = primary_key_def{"pk_order", {"group"}};
  t.foreign_keys = {{"fk_order_größe x_user", {"größe x"}, "user", {"id"}, fk_action::set_null, fk_action::cascade}};
  return t;
}

}  // namespace fixtures
