// Where "current" comes from besides the live database: the history and a snapshot file; and what a
// history of create_table<Model>() means for both.

#include <catch2/catch.hpp>

#include <filesystem>

#include <tempest/migrations.hpp>

#include "models/blog.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

std::vector<migration> tags_from_the_model() {
  return {{"0001_tags", {}, "tags", [](migration_builder& b) { b.create_table<blog::tag>(); }}};
}

std::vector<migration> tags_spelled_out() {
  return {{"0001_tags", {}, "tags", [](migration_builder& b) {
             b.create_table("tags", [](table_builder& t) {
               t.column<std::int32_t>("id").primary_key();
               t.column<std::string>("label").length(20);
             });
           }}};
}

}  // namespace

TEST_CASE("diff_history: a history spelled out sees a model change") {
  history h(tags_spelled_out());
  auto r = diff_history(h, reflect<blog::tag>());
  CHECK_FALSE(r.empty());
  CHECK(std::none_of(r.findings.begin(), r.findings.end(),
                     [](const diff_finding& f) { return f.type == diff_finding::kind::history_follows_models; }));
}

TEST_CASE("diff_history: a history of create_table<Model>() says that it cannot see the model's changes") {
  history h(tags_from_the_model());
  auto r = diff_history(h, reflect<blog::tag>());
  CHECK(r.empty());
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].type == diff_finding::kind::history_follows_models);
  CHECK(r.findings[0].message ==
        "migration \"0001_tags\" creates tags with create_table<Model>(): replayed, it is the model as it is now, so a "
        "change to that model is not seen from the history. Diff against the live database or a snapshot, or spell the "
        "table out in the migration as it was applied");
}

TEST_CASE("diff_snapshot: the models against the snapshot written with the last migration") {
  auto path = std::filesystem::temp_directory_path() / "tempest_diff_snapshot_test.json";
  write_snapshot(path, reflect<blog::role, blog::tag>());
  CHECK(diff_snapshot(path, reflect<blog::role, blog::tag>()).empty());
  auto r = diff_snapshot(path, reflect<blog::role, blog::tag, blog::user>());
  CHECK(r.differences() == std::vector<std::string>{
                               "create table users (7 columns)",
                               "add foreign key fk_users_role_id_roles (role_id) references roles (id) on delete RESTRICT "
                               "on update CASCADE to users"});
  std::filesystem::remove(path);
}

TEST_CASE("checksum sqlite: a migration of create_table<Model>() whose model changed explains why and the way out", "[sqlite]") {
  migration_source source{.url = tempest_test::database_url("sqlite"), .migrations = tags_from_the_model()};
  migrate(source);
  {
    connection db(source.url);
    // What a change to blog::tag would do to the recorded checksum.
    db.execute("UPDATE tempest_migrations SET checksum = '0123456789abcdef'");
  }
  CHECK_THROWS_WITH(migrate(source),
                    Catch::Contains("migration \"0001_tags\" (tags) no longer hashes to the checksum tempest_migrations "
                                    "records (0123456789abcdef; now ") &&
                        Catch::Contains("It creates table tags with create_table<Model>(), so its steps are the models "
                                        "as they are now, and a model has changed since it was applied. Spell the table "
                                        "out in the migration as it was applied (`freeze 0001_tags` writes that form)"));
}
