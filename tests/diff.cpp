// diff(current, target): the operations, their order, safety classes and findings, on the IR alone.

#include <catch2/catch.hpp>

#include "tempest/diff/diff.hpp"
#include "support/schema_parts.hpp"

using namespace tempest;

namespace {

using tempest_test::col;
using tempest_test::schema_of;


const column_type int64 = column_type::of(type_kind::int64);

table users() {
  table t;
  t.name = "users";
  t.columns = {col("id", int64), col("name", column_type::varchar(100)), col("email", column_type::varchar(200), true)};
  t.key = primary_key_def{"users_pkey", {"id"}};
  t.indexes = {{"users_email_key", {"email"}, true}};
  return t;
}

table posts() {
  table t;
  t.name = "posts";
  t.columns = {col("id", int64), col("user_id", int64), col("title", column_type::varchar(200)), col("body", column_type::text(), true)};
  t.key = primary_key_def{"posts_pkey", {"id"}};
  t.foreign_keys = {{"posts_user_id_fkey", {"user_id"}, "users", {"id"}, fk_action::cascade}};
  t.indexes = {{"posts_user_id_idx", {"user_id"}, false}};
  return t;
}


std::vector<std::string> words(const diff_result& r) {
  std::vector<std::string> out;
  for (const auto& s : r.steps) out.push_back(s.description);
  return out;
}

template <class Op>
const Op& step(const diff_result& r, std::size_t i) {
  REQUIRE(i < r.steps.size());
  const Op* o = std::get_if<Op>(&r.steps[i].step);
  INFO("step " << i << ": " << r.steps[i].description);
  REQUIRE(o);
  return *o;
}

}  // namespace

TEST_CASE("diff: equal schemas give no steps") {
  auto s = schema_of({users(), posts()});
  auto r = diff(s, s);
  CHECK(r.empty());
  CHECK(r.findings.empty());
}

TEST_CASE("diff: new tables are created without their foreign keys, which come last (a cycle included)") {
  table a, b;
  a.name = "a";
  a.columns = {col("id", int64), col("b_id", int64, true)};
  a.key = primary_key_def{"a_pkey", {"id"}};
  a.foreign_keys = {{"a_b_fk", {"b_id"}, "b", {"id"}}};
  b.name = "b";
  b.columns = {col("id", int64), col("a_id", int64, true)};
  b.key = primary_key_def{"b_pkey", {"id"}};
  b.foreign_keys = {{"b_a_fk", {"a_id"}, "a", {"id"}}};
  auto r = diff(schema{}, schema_of({a, b}));
  CHECK(words(r) == std::vector<std::string>{
                        "create table a (2 columns)", "create table b (2 columns)",
                        "add foreign key a_b_fk (b_id) references b (id) on delete NO ACTION on update NO ACTION to a",
                        "add foreign key b_a_fk (a_id) references a (id) on delete NO ACTION on update NO ACTION to b"});
  CHECK(step<op::create_table>(r, 0).definition.foreign_keys.empty());
  CHECK(r.worst() == safety_class::safe);
}

TEST_CASE("diff: a table the models lack is reported and never dropped; include and exclude filter by pattern") {
  table legacy;
  legacy.name = "legacy_audit";
  legacy.columns = {col("id", int64)};
  auto r = diff(schema_of({users(), legacy}), schema_of({users()}));
  CHECK(r.empty());
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].type == diff_finding::kind::unmanaged_table);
  CHECK(r.findings[0].message == "table legacy_audit is in the database but not in the models: it is left alone (tempest never drops a table)");

  diff_options only_users;
  only_users.exclude = {"legacy_*"};
  CHECK(diff(schema_of({users(), legacy}), schema_of({users()}), only_users).findings.empty());
  diff_options include;
  include.include = {"user?"};
  auto filtered = diff(schema_of({legacy}), schema_of({users(), posts()}), include);
  CHECK(words(filtered) == std::vector<std::string>{"create table users (3 columns)"});
}

TEST_CASE("diff: renamed_from hints rename a table and its column together; the rows stay") {
  table old_users = users();
  old_users.name = "accounts";
  old_users.columns[1].name = "full_name";
  old_users.key->name = "users_pkey";
  schema target = schema_of({users()});
  target.renames = {{"users", "", "accounts"}, {"users", "name", "full_name"}};
  auto r = diff(schema_of({old_users}), target);
  CHECK(words(r) == std::vector<std::string>{"rename table accounts to users", "rename column users.full_name to name"});
  CHECK(r.steps[0].level() == safety_class::backward_incompatible);
  CHECK(r.steps[0].safety[0].reason == "renames table accounts to users: clients still using accounts fail until they are updated");
}

