#include <catch2/catch.hpp>

#include <limits>

#include <tempest/ops/apply.hpp>
#include <tempest/ops/canonical.hpp>
#include <tempest/ops/inverse.hpp>

#include "models/blog.hpp"

using namespace tempest;

namespace {

column int_column(std::string name, bool nullable = false) {
  return {std::move(name), column_type::of(type_kind::int32), nullable};
}

// Applies `o`, its inverse, and `o` again: the inverse restores the start, and up again lands
// where up did.
void check_round_trip(const schema& start, operation o) {
  INFO(canonical_text(o));
  schema s = start;
  operation up = o;
  apply(s, up);
  const schema after_up = s;
  CHECK(s != start);
  operation back = inverse(up);
  apply(s, back);
  CHECK(s == start);
  operation again = o;
  apply(s, again);
  CHECK(s == after_up);
}

}  // namespace

TEST_CASE("ops: every operation is undone by its inverse") {
  const schema blog_schema = blog::schema();
  check_round_trip(blog_schema, op::drop_table{"order"});
  check_round_trip(blog_schema, op::rename_table{"tags", "labels"});
  check_round_trip(blog_schema, op::add_column{"tags", int_column("weight", true)});
  check_round_trip(blog_schema, op::drop_column{"posts", "weight"});
  check_round_trip(blog_schema, op::alter_column{"posts", "title", column_type::text(), true,
                                                 std::optional<column_default>{}, {}});
  check_round_trip(blog_schema, op::rename_column{"posts", "id", "post_id"});
  check_round_trip(blog_schema, op::create_index{"posts", {"ix_posts_title", {"title"}, false}});
  check_round_trip(blog_schema, op::drop_index{"users", "ix_users_name_active"});
  check_round_trip(blog_schema, op::drop_foreign_key{"comments", "fk_comments_parent_id_comments"});
  check_round_trip(blog_schema,
                   op::add_foreign_key{"order", {"fk_order_select_tags", {"select"}, "tags", {"id"}, fk_action::cascade}});
  check_round_trip(blog_schema, op::add_check{"tags", {"ck_tags_label", "label <> ''", {}, {}}});
  check_round_trip(blog_schema, op::drop_check{"posts", "ck_posts_status"});
  check_round_trip(schema{}, op::create_table{*blog_schema.find_table("tags")});
}

TEST_CASE("ops: a column dropped from the middle comes back last") {
  // Databases append added columns (none but MySQL can place one), so the IR does the same.
  schema s = blog::schema();
  operation drop = op::drop_column{"posts", "body"};
  apply(s, drop);
  operation back = inverse(drop);
  apply(s, back);
  CHECK(s.find_table("posts")->columns.back().name == "body");
  CHECK(s.find_table("posts")->columns.size() == blog::schema().find_table("posts")->columns.size());
}

TEST_CASE("ops: renames follow into keys, indexes and foreign keys of other tables") {
  schema s = blog::schema();
  operation rename = op::rename_column{"posts", "id", "post_id"};
  apply(s, rename);
  CHECK(s.find_table("posts")->key->columns == std::vector<std::string>{"post_id"});
  CHECK(s.find_table("comments")->foreign_keys[1].referenced_columns == std::vector<std::string>{"post_id"});
  operation rename_table = op::rename_table{"users", "people"};
  apply(s, rename_table);
  CHECK(s.find_table("posts")->foreign_keys[0].referenced_table == "people");
}

TEST_CASE("ops: impossible operations are refused with the names involved") {
  schema s = blog::schema();
  auto refuse = [&](operation o, std::string_view expected) {
    schema copy = s;
    CHECK_THROWS_WITH(apply(copy, o), Catch::Contains(std::string(expected)));
    CHECK(copy == s);  // nothing half-applied
  };
  refuse(op::create_table{table{"users", {int_column("x")}}}, "create_table: table \"users\" already exists");
  refuse(op::drop_table{"nope"}, "drop_table: table \"nope\" does not exist");
  refuse(op::drop_table{"users"}, "drop_table: table \"users\" is referenced by foreign key");
  refuse(op::add_column{"users", int_column("email")}, "column \"users\".\"email\" already exists");
  refuse(op::drop_column{"users", "email"}, "is used by index uq_users_email");
  refuse(op::drop_column{"posts", "author_id"}, "used by index ix_posts_author_id");
  refuse(op::drop_column{"roles", "id"}, "used by primary key pk_roles");
  refuse(op::drop_column{"posts", "status"}, "used by check ck_posts_status");
  refuse(op::rename_column{"users", "name", "email"}, "column \"users\".\"email\" already exists");
  refuse(op::create_index{"users", {"ix_x", {"missing"}, false}}, "column \"users\".\"missing\" does not exist");
  refuse(op::add_foreign_key{"users", {"fk_x", {"role_id"}, "missing", {"id"}}}, "table \"missing\" does not exist");
  refuse(op::insert_rows{"roles", {"id", "name"}, {{1LL}}}, "a row has 1 values for 2 columns");
}

