#include <catch2/catch.hpp>

#include <tempest/migrations.hpp>

#include "models/blog.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

std::vector<migration> blog_history() {
  return {
      {"0001_blog", {}, "create the blog",
       [](migration_builder& b) {
         b.create_table<blog::role>();
         b.create_table<blog::user>();
         b.create_table<blog::post>();
         b.create_table<blog::tag>();
         b.create_table<blog::post_tag>();
         b.create_table<blog::comment>();
         b.insert<blog::role>({{1, "admin", std::nullopt}, {2, "writer", "writes"}});
         b.insert("users", {"id", "name", "email", "active", "role_id"},
                  {{1LL, std::string("ada"), std::string("ada@example.org"), true, 1LL},
                   {2LL, std::string("bob"), std::monostate{}, false, 2LL}});
         b.insert("posts", {"id", "author_id", "title", "body"},
                  {{1LL, 1LL, std::string("hello"), std::string("first")}, {2LL, 2LL, std::string("again"), std::string("second")}});
         b.insert("tags", {"id", "label"}, {{1LL, std::string("news")}});
         b.insert("post_tags", {"post_id", "tag_id"}, {{1LL, 1LL}, {2LL, 1LL}});
         b.insert("comments", {"id", "post_id", "parent_id", "text"},
                  {{1LL, 1LL, std::monostate{}, std::string("nice")}, {2LL, 1LL, 1LL, std::string("thanks")}});
       }},
      {"0002_reshape", {"0001_blog"}, "reshape posts and tags",
       [](migration_builder& b) {
         b.alter_table("posts", [](table_alterer& t) {
           t.add_column<std::optional<std::string>>("subtitle").length(120);
           t.add_column<std::int32_t>("views").default_value(0).index();
           t.add_check("title_not_empty", "title <> ''");
         });
         b.alter_table("tags", [](table_alterer& t) {
           t.alter_type("label", column_type::varchar(80));
           t.rename_column("label", "name");
         });
         b.alter_table("comments", [](table_alterer& t) { t.drop_foreign_key("fk_comments_parent_id_comments"); });
         b.insert("tags", {"id", "name"}, {{2LL, std::string("tech")}});
       }},
      {"0003_audit", {"0002_reshape"}, "audit log",
       [](migration_builder& b) {
         b.create_table("audit", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::int64_t>("post_id").references("posts", "id", fk_action::cascade);
           t.column<std::string>("what").length(40).default_value("edit");
         });
       }},
  };
}

const introspect_options without_versions{.exclude_tables = {"tempest_migrations"}};

using rows = std::vector<result_row>;

rows untouched_rows(connection& db) {
  const auto& d = db.sql_dialect();
  rows out;
  for (auto query : {fmt::format("SELECT {}, {} FROM {} ORDER BY 1", d.quote("id"), d.quote("title"), d.quote("posts")),
                     fmt::format("SELECT {}, {} FROM {} ORDER BY 1", d.quote("id"), d.quote("name"), d.quote("users")),
                     fmt::format("SELECT {}, {} FROM {} ORDER BY 1, 2", d.quote("post_id"), d.quote("tag_id"),
                                 d.quote("post_tags")),
                     fmt::format("SELECT {}, {}, {} FROM {} ORDER BY 1", d.quote("id"), d.quote("parent_id"),
                                 d.quote("text"), d.quote("comments"))})
    for (auto& row : db.query(query)) out.push_back(std::move(row));
  return out;
}

void up_down_up(std::string_view kind) {
  connection db(tempest_test::fresh_database(kind));
  history h(blog_history());
  runner r(db, h);

  auto first = r.upgrade(upgrade_target::to("0001_blog"));
  REQUIRE(first.size() == 1);
  const schema after_first = introspect(db, without_versions);
  CHECK(after_first == db.sql_dialect().stored_form(h.replay({"0001_blog"})));

  auto rest = r.upgrade();
  REQUIRE(rest.size() == 2);
  CHECK(rest[0].revision == "0002_reshape");
  CHECK(rest[0].success);
  CHECK_FALSE(rest[0].statements.empty());
  const schema at_head = introspect(db, without_versions);
  // No drift between what the history says and what the database holds.
  CHECK(at_head == db.sql_dialect().stored_form(h.replay()));
  const rows data = untouched_rows(db);
  REQUIRE(data.size() == 2 + 2 + 2 + 2);

  auto reverted = r.downgrade(downgrade_target::by(2));
  REQUIRE(reverted.size() == 2);
  CHECK(reverted[0].revision == "0003_audit");
  CHECK(reverted[1].revision == "0002_reshape");
  CHECK(introspect(db, without_versions) == after_first);
  CHECK(untouched_rows(db) == data);
  CHECK(db.query(fmt::format("SELECT COUNT(*) FROM {}", db.sql_dialect().quote("tags")))[0][0] == "1");

  CHECK(r.upgrade().size() == 2);
  CHECK(introspect(db, without_versions) == at_head);
  CHECK(untouched_rows(db) == data);
  CHECK(r.upgrade().empty());
}

