// `revision` through the migrate tool, as a subprocess: the file it prints (--dry) or writes, raw
// mode, --verify, and the refusal to autogenerate against a database that is behind. The code
// generator (tempest/codegen) is built beside the command line: without it these tests are not built.

#include <catch2/catch.hpp>

#if __has_include(<tempest/codegen/revision.hpp>)

#include <filesystem>
#include <string>

#include "support/cli_tool.hpp"
#include "support/database.hpp"

using Catch::Matchers::Contains;
using tempest_test::execute_sql;
using tempest_test::fresh_database;
using tempest_test::run_tool;

namespace {

void revision_scenario(const std::string& kind) {
  const auto url = fresh_database(kind);
  REQUIRE(run_tool({"--url", url, "upgrade", "0003_comments"}).code == 0);
  auto r = run_tool({"--url", url, "revision", "-m", "too early", "--autogenerate", "--dry"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("the database is not at the heads (3 not applied: 0004_tags, 0004_views, 0005_merge)"));

  REQUIRE(run_tool({"--url", url, "upgrade"}).code == 0);
  execute_sql(url, "DROP TABLE tags");
  r = run_tool({"--url", url, "revision", "-m", "tags again", "--autogenerate", "--dry"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Contains("b.create_table(\"tags\"") && Contains(".down_revisions = {\"0005_merge\"}") &&
                        Contains(".label = \"tags again\""));

  r = run_tool({"--url", url, "revision", "-m", "tags again", "--autogenerate", "--dry", "--output", "raw"});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Contains("CREATE TABLE"));

  const auto directory = std::filesystem::temp_directory_path() / ("tempest-cli-revision-" + kind);
  std::filesystem::remove_all(directory);
  r = run_tool({"--url", url, "revision", "-m", "tags again", "--autogenerate", "--verify", "--directory",
                directory.string(), "--format", "json"});
  REQUIRE(r.code == 0);
  auto j = r.json();
  CHECK(j["changes"] == true);
  CHECK(j["written"] == true);
  const std::string path = j["path"];
  CHECK(std::filesystem::path(path).parent_path() == directory);
  CHECK(std::filesystem::exists(path));
  CHECK(std::filesystem::exists(directory / "all_migrations.hpp"));
  CHECK_THAT(j["revision"].get<std::string>(), Contains("_tags_again"));
  std::filesystem::remove_all(directory);
}

}  // namespace

TEMPEST_CLI_ON_EACH_DATABASE("cli: revision --autogenerate prints and writes the next migration", revision_scenario)

#endif
