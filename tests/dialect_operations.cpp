#include <catch2/catch.hpp>

#include <tempest/dialect/registry.hpp>
#include <tempest/dialect/render_operation.hpp>
#include <tempest/ops/apply.hpp>

#include <set>

#include "models/blog.hpp"

using namespace tempest;

namespace {
// Renders `o` against the blog schema for `kind`.
rendered_operation render(dialect_kind kind, operation o, schema before = blog::schema(),
                          value_style values = value_style::literals) {
  schema after = before;
  apply(after, o);
  return render_operation(dialect_for(kind), o, before, after, values);
}
// The SQL text of the statements, values written as literals (as offline scripts have them).
std::vector<std::string> sql(dialect_kind kind, operation o) {
  std::vector<std::string> out;
  for (auto& s : render(kind, std::move(o)).statements) out.push_back(s.sql);
  return out;
}
// A SQLite rebuild as an offline script spells it.
std::vector<std::string> rebuild_sql(const rendered_operation& rendered) {
  REQUIRE(rendered.statements.size() == 1);
  REQUIRE(rendered.statements[0].type == statement::kind::sqlite_rebuild);
  return rendered.statements[0].rebuild->offline_statements(dialect_for(dialect_kind::sqlite));
}
constexpr auto sqlite = dialect_kind::sqlite;
constexpr auto postgresql = dialect_kind::postgresql;
constexpr auto mysql = dialect_kind::mysql;
}  // namespace

TEST_CASE("render: renames") {
  CHECK(sql(postgresql, op::rename_table{"tags", "labels"}) ==
        std::vector<std::string>{"ALTER TABLE \"tags\" RENAME TO \"labels\""});
  CHECK(sql(mysql, op::rename_table{"tags", "labels"}) == std::vector<std::string>{"RENAME TABLE `tags` TO `labels`"});
  CHECK(sql(sqlite, op::rename_column{"tags", "label", "name"}) ==
        std::vector<std::string>{"ALTER TABLE \"tags\" RENAME COLUMN \"label\" TO \"name\""});
  CHECK(sql(mysql, op::rename_column{"tags", "label", "name"}) ==
        std::vector<std::string>{"ALTER TABLE `tags` RENAME COLUMN `label` TO `name`"});
}

TEST_CASE("render: add and drop columns") {
  column weight{"weight", column_type::of(type_kind::float64), true, column_default::literal("0.5")};
  CHECK(sql(postgresql, op::add_column{"tags", weight}) ==
        std::vector<std::string>{"ALTER TABLE \"tags\" ADD COLUMN \"weight\" DOUBLE PRECISION DEFAULT 0.5"});
  CHECK(sql(mysql, op::add_column{"tags", weight}) ==
        std::vector<std::string>{"ALTER TABLE `tags` ADD COLUMN `weight` DOUBLE DEFAULT 0.5"});
  CHECK(sql(sqlite, op::add_column{"tags", weight}) ==
        std::vector<std::string>{"ALTER TABLE \"tags\" ADD COLUMN \"weight\" DOUBLE DEFAULT 0.5"});
  CHECK(sql(postgresql, op::drop_column{"posts", "body"}) ==
        std::vector<std::string>{"ALTER TABLE \"posts\" DROP COLUMN \"body\""});
}

TEST_CASE("render: altering a column") {
  op::alter_column change{"posts", "title", column_type::varchar(300), true, std::optional<column_default>{}, {}};
  CHECK(sql(postgresql, change) ==
        std::vector<std::string>{"ALTER TABLE \"posts\" ALTER COLUMN \"title\" TYPE VARCHAR(300) USING \"title\"::VARCHAR(300), "
                                 "ALTER COLUMN \"title\" DROP NOT NULL, ALTER COLUMN \"title\" DROP DEFAULT"});
  CHECK(sql(mysql, change) == std::vector<std::string>{"ALTER TABLE `posts` MODIFY COLUMN `title` VARCHAR(300)"});
  op::alter_column set_default{"posts", "priority", {}, {}, column_default::literal("5"), {}};
  CHECK(sql(postgresql, set_default) ==
        std::vector<std::string>{"ALTER TABLE \"posts\" ALTER COLUMN \"priority\" SET DEFAULT 5"});
}