void status_and_targets(std::string_view kind) {
  auto url = tempest_test::fresh_database(kind);
  connection db(url);
  history h(blog_history());
  runner r(db, h);
  for (const auto& e : r.status()) CHECK(e.state == migration_state::pending);

  r.upgrade(upgrade_target::by(2));
  auto status = r.status();
  REQUIRE(status.size() == 3);
  CHECK(status[0].state == migration_state::applied);
  CHECK(status[0].batch == 1);
  CHECK(status[1].state == migration_state::applied);
  CHECK(status[2].state == migration_state::pending);
  r.upgrade();
  CHECK(r.status()[2].batch == 2);

  // The last batch holds 0003 only; a downgrade to a revision keeps it and its ancestors.
  CHECK(r.downgrade().size() == 1);
  CHECK(r.downgrade(downgrade_target::to("0001_blog")).size() == 1);
  CHECK(r.status()[0].state == migration_state::applied);
  CHECK(r.status()[1].state == migration_state::pending);

  // A migration the code no longer has is reported, not forgotten.
  history older({blog_history()[0]});
  r.upgrade();
  auto with_unknown = runner(db, older).status();
  REQUIRE(with_unknown.size() == 3);
  CHECK(with_unknown[1].state == migration_state::unknown);
  CHECK_THROWS_WITH(runner(db, older).downgrade(downgrade_target::base()),
                    Catch::Contains("\"0003_audit\": it is applied but not among the migrations given"));

  CHECK(r.downgrade(downgrade_target::base()).size() == 3);
  CHECK(introspect(db, without_versions).tables.empty());
}

void edited_and_irreversible(std::string_view kind) {
  connection db(tempest_test::fresh_database(kind));
  auto migrations = blog_history();
  migrations.push_back({"0004_raw", {"0003_audit"}, "raw update", [](migration_builder& b) {
                          b.sql("UPDATE roles SET name = 'root' WHERE id = 1");
                        }});
  history h(migrations);
  runner(db, h).upgrade();
  CHECK_THROWS_WITH(runner(db, h).downgrade(), Catch::Contains("migration \"0004_raw\" (raw update) cannot be downgraded"));

  auto edited = migrations;
  edited[1].up = [](migration_builder& b) { b.alter_table("posts", [](table_alterer& t) { t.add_column<bool>("x"); }); };
  history changed(edited);
  CHECK_THROWS_WITH(runner(db, changed).upgrade(),
                    Catch::Contains("migration \"0002_reshape\" (reshape posts and tags) was edited after it was applied"));
  CHECK(runner(db, changed).status()[1].checksum_mismatch);
}

void offline_sql_matches_runner(std::string_view kind) {
  history h(blog_history());
  connection online(tempest_test::fresh_database(kind));
  runner(online, h).upgrade();
  connection offline(tempest_test::fresh_database(kind));
  for (const auto& statement : upgrade_sql(offline.sql_dialect(), h)) {
    if (statement.starts_with("--")) continue;
    if (statement == "PRAGMA foreign_key_check") CHECK(offline.query(statement).empty());
    else offline.execute(statement);
  }
  CHECK(introspect(offline) == introspect(online));
  // The version table written by the script is one the runner accepts as up to date.
  CHECK(runner(offline, h).upgrade().empty());
}

