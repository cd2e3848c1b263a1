#pragma once
// The schema pairs (current, target) whose migrations the fixture generator (generate.cpp) writes
// at build time and codegen_roundtrip.cpp compiles and applies: random pairs of the round-trip
// generator for each dialect, and pairs written out with hostile names and values.

#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/diff/diff.hpp"

#include "support/random_schema.hpp"
#include "support/schema_parts.hpp"

namespace codegen_fixture {

struct pair_case {
  std::string name;
  tempest::dialect_kind dialect;
  tempest::schema current, target;

  std::vector<tempest::operation> plan() const {
    tempest::diff_options options;
    options.dialect = dialect;
    return diff(current, target, options).operations();
  }
};

inline constexpr int seeds_per_dialect = 14;

namespace detail {

using namespace tempest;
using tempest_test::col;
using tempest_test::schema_of;

// A table whose every name needs quoting in SQL and escaping in C++.
inline table hostile_table(dialect_kind kind) {
  table t;
  t.name = "select";
  t.columns = {col("id", column_type::of(type_kind::int64)), col("it's", column_type::varchar(40), false, "x'y"),
               col("a \"b\"", column_type::text(), true), col("größe", column_type::numeric(10, 2), false, "1.5"),
               col("what?" "?=", column_type::of(type_kind::boolean), false, "true")};
  if (kind == dialect_kind::mysql) t.columns[2].type = column_type::varchar(100);  // MySQL: no default on TEXT anyway
  t.columns[0].autoincrement = true;
  t.key = primary_key_def{kind == dialect_kind::sqlite ? "" : "pk_select", {"id"}};
  t.indexes = {{"uq it's", {"it's"}, true}, {"ix_select_größe", {"größe"}, false}};
  t.checks = {{kind == dialect_kind::sqlite ? "" : "ck_select_größe", kind == dialect_kind::mysql ? "`größe` >= 0" : "\"größe\" >= 0", {}, {}}};
  t.normalise();
  return t;
}

inline std::vector<pair_case> hostile_cases(dialect_kind kind) {
  const auto dialect_name = std::string(to_string(kind));
  std::vector<pair_case> out;
  table hostile = hostile_table(kind);
  out.push_back({dialect_name + " hostile names created", kind, schema_of({}), schema_of({hostile})});

  // Changes to it: a column added with a default holding a quote, a backslash and a line break, a
  // type widened, an index, a foreign key and a check added, a column renamed by a hint.
  table parent;
  parent.name = "größe table";
  parent.columns = {col("key", column_type::of(type_kind::int64))};
  parent.key = primary_key_def{kind == dialect_kind::sqlite ? "" : "pk_größe table", {"key"}};
  table changed = hostile;
  changed.columns[1].type = column_type::varchar(80);
  changed.columns.push_back(col("note", column_type::varchar(30), false, "it's \\ a\nnote"));
  changed.columns.push_back(col("parent", column_type::of(type_kind::int64), true));
  changed.columns[2].name = "a \"c\"";
  changed.indexes.push_back({"ix note", {"note"}, false});
  changed.foreign_keys.push_back({kind == dialect_kind::sqlite ? "" : "fk parent", {"parent"}, "größe table", {"key"},
                                  fk_action::set_null, fk_action::no_action});
  changed.checks.push_back({kind == dialect_kind::sqlite ? "" : "ck_select_note", kind == dialect_kind::mysql ? "`note` <> 'x'" : "\"note\" <> 'x'", {}, {}});
  changed.normalise();
  auto target = schema_of({parent, changed}, {{"select", "a \"c\"", "a \"b\""}});
  out.push_back({dialect_name + " hostile names changed", kind, schema_of({parent, hostile}), target});

  // What only some databases hold.
  if (kind == dialect_kind::postgresql) {
    table t;
    t.name = "events";
    t.columns = {col("id", column_type::of(type_kind::int64)), col("mood", column_type::enumeration_of("mood", {"ok", "it's"})),
                 col("owner", column_type::of(type_kind::int64), true), col("at", column_type::of(type_kind::timestamp), false),
                 col("label", column_type::text(), true)};
    t.columns[0].autoincrement = true;
    t.columns[0].identity = identity_kind::always;
    t.columns[3].default_value = column_default::expression("CURRENT_TIMESTAMP");
    t.key = primary_key_def{"events_pkey", {"id"}};
    t.indexes = {{"ix_events_lower", {"lower(label)"}, false, {{.expression = true}}, ""},
                 {"ix_events_owner", {"owner"}, false, {{.descending = true}}, "(owner IS NOT NULL)"}};
    t.foreign_keys = {{"events_owner_fkey", {"owner"}, "events", {"id"}, fk_action::cascade, fk_action::no_action,
                       deferrability::initially_deferred}};
    t.normalise();
    schema s = schema_of({t});
    s.enum_types = {{"mood", {"ok", "it's"}}};
    out.push_back({"postgresql enum, identity, expression and partial indexes, deferrable", kind, schema_of({}), s});
    schema wider = s;
    wider.enum_types[0].values.push_back("größe");
    wider.tables[0].columns[1].type.values.push_back("größe");
    wider.tables[0].columns.push_back(col("extra", column_type::sql("int4range"), true));
    out.push_back({"postgresql enum value added, custom type", kind, s, wider});
  }
  if (kind == dialect_kind::mysql) {
    table t;
    t.name = "stamps";
    t.columns = {col("id", column_type::unsigned_of(type_kind::int32)), col("at", column_type::of(type_kind::timestamp)),
                 col("name", column_type::varchar(20), true)};
    t.columns[0].autoincrement = true;
    t.columns[1].default_value = column_default::expression("current_timestamp()");
    t.columns[1].on_update = "current_timestamp()";
    t.columns[2].collation = "utf8mb4_bin";
    t.key = primary_key_def{"PRIMARY", {"id"}};
    t.collation = "utf8mb4_unicode_ci";
    t.normalise();
    out.push_back({"mysql unsigned, on update, collations", kind, schema_of({}), schema_of({t})});
  }
  if (kind == dialect_kind::sqlite) {
    table t;
    t.name = "strict one";
    t.columns = {col("k", column_type::text()), col("v", column_type::of(type_kind::int64), true)};  // an integer key would be the rowid
    t.key = primary_key_def{"", {"k"}};
    t.strict = true;
    table rowless = t;
    rowless.without_rowid = true;
    out.push_back({"sqlite strict, then without rowid", kind, schema_of({}), schema_of({t})});
    out.push_back({"sqlite without rowid", kind, schema_of({t}), schema_of({rowless})});
  }
  return out;
}

}  // namespace detail

// The cases, in the order of the fixture's registry.
inline std::vector<pair_case> cases() {
  std::vector<pair_case> out;
  for (auto kind : {tempest::dialect_kind::sqlite, tempest::dialect_kind::postgresql, tempest::dialect_kind::mysql}) {
    for (int seed = 1; seed <= seeds_per_dialect; ++seed) {
      auto p = tempest_test::random_schema::generate(static_cast<std::uint64_t>(seed), {.dialect = kind});
      out.push_back({fmt::format("{} seed {}", to_string(kind), seed), kind, p.current, p.target});
    }
    for (auto& c : detail::hostile_cases(kind)) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace codegen_fixture