TEST_CASE("render: sqlite rebuilds a table for what its ALTER TABLE cannot do") {
  auto rendered = render(sqlite, op::alter_column{"tags", "label", column_type::varchar(80), {}, {}, {}});
  CHECK(rendered.foreign_keys_off);
  const auto& spec = *rendered.statements.at(0).rebuild;
  CHECK(spec.table == "tags");
  CHECK(spec.staged == "_tempest_rebuild_tags");
  CHECK(spec.autoincrement);
  CHECK(spec.index_names == std::set<std::string>{"uq_tags_label"});
  auto statements = rebuild_sql(rendered);
  REQUIRE(statements.size() == 12);
  CHECK(statements[0] ==
        "CREATE TABLE \"_tempest_rebuild_tags\" (\n"
        "  \"id\" INTEGER NOT NULL CONSTRAINT \"pk_tags\" PRIMARY KEY AUTOINCREMENT,\n"
        "  \"label\" VARCHAR(80) NOT NULL\n"
        ")");
  CHECK(statements[1] == "INSERT INTO \"_tempest_rebuild_tags\" (\"id\", \"label\") SELECT \"id\", \"label\" FROM \"tags\"");
  // The AUTOINCREMENT high-water mark carries over, so ids deleted before the rebuild are not reused.
  CHECK(statements[2] == "DELETE FROM sqlite_sequence WHERE name = '_tempest_rebuild_tags'");
  CHECK(statements[3] ==
        "INSERT INTO sqlite_sequence (name, seq) SELECT '_tempest_rebuild_tags', seq FROM sqlite_sequence WHERE name = 'tags'");
  CHECK(statements[4] == "PRAGMA legacy_alter_table = ON");
  CHECK(statements[5] == "DROP TABLE \"tags\"");
  CHECK(statements[6] == "ALTER TABLE \"_tempest_rebuild_tags\" RENAME TO \"tags\"");
  CHECK(statements[7] == "PRAGMA legacy_alter_table = OFF");
  CHECK(statements[8] == "CREATE UNIQUE INDEX \"uq_tags_label\" ON \"tags\" (\"label\")");
  // The foreign key check fails in SQL, so that a script stops there: the table, and the tables
  // that refer to it.
  CHECK(statements[9] ==
        "CREATE TEMP TABLE \"_tempest_foreign_key_check\" (violations INTEGER CONSTRAINT \"rows violate a foreign key "
        "after the rebuild of table tags\" CHECK (violations = 0))");
  CHECK(statements[10] ==
        "INSERT INTO \"_tempest_foreign_key_check\" SELECT (SELECT COUNT(*) FROM pragma_foreign_key_check('tags')) + "
        "(SELECT COUNT(*) FROM pragma_foreign_key_check('post_tags') WHERE parent = 'tags')");
  CHECK(statements[11] == "DROP TABLE \"_tempest_foreign_key_check\"");

  // ADD COLUMN works natively only for a nullable or constant-default column.
  column required{"rank", column_type::of(type_kind::int32), false};
  CHECK(render(sqlite, op::add_column{"tags", required}).foreign_keys_off);
  column stamped{"seen", column_type::of(type_kind::timestamp), true, column_default::expression("CURRENT_TIMESTAMP")};
  CHECK(render(sqlite, op::add_column{"tags", stamped}).foreign_keys_off);
  CHECK_FALSE(render(sqlite, op::add_column{"tags", {"note", column_type::text(), true}}).foreign_keys_off);
  for (operation o : {operation{op::add_check{"tags", {"ck_tags_label", "label <> ''", {}, {}}}},
                      operation{op::drop_check{"posts", "ck_posts_status"}},
                      operation{op::drop_foreign_key{"comments", "fk_comments_parent_id_comments"}},
                      operation{op::add_foreign_key{"order", {"fk_order_select_tags", {"select"}, "tags", {"id"}}}}})
    CHECK(rebuild_sql(render(sqlite, o)).front().starts_with("CREATE TABLE \"_tempest_rebuild_"));
}

TEST_CASE("render: a rebuild copies the columns both tables have, and keeps child-table references") {
  auto statements = rebuild_sql(render(sqlite, op::drop_foreign_key{"comments", "fk_comments_parent_id_comments"}));
  CHECK(statements[1] ==
        "INSERT INTO \"_tempest_rebuild_comments\" (\"id\", \"post_id\", \"parent_id\", \"text\") "
        "SELECT \"id\", \"post_id\", \"parent_id\", \"text\" FROM \"comments\"");
  CHECK(statements[0].find("fk_comments_parent_id_comments") == std::string::npos);
  CHECK(statements[0].find("\"fk_comments_post_id_posts\"") != std::string::npos);
}