// An offline script applied after the runner, run whole as one text: its migrations get a batch of
// their own (computed by the script from the version table), so the runner's downgrade of the last
// batch reverts them and nothing the runner applied; a label with a newline stays inside its comment.
void offline_script_batches_and_labels(std::string_view kind) {
  auto migrations = blog_history();
  migrations[2].label = "audit\nDROP TABLE victim; --";
  history h(migrations);
  connection db(tempest_test::fresh_database(kind));
  db.execute(fmt::format("CREATE TABLE {} (id INT)", db.sql_dialect().quote("victim")));
  runner(db, h).upgrade(upgrade_target::to("0001_blog"));
  const auto script = to_script(upgrade_sql(db.sql_dialect(), h, {}, {.applied = {"0001_blog"}}));
  // The newline stays in the label's value (a string literal in the version row), not in the comment.
  CHECK_THAT(script, Catch::Contains("\n-- upgrade 0003_audit (audit DROP TABLE victim; --)\n"));
  db.execute(script);
  const auto& d = db.sql_dialect();
  CHECK(db.query(fmt::format("SELECT {}, {}, {} FROM {} ORDER BY {}", d.quote("revision"), d.quote("batch"),
                             d.quote("sequence"), d.quote("tempest_migrations"), d.quote("sequence"))) ==
        rows{{"0001_blog", "1", "1"}, {"0002_reshape", "2", "2"}, {"0003_audit", "2", "3"}});
  CHECK(db.query(fmt::format("SELECT COUNT(*) FROM {}", d.quote("victim"))) == rows{{"0"}});
  auto reverted = runner(db, h).downgrade();
  REQUIRE(reverted.size() == 2);
  CHECK(reverted[0].revision == "0003_audit");
  CHECK(reverted[1].revision == "0002_reshape");
  CHECK(introspect(db, {.exclude_tables = {"tempest_migrations", "victim"}}) ==
        d.stored_form(h.replay({"0001_blog"})));
}

}  // namespace

TEST_CASE("offline sql: a script run after the runner keeps its own batch; labels stay in comments",
          "[sqlite][postgresql][mysql]") {
  for (auto kind : {"sqlite", "postgresql", "mysql"}) {
    INFO(kind);
    offline_script_batches_and_labels(kind);
  }
}

TEST_CASE("runner sqlite: up, down, up leaves the same schema and rows", "[sqlite]") { up_down_up("sqlite"); }
TEST_CASE("runner postgresql: up, down, up leaves the same schema and rows", "[postgresql]") { up_down_up("postgresql"); }
TEST_CASE("runner mysql: up, down, up leaves the same schema and rows", "[mysql]") { up_down_up("mysql"); }

TEST_CASE("runner sqlite: status, batches and targets", "[sqlite]") { status_and_targets("sqlite"); }
TEST_CASE("runner postgresql: status, batches and targets", "[postgresql]") { status_and_targets("postgresql"); }
TEST_CASE("runner mysql: status, batches and targets", "[mysql]") { status_and_targets("mysql"); }

TEST_CASE("runner sqlite: edited and irreversible migrations are refused", "[sqlite]") { edited_and_irreversible("sqlite"); }
TEST_CASE("runner postgresql: edited and irreversible migrations are refused", "[postgresql]") {
  edited_and_irreversible("postgresql");
}
TEST_CASE("runner mysql: edited and irreversible migrations are refused", "[mysql]") { edited_and_irreversible("mysql"); }

TEST_CASE("offline sql sqlite: the script does what the runner does", "[sqlite]") { offline_sql_matches_runner("sqlite"); }
TEST_CASE("offline sql postgresql: the script does what the runner does", "[postgresql]") {
  offline_sql_matches_runner("postgresql");
}
TEST_CASE("offline sql mysql: the script does what the runner does", "[mysql]") { offline_sql_matches_runner("mysql"); }

TEST_CASE("migrate: a source at start-up, and downgrades refused in production", "[sqlite]") {
  migration_source source{.url = tempest_test::database_url("sqlite"), .migrations = blog_history()};
  std::vector<std::string> seen;
  source.on_event = [&](const runner_event& e) {
    if (e.type == runner_event::kind::migration_finished) seen.push_back(std::string(e.revision));
  };
  auto report = migrate(source);
  CHECK(report.migrations.size() == 3);
  CHECK(seen == std::vector<std::string>{"0001_blog", "0002_reshape", "0003_audit"});
  CHECK(migrate(source).migrations.empty());

  source.environment = "production";
  CHECK_THROWS_WITH(migrate_down(source), Catch::Contains("downgrade refused") && Catch::Contains("production"));
  source.allow_downgrade_in_production = true;
  CHECK(migrate_down(source).size() == 3);  // one batch held all three

  source.run_migrations = false;
  CHECK(migrate(source).migrations.empty());
  CHECK(migration_status(source)[0].state == migration_state::pending);
  source.sync_schemas = true;
  CHECK_THROWS_WITH(migrate(source), Catch::Contains("sync_schemas is set but the source has no models"));
  // With models, sync adds what the (now empty) database lacks, and a second start-up adds nothing.
  source.models = tempest::models<blog::role, blog::user, blog::post, blog::tag, blog::post_tag, blog::comment>;
  auto synced = migrate(source);
  REQUIRE(synced.sync);
  CHECK(synced.sync->applied.size() == 6);  // six tables, their foreign keys inline (SQLite)
  CHECK(synced.sync->skipped.empty());
  CHECK(synced.sync->findings.empty());  // the version table is tempest's own: never reported
  auto again = migrate(source);
  REQUIRE(again.sync);
  CHECK(again.sync->applied.empty());
}

