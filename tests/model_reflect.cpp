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

// Names and options for existing databases (models/adopted.hpp). Expected tables are written out in
// full; the names a database would give were worked out by hand from its rules.

#include "models/adopted.hpp"

namespace {

column col(std::string name, column_type type, bool nullable = false) { return {std::move(name), std::move(type), nullable}; }

template <class... Models>
table reflected(std::string_view name) {
  auto s = reflect<Models...>();
  const table* t = s.find_table(name);
  REQUIRE(t != nullptr);
  return *t;
}

void check_table(const table& actual, const table& expected) {
  INFO("actual:\n" << fmt::format("{}", actual) << "expected:\n" << fmt::format("{}", expected));
  CHECK(actual == expected);
  CHECK(fmt::format("{}", actual) == fmt::format("{}", expected));
}

}  // namespace

TEST_CASE("reflect: names given exactly, unnamed, and by the convention side by side") {
  using namespace adopted::exact;
  table account_table{"account"};
  account_table.columns = {col("id", column_type::of(type_kind::int64)), col("email", column_type::varchar(100)),
                           col("referrer_id", column_type::of(type_kind::int64), true),
                           col("balance", column_type::of(type_kind::int32)), col("region", column_type::varchar(10))};
  account_table.columns[0].autoincrement = true;
  account_table.key = primary_key_def{"account_pk", {"id"}};
  account_table.indexes = {{"", {"email"}, true}, {"ix_account_region", {"region"}, false}};
  account_table.foreign_keys = {{"account_referrer_fk", {"referrer_id"}, "account", {"id"}, fk_action::set_null}};
  account_table.checks = {{"", "email <> ''", {}, {}}, {"ck_account_short_region", "length(region) < 5", {}, {}},
                          {"non_negative_balance", "balance >= 0", {}, {}}};
  check_table(reflected<account, membership>("account"), account_table);

  table membership_table{"membership"};
  membership_table.columns = {col("account_id", column_type::of(type_kind::int64)),
                              col("group_id", column_type::of(type_kind::int64))};
  membership_table.key = primary_key_def{"membership_pk", {"account_id", "group_id"}};
  membership_table.indexes = {{"membership_by_group", {"group_id", "account_id"}, true}};
  membership_table.foreign_keys = {{"", {"account_id"}, "account", {"id"}}};
  check_table(reflected<account, membership>("membership"), membership_table);
}

TEST_CASE("reflect: a model set with PostgreSQL's naming convention, long names cut as PostgreSQL cuts them") {
  using namespace adopted::postgresql_names;
  table customer_table{"customer"};
  customer_table.columns = {col("id", column_type::of(type_kind::int64)), col("email", column_type::varchar(100)),
                            col("country", column_type::varchar(2)), col("credit", column_type::of(type_kind::int32))};
  customer_table.columns[0].autoincrement = true;
  customer_table.key = primary_key_def{"customer_pkey", {"id"}};
  customer_table.indexes = {{"customer_country_idx", {"country"}, false},
                            {"customer_email_key", {"email"}, true},
                            {"customer_lower_idx", {"lower((email)::text)"}, false, {key_part{.expression = true}}}};
  // Two checks on credit: PostgreSQL numbers the second.
  customer_table.checks = {{"customer_credit_check", "credit >= 0", {}, {}}, {"customer_credit_check1", "credit < 1000000", {}, {}}};
  check_table(reflected<customer, invoice_line>("customer"), customer_table);

  table line{"invoice_line_items_kept_for_the_auditors_of_the_tax_office"};
  line.columns = {col("invoice_id", column_type::of(type_kind::int64)), col("line_number", column_type::of(type_kind::int32)),
                  col("customer_id", column_type::of(type_kind::int64)),
                  col("comment_identifier_reference", column_type::of(type_kind::int64))};
  line.key = primary_key_def{"invoice_line_items_kept_for_the_auditors_of_the_tax_office_pkey", {"invoice_id", "line_number"}};
  line.indexes = {{"invoice_line_items_kept_for_t_customer_id_comment_identifie_key",
                   {"customer_id", "comment_identifier_reference"}, true}};
  line.foreign_keys = {{"invoice_line_items_kept_for_t_comment_identifier_reference_fkey",
                        {"comment_identifier_reference"}, "customer", {"id"}},
                       {"invoice_line_items_kept_for_the_auditors_of_th_customer_id_fkey", {"customer_id"}, "customer", {"id"}}};
  check_table(reflected<customer, invoice_line>("invoice_line_items_kept_for_the_auditors_of_the_tax_office"), line);
}

