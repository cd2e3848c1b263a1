// The migrate tool as a subprocess, comparing models and database: check (exit 0 in sync, 1 on
// drift made by hand), diff, sync, diagram; and what needs no database: history, heads, --help,
// usage errors, unreachable servers (exit 2, no password printed).

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include <tempest/cli/run.hpp>

#include "support/cli_tool.hpp"
#include "support/database.hpp"

#include "../examples/blog_schema.hpp"

using Catch::Matchers::Contains;
using tempest_test::columns_of;
using tempest_test::execute_sql;
using tempest_test::fresh_database;
using tempest_test::run_tool;
using tempest_test::tables_of;

namespace {

void check_and_drift(const std::string& kind) {
  const auto url = fresh_database(kind);
  auto r = run_tool({"--url", url, "check"});
  CHECK(r.code == 1);  // nothing applied yet: every table is missing
  CHECK_THAT(r.out, Contains("Drift: the database differs from the models in ") &&
                        Contains("\n  - create table authors (3 columns)\n"));
  REQUIRE(run_tool({"--url", url, "upgrade"}).code == 0);

  nlohmann::json j;
  r = run_tool({"--url", url, "check"});
  CHECK(r.code == 0);
  CHECK(r.out == "In sync: the database matches the models.\n");
  r = run_tool({"--url", url, "diff"});
  CHECK(r.code == 0);
  CHECK(r.out == "No differences: the database matches the models.\n");
  for (const char* from : {"live", "history"}) {
    r = run_tool({"--url", url, "revision", "-m", "nothing", "--autogenerate", "--from", from});
    INFO(from << ": " << r.err);
    CHECK(r.code == 0);
    CHECK(r.out == "No new changes detected between database schema and models\n");
  }
  j = run_tool({"--url", url, "revision", "-m", "nothing", "--autogenerate", "--format", "json"}).json();
  CHECK(j["changes"] == false);
  CHECK(j["exit_code"] == 0);

  execute_sql(url, "ALTER TABLE posts ADD COLUMN extra TEXT");
  r = run_tool({"--url", url, "check"});
  CHECK(r.code == 1);
  CHECK(r.out == "Drift: the database differs from the models in 1 way:\n  - drop column posts.extra\n");
  r = run_tool({"--url", url, "check", "--format", "json"});
  CHECK(r.code == 1);
  j = r.json();
  CHECK(j["in_sync"] == false);
  CHECK(j["differences"] == nlohmann::json{"drop column posts.extra"});
  CHECK(j["exit_code"] == 1);
  CHECK(j["ok"] == true);

  r = run_tool({"--url", url, "diff"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "Plan: 1 step (worst: destructive), not run\n"
        "  1. [destructive] drop column posts.extra\n"
        "       destructive drop-column: drops column posts.extra and the data it holds\n");
  j = run_tool({"--url", url, "diff", "--format", "json"}).json();
  REQUIRE(j["steps"].size() == 1);
  CHECK(j["steps"][0]["class"] == "destructive");
  CHECK(j["steps"][0]["safety"][0]["code"] == "drop-column");
  CHECK(j["worst"] == "destructive");
  CHECK(columns_of(url, "posts").back() == "extra");  // diff writes nothing

  // sync adds what is missing and leaves the drop to a migration.
  execute_sql(url, "DROP TABLE tags");
  r = run_tool({"--url", url, "sync"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "applied: create table tags (2 columns)\n"
        "skipped: drop column posts.extra (sync only adds; this is a change for a migration)\n");
  CHECK(tables_of(url).count("tags") == 1);
  j = run_tool({"--url", url, "sync", "--format", "json"}).json();
  CHECK(j["applied"].empty());
  REQUIRE(j["skipped"].size() == 1);
  CHECK(j["skipped"][0]["description"] == "drop column posts.extra");
  r = run_tool({"--url", url, "check"});
  CHECK(r.code == 1);
  CHECK(r.out == "Drift: the database differs from the models in 1 way:\n  - drop column posts.extra\n");
}

// A refused login names the server and the user, never the password.
void wrong_password(const std::string& kind) {
  auto parsed = tempest::parse_database_url(fresh_database(kind));
  const std::string secret = "Wr0ngSecretPassw0rd";
  const std::string url = fmt::format("{}://{}:{}@{}/{}", kind, parsed.user, secret, parsed.host_and_port(), parsed.database);
  for (const char* format : {"text", "json"}) {
    auto r = run_tool({"--url", url, "status", "--format", format});
    CHECK(r.code == 2);
    CHECK_THAT(r.out + r.err, !Contains(secret));
    if (std::string(format) == "json") CHECK(r.json()["error"]["type"] == "connection");
  }
}

}  // namespace

TEMPEST_CLI_ON_EACH_DATABASE("cli: check, diff and sync against drift made by hand", check_and_drift)

TEST_CASE("cli: a refused login exits 2 without the password (PostgreSQL)", "[cli][postgresql]") {
  wrong_password("postgresql");
}
TEST_CASE("cli: a refused login exits 2 without the password (MySQL)", "[cli][mysql]") { wrong_password("mysql"); }

TEST_CASE("cli: an unreachable database exits 2, and no password is printed", "[cli]") {
  for (std::string url : {"postgresql://app:S3cret%2Fpass@127.0.0.1:1/blog", "mysql://app:S3cret%2Fpass@127.0.0.1:1/blog"}) {
    auto r = run_tool({"--url", url, "upgrade"});
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("error: cannot connect to the") && Contains("127.0.0.1:1"));
    CHECK_THAT(r.out + r.err, !Contains("S3cret") && !Contains("pass@"));
    r = run_tool({"--url", url, "check", "--format", "json"});
    CHECK(r.code == 2);
    auto j = r.json();
    CHECK(j["ok"] == false);
    CHECK(j["error"]["type"] == "connection");
    CHECK_THAT(r.out + r.err, !Contains("S3cret"));
  }
  auto r = run_tool({"--url", "sqlite:/nonexistent-directory/blog.db", "status"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("error: "));
}

TEST_CASE("cli: history draws the revision graph", "[cli]") {
  auto r = run_tool({"history"});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "*    0005_merge merge tags and view counts (head) (merge of 0004_tags, 0004_views)\n"
        "|\\\n"
        "| *  0004_views view counts\n"
        "* |  0004_tags tags\n"
        "|/\n"
        "*    0003_comments comments (branch point: 0004_tags, 0004_views)\n"
        "*    0002_published posts can be published\n"
        "*    0001_init authors and posts (root)\n");
  auto j = run_tool({"history", "--format", "json"}).json();
  REQUIRE(j["history"].size() == 6);
  CHECK(j["history"][0]["revision"] == "0005_merge");
  CHECK(j["history"][0]["merge"] == true);
  CHECK(j["history"][3]["branch_point"] == true);
  CHECK(j["history"][3]["children"] == nlohmann::json{"0004_tags", "0004_views"});

  r = run_tool({"heads"});
  CHECK(r.out == "0005_merge (merge tags and view counts)\n");
  CHECK(run_tool({"heads", "--format", "json"}).json()["heads"][0]["revision"] == "0005_merge");
}

TEST_CASE("cli: diagram draws the models as a Mermaid ER diagram", "[cli]") {
  auto r = run_tool({"diagram"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("erDiagram\n    authors {\n        int64 id PK\n        varchar(100) name\n"
                             "        varchar(255) email UK \"nullable\"\n    }\n") &&
                        Contains("        int64 author_id FK\n") &&
                        Contains("    authors ||--o{ posts : \"author_id\"\n") &&
                        Contains("    posts ||--o{ comments : \"post_id\"\n"));
  CHECK(run_tool({"diagram", "--format", "json"}).json()["mermaid"] == r.out);
}

TEST_CASE("cli: --help, usage errors and the environment's URL", "[cli]") {
  auto r = run_tool({"--help"});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Contains("Exit codes: 0 success; 1 the database differs from the models (check only); 2 an error") &&
                        Contains("TEMPEST_DATABASE_URL"));
  for (const char* command : {"upgrade", "downgrade", "status", "current", "heads", "history", "stamp", "resolve",
                              "check", "sync", "diff", "diagram", "revision"}) {
    r = run_tool({command, "--help"});
    INFO(command);
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Contains("Exit codes: 0 success"));
  }
  r = run_tool({"frobnicate"});
  CHECK(r.code == 2);
  r = run_tool({"upgrade", "nope", "--url", "sqlite::memory:"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("unknown revision \"nope\""));
  r = run_tool({"resolve", "0001_init", "--format", "json"});  // --as is missing
  CHECK(r.code == 2);
  auto j = r.json();
  CHECK(j["error"]["type"] == "usage");
  CHECK_THAT(j["error"]["message"].get<std::string>(), Contains("--as"));

  const auto url = tempest_test::database_url("sqlite");
  r = run_tool({"status", "--format", "json"}, {"TEMPEST_DATABASE_URL=" + url});
  CHECK(r.code == 0);
  CHECK(r.json()["pending"] == 6);
  r = run_tool({"upgrade", "+1"}, {"TEMPEST_DATABASE_URL=" + url});
  CHECK(r.code == 0);
  CHECK(tables_of(url).count("authors") == 1);
}

// In process: the output streams and colour come from the configuration.
TEST_CASE("cli: colour only when asked for, and the configuration's streams", "[cli]") {
  std::ostringstream out, err;
  tempest::cli::config cfg;
  cfg.migrations = blog::migrations();
  cfg.models = blog::models;
  cfg.out = &out;
  cfg.err = &err;
  std::vector<std::string> text{"blog_migrate", "history"};
  std::vector<char*> argv;
  for (auto& a : text) argv.push_back(a.data());
  cfg.colour = true;
  CHECK(tempest::cli::run(2, argv.data(), cfg) == 0);
  CHECK_THAT(out.str(), Contains("\x1b[1m0005_merge\x1b[0m merge tags and view counts\x1b[32m (head)\x1b[0m"));
  out.str("");
  cfg.colour = false;
  CHECK(tempest::cli::run(2, argv.data(), cfg) == 0);
  CHECK_THAT(out.str(), Contains("*    0005_merge merge tags and view counts (head)") && !Contains("\x1b["));
  CHECK(err.str().empty());
  // Decided by itself: `out` is not std::cout, so no colour.
  cfg.colour.reset();
  out.str("");
  CHECK(tempest::cli::run(2, argv.data(), cfg) == 0);
  CHECK_THAT(out.str(), !Contains("\x1b["));
}
