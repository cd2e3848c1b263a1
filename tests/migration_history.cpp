#include <catch2/catch.hpp>

#include <tempest/migration/history.hpp>

#include "models/blog.hpp"

using namespace tempest;

namespace {
migration step(std::string revision, std::vector<std::string> parents, std::string table_name = {}) {
  if (table_name.empty()) table_name = "t_" + revision;
  return {revision, std::move(parents), "create " + table_name, [table_name](migration_builder& b) {
            b.create_table(table_name, [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
          }};
}
std::vector<std::string> order_of(const history& h) {
  std::vector<std::string> out;
  for (const migration* m : h.ordered()) out.push_back(m->revision);
  return out;
}
}  // namespace

TEST_CASE("history: invalid histories are refused with the revisions named") {
  CHECK_THROWS_WITH(history({step("a", {}), step("a", {})}), Catch::Contains("duplicate revision id \"a\""));
  CHECK_THROWS_WITH(history({step("a", {"zzz"})}),
                    Catch::Contains("migration \"a\" follows \"zzz\", which is not in the history"));
  CHECK_THROWS_WITH(history({step("root", {}), step("a", {"b"}), step("b", {"a"})}),
                    Catch::Contains("a, b form or follow a cycle"));
  CHECK_THROWS_AS(history({migration{"", {}, "nameless"}}), history_error);
}

TEST_CASE("history: topological order, heads and merges") {
  // root → a → c, root → b → c (merge); d follows a only.
  history h({step("c", {"a", "b"}), step("b", {"root"}), step("d", {"a"}), step("a", {"root"}), step("root", {})});
  CHECK(order_of(h) == std::vector<std::string>{"root", "b", "a", "c", "d"});
  CHECK(h.heads() == std::vector<std::string>{"c", "d"});
  CHECK(h.lineage("c") == std::set<std::string>{"root", "a", "b", "c"});
  CHECK(history({step("x", {}), step("y", {})}).heads() == std::vector<std::string>{"x", "y"});
}

TEST_CASE("history: replay builds the schema without a database") {
  history h({{"0001", {}, "blog", [](migration_builder& b) {
                b.create_table<blog::role>();
                b.create_table<blog::user>();
              }},
             {"0002", {"0001"}, "rename", [](migration_builder& b) {
                b.alter_table("users", [](table_alterer& t) {
                  t.add_column<std::optional<std::string>>("nickname").length(30);
                  t.rename_column("name", "full_name");
                });
              }}});
  auto s = h.replay();
  REQUIRE(s.find_table("users"));
  CHECK(s.find_table("users")->find_column("full_name"));
  CHECK(s.find_table("users")->find_column("nickname")->type == column_type::varchar(30));
  CHECK(s.find_table("users")->indexes[0].columns == std::vector<std::string>{"full_name", "active"});
  CHECK(h.replay({"0001"}) == reflect<blog::role, blog::user>());
  CHECK(replay(h.migrations()) == s);
}

TEST_CASE("history: replaying a broken migration names it and its step") {
  history h({step("0001", {}, "t"), step("0002", {"0001"}, "t")});
  CHECK_THROWS_WITH(h.replay(), Catch::Contains("migration \"0002\" (create t), up step 1: create_table: table \"t\" already exists"));
}

TEST_CASE("history: down steps are derived by inverting the up steps") {
  migration m{"0002", {"0001"}, "change", [](migration_builder& b) {
                b.insert<blog::role>({{1, "admin", std::nullopt}});
                b.alter_table("roles", [](table_alterer& t) {
                  t.add_column<bool>("builtin").default_value(false);
                  t.drop_column("description");
                });
              }};
  auto before = reflect<blog::role>();
  auto down = history::down_operations(m, before);
  REQUIRE(down.size() == 3);
  REQUIRE(std::holds_alternative<op::add_column>(down[0]));
  CHECK(std::get<op::add_column>(down[0]).definition == *before.find_table("roles")->find_column("description"));
  CHECK(std::get<op::drop_column>(down[1]).name == "builtin");
  CHECK(std::holds_alternative<op::delete_rows>(down[2]));
  // Applying up then down returns to the schema before (description is last, as it was).
  schema s = before;
  history::apply_up(s, m);
  for (auto& o : down) apply(s, o);
  CHECK(s == before);

  migration raw{"0003", {}, "raw", [](migration_builder& b) { b.sql("UPDATE roles SET name = lower(name)"); }};
  CHECK_THROWS_WITH(history::down_operations(raw, before),
                    Catch::Contains("migration \"0003\" (raw) cannot be downgraded"));
}

TEST_CASE("builder: typed columns, composite keys, and model rows") {
  migration_builder b;
  b.create_table("post_labels", [](table_builder& t) {
    t.column<std::int64_t>("post_id").references("posts", "id", fk_action::cascade);
    t.column<std::int32_t>("label_id");
    t.column<std::optional<double>>("weight").default_value(1);
    t.column<blog::post_status>("status").default_value(blog::post_status::published);
    t.column<tempest::decimal>("price").precision(8, 2).default_value("1.10");
    t.primary_key({"post_id", "label_id"});
    t.index({"label_id", "post_id"});
    t.check("positive", "weight > 0");
  });
  b.insert<blog::role>({{1, "admin", std::nullopt}, {2, "it's", "quoted"}});
  b.remove<blog::role>({{2, "it's", "quoted"}});
  const auto& ops = b.operations();
  REQUIRE(ops.size() == 3);
  const table& t = std::get<op::create_table>(ops[0]).definition;
  CHECK(t.key == primary_key_def{"pk_post_labels", {"post_id", "label_id"}});
  CHECK(t.indexes == std::vector<index_def>{{"ix_post_labels_label_id_post_id", {"label_id", "post_id"}, false}});
  CHECK(t.foreign_keys[0] == foreign_key_def{"fk_post_labels_post_id_posts", {"post_id"}, "posts", {"id"}, fk_action::cascade});
  CHECK(t.find_column("weight")->nullable);
  CHECK(t.find_column("weight")->default_value == column_default::literal("1"));
  CHECK(t.find_column("status")->type == column_type::varchar(9));
  CHECK(t.find_column("status")->default_value == column_default::literal("published"));
  CHECK(t.find_column("price")->default_value == column_default::literal("1.1"));
  CHECK(t.checks[0].name == "ck_post_labels_positive");
  const auto& insert = std::get<op::insert_rows>(ops[1]);
  CHECK(insert.columns == std::vector<std::string>{"id", "name", "description"});
  CHECK(insert.rows[1] == std::vector<sql_value>{2LL, std::string("it's"), std::string("quoted")});
  CHECK(insert.rows[0][2] == sql_value{std::monostate{}});
  const auto& remove = std::get<op::delete_rows>(ops[2]);
  CHECK(remove.columns == std::vector<std::string>{"id"});
  CHECK(remove.rows == std::vector<std::vector<sql_value>>{{2LL}});
}

TEST_CASE("builder: alter_table keeps the written order of steps") {
  migration_builder b;
  b.alter_table("users", [](table_alterer& t) {
    t.add_column<std::optional<std::string>>("bio");
    t.drop_column("avatar");
    t.add_column<std::int32_t>("karma").default_value(0).index();
    t.set_nullable("email", false);
  });
  const auto& ops = b.operations();
  REQUIRE(ops.size() == 5);
  CHECK(std::get<op::add_column>(ops[0]).definition.name == "bio");
  CHECK(std::get<op::drop_column>(ops[1]).name == "avatar");
  CHECK(std::get<op::add_column>(ops[2]).definition.name == "karma");
  CHECK(std::get<op::create_index>(ops[3]).definition.name == "ix_users_karma");
  CHECK(std::get<op::alter_column>(ops[4]).nullable == false);
}