TEST_CASE("render: foreign keys and checks") {
  foreign_key_def fk{"fk_order_select_tags", {"select"}, "tags", {"id"}, fk_action::cascade};
  CHECK(sql(postgresql, op::add_foreign_key{"order", fk}) ==
        std::vector<std::string>{"ALTER TABLE \"order\" ADD CONSTRAINT \"fk_order_select_tags\" FOREIGN KEY (\"select\") "
                                 "REFERENCES \"tags\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION"});
  CHECK(sql(postgresql, op::drop_foreign_key{"users", "fk_users_role_id_roles"}) ==
        std::vector<std::string>{"ALTER TABLE \"users\" DROP CONSTRAINT \"fk_users_role_id_roles\""});
  // InnoDB made an index for users.role_id (no other index starts with it): it goes with the key,
  // in the same statement.
  CHECK(sql(mysql, op::drop_foreign_key{"users", "fk_users_role_id_roles"}) ==
        std::vector<std::string>{"ALTER TABLE `users` DROP FOREIGN KEY `fk_users_role_id_roles`, "
                                 "DROP INDEX IF EXISTS `fk_users_role_id_roles`"});
  // posts.author_id has its own index, which InnoDB used: nothing else to drop.
  CHECK(sql(mysql, op::drop_foreign_key{"posts", "fk_posts_author_id_users"}) ==
        std::vector<std::string>{"ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_author_id_users`"});
  CHECK(sql(mysql, op::add_check{"tags", {"ck_tags_label", "label <> ''", {}, {}}}) ==
        std::vector<std::string>{"ALTER TABLE `tags` ADD CONSTRAINT `ck_tags_label` CHECK (label <> '')"});
  CHECK(sql(postgresql, op::drop_check{"posts", "ck_posts_status"}) ==
        std::vector<std::string>{"ALTER TABLE \"posts\" DROP CONSTRAINT \"ck_posts_status\""});
}

TEST_CASE("render: data steps and raw SQL") {
  op::insert_rows rows{"roles", {"id", "name", "description"},
                       {{1LL, std::string("admin"), std::monostate{}}, {2LL, std::string("it's"), std::string("a\\b")}}};
  CHECK(sql(postgresql, rows) == std::vector<std::string>{"INSERT INTO \"roles\" (\"id\", \"name\", \"description\") "
                                                          "VALUES (1, 'admin', NULL), (2, 'it''s', E'a\\\\b')"});
  CHECK(sql(mysql, rows) == std::vector<std::string>{"INSERT INTO `roles` (`id`, `name`, `description`) "
                                                     "VALUES (1, 'admin', NULL), (2, 'it''s', X'615C62')"});
  op::delete_rows remove{"roles", {"id", "description"}, {{1LL, std::monostate{}}, {2LL, std::string("x")}}};
  // The rows hold roles' primary key: they are found by it.
  CHECK(sql(sqlite, remove) == std::vector<std::string>{"DELETE FROM \"roles\" WHERE (\"id\" = 1) OR (\"id\" = 2)"});
  CHECK(sql(sqlite, op::delete_rows{"roles", {"name", "description"}, {{std::string("x"), std::monostate{}}}}) ==
        std::vector<std::string>{"DELETE FROM \"roles\" WHERE (\"name\" = 'x' AND \"description\" IS NULL)"});
  CHECK(sql(postgresql, op::insert_rows{"users", {"active"}, {{true}}}).front().ends_with("VALUES (true)"));
  CHECK(sql(mysql, op::insert_rows{"users", {"active"}, {{true}}}).front().ends_with("VALUES (1)"));
  // For the runner, values are bound parameters: the SQL text holds placeholders only.
  auto bound = render(postgresql, rows, blog::schema(), value_style::parameters).statements;
  REQUIRE(bound.size() == 1);
  CHECK(bound[0].type == statement::kind::data);
  CHECK(bound[0].sql == "INSERT INTO \"roles\" (\"id\", \"name\", \"description\") VALUES ($1, $2, $3), ($4, $5, $6)");
  CHECK(bound[0].parameters == std::vector<sql_value>{1LL, std::string("admin"), std::monostate{}, 2LL,
                                                      std::string("it's"), std::string("a\\b")});
  auto bound_delete = render(mysql, remove, blog::schema(), value_style::parameters).statements;
  REQUIRE(bound_delete.size() == 1);
  CHECK(bound_delete[0].sql ==
        "DELETE FROM `roles` WHERE (`id` = ?) OR (`id` = ?)");  // by the primary key, which the rows hold
  CHECK(bound_delete[0].parameters == std::vector<sql_value>{1LL, 2LL});
  CHECK(bound_delete[0].expected_changes == 2u);
  // Without the key, by every column; text compared byte for byte on MySQL (not by its collation).
  auto by_text = render(mysql, op::delete_rows{"roles", {"name"}, {{std::string("Admin ")}}}, blog::schema(),
                        value_style::parameters)
                     .statements;
  CHECK(by_text.at(0).sql == "DELETE FROM `roles` WHERE (`name` = CAST(? AS BINARY))");
  op::raw_sql only_pg{"VACUUM", std::nullopt, dialect_kind::postgresql};
  CHECK(sql(postgresql, only_pg) == std::vector<std::string>{"VACUUM"});
  CHECK(sql(mysql, only_pg).empty());
}