TEST_CASE("offline sql: a reviewable script with comments and the version table", "[sqlite]") {
  history h(blog_history());
  auto script = to_script(upgrade_sql(dialect_for(dialect_kind::postgresql), h, upgrade_target::to("0001_blog")));
  CHECK(script.starts_with("SET client_encoding = 'UTF8';\nCREATE TABLE IF NOT EXISTS \"tempest_migrations\""));
  CHECK(script.find("-- upgrade 0001_blog (create the blog)\nBEGIN;\nCREATE TABLE \"roles\"") != std::string::npos);
  CHECK(script.find("0002_reshape") == std::string::npos);
  auto down = downgrade_sql(dialect_for(dialect_kind::mysql), h, downgrade_target::by(1),
                            {.applied = {"0001_blog", "0002_reshape", "0003_audit"}});
  REQUIRE(down.size() == 4);
  CHECK(down[0] == "SET NAMES utf8mb4");
  CHECK(down[1] == "-- downgrade 0003_audit (audit log)");
  CHECK(down[2] == "DROP TABLE `audit`");
  CHECK(down[3] == "DELETE FROM `tempest_migrations` WHERE `revision` = '0003_audit'");
}

TEST_CASE("runner sqlite: a migration that fills a table it creates and rebuilds another goes down", "[sqlite]") {
  connection db(tempest_test::fresh_database("sqlite"));
  history h({{"k1_items", {}, "items",
              [](migration_builder& b) {
                b.create_table("items", [](table_builder& t) {
                  t.column<std::int64_t>("id").primary_key();
                  t.column<std::int64_t>("kind_id");
                });
                b.insert("items", {"id", "kind_id"}, {{1LL, 1LL}});
              }},
             {"k2_kinds", {"k1_items"}, "kinds, and a foreign key to them (a rebuild)",
              [](migration_builder& b) {
                b.create_table("kinds", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
                b.insert("kinds", {"id"}, {{1LL}});
                b.alter_table("items", [](table_alterer& t) { t.add_foreign_key({"kind_id"}, "kinds", {"id"}); });
              }}});
  runner r(db, h);
  r.upgrade(upgrade_target::to("k1_items"));
  r.upgrade();
  // Going down drops `kinds`, the table its data step wrote to, before the foreign keys are checked.
  CHECK(r.downgrade().size() == 1);
  CHECK(introspect(db, without_versions) == db.sql_dialect().stored_form(h.replay({"k1_items"})));
  CHECK(db.query("SELECT id, kind_id FROM items") == rows{{"1", "1"}});
}

TEST_CASE("runner sqlite: a runner without every applied migration makes no plan", "[sqlite]") {
  connection db(tempest_test::fresh_database("sqlite"));
  auto items = [](migration_builder& b) {
    b.create_table("items", [](table_builder& t) {
      t.column<std::int64_t>("id").primary_key();
      t.column<std::int64_t>("kind_id");
    });
    b.insert("items", {"id", "kind_id"}, {{1LL, 1LL}});
  };
  history with_note({{"n1_items", {}, "items", items},
                     {"n2_note", {"n1_items"}, "a note", [](migration_builder& b) {
                        b.alter_table("items", [](table_alterer& t) { t.add_column<std::optional<std::string>>("note"); });
                        b.sql("UPDATE items SET note = 'kept'");
                      }}});
  runner(db, with_note).upgrade();
  // Another branch, from a list without n2_note: its rebuild of items would be rendered without the note.
  history without_note({{"n1_items", {}, "items", items},
                        {"n3_kinds", {"n1_items"}, "kinds", [](migration_builder& b) {
                           b.create_table("kinds", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
                           b.insert("kinds", {"id"}, {{1LL}});
                           b.alter_table("items", [](table_alterer& t) { t.add_foreign_key({"kind_id"}, "kinds", {"id"}); });
                         }}});
  CHECK_THROWS_AS(runner(db, without_note).upgrade(), history_error);
  CHECK_THROWS_WITH(runner(db, without_note).upgrade(),
                    Catch::Contains("tempest_migrations records n2_note as applied, not among the migrations given"));
  CHECK(db.query("SELECT id, kind_id, note FROM items") == rows{{"1", "1", "kept"}});
  // With nothing to do, a runner with fewer migrations is fine.
  CHECK(runner(db, history({{"n1_items", {}, "items", items}})).upgrade().empty());
}