TEST_CASE("reflect: a composite foreign key by PostgreSQL's convention") {
  using namespace adopted::postgresql_names;
  CHECK(reflected<customer, invoice_line, line_note>("line_note").foreign_keys ==
        std::vector<foreign_key_def>{{"line_note_invoice_id_line_number_fkey", {"invoice_id", "line_number"},
                                      "invoice_line_items_kept_for_the_auditors_of_the_tax_office",
                                      {"invoice_id", "line_number"}, fk_action::cascade}});
}

TEST_CASE("reflect: one-byte and unsigned integers, partial indexes given to a column") {
  table counter_table{"counter"};
  counter_table.columns = {col("id", column_type::of(type_kind::int64)), col("small", column_type::unsigned_of(type_kind::int8)),
                           col("medium", column_type::unsigned_of(type_kind::int32)), col("tiny", column_type::of(type_kind::int8)),
                           col("score", column_type::of(type_kind::int32), true)};
  counter_table.columns[1].default_value = column_default::literal("200");
  counter_table.key = primary_key_def{"pk_counter", {"id"}};
  counter_table.indexes = {{"counter_scored", {"score"}, false, {}, "score IS NOT NULL"},
                           {"uq_counter_medium", {"medium"}, true, {}, "medium > 0"}};
  check_table(reflected<adopted::counter>("counter"), counter_table);
}

TEST_CASE("reflect: a model set with MariaDB's naming convention") {
  using namespace adopted::mariadb_names;
  auto customer_table = reflected<customer, invoice>("customer");
  CHECK(customer_table.key == primary_key_def{"PRIMARY", {"id"}});
  CHECK(customer_table.indexes == std::vector<index_def>{{"email", {"email"}, true}, {"email_2", {"email"}, false}});
  CHECK(customer_table.checks == std::vector<check_def>{{"CONSTRAINT_1", "credit < 1000000", {}, {}}, {"credit", "credit >= 0", {}, {}}});
  auto invoice_table = reflected<customer, invoice>("invoice");
  CHECK(invoice_table.indexes ==
        std::vector<index_def>{{"customer_id", {"customer_id"}, false}, {"payer_id", {"payer_id"}, false}});
  CHECK(invoice_table.foreign_keys ==
        std::vector<foreign_key_def>{{"invoice_ibfk_1", {"customer_id"}, "customer", {"id"}},
                                     {"invoice_ibfk_2", {"payer_id"}, "customer", {"id"}, fk_action::set_null}});
}

TEST_CASE("reflect: a model set with SQLite's naming convention leaves everything unnamed but indexes") {
  using namespace adopted::sqlite_names;
  auto album_table = reflected<artist, album>("album");
  CHECK(album_table.key == primary_key_def{"", {"id"}});
  CHECK(album_table.indexes ==
        std::vector<index_def>{{"", {"artist_id", "title"}, true}, {"ix_album_artist_id", {"artist_id"}, false}});
  CHECK(album_table.foreign_keys == std::vector<foreign_key_def>{{"", {"artist_id"}, "artist", {"id"}, fk_action::cascade}});
  REQUIRE(album_table.checks.size() == 1);
  CHECK(album_table.checks[0].name.empty());
  CHECK(album_table.checks[0].expression == "year > 1900");
  CHECK(reflected<artist, album>("artist").indexes == std::vector<index_def>{{"", {"name"}, true}});
}

TEST_CASE("reflect: patterns of the user's own, and one model that follows another convention") {
  using namespace adopted::own_names;
  auto tag_table = reflected<tag, tagging>("tag");
  CHECK(tag_table.key == primary_key_def{"tag_pk", {"id"}});
  CHECK(tag_table.indexes ==
        std::vector<index_def>{{"tag_label_uniq", {"label"}, true}, {"tag_weight_ix", {"weight"}, false}});
  CHECK(tag_table.checks == std::vector<check_def>{{"tag_weight_ck", "weight > 0", {}, {}}});
  auto tagging_table = reflected<tag, tagging>("tagging");
  CHECK(tagging_table.key == primary_key_def{"tagging_pkey", {"tag_id", "item_id"}});
  CHECK(tagging_table.foreign_keys == std::vector<foreign_key_def>{{"tagging_tag_id_fkey", {"tag_id"}, "tag", {"id"}}});
  // create_table<Model>() in a migration reflects the model alone, with the same names.
  CHECK(tempest::detail::reflect_table<tagging>() == tagging_table);
}

