// The names PostgreSQL gives unnamed constraints, as stored_form() predicts them: worked out by hand
// for the truncation rules, and compared with what a live server chooses.
#include <catch2/catch.hpp>

#include <tempest/dialect/postgresql.hpp>
#include <tempest/introspect/introspect.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "support/database.hpp"

using namespace tempest;
namespace names = tempest::postgresql_names;

TEST_CASE("postgresql names: name1_name2_label, the longer name cut first, the label never") {
  CHECK(naming::postgresql_object_name("track", std::nullopt, "pkey") == "track_pkey");
  CHECK(naming::postgresql_object_name("track", std::string_view("album_id"), "fkey") == "track_album_id_fkey");
  // 60 + 10 bytes and "_…_fkey" (6) are 76: the 60 lose 13 and stop at 47, the 10 stay.
  CHECK(naming::postgresql_object_name(std::string(60, 'a'), std::string_view("bbbbbbbbbb"), "fkey") ==
        std::string(47, 'a') + "_bbbbbbbbbb_fkey");
  // 40 + 40 must fit 58 (63 less "_" and "_key"): each loses 11, the second first on a tie.
  CHECK(naming::postgresql_object_name(std::string(40, 'a'), std::string_view(std::string(40, 'b')), "key") ==
        std::string(29, 'a') + "_" + std::string(29, 'b') + "_key");
  // A name is never cut inside a UTF-8 character: 'a' and 31 two-byte 'ü' are 63 bytes; 58 would
  // end inside a 'ü', so 57 are kept.
  std::string umlauts = "a";
  for (int i = 0; i < 31; ++i) umlauts += "ü";
  std::string kept = "a";
  for (int i = 0; i < 28; ++i) kept += "ü";
  CHECK(naming::postgresql_object_name(umlauts, std::nullopt, "pkey") == kept + "_pkey");
  CHECK(naming::postgresql_column_part({"a", "b", "c"}) == "a_b_c");
  CHECK(names::choose("t", std::string_view("a"), "check", {"t_a_check", "t_a_check1"}) == "t_a_check2");
}

TEST_CASE("postgresql names: the columns a check names") {
  table t{"t", {{"price", column_type::of(type_kind::int32)},
                {"Weird Col", column_type::of(type_kind::int32)},
                {"length", column_type::text()}}};
  CHECK(names::columns_in(t, "price > 0") == std::vector<std::string>{"price"});
  CHECK(names::columns_in(t, "(PRICE > 0) AND price < 10") == std::vector<std::string>{"price"});
  CHECK(names::columns_in(t, "\"Weird Col\" > price") == std::vector<std::string>{"Weird Col", "price"});
  CHECK(names::columns_in(t, "length(length) > 0") == std::vector<std::string>{"length"});  // a call is not a column
  CHECK(names::columns_in(t, "price::text <> 'price'") == std::vector<std::string>{"price"});
  CHECK(names::columns_in(t, "E'price\\' price' <> ''").empty());
  CHECK(names::columns_in(t, "x::length > 0").empty());  // after :: comes a type
}

namespace {
// Tables as another database's introspection gives them: nothing is named.
schema unnamed_schema() {
  schema s;
  const std::string long_table(63, 't');  // the longest name PostgreSQL keeps
  std::string german;                     // 62 bytes of two-byte letters
  for (int i = 0; i < 31; ++i) german += "ä";
  table parent{"parent", {{"id", column_type::of(type_kind::int32)}, {"code", column_type::varchar(10)}}};
  parent.key = primary_key_def{"", {"id"}};
  parent.indexes = {{"", {"code"}, true}};

  table child{"child",
              {{"id", column_type::of(type_kind::int64)},
               {"parent_id", column_type::of(type_kind::int32), true},
               {"other_parent_id", column_type::of(type_kind::int32), true},
               {"status", column_type::varchar(10)},
               {"Weird Col", column_type::of(type_kind::int32)}}};
  child.key = primary_key_def{"", {"id"}};
  child.foreign_keys = {{"", {"parent_id"}, "parent", {"id"}}, {"", {"other_parent_id"}, "parent", {"id"}},
                        {"", {"parent_id", "other_parent_id"}, "pair", {"a", "b"}}};
  child.checks = {{"", "status <> ''", {}, {}},
                  {"", "length(status) < 9", {}, {}},
                  {"", "\"Weird Col\" > 0", {}, {}},
                  {"", "parent_id <> other_parent_id", {}, {}},
                  {"", {}, "status", {"new", "done"}}};
  child.indexes = {{"", {"status", "Weird Col"}, true}};

  table pair{"pair", {{"a", column_type::of(type_kind::int32)}, {"b", column_type::of(type_kind::int32)}}};
  pair.key = primary_key_def{"", {"a", "b"}};

  table longest{long_table,
                {{"id", column_type::of(type_kind::int32)},
                 {std::string(40, 'c'), column_type::of(type_kind::int32)},
                 {std::string(40, 'd'), column_type::of(type_kind::int32)}}};
  longest.key = primary_key_def{"", {"id"}};
  longest.indexes = {{"", {std::string(40, 'c'), std::string(40, 'd')}, true}};
  longest.foreign_keys = {{"", {std::string(40, 'c')}, "parent", {"id"}}};
  longest.checks = {{"", std::string(40, 'd') + " > 0", {}, {}}};

  table umlauts{german, {{"größe", column_type::of(type_kind::int32)}}};
  umlauts.key = primary_key_def{"", {"größe"}};
  umlauts.checks = {{"", "größe > 0", {}, {}}};

  s.tables = {parent, child, pair, longest, umlauts};
  return s;
}
}  // namespace

TEST_CASE("postgresql names: stored_form names unnamed constraints as the server does", "[postgresql]") {
  connection db(tempest_test::fresh_database("postgresql"));
  auto target = unnamed_schema();
  create_schema(db, target);
  auto live = introspect(db);
  auto predicted = db.sql_dialect().stored_form(target);
  INFO("live:\n" << fmt::format("{}", live) << "\npredicted:\n" << fmt::format("{}", predicted));
  CHECK(live == predicted);
  // The names themselves, as psql lists them for this schema.
  const table& child = *predicted.find_table("child");
  std::vector<std::string> checks;
  for (const auto& ck : child.checks) checks.push_back(ck.name);
  CHECK(checks == std::vector<std::string>{"child_Weird Col_check", "child_check", "child_status_check",
                                           "child_status_check1", "child_status_check2"});
  std::vector<std::string> foreign_keys;
  for (const auto& fk : child.foreign_keys) foreign_keys.push_back(fk.name);
  CHECK(foreign_keys == std::vector<std::string>{"child_other_parent_id_fkey", "child_parent_id_fkey",
                                                 "child_parent_id_other_parent_id_fkey"});
  CHECK(child.indexes.at(0).name == "child_status_Weird Col_key");
}
