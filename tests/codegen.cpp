// Code generation (codegen/revision.hpp): the text of generated migrations, checked against text
// written out by hand, and the files it writes. codegen_roundtrip.cpp compiles generated migrations
// and applies them.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tempest/codegen/revision.hpp"

#include "support/schema_parts.hpp"

using namespace tempest;
using namespace tempest::codegen;
using tempest_test::col;
using tempest_test::schema_of;

namespace {

std::chrono::system_clock::time_point at(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  using namespace std::chrono;
  return sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm) + seconds(ss);
}

std::string steps(std::vector<operation> ops) { return builder_calls(ops, ""); }

table users() {
  table t;
  t.name = "users";
  t.columns = {col("id", column_type::of(type_kind::int64)), col("email", column_type::varchar(255)),
               col("nick", column_type::text(), true)};
  t.columns[0].autoincrement = true;
  t.key = primary_key_def{"pk_users", {"id"}};
  t.indexes = {{"uq_users_email", {"email"}, true}};
  t.normalise();
  return t;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("codegen: string literals hold any name") {
  CHECK(cpp_string("it's") == R"("it's")");
  CHECK(cpp_string("a \"b\"") == R"("a \"b\"")");
  CHECK(cpp_string("back\\slash") == R"("back\\slash")");
  CHECK(cpp_string("two\nlines\ttab") == R"("two\nlines\ttab")");
  CHECK(cpp_string("größe") == R"("gr\303\266\303\237e")");
  CHECK(cpp_string("what?" "?=") == R"("what?\?=")");
  CHECK(cpp_string(std::string("nul\0x", 5)) == R"("nul\000x")");
  CHECK(cpp_string("select") == R"("select")");
}

TEST_CASE("codegen: file names") {
  CHECK(slug("Add comments to posts!") == "add_comments_to_posts");
  CHECK(slug("  größe  ") == "gr_e");
  CHECK(slug("???") == "migration");
  CHECK(timestamp(at(2026, 11, 24, 19, 30, 5)) == "20261124193005");
  CHECK(valid_namespace("app::migrations"));
  CHECK_FALSE(valid_namespace("app::"));
  CHECK_FALSE(valid_namespace("1st"));
}

TEST_CASE("codegen: a new table is spelled out column by column") {
  CHECK(steps({op::create_table{users()}}) ==
        "b.create_table(\"users\", [](tempest::table_builder& t) {\n"
        "  t.column<std::int64_t>(\"id\").autoincrement().primary_key();\n"
        "  t.column<std::string>(\"email\").length(255).unique();\n"
        "  t.column<std::optional<std::string>>(\"nick\");\n"
        "});\n");
}

TEST_CASE("codegen: names other than the builder's are written out") {
  table t = users();
  t.key->name = "users_pkey";
  t.indexes = {{"", {"email"}, true}, {"ix_lower", {"lower(email)"}, false, {{.expression = true, .descending = true}}, "id > 0"}};
  t.foreign_keys = {{"", {"nick"}, "nicks", {"name"}, fk_action::cascade, fk_action::no_action, deferrability::initially_deferred}};
  t.checks = {{"ck_users_positive", "id > 0", {}, {}}, {"", "length(email) > 3", {}, {}}, {"mood_ok", "", "nick", {"a", "b"}}};
  t.collation = "utf8mb4_bin";
  t.normalise();
  CHECK(steps({op::create_table{t}}) ==
        "b.create_table(\"users\", [](tempest::table_builder& t) {\n"
        "  t.column<std::int64_t>(\"id\").autoincrement();\n"
        "  t.column<std::string>(\"email\").length(255);\n"
        "  t.column<std::optional<std::string>>(\"nick\");\n"
        "  t.primary_key({\"id\"}).named(\"users_pkey\");\n"
        "  t.unique({\"email\"}).unnamed();\n"
        "  t.index({\"lower(email)\"}).named(\"ix_lower\").parts({{.expression = true, .descending = true}}).where(\"id > 0\");\n"
        "  t.foreign_key({\"nick\"}, \"nicks\", {\"name\"}).unnamed().on_delete(tempest::fk_action::cascade)"
        ".deferrable(tempest::deferrability::initially_deferred);\n"
        "  t.check(\"length(email) > 3\");\n"
        "  t.check(\"positive\", \"id > 0\");\n"
        "  t.check_in(\"nick\", {\"a\", \"b\"}).named(\"mood_ok\");\n"
        "  t.collation(\"utf8mb4_bin\");\n"
        "});\n");
}

TEST_CASE("codegen: column types and defaults") {
  auto add = [](column c) { return steps({op::add_column{"t", std::move(c)}}); };
  auto c = col("flag", column_type::of(type_kind::boolean), false, "true");
  CHECK(add(c) == "b.alter_table(\"t\", [](tempest::table_alterer& t) {\n  t.add_column<bool>(\"flag\").default_value(true);\n});\n");
  auto line = [&](column x) {
    auto text = add(std::move(x));
    return text.substr(text.find("t.add_column"), text.find(";\n});") - text.find("t.add_column"));
  };
  CHECK(line(col("n", column_type::unsigned_of(type_kind::int32), true, "-7")) ==
        "t.add_column<std::optional<std::uint32_t>>(\"n\").default_value(-7)");
  CHECK(line(col("big", column_type::of(type_kind::int64), false, "9000000000")) ==
        "t.add_column<std::int64_t>(\"big\").default_literal(\"9000000000\")");
  CHECK(line(col("price", column_type::numeric(10, 2), false, "1.5")) ==
        "t.add_column<tempest::decimal>(\"price\").precision(10, 2).default_literal(\"1.5\")");
  CHECK(line(col("name", column_type::varchar(40), false, "it's")) ==
        "t.add_column<std::string>(\"name\").length(40).default_value(\"it's\")");
  CHECK(line(col("at", column_type::of(type_kind::timestamp), false, "2024-01-31 12:00:00")) ==
        "t.add_column<std::chrono::system_clock::time_point>(\"at\").default_literal(\"2024-01-31 12:00:00\")");
  CHECK(line(col("day", column_type::of(type_kind::date))) == "t.add_column<std::chrono::sys_days>(\"day\")");
  CHECK(line(col("data", column_type::of(type_kind::blob), true)) == "t.add_column<std::optional<std::vector<std::byte>>>(\"data\")");
  CHECK(line(col("ratio", column_type::of(type_kind::float32))) == "t.add_column<float>(\"ratio\")");
  auto custom = col("v", column_type::sql("vector(3)"));
  custom.default_value = column_default::literal("1", type_kind::int32);
  CHECK(line(custom) == "t.add_column<std::string>(\"v\").sql_type(\"vector(3)\").default_literal(\"1\", tempest::type_kind::int32)");
  auto mood = col("mood", column_type::enumeration_of("mood", {"happy", "sad"}));
  mood.default_value = column_default::expression("'happy'::mood");
  CHECK(line(mood) == "t.add_column<std::string>(\"mood\").enumeration(\"mood\", {\"happy\", \"sad\"}).default_sql(\"'happy'::mood\")");
  auto odd = col("d", column_type{.kind = type_kind::decimal, .precision = 5});
  CHECK(line(odd) == "t.add_column<tempest::decimal>(\"d\").type(tempest::column_type{.kind = tempest::type_kind::decimal, .precision = 5})");
  auto serial = col("id", column_type::sql("bigint"));
  serial.autoincrement = true;
  serial.identity = identity_kind::always;
  serial.collation = "C";
  serial.on_update = "current_timestamp()";
  serial.generated = generated_column{"a + b", true};
  CHECK(line(serial) == "t.add_column<std::int64_t>(\"id\").sql_type(\"bigint\").autoincrement()"
                        ".identity(tempest::identity_kind::always).collation(\"C\").on_update(\"current_timestamp()\")"
                        ".generated(\"a + b\", true)");
}

TEST_CASE("codegen: changes to a table are grouped, one alter_table per table in a row") {
  std::vector<operation> ops{
      op::rename_column{"posts", "body", "content"},
      op::alter_column{"posts", "title", column_type::varchar(200), {}, {}, {}, {}},
      op::alter_column{"posts", "title", {}, false, {}, {}, {}},
      op::alter_column{"posts", "title", {}, {}, std::optional<column_default>{}, {}, {}},
      op::alter_column{"posts", "title", column_type::text(), true, column_default::literal("x"), {}, {}},
      op::alter_column{"posts", "slug", {}, {}, {}, {}, col("slug", column_type::varchar(80), true)},
      op::drop_column{"posts", "old", col("old", column_type::text())},
      op::create_index{"posts", {"ix_posts_slug", {"slug"}, false}},
      op::create_index{"posts", {"posts_slug_key", {"slug"}, true}},
      op::drop_index{"posts", "ix_old", {}},
      op::drop_index{"posts", "", index_def{"", {"a", "b"}, true}},
      op::rename_index{"posts", "a", "b"},
      op::add_foreign_key{"posts", {"fk_posts_author_users", {"author"}, "users", {"id"}, fk_action::set_null}},
      op::drop_foreign_key{"posts", "fk_old", {}},
      op::drop_foreign_key{"posts", "", foreign_key_def{"", {"x"}, "users", {"id"}}},
      op::add_check{"posts", {"ck_posts_len", "length(title) > 0", {}, {}}},
      op::drop_check{"posts", "ck_old", {}},
      op::drop_check{"posts", "", check_def{"", "x > 0", {}, {}}},
      op::drop_primary_key{"posts", {}},
      op::add_primary_key{"posts", {"", {"id"}}},
      op::rename_constraint{"posts", op::constraint_kind::check, "a", "b"},
      op::rename_table{"posts", "articles"},
      op::alter_table_options{"articles", "", true, false, {}},
      op::create_enum_type{{"mood", {"a", "b"}}},
      op::alter_enum_type{"mood", {"a", "b", "c"}, {}},
  };
  CHECK(steps(ops) ==
        "b.alter_table(\"posts\", [](tempest::table_alterer& t) {\n"
        "  t.rename_column(\"body\", \"content\");\n"
        "  t.alter_type(\"title\", tempest::column_type::varchar(200));\n"
        "  t.set_nullable(\"title\", false);\n"
        "  t.set_default(\"title\", std::nullopt);\n"
        "  t.change_column(\"title\", {.type = tempest::column_type::text(), .nullable = true, "
        ".default_value = tempest::column_default::literal(\"x\")});\n"
        "  t.alter_column<std::optional<std::string>>(\"slug\").length(80);\n"
        "  t.drop_column(\"old\");\n"
        "  t.create_index({\"slug\"});\n"
        "  t.add_unique({\"slug\"}).named(\"posts_slug_key\");\n"
        "  t.drop_index(\"ix_old\");\n"
        "  t.drop_unnamed_index({.columns = {\"a\", \"b\"}, .unique = true});\n"
        "  t.rename_index(\"a\", \"b\");\n"
        "  t.add_foreign_key({\"author\"}, \"users\", {\"id\"}).on_delete(tempest::fk_action::set_null);\n"
        "  t.drop_foreign_key(\"fk_old\");\n"
        "  t.drop_unnamed_foreign_key({.columns = {\"x\"}, .referenced_table = \"users\", .referenced_columns = {\"id\"}});\n"
        "  t.add_check(\"len\", \"length(title) > 0\");\n"
        "  t.drop_check(\"ck_old\");\n"
        "  t.drop_unnamed_check({.expression = \"x > 0\"});\n"
        "  t.drop_primary_key();\n"
        "  t.add_primary_key({\"id\"}).unnamed();\n"
        "  t.rename_constraint(tempest::op::constraint_kind::check, \"a\", \"b\");\n"
        "});\n"
        "b.rename_table(\"posts\", \"articles\");\n"
        "b.alter_table_options(\"articles\", \"\", true, false);\n"
        "b.create_enum_type(\"mood\", {\"a\", \"b\"});\n"
        "b.alter_enum_type(\"mood\", {\"a\", \"b\", \"c\"});\n");
}

TEST_CASE("codegen: the builder calls give back the operations they were written from") {
  // The text above, compiled: each call makes exactly the operation it was generated from.
  migration_builder b;
  b.alter_table("posts", [](tempest::table_alterer& t) {
    t.change_column("title", {.type = tempest::column_type::text(), .nullable = true, .default_value = tempest::column_default::literal("x")});
    t.alter_column<std::optional<std::string>>("slug").length(80).collation("C");
    t.add_unique({"slug"}).named("posts_slug_key");
    t.drop_unnamed_index({.columns = {"a", "b"}, .unique = true});
    t.add_primary_key({"id"}).unnamed();
    t.add_check_in("mood", {"a"}).unnamed();
  });
  auto slug = col("slug", column_type::varchar(80), true);
  slug.collation = "C";
  const std::vector<operation> expected{
      op::alter_column{"posts", "title", column_type::text(), true, column_default::literal("x"), {}, {}},
      op::alter_column{"posts", "slug", {}, {}, {}, {}, slug},
      op::create_index{"posts", {"posts_slug_key", {"slug"}, true}},
      op::drop_index{"posts", "", index_def{"", {"a", "b"}, true}},
      op::add_primary_key{"posts", {"", {"id"}}},
      op::add_check{"posts", {"", "", "mood", {"a"}}},
  };
  CHECK(b.operations() == expected);
  // The builder's own spellings keep their canonical text (applied checksums depend on it).
  migration_builder old;
  old.create_table("tags", [](tempest::table_builder& t) {
    t.column<std::int64_t>("id").primary_key().autoincrement();
    t.column<std::string>("label").length(40).unique();
    t.check("label", "length(label) > 0");
  });
  CHECK(canonical_text(old.operations()) ==
        "create_table(table(4:tagscolumn(2:idtype(5:int64nnn0:)fnt)column(5:labeltype(6:string40;nn0:)fnf)"
        "key(7:pk_tags[2:id])index(13:uq_tags_label[5:label]t)check(13:ck_tags_label17:length(label) > 00:[])))");
}

TEST_CASE("codegen: a revision file, its registry and the folder") {
  const auto folder = std::filesystem::temp_directory_path() / fmt::format("tempest_codegen_{}", std::random_device{}());
  revision_request r;
  r.message = "Create users";
  r.up = {op::create_table{users()}};
  r.down_revisions = {};
  r.directory = (folder / "db" / "migrations").string();
  r.now = at(2026, 11, 1, 9, 0, 0);
  auto first = generate_revision(r);
  CHECK(first.revision == "20261101090000_create_users");
  CHECK(first.path == (folder / "db" / "migrations" / "20261101090000_create_users.hpp").string());
  CHECK(first.text.find("inline tempest::migration m20261101090000_create_users() {") != std::string::npos);
  CHECK(first.text.find("      .down_revisions = {},\n      .label = \"Create users\",\n") != std::string::npos);
  CHECK(first.text.find("// Its down is derived from its up") != std::string::npos);
  CHECK(first.text.find(".down =") == std::string::npos);
  write_revision(first);
  CHECK(read(first.path) == first.text);

  r.message = "add nick";
  r.up = {op::add_column{"users", col("nick2", column_type::text(), true)}};
  r.before = schema_of({users()});
  r.down_revisions = {first.revision};
  r.now = at(2026, 11, 24, 19, 30, 0);
  auto second = generate_revision(r);
  CHECK(second.text.find(".down_revisions = {\"20261101090000_create_users\"},") != std::string::npos);
  CHECK(second.registry_text.find("#include \"20261101090000_create_users.hpp\"\n#include \"20261124193000_add_nick.hpp\"\n") !=
        std::string::npos);
  CHECK(second.registry_text.find("      m20261101090000_create_users(),\n      m20261124193000_add_nick(),\n") != std::string::npos);
  write_revision(second);
  CHECK(registry_revisions(read(second.registry_path)) ==
        std::vector<std::string>{"20261101090000_create_users", "20261124193000_add_nick"});
  std::filesystem::remove_all(folder);
}

TEST_CASE("codegen: an irreversible step is said so") {
  revision_request r;
  r.message = "cleanup";
  r.up = {op::raw_sql{"DELETE FROM users", {}, {}}};
  r.now = at(2026, 1, 2, 3, 4, 5);
  auto g = generate_revision(r);
  CHECK(g.text.find("// This step cannot be reverted (raw SQL") != std::string::npos);
  CHECK(g.text.find("b.sql(\"DELETE FROM users\");") != std::string::npos);
}

TEST_CASE("codegen: raw mode holds the SQL of one dialect, up and down") {
  revision_request r;
  r.message = "add nick";
  r.up = {op::add_column{"users", col("nick2", column_type::varchar(20), true)}};
  r.before = schema_of({users()});
  r.mode = output_mode::raw;
  r.now = at(2026, 1, 2, 3, 4, 5);
  CHECK_THROWS_WITH(generate_revision(r), "revision: raw output needs a dialect (--dialect)");
  r.dialect = dialect_kind::postgresql;
  auto g = generate_revision(r);
  CHECK(g.text.find("b.sql(\"ALTER TABLE \\\"users\\\" ADD COLUMN \\\"nick2\\\" VARCHAR(20);\\n\",\n") != std::string::npos);
  CHECK(g.text.find("\"ALTER TABLE \\\"users\\\" DROP COLUMN \\\"nick2\\\";\\n\",\n") != std::string::npos);
  CHECK(g.text.find("tempest::dialect_kind::postgresql);") != std::string::npos);
}
