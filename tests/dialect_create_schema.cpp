#include <catch2/catch.hpp>

#include <tempest/dialect/create_schema.hpp>
#include <tempest/dialect/registry.hpp>

#include "models/blog.hpp"

using namespace tempest;

namespace {
std::size_t position_of(const std::vector<std::string>& statements, std::string_view prefix) {
  for (std::size_t i = 0; i < statements.size(); ++i)
    if (statements[i].starts_with(prefix)) return i;
  FAIL("no statement starts with " << prefix);
  return 0;
}

schema two_table_cycle() {
  schema s;
  table a{"a", {{"id", column_type::of(type_kind::int32)}, {"b_id", column_type::of(type_kind::int32), true}}};
  a.key = primary_key_def{"pk_a", {"id"}};
  a.foreign_keys = {{"fk_a_b_id_b", {"b_id"}, "b", {"id"}}};
  table b{"b", {{"id", column_type::of(type_kind::int32)}, {"a_id", column_type::of(type_kind::int32), true}}};
  b.key = primary_key_def{"pk_b", {"id"}};
  b.foreign_keys = {{"fk_b_a_id_a", {"a_id"}, "a", {"id"}}};
  s.tables = {a, b};
  return s;
}
}  // namespace

TEST_CASE("create_schema: referenced tables are created first") {
  auto statements = create_schema(dialect_for(dialect_kind::postgresql), blog::schema());
  CHECK(position_of(statements, "CREATE TABLE \"roles\"") < position_of(statements, "CREATE TABLE \"users\""));
  CHECK(position_of(statements, "CREATE TABLE \"users\"") < position_of(statements, "CREATE TABLE \"posts\""));
  CHECK(position_of(statements, "CREATE TABLE \"posts\"") < position_of(statements, "CREATE TABLE \"post_tags\""));
  CHECK(position_of(statements, "CREATE TABLE \"tags\"") < position_of(statements, "CREATE TABLE \"post_tags\""));
  CHECK(position_of(statements, "CREATE TABLE \"posts\"") < position_of(statements, "CREATE TABLE \"comments\""));
  // A self reference stays inside its own CREATE TABLE.
  CHECK(statements[position_of(statements, "CREATE TABLE \"comments\"")].find("\"fk_comments_parent_id_comments\"") !=
        std::string::npos);
  CHECK(std::none_of(statements.begin(), statements.end(), [](const auto& s) { return s.starts_with("ALTER"); }));
}

TEST_CASE("create_schema: a reference cycle is closed with ALTER TABLE where the database can") {
  auto pg = create_schema(dialect_for(dialect_kind::postgresql), two_table_cycle());
  REQUIRE(pg.size() == 3);
  CHECK(pg[0].starts_with("CREATE TABLE \"b\""));
  CHECK(pg[0].find("FOREIGN KEY") == std::string::npos);
  CHECK(pg[1].starts_with("CREATE TABLE \"a\""));
  CHECK(pg[1].find("\"fk_a_b_id_b\"") != std::string::npos);
  CHECK(pg[2] == "ALTER TABLE \"b\" ADD CONSTRAINT \"fk_b_a_id_a\" FOREIGN KEY (\"a_id\") REFERENCES \"a\" (\"id\") "
                 "ON DELETE NO ACTION ON UPDATE NO ACTION");
  auto my = create_schema(dialect_for(dialect_kind::mysql), two_table_cycle());
  REQUIRE(my.size() == 3);
  CHECK(my[2].starts_with("ALTER TABLE `b` ADD CONSTRAINT `fk_b_a_id_a`"));
  // SQLite does not check references when a table is created: both keys stay inline.
  auto lite = create_schema(dialect_for(dialect_kind::sqlite), two_table_cycle());
  REQUIRE(lite.size() == 2);
  CHECK(lite[0].find("\"fk_b_a_id_a\"") != std::string::npos);
}