TEST_CASE("render: primary keys") {
  schema keyless = blog::schema();
  keyless.find_table("order")->key.reset();
  CHECK(sql(postgresql, op::drop_primary_key{"order"}) ==
        std::vector<std::string>{"ALTER TABLE \"order\" DROP CONSTRAINT \"pk_order\""});
  // An unnamed key goes by the name PostgreSQL gave it.
  schema unnamed = blog::schema();
  unnamed.find_table("order")->key->name.clear();
  CHECK(render(postgresql, op::drop_primary_key{"order"}, unnamed).statements.at(0).sql ==
        "ALTER TABLE \"order\" DROP CONSTRAINT \"order_pkey\"");
  CHECK(render(postgresql, op::add_primary_key{"order", {"pk_x", {"id"}}}, keyless).statements.at(0).sql ==
        "ALTER TABLE \"order\" ADD CONSTRAINT \"pk_x\" PRIMARY KEY (\"id\")");
  // On MySQL the key of post_tags is also the index of its foreign key on post_id (tag_id has an
  // index of its own): the foreign key gets one named after it while there is no key, as InnoDB
  // would name it.
  CHECK(sql(mysql, op::drop_primary_key{"post_tags"}) ==
        std::vector<std::string>{"ALTER TABLE `post_tags` DROP PRIMARY KEY, ADD INDEX `fk_post_tags_post_id_posts` (`post_id`)"});
  schema no_link_key = blog::schema();
  no_link_key.find_table("post_tags")->key.reset();
  CHECK(render(mysql, op::add_primary_key{"post_tags", {"pk_post_tags", {"post_id", "tag_id"}}}, no_link_key)
            .statements.at(0)
            .sql == "ALTER TABLE `post_tags` ADD PRIMARY KEY (`post_id`, `tag_id`), DROP INDEX IF EXISTS "
                    "`fk_post_tags_post_id_posts`");
  CHECK(rebuild_sql(render(sqlite, op::drop_primary_key{"order"})).front().find("PRIMARY KEY") == std::string::npos);
}

TEST_CASE("render: renames of indexes and constraints") {
  op::rename_index index{"tags", "uq_tags_label", "uq_tags_name"};
  CHECK(sql(postgresql, index) == std::vector<std::string>{"ALTER INDEX \"uq_tags_label\" RENAME TO \"uq_tags_name\""});
  CHECK(sql(mysql, index) == std::vector<std::string>{"ALTER TABLE `tags` RENAME INDEX `uq_tags_label` TO `uq_tags_name`"});
  CHECK(sql(sqlite, index) == std::vector<std::string>{"DROP INDEX \"uq_tags_label\"",
                                                       "CREATE UNIQUE INDEX \"uq_tags_name\" ON \"tags\" (\"label\")"});
  op::rename_constraint fk{"comments", op::constraint_kind::foreign_key, "fk_comments_parent_id_comments", "fk_parent"};
  CHECK(sql(postgresql, fk) == std::vector<std::string>{"ALTER TABLE \"comments\" RENAME CONSTRAINT "
                                                        "\"fk_comments_parent_id_comments\" TO \"fk_parent\""});
  // MySQL renames neither: one statement drops and adds (with the index InnoDB made for the key).
  CHECK(sql(mysql, fk) == std::vector<std::string>{
                              "ALTER TABLE `comments` DROP FOREIGN KEY `fk_comments_parent_id_comments`, DROP INDEX IF EXISTS "
                              "`fk_comments_parent_id_comments`, ADD CONSTRAINT `fk_parent` FOREIGN KEY (`parent_id`) "
                              "REFERENCES `comments` (`id`) ON DELETE SET NULL ON UPDATE NO ACTION"});
  op::rename_constraint check{"posts", op::constraint_kind::check, "ck_posts_status", "ck_state"};
  CHECK(sql(mysql, check) == std::vector<std::string>{"ALTER TABLE `posts` DROP CONSTRAINT `ck_posts_status`, ADD "
                                                      "CONSTRAINT `ck_state` CHECK (`status` IN ('draft', 'published', "
                                                      "'archived'))"});
  // The key: PRIMARY on MySQL whatever its name; to no name is to PostgreSQL's name.
  op::rename_constraint key{"tags", op::constraint_kind::primary_key, "pk_tags", ""};
  CHECK(sql(mysql, key).empty());
  CHECK(sql(postgresql, key) == std::vector<std::string>{"ALTER TABLE \"tags\" RENAME CONSTRAINT \"pk_tags\" TO \"tags_pkey\""});
  CHECK(render(sqlite, key).statements.at(0).type == statement::kind::sqlite_rebuild);
}

