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

namespace {

// The blog schema with an enum type "mood" and a column of it, tags.mood.
schema with_mood() {
  schema s = blog::schema();
  s.enum_types.push_back({"mood", {"sad", "ok"}});
  s.find_table("tags")->columns.push_back(
      {"mood", column_type::enumeration_of("mood", {"sad", "ok"}), false, column_default::literal("ok")});
  return s;
}

}  // namespace

TEST_CASE("ops: keys, renames, table options and enum types are undone by their inverse") {
  const schema blog_schema = blog::schema();
  schema keyless = blog_schema;
  keyless.find_table("order")->key.reset();
  check_round_trip(keyless, op::add_primary_key{"order", {"pk_order_id", {"id"}}});
  check_round_trip(blog_schema, op::drop_primary_key{"order"});
  check_round_trip(blog_schema, op::rename_index{"tags", "uq_tags_label", "uq_tags_name"});
  check_round_trip(blog_schema, op::rename_constraint{"comments", op::constraint_kind::foreign_key,
                                                      "fk_comments_parent_id_comments", "fk_comments_parent"});
  check_round_trip(blog_schema, op::rename_constraint{"posts", op::constraint_kind::check, "ck_posts_status", "ck_state"});
  check_round_trip(blog_schema, op::rename_constraint{"tags", op::constraint_kind::primary_key, "pk_tags", ""});
  check_round_trip(blog_schema, op::alter_table_options{"tags", "utf8mb4_bin", false, false, {}});
  check_round_trip(blog_schema, op::alter_table_options{"tags", "", true, true, {}});
  check_round_trip(blog_schema, op::create_enum_type{{"mood", {"sad", "ok"}}});
  schema unused_mood = blog_schema;
  unused_mood.enum_types.push_back({"mood", {"sad"}});
  check_round_trip(unused_mood, op::drop_enum_type{"mood"});
  check_round_trip(with_mood(), op::alter_enum_type{"mood", {"happy", "ok", "sad"}});
  column title{"title", column_type::text(), true, column_default::literal("none")};
  title.collation = "C";
  check_round_trip(blog_schema, op::alter_column{"posts", "title", {}, {}, {}, {}, title});
}

TEST_CASE("ops: the new operations change the IR as they say and record what the inverse needs") {
  schema s = blog::schema();
  operation drop = op::drop_primary_key{"post_tags"};
  apply(s, drop);
  CHECK_FALSE(s.find_table("post_tags")->key);
  CHECK(std::get<op::drop_primary_key>(drop).dropped == primary_key_def{"pk_post_tags", {"post_id", "tag_id"}});
  CHECK(inverse(drop) == operation{op::add_primary_key{"post_tags", {"pk_post_tags", {"post_id", "tag_id"}}}});

  // A whole definition keeps the column's name, and its place.
  operation whole = op::alter_column{"tags", "label", {}, {}, {}, {}, column{"ignored", column_type::varchar(80), true}};
  apply(s, whole);
  CHECK(s.find_table("tags")->columns[1] == column{"label", column_type::varchar(80), true});
  const column old_label{"label", column_type::varchar(40), false};
  CHECK(std::get<op::alter_column>(whole).before == old_label);
  CHECK(inverse(whole) == operation{op::alter_column{"tags", "label", {}, {}, {}, {}, old_label}});

  s = with_mood();
  operation grow = op::alter_enum_type{"mood", {"happy", "sad", "ok"}};
  apply(s, grow);
  CHECK(s.find_enum_type("mood")->values == std::vector<std::string>{"happy", "sad", "ok"});
  CHECK(s.find_table("tags")->find_column("mood")->type.values == std::vector<std::string>{"happy", "sad", "ok"});
  CHECK(inverse(grow) == operation{op::alter_enum_type{"mood", {"sad", "ok"}, {}}});

  operation options = op::alter_table_options{"tags", "utf8mb4_bin", false, false, {}};
  apply(s, options);
  CHECK(s.find_table("tags")->collation == "utf8mb4_bin");
  CHECK(inverse(options) == operation{op::alter_table_options{"tags", "", false, false, {}}});
  CHECK_THROWS_AS(inverse(op::alter_table_options{"tags", "x", false, false, {}}), irreversible_error);
  CHECK_THROWS_AS(inverse(op::drop_enum_type{"mood", {}}), irreversible_error);
  CHECK_THROWS_AS(inverse(op::alter_enum_type{"mood", {"a"}, {}}), irreversible_error);
}