TEST_CASE("reflect: partial, expression, DESC, prefix and operator-class indexes, native enums, unsigned integers, "
          "collations, ON UPDATE, identity kinds and defaults by the field's type") {
  using namespace adopted::options;
  table person_table{"person"};
  person_table.columns = {
      col("id", column_type::of(type_kind::int64)),
      col("email", column_type::varchar(255)),
      col("name", column_type::varchar(100)),
      col("deleted_at", column_type::of(type_kind::timestamp), true),
      col("current_mood", column_type::enumeration_of("mood", {"happy", "sad", "ok"})),
      col("age", column_type::unsigned_of(type_kind::int8)),
      col("visits", column_type::unsigned_of(type_kind::int64)),
      col("level", column_type::of(type_kind::int8)),
      col("active", column_type::sql("BOOL")),
      col("updated_at", column_type::of(type_kind::timestamp)),
      col("price", column_type::numeric(10, 2)),
  };
  person_table.columns[0].autoincrement = true;
  person_table.columns[0].identity = identity_kind::always;
  person_table.columns[1].collation = "C";
  person_table.columns[4].default_value = column_default::literal("ok");
  person_table.columns[5].default_value = column_default::literal("18");
  person_table.columns[6].default_value = column_default::literal("18446744073709551615");
  person_table.columns[7].default_value = column_default::literal("-5");
  person_table.columns[8].default_value = column_default::literal("false", type_kind::boolean);
  person_table.columns[9].default_value = column_default::expression("CURRENT_TIMESTAMP");
  person_table.columns[9].on_update = "CURRENT_TIMESTAMP";
  person_table.columns[10].default_value = column_default::literal("0.99");
  person_table.key = primary_key_def{"pk_person", {"id"}};
  person_table.indexes = {
      {"ix_person_email_prefix", {"email"}, false, {key_part{.prefix_length = 10}}},
      {"ix_person_name", {"name"}, false, {key_part{.collation = "C", .operator_class = "text_pattern_ops"}}},
      {"ix_person_name_id", {"name", "id"}, false, {key_part{}, key_part{.descending = true}}},
      {"uq_person_lower", {"lower(email)"}, true, {key_part{.expression = true}}, "deleted_at IS NULL"},
  };
  person_table.collation = "utf8mb4_bin";
  check_table(reflected<person>("person"), person_table);
  // The enum type the native enum column needs comes with the schema.
  CHECK(reflect<person>().enum_types == std::vector<enum_type_def>{{"mood", {"happy", "sad", "ok"}}});
  // The bool default of the BOOL column is a boolean, however a database spells it back.
  CHECK(person_table.columns[8].default_value == column_default::literal("0"));
}

TEST_CASE("reflect: a cycle of foreign keys, deferrable, and SQLite table options") {
  using namespace adopted::options;
  auto s = reflect<employee, department, ledger>();
  table employee_table{"employee"};
  employee_table.columns = {col("id", column_type::of(type_kind::int64)),
                            col("department_id", column_type::of(type_kind::int64), true)};
  employee_table.columns[0].autoincrement = true;
  employee_table.columns[0].identity = identity_kind::serial;
  employee_table.key = primary_key_def{"pk_employee", {"id"}};
  employee_table.foreign_keys = {{"fk_employee_department_id_department", {"department_id"}, "department", {"id"},
                                  fk_action::set_null, fk_action::no_action, deferrability::initially_deferred}};
  check_table(*s.find_table("employee"), employee_table);
  CHECK(s.find_table("department")->foreign_keys ==
        std::vector<foreign_key_def>{{"fk_department_manager_id_employee", {"manager_id"}, "employee", {"id"},
                                      fk_action::set_null, fk_action::no_action, deferrability::initially_immediate}});
  CHECK(s.find_table("ledger")->strict);
  CHECK(s.find_table("ledger")->without_rowid);
}

TEST_CASE("reflect: generated columns keep their expression and kind") {
  auto s = reflect<adopted::generated_columns::line_item, adopted::generated_columns::label>();
  CHECK(column_named(table_named(s, "line_item"), "total_cents").generated ==
        generated_column{"quantity * unit_cents", true});
  CHECK(column_named(table_named(s, "label"), "text_length").generated == generated_column{"length(text)", false});
  CHECK_FALSE(column_named(table_named(s, "label"), "text").generated);
}