TEST_CASE("ops: literals that cannot be written into SQL are refused, naming the table and column") {
  schema s = blog::schema();
  auto refuse = [&](operation o, std::string_view expected) {
    schema copy = s;
    CHECK_THROWS_WITH(apply(copy, o), Catch::Contains(std::string(expected)));
    CHECK(copy == s);
  };
  auto injected = column_default::literal("0; DROP TABLE victim; --");
  column amount{"amount", column_type::numeric(10, 2), false, injected};
  refuse(op::create_table{table{"prices", {int_column("id"), amount}}},
         "create_table: column \"prices\".\"amount\": default '0; DROP TABLE victim; --' is not a number");
  refuse(op::add_column{"posts", amount}, "add_column: column \"posts\".\"amount\": default '0; DROP TABLE victim; --'");
  refuse(op::alter_column{"posts", "rating", {}, {}, injected, {}},
         "alter_column: column \"posts\".\"rating\": default '0; DROP TABLE victim; --' is not a number");
  refuse(op::alter_column{"posts", "score", {}, {}, column_default::literal("NaN"), {}},
         "alter_column: column \"posts\".\"score\": default 'NaN' is NaN or an infinity");
  refuse(op::alter_column{"posts", "priority", {}, {}, column_default::literal("40000"), {}},
         "default '40000' is out of range for a 16-bit integer");
  // A new type makes the old default a number or not: posts.title defaults to 'untitled'.
  refuse(op::alter_column{"posts", "title", column_type::of(type_kind::int32), {}, {}, {}},
         "alter_column: column \"posts\".\"title\": default 'untitled' is not an integer");
  refuse(op::create_table{table{"t", {{"c", column_type::text(), true, column_default::literal(std::string("a\0", 2))}}}},
         "create_table: column \"t\".\"c\": default 'a\\0' contains a NUL byte");
  refuse(op::add_check{"tags", {"ck_tags_label", {}, "label", {"ok", std::string("b\0d", 3)}}},
         "add_check: check \"ck_tags_label\" on column \"tags\".\"label\": allowed value 'b\\0d' contains a NUL byte");
  table with_check{"t", {{"c", column_type::text(), true}}};
  with_check.checks = {{"ck_t_c", {}, "c", {std::string(1, '\0')}}};
  refuse(op::create_table{with_check}, "create_table: check \"ck_t_c\" on column \"t\".\"c\"");
  refuse(op::insert_rows{"roles", {"id", "name"}, {{1LL, std::string("ok")}, {2LL, std::string("a\0b", 3)}}},
         "insert_rows: column \"roles\".\"name\", row 2: value 'a\\0b' contains a NUL byte");
  refuse(op::insert_rows{"posts", {"id", "score"}, {{1LL, std::numeric_limits<double>::infinity()}}},
         "insert_rows: column \"posts\".\"score\", row 1: value inf is NaN or an infinity");
  refuse(op::delete_rows{"posts", {"id", "weight"}, {{1LL, 1e39}}},
         "delete_rows: column \"posts\".\"weight\", row 1: value 1e+39 is out of range for a 32-bit float");
  // What can be written passes.
  schema copy = s;
  operation fine = op::alter_column{"posts", "rating", {}, {}, column_default::literal("-1.5e2"), {}};
  CHECK_NOTHROW(apply(copy, fine));
  operation rows = op::insert_rows{"roles", {"id", "name"}, {{1LL, std::string("'); DROP TABLE victim; --\\")}}};
  CHECK_NOTHROW(apply(copy, rows));
}

TEST_CASE("ops: a drop records what it dropped; raw SQL without down is irreversible") {
  schema s = blog::schema();
  operation drop = op::drop_column{"posts", "body", {}};
  apply(s, drop);
  REQUIRE(std::get<op::drop_column>(drop).dropped);
  CHECK(std::get<op::drop_column>(drop).dropped->type == column_type::text());
  CHECK_THROWS_AS(inverse(op::drop_column{"posts", "body", {}}), irreversible_error);
  CHECK_THROWS_AS(inverse(op::raw_sql{"UPDATE x SET y = 1", std::nullopt, std::nullopt}), irreversible_error);
  CHECK(inverse(op::raw_sql{"a", "b", std::nullopt}) == operation{op::raw_sql{"b", "a", std::nullopt}});
  CHECK(inverse(op::insert_rows{"roles", {"id"}, {{1LL}}}) == operation{op::delete_rows{"roles", {"id"}, {{1LL}}}});
}

TEST_CASE("ops: canonical text and checksums are pinned") {
  std::vector<operation> operations{
      op::create_table{*blog::schema().find_table("tags")},
      op::add_column{"tags", {"weight", column_type::of(type_kind::float64), true, column_default::literal("0.5")}},
      op::raw_sql{"UPDATE tags SET weight = 1", std::nullopt, dialect_kind::postgresql},
      op::insert_rows{"tags", {"id", "label"}, {{1LL, std::string("news")}, {2LL, std::monostate{}}}},
  };
  CHECK(canonical_text(operations[1]) ==
        "add_column(4:tagscolumn(6:weighttype(7:float64nnn0:)tliteral(3:0.5)f))");
  CHECK(canonical_text(operations[2]) == "raw_sql(26:UPDATE tags SET weight = 1n10:postgresql)");
  // Strings carry their length, so no text can pass for another's.
  CHECK(canonical_text(operation{op::rename_table{"a)b", "c"}}) != canonical_text(operation{op::rename_table{"a", ")bc"}}));
  // These values must never change: every applied migration's recorded checksum depends on them.
  CHECK(checksum_of("") == "cbf29ce484222325");
  CHECK(checksum_of(canonical_text(operations)) == "e1cc933760f00a17");
}
