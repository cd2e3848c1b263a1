// `revision` through the migrate tool, as a subprocess: the file it prints (--dry) or writes, raw
// mode, --verify, and the refusal to autogenerate against a database that is behind. `freeze`, in
// process, on a migration of create_table<Model>() (codegen_fixture/frozen_models.hpp).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <tempest/cli/run.hpp>

#include "codegen_fixture/frozen_models.hpp"

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

namespace {

int run_in_process(tempest::cli::config& cfg, std::vector<std::string> args) {
  args.insert(args.begin(), "migrate");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return tempest::cli::run(static_cast<int>(argv.size()), argv.data(), cfg);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("cli: freeze spells out an applied migration of create_table<Model>() in its header", "[cli][sqlite]") {
  std::ostringstream out, err;
  tempest::cli::config cfg;
  cfg.url = fresh_database("sqlite");
  cfg.migrations = {codegen_fixture::frozen_models::from_models()};
  cfg.out = &out;
  cfg.err = &err;
  cfg.colour = false;
  REQUIRE(run_in_process(cfg, {"upgrade"}) == 0);

  const auto directory = std::filesystem::temp_directory_path() / "tempest-cli-freeze";
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  std::ofstream(directory / "0001_models.hpp") << "// the migration as written by hand\n";
  out.str("");
  CHECK(run_in_process(cfg, {"freeze", "0001_models", "--directory", directory.string()}) == 0);
  INFO(err.str());
  CHECK_THAT(out.str(), Contains("Froze") && Contains("the checksum is unchanged"));
  const auto text = read_file(directory / "0001_models.hpp");
  CHECK_THAT(text, Contains("b.create_table(\"it's shelves\", [](tempest::table_builder& t) {") &&
                       Contains(".revision = \"0001_models\""));

  // Not in the folder: printed, to paste over the definition.
  out.str("");
  CHECK(run_in_process(cfg, {"freeze", "0001_models", "--directory", (directory / "elsewhere").string()}) == 0);
  CHECK_THAT(out.str(), Contains("0001_models is not in") && Contains("b.create_table(\"books\""));

  // Refused: an unknown revision, and a migration spelled out already.
  err.str("");
  CHECK(run_in_process(cfg, {"freeze", "0002_nothing"}) == 2);
  CHECK_THAT(err.str(), Contains("no migration \"0002_nothing\""));
  cfg.migrations = {tempest::migration{"0001_models", {}, "shelves and books", [](tempest::migration_builder& b) {
                                         b.create_table("shelves", [](tempest::table_builder& t) { t.column<int>("id"); });
                                       }}};
  err.str("");
  CHECK(run_in_process(cfg, {"freeze", "0001_models"}) == 2);
  CHECK_THAT(err.str(), Contains("spelled out already"));
  std::filesystem::remove_all(directory);
}