TEST_CASE("diff: a drop and an add of the same type without a hint are flagged as a possible rename") {
  table renamed = users();
  renamed.columns[1].name = "display_name";
  auto r = diff(schema_of({users()}), schema_of({renamed}));
  CHECK(words(r) == std::vector<std::string>{"add column users.display_name string(100) not null", "drop column users.name"});
  CHECK(r.steps[1].level() == safety_class::destructive);
  CHECK(r.steps[1].safety[0].code == "drop-column");
  CHECK(r.steps[1].safety[0].reason == "drops column users.name and the data it holds");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].type == diff_finding::kind::possible_rename);
  CHECK(r.differences().back() ==
        "column users.name is dropped and column users.display_name of the same type string(100) is added: if it was "
        "renamed, say tempest::renamed_from(\"name\") on the field, or the data of users.name is lost");
  CHECK(r.steps[0].level() == safety_class::data_dependent);  // NOT NULL without a default
}

TEST_CASE("diff: an index or constraint that differs only in name is renamed, or left alone under the option") {
  table want = users();
  want.indexes[0].name = "uq_users_email";
  want.key->name = "pk_users";
  auto r = diff(schema_of({users()}), schema_of({want}));
  CHECK(words(r) == std::vector<std::string>{"rename primary key users_pkey on users to pk_users",
                                             "rename index users_email_key on users to uq_users_email"});
  CHECK(r.worst() == safety_class::safe);
  diff_options keep_names;
  keep_names.rename_constraints = false;
  CHECK(diff(schema_of({users()}), schema_of({want}), keep_names).empty());
}

TEST_CASE("diff: a type change is an alter; widening and narrowing are told apart") {
  table wider = users(), narrower = users();
  wider.columns[1].type = column_type::varchar(300);
  narrower.columns[1].type = column_type::varchar(50);
  diff_options pg;
  pg.dialect = dialect_kind::postgresql;
  auto widen = diff(schema_of({users()}), schema_of({wider}), pg);
  CHECK(words(widen) == std::vector<std::string>{"alter column users.name: type string(100) → string(300)"});
  CHECK(widen.worst() == safety_class::safe);
  auto narrow = diff(schema_of({users()}), schema_of({narrower}), pg);
  CHECK(step<op::alter_column>(narrow, 0).type == column_type::varchar(50));
  CHECK(narrow.steps[0].safety[0].code == "narrow-type");
  CHECK(narrow.steps[0].safety[0].reason ==
        "narrows users.name from string(100) to string(50): values that do not fit fail or are cut");
  table big_id = users();
  big_id.columns[0].type = column_type::of(type_kind::int32);
  auto to_int32 = diff(schema_of({users()}), schema_of({big_id}), pg);
  CHECK(to_int32.steps[0].level() == safety_class::destructive);
  auto to_int64 = diff(schema_of({big_id}), schema_of({users()}), pg);
  CHECK(to_int64.worst() == safety_class::locking);  // a rewrite on PostgreSQL
  CHECK(to_int64.steps[0].safety[0].code == "table-rewrite");
}

TEST_CASE("diff: a check compares by its condition, in the database's words") {
  table model = users();
  check_def status;
  status.name = "users_status_check";
  status.column = "status";
  status.allowed_values = {"active", "blocked"};
  model.columns.push_back(col("status", column_type::varchar(20)));
  model.checks = {status};
  table live = model;
  live.checks[0] = {"users_status_check",
                    "status::text = ANY (ARRAY['blocked'::character varying, 'active'::character varying]::text[])", {}, {}};
  diff_options pg;
  pg.dialect = dialect_kind::postgresql;
  CHECK(diff(schema_of({live}), schema_of({model}), pg).empty());

  model.checks[0].allowed_values.push_back("deleted");
  auto r = diff(schema_of({live}), schema_of({model}), pg);
  CHECK(words(r) == std::vector<std::string>{"drop check users_status_check on users",
                                             "add check users_status_check (status in [active, blocked, deleted]) to users"});
  CHECK(r.steps[1].level() == safety_class::data_dependent);
}

TEST_CASE("diff: replacing a referenced primary key drops the foreign keys first and adds them back last") {
  table u = users(), p = posts();
  table u2 = users();
  u2.key = primary_key_def{"users_pkey", {"id", "name"}};
  table p_kept = posts();
  // The foreign key refers to users.id, which a unique index keeps referable.
  u2.indexes.push_back({"users_id_key", {"id"}, true});
  auto r = diff(schema_of({u, p}), schema_of({u2, p_kept}));
  CHECK(words(r) == std::vector<std::string>{
                        "drop foreign key posts_user_id_fkey on posts", "drop primary key users_pkey (id) of users",
                        "add primary key users_pkey (id, name) to users", "create unique index users_id_key (id) on users",
                        "add foreign key posts_user_id_fkey (user_id) references users (id) on delete CASCADE on update NO ACTION to posts"});
}

TEST_CASE("diff: a new enum value is a safe change of the type; a removed one is destructive") {
  schema have, want;
  have.enum_types = {{"mood", {"sad", "ok"}}};
  want.enum_types = {{"mood", {"sad", "ok", "happy"}}};
  auto r = diff(have, want);
  CHECK(words(r) == std::vector<std::string>{"change enum type mood: ('sad', 'ok') → ('sad', 'ok', 'happy')"});
  CHECK(r.worst() == safety_class::safe);
  auto back = diff(want, have);
  CHECK(back.steps[0].safety[0].reason == "removes the value 'happy' from enum type mood: rows holding it fail the conversion");
}

