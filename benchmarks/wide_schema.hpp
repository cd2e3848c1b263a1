#pragma once
// The wide schema the introspection and drift benchmarks read: N tables of 10 columns, each with an
// index, a unique and a foreign key.

#include <fmt/format.h>

#include <tempest/migrations.hpp>

namespace bench {

// t0000…: id, parent_id (a foreign key to the table before, the first to itself) and 8 more columns
// of several types; an index on name, a unique on code.
inline tempest::schema wide_schema(int count) {
  using namespace tempest;
  schema s;
  for (int i = 0; i < count; ++i) {
    table t{fmt::format("t{:04}", i),
            {{"id", column_type::of(type_kind::int64), false, std::nullopt, true},
             {"parent_id", column_type::of(type_kind::int64), true},
             {"name", column_type::varchar(100)},
             {"code", column_type::varchar(20)},
             {"quantity", column_type::of(type_kind::int32), false, column_default::literal("0")},
             {"price", column_type::numeric(10, 2), true},
             {"active", column_type::of(type_kind::boolean), false, column_default::literal("true")},
             {"created_on", column_type::of(type_kind::date), true},
             {"notes", column_type::text(), true},
             {"ratio", column_type::of(type_kind::float64), true}}};
    t.key = primary_key_def{naming::primary_key(t.name), {"id"}};
    t.indexes = {{naming::index(t.name, {"name"}), {"name"}, false}, {naming::unique(t.name, {"code"}), {"code"}, true}};
    std::string parent = i == 0 ? t.name : fmt::format("t{:04}", i - 1);
    t.foreign_keys = {{naming::foreign_key(t.name, {"parent_id"}, parent), {"parent_id"}, parent, {"id"}}};
    s.tables.push_back(std::move(t));
  }
  s.normalise();
  return s;
}

}  // namespace bench