TEST_CASE("ops: impossible key, rename, option and enum type changes are refused with the names involved") {
  schema s = with_mood();
  auto refuse = [&](operation o, std::string_view expected) {
    schema copy = s;
    CHECK_THROWS_WITH(apply(copy, o), Catch::Contains(std::string(expected)));
    CHECK(copy == s);
  };
  refuse(op::add_primary_key{"tags", {"pk_x", {"label"}}},
         "add_primary_key: table \"tags\" already has the primary key pk_tags (id); drop it first");
  schema keyless = s;
  keyless.find_table("order")->key.reset();
  auto refuse_keyless = [&](operation o, std::string_view expected) {
    CHECK_THROWS_WITH(apply(keyless, o), Catch::Contains(std::string(expected)));
  };
  refuse_keyless(op::add_primary_key{"order", {"pk_order", {"user"}}},
                 "add_primary_key: column \"order\".\"user\" is nullable; make it NOT NULL first");
  refuse_keyless(op::add_primary_key{"order", {"pk_order", {"missing"}}},
                 "add_primary_key: column \"order\".\"missing\" does not exist");
  refuse_keyless(op::add_primary_key{"order", {"ix_order_group", {"id"}}},
                 "add_primary_key: the name \"ix_order_group\" is already used on \"order\" by an index");
  refuse_keyless(op::drop_primary_key{"order"}, "drop_primary_key: table \"order\" has no primary key");
  refuse(op::drop_primary_key{"posts"},
         "drop_primary_key: the primary key pk_posts of table \"posts\" is referenced by foreign key "
         "fk_comments_post_id_posts of table \"comments\"; drop that first");
  refuse(op::rename_index{"users", "ix_users_name_active", "uq_users_email"},
         "rename_index: the name \"uq_users_email\" is already used on \"users\" by an index");
  refuse(op::rename_index{"users", "nope", "x"}, "rename_index: index \"nope\" does not exist on \"users\"");
  refuse(op::rename_index{"users", "", "x"}, "rename_index: table \"users\" has no unnamed index");
  refuse(op::rename_index{"users", "ix_users_name_active", ""},
         "rename_index: index \"ix_users_name_active\" on \"users\" cannot go without a name");
  refuse(op::rename_constraint{"comments", op::constraint_kind::foreign_key, "fk_comments_parent_id_comments",
                               "pk_comments"},
         "rename_constraint: the name \"pk_comments\" is already used on \"comments\" by the primary key");
  refuse(op::rename_constraint{"tags", op::constraint_kind::primary_key, "tags_pkey", "x"},
         "rename_constraint: the primary key of \"tags\" is named \"pk_tags\", not \"tags_pkey\"");
  refuse(op::rename_constraint{"posts", op::constraint_kind::check, "ck_nope", "x"},
         "rename_constraint: check \"ck_nope\" does not exist on \"posts\"");
  refuse(op::alter_table_options{"nope", "", false, false, {}}, "alter_table_options: table \"nope\" does not exist");
  refuse(op::create_enum_type{{"mood", {"a"}}}, "create_enum_type: enum type \"mood\" already exists");
  refuse(op::create_enum_type{{"size", {"s", "m", "s"}}}, "create_enum_type: enum type \"size\" lists the value 's' twice");
  refuse(op::drop_enum_type{"mood"},
         "drop_enum_type: enum type \"mood\" is used by column \"tags\".\"mood\"; drop or change that first");
  refuse(op::drop_enum_type{"nope"}, "drop_enum_type: enum type \"nope\" does not exist");
  refuse(op::alter_enum_type{"mood", {"sad", "happy"}},
         "alter_enum_type: column \"tags\".\"mood\" defaults to 'ok', which enum type \"mood\" would no longer have");
  refuse(op::alter_column{"tags", "label", column_type::text(), {}, {}, {}, column{"label", column_type::text()}},
         "alter_column: column \"tags\".\"label\": a whole definition leaves type, nullability and default unset");
  refuse(op::alter_column{"posts", "priority", {}, {}, {}, {},
                          column{"priority", column_type::of(type_kind::int16), false, column_default::literal("x")}},
         "alter_column: column \"posts\".\"priority\": default 'x' is not an integer");
}

TEST_CASE("ops: canonical text of the new operations is pinned, and that of the older ones has not moved") {
  // As tempest wrote them before the new operations existed: applied migrations' checksums hold.
  std::vector<operation> older{
      op::alter_column{"posts", "title", column_type::varchar(300), true, std::optional<column_default>{}, {}},
      op::alter_column{"posts", "priority", {}, {}, column_default::literal("5"), {}},
  };
  CHECK(canonical_text(older[0]) == "alter_column(5:posts5:titletype(6:string300;nn0:)td)");
  CHECK(canonical_text(older[1]) == "alter_column(5:posts8:prioritynnliteral(1:5))");
  CHECK(checksum_of(canonical_text(older)) == "1cca3684e21476c8");

  column title{"title", column_type::text(), true, column_default::literal("none")};
  title.collation = "C";
  CHECK(canonical_text(op::alter_column{"posts", "title", {}, {}, {}, {}, title}) ==
        "alter_column(5:posts5:titlennnwhole_column(column(5:titletype(6:stringnnn0:)tliteral(4:none)f)f[]"
        "19:identity by default1:C0:n))");
  CHECK(canonical_text(op::add_primary_key{"t", {"pk_t", {"a", "b"}}}) == "add_primary_key(1:tkey(4:pk_t[1:a1:b]))");
  CHECK(canonical_text(op::drop_primary_key{"t", primary_key_def{"pk_t", {"a"}}}) == "drop_primary_key(1:t)");
  CHECK(canonical_text(op::rename_index{"t", "", "uq_t_a"}) == "rename_index(1:t0:6:uq_t_a)");
  CHECK(canonical_text(op::rename_constraint{"t", op::constraint_kind::check, "a", "b"}) ==
        "rename_constraint(1:t5:check1:a1:b)");
  CHECK(canonical_text(op::rename_constraint{"t", op::constraint_kind::primary_key, "a", "b"}) ==
        "rename_constraint(1:t11:primary_key1:a1:b)");
  CHECK(canonical_text(op::alter_table_options{"t", "utf8mb4_bin", true, false, {}}) ==
        "alter_table_options(1:t11:utf8mb4_bintf)");
  CHECK(canonical_text(op::create_enum_type{{"mood", {"sad", "ok"}}}) == "create_enum_type(4:mood[3:sad2:ok])");
  CHECK(canonical_text(op::drop_enum_type{"mood", {}}) == "drop_enum_type(4:mood)");
  CHECK(canonical_text(op::alter_enum_type{"mood", {"ok"}, std::vector<std::string>{"sad"}}) ==
        "alter_enum_type(4:mood[2:ok])");
}