TEST_CASE("render: table options, whole columns and enum types") {
  CHECK(sql(mysql, op::alter_table_options{"tags", "utf8mb4_bin", false, false, {}}) ==
        std::vector<std::string>{"ALTER TABLE `tags` COLLATE `utf8mb4_bin`, MODIFY COLUMN `label` VARCHAR(40) NOT NULL"});
  schema collated = blog::schema();
  collated.find_table("tags")->collation = "utf8mb4_bin";
  CHECK(render(mysql, op::alter_table_options{"tags", "", false, false, {}}, collated).statements.at(0).sql ==
        "EXECUTE IMMEDIATE CONCAT('ALTER TABLE `tags` COLLATE ', @@collation_database, ', MODIFY COLUMN `label` "
        "VARCHAR(40) NOT NULL')");
  CHECK_THROWS_WITH(sql(mysql, op::alter_table_options{"tags", "", true, false, {}}),
                    "mysql: table \"tags\" is STRICT, which mysql cannot express");
  CHECK(sql(postgresql, op::alter_table_options{"tags", "", false, false, {}}).empty());
  CHECK(rebuild_sql(render(sqlite, op::alter_table_options{"order", "", false, true, {}})).front().ends_with(") WITHOUT ROWID"));

  column title{"title", column_type::text(), true};
  title.collation = "C";
  op::alter_column whole{"posts", "title", {}, {}, {}, {}, title};
  CHECK(sql(postgresql, whole) ==
        std::vector<std::string>{"ALTER TABLE \"posts\" ALTER COLUMN \"title\" DROP DEFAULT, ALTER COLUMN \"title\" TYPE "
                                 "TEXT COLLATE \"C\" USING \"title\"::TEXT, ALTER COLUMN \"title\" DROP NOT NULL"});
  CHECK(sql(mysql, whole) == std::vector<std::string>{"ALTER TABLE `posts` MODIFY COLUMN `title` LONGTEXT COLLATE `C`"});
  column generated{"score", column_type::of(type_kind::float64), true};
  generated.generated = generated_column{"rating * 2", true};
  CHECK_THROWS_WITH(sql(postgresql, op::alter_column{"posts", "score", {}, {}, {}, {}, generated}),
                    "postgresql: column \"posts\".\"score\" gets the generation expression (rating * 2): PostgreSQL 15 "
                    "can only drop one, which postgresql cannot express");

  CHECK(sql(postgresql, op::create_enum_type{{"mood", {"sad", "it's"}}}) ==
        std::vector<std::string>{"CREATE TYPE \"mood\" AS ENUM ('sad', 'it''s')"});
  schema moods = blog::schema();
  moods.enum_types = {{"mood", {"sad", "ok"}}};
  CHECK(render(postgresql, op::drop_enum_type{"mood"}, moods).statements.at(0).sql == "DROP TYPE \"mood\"");
  // Values added at the start, in the middle and at the end.
  std::vector<std::string> added;
  for (auto& s : render(postgresql, op::alter_enum_type{"mood", {"a", "sad", "b", "ok", "c", "d"}}, moods).statements)
    added.push_back(s.sql);
  CHECK(added == std::vector<std::string>{"ALTER TYPE \"mood\" ADD VALUE 'a' BEFORE 'sad'",
                                          "ALTER TYPE \"mood\" ADD VALUE 'b' BEFORE 'ok'",
                                          "ALTER TYPE \"mood\" ADD VALUE 'c'", "ALTER TYPE \"mood\" ADD VALUE 'd'"});
  CHECK_THROWS_WITH(render(mysql, op::alter_enum_type{"mood", {"ok"}}, moods),
                    "mysql: enum type \"mood\", which mysql cannot express");
  CHECK_THROWS_WITH(render(sqlite, op::drop_enum_type{"mood"}, moods), "sqlite: enum type \"mood\", which sqlite cannot express");
}
