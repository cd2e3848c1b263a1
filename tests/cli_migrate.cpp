// The migrate tool (examples/blog_migrate.cpp, on tempest::cli::run) as a subprocess: upgrade,
// status, current, downgrade, stamp, a failing migration, a dirty MySQL record and resolve, --sql.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/cli_tool.hpp"
#include "support/database.hpp"

using Catch::Matchers::Contains;
using tempest_test::columns_of;
using tempest_test::execute_sql;
using tempest_test::fresh_database;
using tempest_test::run_tool;
using tempest_test::tables_of;
using strings = std::vector<std::string>;
using names = std::set<std::string>;

namespace {

strings revisions_in(const nlohmann::json& migrations) {
  strings out;
  for (const auto& m : migrations) out.push_back(m["revision"].get<std::string>());
  return out;
}

void upgrade_status_downgrade(const std::string& kind) {
  const auto url = fresh_database(kind);
  auto r = run_tool({"--url", url, "status", "--format", "json"});
  REQUIRE(r.code == 0);
  auto j = r.json();
  CHECK(j["command"] == "status");
  CHECK(j["pending"] == 6);
  CHECK(j["applied"] == 0);
  CHECK(j["migrations"][0]["state"] == "pending");

  r = run_tool({"--url", url, "upgrade", "+2", "--verbose"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, !Contains("\x1b["));  // not a terminal: plain text
  CHECK_THAT(r.out, Contains("\n      CREATE TABLE ") && Contains("upgraded 0001_init (authors and posts) in ") &&
                        Contains("upgraded 0002_published (posts can be published) in ") &&
                        Contains("2 migrations applied in "));
  CHECK(tables_of(url) == names{"authors", "posts", "tempest_migrations"});

  r = run_tool({"--url", url, "upgrade", "--format", "json"});
  REQUIRE(r.code == 0);
  j = r.json();
  CHECK(j["ok"] == true);
  CHECK(j["exit_code"] == 0);
  CHECK(revisions_in(j["migrations"]) == strings{"0003_comments", "0004_tags", "0004_views", "0005_merge"});
  for (const auto& m : j["migrations"]) {
    CHECK(m["success"] == true);
    CHECK(m["duration_ms"].is_number_integer());
  }
  CHECK(j["total_ms"].is_number_integer());
  CHECK(tables_of(url) == names{"authors", "comments", "posts", "tags", "tempest_migrations"});
  CHECK(columns_of(url, "posts") == strings{"id", "author_id", "title", "body", "published", "views"});

  r = run_tool({"--url", url, "current"});
  CHECK(r.code == 0);
  CHECK(r.out == "0005_merge (merge tags and view counts) (head)\n");

  r = run_tool({"--url", url, "status"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("0004_views     applied  2") && Contains("0001_init      applied  1") &&
                        Contains("6 applied, 0 pending"));
  j = run_tool({"--url", url, "status", "--format", "json"}).json();
  CHECK(j["applied"] == 6);
  CHECK(j["migrations"][1]["batch"] == 1);
  CHECK(j["migrations"][2]["batch"] == 2);

  r = run_tool({"--url", url, "upgrade"});
  CHECK(r.code == 0);
  CHECK(r.out == "Nothing to upgrade.\n");

  r = run_tool({"--url", url, "diagram", "--live"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("erDiagram\n") && Contains("    posts {\n") &&
                        Contains("    authors ||--o{ posts : \"author_id\"\n") &&
                        Contains("    posts ||--o{ comments : \"post_id\"\n"));

  r = run_tool({"--url", url, "downgrade", "base"}, {"BLOG_ENV=production"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("downgrade refused: the environment is \"production\""));
  CHECK(tables_of(url).count("tags") == 1);

  r = run_tool({"--url", url, "downgrade", "0003_comments"});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Contains("reverted 0005_merge (merge tags and view counts) in ") &&
                        Contains("3 migrations reverted in "));
  CHECK(tables_of(url) == names{"authors", "comments", "posts", "tempest_migrations"});
  CHECK(columns_of(url, "posts") == strings{"id", "author_id", "title", "body", "published"});

  r = run_tool({"--url", url, "downgrade", "base", "--format", "json"});
  REQUIRE(r.code == 0);
  CHECK(revisions_in(r.json()["migrations"]) == strings{"0003_comments", "0002_published", "0001_init"});
  CHECK(tables_of(url) == names{"tempest_migrations"});
  r = run_tool({"--url", url, "current"});
  CHECK(r.out == "No revision applied.\n");
}

// A table made by hand stands in the way of 0003: the run stops there, and says where.
void failing_migration(const std::string& kind) {
  const auto url = fresh_database(kind);
  REQUIRE(run_tool({"--url", url, "upgrade", "0002_published"}).code == 0);
  execute_sql(url, "CREATE TABLE comments (id INTEGER PRIMARY KEY)");

  auto r = run_tool({"--url", url, "upgrade"});
  CHECK(r.code == 2);
  CHECK_THAT(r.out, Contains("FAILED 0003_comments (comments)"));
  CHECK_THAT(r.err, Contains("migration \"0003_comments\" (comments) failed going up at statement 1 of its") &&
                        Contains("statement: CREATE TABLE"));
  r = run_tool({"--url", url, "upgrade", "--format", "json"});
  CHECK(r.code == 2);
  auto j = r.json();
  CHECK(j["ok"] == false);
  CHECK(j["exit_code"] == 2);
  if (kind == "mysql") {
    // The first run left a dirty record: the second refuses to go on.
    CHECK(j["error"]["type"] == "dirty");
    CHECK_THAT(j["error"]["message"].get<std::string>(), Contains("migration \"0003_comments\" (comments) is dirty"));
    auto s = run_tool({"--url", url, "status", "--format", "json"}).json();
    CHECK(s["dirty"] == 1);
    CHECK(s["migrations"][2]["state"] == "dirty");
    CHECK(s["migrations"][2]["next_statement"] == 0);
  } else {
    CHECK(j["error"]["type"] == "migration");
    REQUIRE(j["migrations"].size() == 1);
    CHECK(j["migrations"][0]["revision"] == "0003_comments");
    CHECK(j["migrations"][0]["success"] == false);
    auto s = run_tool({"--url", url, "status", "--format", "json"}).json();
    CHECK(s["migrations"][2]["state"] == "pending");
    CHECK(s["pending"] == 4);
  }

  r = run_tool({"--url", url, "resolve", "0001_init", "--as", "applied"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("resolve: \"0001_init\" has no dirty record in tempest_migrations"));

  execute_sql(url, "DROP TABLE comments");
  if (kind == "mysql") {
    r = run_tool({"--url", url, "resolve", "0003_comments", "--as", "not-applied"});
    CHECK(r.code == 0);
    CHECK(r.out == "resolved 0003_comments as not-applied\n");
  }
  r = run_tool({"--url", url, "upgrade"});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("4 migrations applied in "));
  CHECK(run_tool({"--url", url, "check"}).code == 0);
}

// A schema made without the runner (here by sync) is baselined with stamp.
void stamp_baseline(const std::string& kind) {
  const auto url = fresh_database(kind);
  auto r = run_tool({"--url", url, "sync"});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Contains("applied: create table authors (3 columns)"));
  CHECK(run_tool({"--url", url, "status", "--format", "json"}).json()["applied"] == 0);

  r = run_tool({"--url", url, "stamp", "0003_comments", "--format", "json"});
  REQUIRE(r.code == 0);
  CHECK(r.json()["stamped"] == nlohmann::json{"0001_init", "0002_published", "0003_comments"});
  r = run_tool({"--url", url, "stamp", "heads"});
  REQUIRE(r.code == 0);
  CHECK(r.out == "stamped 0004_tags (tags)\nstamped 0004_views (view counts)\nstamped 0005_merge (merge tags and view counts)\n");
  r = run_tool({"--url", url, "stamp", "heads"});
  CHECK(r.out == "Nothing to stamp: heads is recorded already.\n");
  r = run_tool({"--url", url, "stamp", "nope"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("stamp: unknown revision \"nope\""));

  auto s = run_tool({"--url", url, "status", "--format", "json"}).json();
  CHECK(s["applied"] == 6);
  CHECK(s["migrations"][0]["batch"] == 1);
  CHECK(s["migrations"][5]["batch"] == 2);
  CHECK(s["migrations"][5]["checksum_mismatch"] == false);
  CHECK(run_tool({"--url", url, "upgrade"}).out == "Nothing to upgrade.\n");
  CHECK(run_tool({"--url", url, "check"}).code == 0);
}

// The SQL of --sql, applied by hand, does what the runner does.
void offline_sql(const std::string& kind) {
  const auto url = fresh_database(kind);
  auto r = run_tool({"--url", url, "upgrade", "--sql"});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Contains("-- upgrade 0001_init (authors and posts)\n") &&
                        Contains("-- upgrade 0005_merge (merge tags and view counts)\n"));
  CHECK(tables_of(url).empty());  // printed, not run
  execute_sql(url, r.out);
  CHECK(run_tool({"--url", url, "status", "--format", "json"}).json()["applied"] == 6);
  CHECK(run_tool({"--url", url, "check"}).code == 0);

  r = run_tool({"--url", url, "downgrade", "0003_comments", "--sql", "--format", "json"});
  REQUIRE(r.code == 0);
  const auto script = r.json()["sql"].get<std::string>();
  CHECK_THAT(script, Contains("-- downgrade 0005_merge") && Contains("-- downgrade 0004_views") &&
                         Contains("-- downgrade 0004_tags"));
  CHECK_THAT(script, !Contains("-- downgrade 0003_comments"));
  execute_sql(url, script);
  auto s = run_tool({"--url", url, "status", "--format", "json"}).json();
  CHECK(s["applied"] == 3);
  CHECK(s["pending"] == 3);
  r = run_tool({"--url", url, "check"});
  CHECK(r.code == 1);
  CHECK_THAT(r.out, Contains("create table tags (2 columns)"));
}

}  // namespace

TEMPEST_CLI_ON_EACH_DATABASE("cli: upgrade, status, current, downgrade", upgrade_status_downgrade)
TEMPEST_CLI_ON_EACH_DATABASE("cli: a failing migration exits 2 and names it; a dirty record is resolved", failing_migration)
TEMPEST_CLI_ON_EACH_DATABASE("cli: stamp baselines a database", stamp_baseline)
TEMPEST_CLI_ON_EACH_DATABASE("cli: upgrade --sql and downgrade --sql, applied by hand", offline_sql)