TEST_CASE("diff: a pivot table is named as such") {
  table tags;
  tags.name = "tags";
  tags.columns = {col("id", int64)};
  tags.key = primary_key_def{"tags_pkey", {"id"}};
  table post_tags;
  post_tags.name = "post_tags";
  post_tags.columns = {col("post_id", int64), col("tag_id", int64)};
  post_tags.key = primary_key_def{"post_tags_pkey", {"post_id", "tag_id"}};
  post_tags.foreign_keys = {{"post_tags_post_fk", {"post_id"}, "posts", {"id"}}, {"post_tags_tag_fk", {"tag_id"}, "tags", {"id"}}};
  auto r = diff(schema_of({users(), posts(), tags}), schema_of({users(), posts(), tags, post_tags}));
  REQUIRE_FALSE(r.empty());
  CHECK(r.steps[0].description == "create pivot table post_tags (posts ↔ tags, many-to-many)");
}

TEST_CASE("comparable_sql: the databases' own spellings of one condition compare equal") {
  using K = dialect_kind;
  CHECK(comparable_sql("\"status\" IN ('a', 'b')", K::sqlite) == "status in ( 'a' , 'b' )");
  CHECK(comparable_sql("status::text = ANY (ARRAY['b'::character varying, 'a'::character varying]::text[])", K::postgresql) ==
        "status in ( 'a' , 'b' )");
  CHECK(comparable_sql("`status` in ('a','b')", K::mysql) == "status in ( 'a' , 'b' )");
  CHECK(comparable_sql("`s` in ('it\\'s','b''c')", K::mysql) == "s in ( 'b''c' , 'it''s' )");
  CHECK(comparable_sql("(price > (0)::numeric)", K::postgresql) == "price > 0");
  CHECK(comparable_sql("lower((email)::text)", K::postgresql) == "lower ( email )");
  CHECK(comparable_sql("\"Mixed\" > 1", K::postgresql) == "\"Mixed\" > 1");
  CHECK(comparable_sql("a > 1 AND (b < 2 OR c = 3)", K::sqlite) != comparable_sql("a > 1 AND b < 2 OR c = 3", K::sqlite));
  CHECK(comparable_sql("price > 0", K::postgresql) != comparable_sql("price > 1", K::postgresql));
}

TEST_CASE("diff: column order is not compared; a new column in the middle is added at the end") {
  table want = users();
  want.columns.insert(want.columns.begin() + 1, col("nickname", column_type::varchar(40), true));
  auto r = diff(schema_of({users()}), schema_of({want}));
  CHECK(words(r) == std::vector<std::string>{"add column users.nickname string(40) null"});
  table reordered = users();
  std::swap(reordered.columns[1], reordered.columns[2]);
  CHECK(diff(schema_of({users()}), schema_of({reordered})).empty());
}

TEST_CASE("diff: safety follows the server version") {
  table want = users();
  column flag = col("flag", column_type::of(type_kind::boolean));
  flag.default_value = column_default::literal("false");
  want.columns.push_back(flag);
  diff_options pg10{.dialect = dialect_kind::postgresql, .server_version = 100012};
  diff_options pg15{.dialect = dialect_kind::postgresql, .server_version = 150004};
  diff_options maria102{.dialect = dialect_kind::mysql, .server_version = 100214};
  diff_options maria1011{.dialect = dialect_kind::mysql, .server_version = 101106};
  auto on = [&](const diff_options& o) { return diff(schema_of({users()}), schema_of({want}), o).steps.at(0).safety.front(); };
  CHECK(on(pg10).code == "table-rewrite");
  CHECK(on(pg10).reason == "adding column users.flag rewrites table users under an exclusive lock");
  CHECK(on(pg15).level == safety_class::safe);
  CHECK(on(maria102).code == "table-copy");
  CHECK(on(maria1011).level == safety_class::safe);
}

TEST_CASE("diff: a step on a table created in the same plan is safe; SET NOT NULL is data dependent") {
  table want = users();
  want.columns[2].nullable = false;  // email NOT NULL
  auto r = diff(schema_of({users()}), schema_of({want}), {.dialect = dialect_kind::postgresql});
  REQUIRE(r.steps.size() == 1);
  CHECK(r.steps[0].safety.at(0).code == "set-not-null");
  CHECK(r.steps[0].safety.at(0).reason == "sets users.email NOT NULL: fails if a row holds NULL there");
  CHECK(r.steps[0].safety.at(1).code == "set-not-null-scan");
  auto fresh = diff(schema{}, schema_of({users(), posts()}), {.dialect = dialect_kind::postgresql});
  CHECK(fresh.worst() == safety_class::safe);
}
