#include <catch2/catch.hpp>

#include "models/blog.hpp"

using namespace tempest;

namespace {
const table& table_named(const schema& s, std::string_view name) {
  const table* t = s.find_table(name);
  REQUIRE(t != nullptr);
  return *t;
}
const column& column_named(const table& t, std::string_view name) {
  const column* c = t.find_column(name);
  REQUIRE(c != nullptr);
  return *c;
}
}  // namespace

TEST_CASE("reflect: every model becomes a table, sorted by name") {
  auto s = blog::schema();
  std::vector<std::string> names;
  for (const auto& t : s.tables) names.push_back(t.name);
  CHECK(names == std::vector<std::string>{"blog_post_audit_entries_with_a_deliberately_long_name", "comments", "order",
                                          "post_tags", "posts", "roles", "tags", "users"});
}

TEST_CASE("reflect: types, nullability and lengths come from the C++ types") {
  auto s = blog::schema();
  const auto& users = table_named(s, "users");
  CHECK(column_named(users, "id") == column{"id", column_type::of(type_kind::int64), false, std::nullopt, true});
  CHECK(column_named(users, "name").type == column_type::varchar(100));
  CHECK(column_named(users, "email").nullable);
  CHECK_FALSE(column_named(users, "name").nullable);
  CHECK(column_named(users, "active").type.kind == type_kind::boolean);
  CHECK(column_named(users, "created_at").type.kind == type_kind::timestamp);
  CHECK(column_named(users, "avatar").type.kind == type_kind::blob);
  CHECK(column_named(users, "avatar").nullable);

  const auto& posts = table_named(s, "posts");
  CHECK(column_named(posts, "body").type == column_type::text());
  CHECK(column_named(posts, "published_on").type.kind == type_kind::date);
  CHECK(column_named(posts, "rating").type == column_type::numeric(5, 2));
  CHECK(column_named(posts, "priority").type.kind == type_kind::int16);
  CHECK(column_named(posts, "score").type.kind == type_kind::float64);
  CHECK(column_named(posts, "weight").type.kind == type_kind::float32);
  // An enum is stored by name, as long as its longest enumerator ("published", "archived").
  CHECK(column_named(posts, "status").type == column_type::varchar(9));
}

TEST_CASE("reflect: columns keep declaration order") {
  auto s = blog::schema();
  const auto& posts = table_named(s, "posts");
  std::vector<std::string> names;
  for (const auto& c : posts.columns) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"id", "author_id", "title", "body", "status", "published_on", "rating",
                                          "priority", "score", "weight"});
}

TEST_CASE("reflect: defaults are canonical literals or SQL expressions") {
  auto s = blog::schema();
  const auto& posts = table_named(s, "posts");
  CHECK(column_named(posts, "title").default_value == column_default::literal("untitled"));
  CHECK(column_named(posts, "status").default_value == column_default::literal("draft"));
  CHECK(column_named(posts, "rating").default_value == column_default::literal("0"));
  CHECK(column_named(posts, "priority").default_value == column_default::literal("-1"));
  CHECK(column_named(posts, "score").default_value == column_default::literal("0.5"));
  CHECK(column_named(posts, "weight").default_value == column_default::literal("1.25"));
  CHECK_FALSE(column_named(posts, "body").default_value);
  const auto& users = table_named(s, "users");
  CHECK(column_named(users, "active").default_value == column_default::literal("true"));
  CHECK(column_named(users, "created_at").default_value == column_default::expression("CURRENT_TIMESTAMP"));
}

TEST_CASE("reflect: keys, composite keys and indexes") {
  auto s = blog::schema();
  CHECK(table_named(s, "users").key == primary_key_def{"pk_users", {"id"}});
  const auto& post_tags = table_named(s, "post_tags");
  CHECK(post_tags.key == primary_key_def{"pk_post_tags", {"post_id", "tag_id"}});
  CHECK(post_tags.indexes == std::vector<index_def>{{"ix_post_tags_tag_id_post_id", {"tag_id", "post_id"}, false}});
  // Fields naming the same index form one composite index, in declaration order.
  CHECK(table_named(s, "users").indexes ==
        std::vector<index_def>{{"ix_users_name_active", {"name", "active"}, false}, {"uq_users_email", {"email"}, true}});
  CHECK(table_named(s, "posts").indexes == std::vector<index_def>{{"ix_posts_author_id", {"author_id"}, false}});
}

TEST_CASE("reflect: foreign keys with actions, self references and long names") {
  auto s = blog::schema();
  CHECK(table_named(s, "users").foreign_keys ==
        std::vector<foreign_key_def>{{"fk_users_role_id_roles", {"role_id"}, "roles", {"id"}, fk_action::restrict,
                                      fk_action::cascade}});
  const auto& comments = table_named(s, "comments");
  REQUIRE(comments.foreign_keys.size() == 2);
  CHECK(comments.foreign_keys[0] == foreign_key_def{"fk_comments_parent_id_comments", {"parent_id"}, "comments", {"id"},
                                                    fk_action::set_null, fk_action::no_action});
  const auto& audit = table_named(s, "blog_post_audit_entries_with_a_deliberately_long_name");
  REQUIRE(audit.foreign_keys.size() == 1);
  const auto& long_name = audit.foreign_keys[0].name;
  CHECK(long_name.size() == 63);
  CHECK(long_name == naming::fit("fk_blog_post_audit_entries_with_a_deliberately_long_name_comment_identifier_reference_comments"));
}

TEST_CASE("reflect: enum checks, table checks and column name overrides") {
  auto s = blog::schema();
  const auto& posts = table_named(s, "posts");
  REQUIRE(posts.checks.size() == 1);
  CHECK(posts.checks[0].name == "ck_posts_status");
  CHECK(posts.checks[0].column == "status");
  CHECK(posts.checks[0].allowed_values == std::vector<std::string>{"draft", "published", "archived"});
  const auto& order = table_named(s, "order");
  REQUIRE(order.checks.size() == 1);
  CHECK(order.checks[0].name == "ck_order_positive_select");
  CHECK(order.checks[0].expression == "1 <= 2");
  CHECK(order.find_column("größe") != nullptr);
  CHECK(order.find_column("size") == nullptr);
  CHECK(column_named(order, "it's a \"name\"").default_value == column_default::literal("a 'quoted' \\ value"));
}

TEST_CASE("reflect: schemas compare by value and format readably") {
  CHECK(blog::schema() == blog::schema());
  auto changed = blog::schema();
  changed.find_table("users")->find_column("email")->nullable = false;
  CHECK(changed != blog::schema());
  auto text = fmt::format("{}", *blog::schema().find_table("post_tags"));
  CHECK(text.find("primary key pk_post_tags (post_id, tag_id)") != std::string::npos);
}

TEST_CASE("reflect: model metadata is available at compile time") {
  constexpr auto info = tempest::detail::info_of<blog::user>();
  STATIC_REQUIRE(info.table == "users");
  STATIC_REQUIRE(info.field_count == 7);
  STATIC_REQUIRE(tempest::detail::column_of<blog::order>(&blog::order::size) == "größe");
  STATIC_REQUIRE(tempest::model<blog::user>);
  STATIC_REQUIRE_FALSE(tempest::model<std::string>);
}
