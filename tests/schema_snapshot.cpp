// The JSON snapshot of the schema IR (schema/snapshot.hpp). Documents and expected schemas are written
// by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include <tempest/error.hpp>
#include <tempest/schema/schema.hpp>
#include <tempest/schema/snapshot.hpp>

using namespace tempest;
namespace fs = std::filesystem;

namespace {

// A folder of its own under the system's temporary folder, removed with what it holds.
struct temp_folder {
  fs::path path;
  temp_folder() {
    std::string name = (fs::temp_directory_path() / "tempest-snapshot-XXXXXX").string();
    REQUIRE(::mkdtemp(name.data()) != nullptr);
    path = name;
  }
  ~temp_folder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(path)) out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

// The schema_error message of reading `text` as a snapshot document.
std::string read_error(const std::string& text) {
  try {
    schema_from_json(nlohmann::json::parse(text));
  } catch (const schema_error& e) {
    return e.what();
  }
  FAIL("no schema_error for " << text);
  return {};
}

template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const error& e) {
    return e.what();
  }
  FAIL("no error");
  return {};
}

// schema's operator== compares a named check by its name alone and a default by its canonical form:
// these list them field by field, to compare exactly.
using check_fields = std::tuple<std::string, std::string, std::string, std::string, std::vector<std::string>>;
std::vector<check_fields> checks_of(const schema& s) {
  std::vector<check_fields> out;
  for (const auto& t : s.tables)
    for (const auto& ck : t.checks) out.emplace_back(t.name, ck.name, ck.expression, ck.column, ck.allowed_values);
  return out;
}
using default_fields = std::tuple<std::string, bool, std::string, std::optional<type_kind>>;
std::vector<default_fields> defaults_of(const schema& s) {
  std::vector<default_fields> out;
  for (const auto& t : s.tables)
    for (const auto& c : t.columns)
      if (c.default_value)
        out.emplace_back(c.name, c.default_value->kind == column_default::source::literal, c.default_value->text,
                         c.default_value->value_kind);
  return out;
}

// A schema that sets every field of the IR to something other than its default somewhere.
schema every_field() {
  schema s;
  table orders{.name = "orders", .collation = "utf8mb4_bin", .strict = true, .without_rowid = true};
  orders.columns = {
      {.name = "id", .type = column_type::unsigned_of(type_kind::int64), .autoincrement = true,
       .identity = identity_kind::serial},
      {.name = "code", .type = column_type::varchar(20), .nullable = true,
       .default_value = column_default::literal("A-1"), .collation = "C"},
      {.name = "total", .type = column_type::numeric(12, 3), .default_value = column_default::literal("0.50", type_kind::decimal)},
      {.name = "made", .type = column_type::of(type_kind::timestamp),
       .default_value = column_default::expression("CURRENT_TIMESTAMP"), .on_update = "current_timestamp()"},
      {.name = "state", .type = column_type::enumeration_of("order_state", {"new", "paid"})},
      {.name = "size", .type = column_type::enumeration_of("", {"s", "m", "l"})},
      {.name = "shape", .type = column_type::sql("geometry(Point,4326)")},
      {.name = "twice", .type = column_type::of(type_kind::int32), .generated = generated_column{"total * 2", true}},
      {.name = "half", .type = column_type::of(type_kind::float64), .generated = generated_column{"total / 2", false}},
      {.name = "serial_no", .type = column_type::of(type_kind::int16), .autoincrement = true,
       .identity = identity_kind::always},
  };
  // One column of every other type kind.
  for (auto kind : {type_kind::boolean, type_kind::int8, type_kind::float32, type_kind::date, type_kind::blob})
    orders.columns.push_back({.name = std::string("k_") + std::string(to_string(kind)), .type = column_type::of(kind)});
  orders.key = primary_key_def{"pk_orders", {"id", "code"}};
  orders.indexes = {
      {.name = "ix_orders_code", .columns = {"code", "lower(code)", "made"}, .unique = true,
       .parts = {{.prefix_length = 8, .collation = "C"},
                 {.expression = true, .operator_class = "text_pattern_ops"},
                 {.descending = true}},
       .predicate = "total > 0"},
      {.name = "", .columns = {"state"}, .parts = {{}}},  // a plain part kept as written, not normalised away
  };
  orders.foreign_keys = {
      {.name = "fk_a", .columns = {"id"}, .referenced_table = "customers", .referenced_columns = {"id"},
       .on_delete = fk_action::cascade, .on_update = fk_action::restrict, .deferrable = deferrability::initially_deferred},
      {.name = "", .columns = {"code", "id"}, .referenced_table = "codes", .referenced_columns = {"code", "n"},
       .on_delete = fk_action::set_null, .on_update = fk_action::set_default,
       .deferrable = deferrability::initially_immediate},
  };
  orders.checks = {
      {.name = "ck_total", .expression = "total >= 0"},
      {.name = "ck_size", .expression = "size <> 'xl'", .column = "size", .allowed_values = {"s", "m", "l"}},
      {.name = "", .expression = "", .column = "state", .allowed_values = {"new", "paid"}},
  };
  s.tables = {table{.name = "customers", .columns = {{.name = "id", .type = column_type::of(type_kind::int64)}}}, orders};
  s.enum_types = {{"order_state", {"new", "paid"}}, {"empty", {}}};
  s.unmanaged = {{.kind = "view", .name = "v_orders", .table = "", .ddl = "CREATE VIEW v_orders AS SELECT 1",
                  .before_tables = false, .depends_on = {"v_base", "v_other"}},
                 {.kind = "domain", .name = "posint", .table = "orders", .ddl = "CREATE DOMAIN posint AS int",
                  .before_tables = true}};
  s.renames = {{"orders", "", "purchases"}, {"orders", "code", "reference"}};
  return s;
}

}  // namespace

TEST_CASE("snapshot: a document written by hand reads into the schema it describes") {
  auto document = nlohmann::json::parse(R"json({
    "tempest_snapshot": 1,
    "dialect": "postgresql",
    "schema": {
      "tables": [{
        "name": "posts",
        "collation": "C",
        "columns": [
          {"name": "id", "type": {"kind": "int64"}, "autoincrement": true, "identity": "identity always"},
          {"name": "title", "type": {"kind": "string", "length": 200}, "collation": "de_DE"},
          {"name": "price", "type": {"kind": "decimal", "precision": 10, "scale": 2}, "nullable": true,
           "default": {"kind": "literal", "text": "0", "value_kind": "decimal"}},
          {"name": "status", "type": {"kind": "enum", "custom": "post_status", "values": ["draft", "live"]},
           "default": {"kind": "literal", "text": "draft"}},
          {"name": "created", "type": {"kind": "timestamp"}, "default": {"kind": "expression", "text": "now()"}},
          {"name": "slug", "type": {"kind": "string"}, "generated": {"expression": "lower(title)", "stored": true}},
          {"name": "author_id", "type": {"kind": "int32", "unsigned": true}}
        ],
        "primary_key": {"name": "pk_posts", "columns": ["id"]},
        "indexes": [
          {"name": "ix_posts_title", "columns": ["lower(title)", "created"],
           "parts": [{"expression": true, "operator_class": "text_pattern_ops"}, {"descending": true}],
           "predicate": "price > 0"},
          {"columns": ["slug"], "unique": true}
        ],
        "foreign_keys": [
          {"name": "fk_posts_author", "columns": ["author_id"], "referenced_table": "users",
           "referenced_columns": ["id"], "on_delete": "cascade", "on_update": "set null",
           "deferrable": "deferrable initially deferred"}
        ],
        "checks": [
          {"name": "ck_posts_price", "expression": "price >= 0"},
          {"column": "status", "allowed_values": ["draft", "live"]}
        ]
      }],
      "enum_types": [{"name": "post_status", "values": ["draft", "live"]}],
      "unmanaged": [{"kind": "view", "name": "live_posts", "ddl": "CREATE VIEW live_posts AS SELECT 1",
                     "depends_on": ["base"]}],
      "renames": [{"table": "posts", "column": "title", "from": "heading"}, {"table": "posts", "from": "articles"}]
    }
  })json");
  std::string dialect;
  schema s = schema_from_json(document, &dialect);
  CHECK(dialect == "postgresql");

  schema expected;
  table posts{.name = "posts", .collation = "C"};
  posts.columns = {
      {.name = "id", .type = column_type::of(type_kind::int64), .autoincrement = true, .identity = identity_kind::always},
      {.name = "title", .type = column_type::varchar(200), .collation = "de_DE"},
      {.name = "price", .type = column_type::numeric(10, 2), .nullable = true,
       .default_value = column_default::literal("0", type_kind::decimal)},
      {.name = "status", .type = column_type::enumeration_of("post_status", {"draft", "live"}),
       .default_value = column_default::literal("draft")},
      {.name = "created", .type = column_type::of(type_kind::timestamp), .default_value = column_default::expression("now()")},
      {.name = "slug", .type = column_type::text(), .generated = generated_column{"lower(title)", true}},
      {.name = "author_id", .type = column_type::unsigned_of(type_kind::int32)},
  };
  posts.key = primary_key_def{"pk_posts", {"id"}};
  posts.indexes = {{.name = "ix_posts_title", .columns = {"lower(title)", "created"},
                    .parts = {{.expression = true, .operator_class = "text_pattern_ops"}, {.descending = true}},
                    .predicate = "price > 0"},
                   {.columns = {"slug"}, .unique = true}};
  posts.foreign_keys = {{.name = "fk_posts_author", .columns = {"author_id"}, .referenced_table = "users",
                         .referenced_columns = {"id"}, .on_delete = fk_action::cascade, .on_update = fk_action::set_null,
                         .deferrable = deferrability::initially_deferred}};
  posts.checks = {{.name = "ck_posts_price", .expression = "price >= 0"},
                  {.column = "status", .allowed_values = {"draft", "live"}}};
  expected.tables = {posts};
  expected.enum_types = {{"post_status", {"draft", "live"}}};
  expected.unmanaged = {{.kind = "view", .name = "live_posts", .ddl = "CREATE VIEW live_posts AS SELECT 1", .depends_on = {"base"}}};

  CHECK(s == expected);
  CHECK(checks_of(s) == std::vector<check_fields>{{"posts", "ck_posts_price", "price >= 0", "", {}},
                                                  {"posts", "", "", "status", {"draft", "live"}}});
  CHECK(defaults_of(s) == std::vector<default_fields>{{"price", true, "0", type_kind::decimal},
                                                      {"status", true, "draft", std::nullopt},
                                                      {"created", false, "now()", std::nullopt}});
  CHECK(s.renames == std::vector<rename_hint>{{"posts", "title", "heading"}, {"posts", "", "articles"}});
}

TEST_CASE("snapshot: every enum is spelled as a word") {
  auto document = nlohmann::json::parse(R"({"tempest_snapshot": 1, "schema": {"tables": [{
    "name": "t",
    "columns": [
      {"name": "a", "type": {"kind": "boolean"}}, {"name": "b", "type": {"kind": "int8"}},
      {"name": "c", "type": {"kind": "int16"}}, {"name": "d", "type": {"kind": "int32"}},
      {"name": "e", "type": {"kind": "int64"}}, {"name": "f", "type": {"kind": "float32"}},
      {"name": "g", "type": {"kind": "float64"}}, {"name": "h", "type": {"kind": "decimal"}},
      {"name": "i", "type": {"kind": "string"}}, {"name": "j", "type": {"kind": "date"}},
      {"name": "k", "type": {"kind": "timestamp"}}, {"name": "l", "type": {"kind": "blob"}},
      {"name": "m", "type": {"kind": "custom"}}, {"name": "n", "type": {"kind": "enum"}},
      {"name": "o", "type": {"kind": "int64"}, "identity": "identity by default"},
      {"name": "p", "type": {"kind": "int64"}, "identity": "identity always"},
      {"name": "q", "type": {"kind": "int64"}, "identity": "serial"}
    ],
    "foreign_keys": [
      {"columns": ["a"], "referenced_table": "r", "referenced_columns": ["x"], "on_delete": "no action",
       "on_update": "restrict", "deferrable": "not deferrable"},
      {"columns": ["b"], "referenced_table": "r", "referenced_columns": ["x"], "on_delete": "cascade",
       "on_update": "set null", "deferrable": "deferrable initially immediate"},
      {"columns": ["c"], "referenced_table": "r", "referenced_columns": ["x"], "on_delete": "set default",
       "deferrable": "deferrable initially deferred"}
    ]}]}})");
  auto t = schema_from_json(document).tables.at(0);
  std::vector<type_kind> kinds;
  for (std::size_t i = 0; i < 14; ++i) kinds.push_back(t.columns[i].type.kind);
  CHECK(kinds == std::vector<type_kind>{type_kind::boolean, type_kind::int8, type_kind::int16, type_kind::int32,
                                        type_kind::int64, type_kind::float32, type_kind::float64, type_kind::decimal,
                                        type_kind::string, type_kind::date, type_kind::timestamp, type_kind::blob,
                                        type_kind::custom, type_kind::enumeration});
  CHECK(t.columns[14].identity == identity_kind::by_default);
  CHECK(t.columns[15].identity == identity_kind::always);
  CHECK(t.columns[16].identity == identity_kind::serial);
  const auto& fks = t.foreign_keys;
  CHECK(std::tuple(fks[0].on_delete, fks[0].on_update, fks[0].deferrable) ==
        std::tuple(fk_action::no_action, fk_action::restrict, deferrability::not_deferrable));
  CHECK(std::tuple(fks[1].on_delete, fks[1].on_update, fks[1].deferrable) ==
        std::tuple(fk_action::cascade, fk_action::set_null, deferrability::initially_immediate));
  CHECK(std::tuple(fks[2].on_delete, fks[2].on_update, fks[2].deferrable) ==
        std::tuple(fk_action::set_default, fk_action::no_action, deferrability::initially_deferred));
}

TEST_CASE("snapshot: a schema using every field is read back equal from its file") {
  temp_folder folder;
  auto file = folder.path / "schema.json";
  auto s = every_field();
  write_snapshot(file, s, "mysql");
  CHECK(folder.files() == std::vector<std::string>{"schema.json"});  // no temporary file left behind

  std::string dialect = "unset";
  auto back = read_snapshot(file, &dialect);
  CHECK(dialect == "mysql");
  CHECK(back == s);
  CHECK(back.renames == std::vector<rename_hint>{{"orders", "", "purchases"}, {"orders", "code", "reference"}});
  CHECK(checks_of(back) == std::vector<check_fields>{{"orders", "ck_total", "total >= 0", "", {}},
                                                     {"orders", "ck_size", "size <> 'xl'", "size", {"s", "m", "l"}},
                                                     {"orders", "", "", "state", {"new", "paid"}}});
  CHECK(defaults_of(back) == std::vector<default_fields>{{"code", true, "A-1", std::nullopt},
                                                         {"total", true, "0.50", type_kind::decimal},
                                                         {"made", false, "CURRENT_TIMESTAMP", std::nullopt}});
  CHECK(back.tables.at(1).indexes.at(1).parts.size() == 1);

  // Written again over itself: the same bytes, and still one file.
  auto first = contents(file);
  write_snapshot(file, back, "mysql");
  CHECK(contents(file) == first);
  CHECK(folder.files() == std::vector<std::string>{"schema.json"});

  // Without a dialect, the document has none.
  write_snapshot(file, s);
  CHECK(contents(file).find("dialect") == std::string::npos);
  read_snapshot(file, &dialect);
  CHECK(dialect == "");
}

TEST_CASE("snapshot: the written text is pinned") {
  schema s;
  table users{.name = "users"};
  users.columns = {{.name = "id", .type = column_type::of(type_kind::int64), .autoincrement = true},
                   {.name = "email", .type = column_type::varchar(255), .nullable = true},
                   {.name = "active", .type = column_type::of(type_kind::boolean),
                    .default_value = column_default::literal("true")}};
  users.key = primary_key_def{"", {"id"}};
  users.indexes = {{.name = "uq_users_email", .columns = {"email"}, .unique = true}};
  s.tables = {users};
  temp_folder folder;
  write_snapshot(folder.path / "s.json", s, "sqlite");
  CHECK(contents(folder.path / "s.json") == R"({
  "tempest_snapshot": 1,
  "dialect": "sqlite",
  "schema": {
    "tables": [
      {
        "name": "users",
        "columns": [
          {
            "name": "id",
            "type": {
              "kind": "int64"
            },
            "autoincrement": true
          },
          {
            "name": "email",
            "type": {
              "kind": "string",
              "length": 255
            },
            "nullable": true
          },
          {
            "name": "active",
            "type": {
              "kind": "boolean"
            },
            "default": {
              "kind": "literal",
              "text": "true"
            }
          }
        ],
        "primary_key": {
          "columns": [
            "id"
          ]
        },
        "indexes": [
          {
            "name": "uq_users_email",
            "columns": [
              "email"
            ],
            "unique": true
          }
        ]
      }
    ]
  }
}
)");
  CHECK(to_json(schema{}).dump() == R"({"tempest_snapshot":1,"schema":{}})");
}

TEST_CASE("snapshot: a document of another version, or none, is refused") {
  CHECK(read_error(R"({"tempest_snapshot": 2, "schema": {}, "added_in_2": true})") ==
        "snapshot: tempest_snapshot: format version 2 is not supported (this tempest reads version 1)");
  CHECK(read_error(R"({"schema": {}})") == "snapshot: tempest_snapshot: required key missing (not a tempest snapshot?)");
  CHECK(read_error(R"({"tempest_snapshot": "1", "schema": {}})") ==
        "snapshot: tempest_snapshot: expected an integer, got string");
  CHECK(read_error(R"([1])") == "snapshot: expected an object, got array");
  CHECK(read_error(R"({"tempest_snapshot": 1})") == "snapshot: schema: required key missing");
}

TEST_CASE("snapshot: an unknown spelling is refused with the path of its field") {
  auto with_column = [](const std::string& column) {
    return R"({"tempest_snapshot": 1, "schema": {"tables": [{"name": "a"}, {"name": "b"}, {"name": "c", "columns": [)" +
           column + "]}]}}";
  };
  CHECK(read_error(with_column(R"({"name": "id", "type": {"kind": "int128"}})")) ==
        R"(snapshot: schema.tables[2].columns[0].type.kind: unknown type "int128" (table "c", column "id"))");
  CHECK(read_error(with_column(R"({"name": "id", "type": {"kind": "int64"}, "identity": "identity sometimes"})")) ==
        R"(snapshot: schema.tables[2].columns[0].identity: unknown identity kind "identity sometimes" (table "c", column "id"))");
  CHECK(read_error(with_column(R"json({"name": "id", "type": {"kind": "int64"}, "default": {"kind": "function", "text": "f()"}})json")) ==
        R"(snapshot: schema.tables[2].columns[0].default.kind: unknown default kind "function" (table "c", column "id"))");
  CHECK(read_error(with_column(R"({"name": "id", "type": {"kind": "custom"}, "default": {"kind": "literal", "text": "1", "value_kind": "Int64"}})")) ==
        R"(snapshot: schema.tables[2].columns[0].default.value_kind: unknown type "Int64" (table "c", column "id"))");

  auto with_foreign_key = [](const std::string& extra) {
    return R"({"tempest_snapshot": 1, "schema": {"tables": [{"name": "posts", "foreign_keys": [
             {"name": "fk", "columns": ["a"], "referenced_table": "r", "referenced_columns": ["x"], )" + extra + "}]}]}}";
  };
  CHECK(read_error(with_foreign_key(R"("on_delete": "CASCADE")")) ==
        R"(snapshot: schema.tables[0].foreign_keys[0].on_delete: unknown foreign key action "CASCADE" (table "posts", foreign key "fk"))");
  CHECK(read_error(with_foreign_key(R"("deferrable": "deferred")")) ==
        R"(snapshot: schema.tables[0].foreign_keys[0].deferrable: unknown deferrability "deferred" (table "posts", foreign key "fk"))");
}

TEST_CASE("snapshot: a missing required field is refused with its path") {
  auto with_table = [](const std::string& table) {
    return R"({"tempest_snapshot": 1, "schema": {"tables": [)" + table + "]}}";
  };
  CHECK(read_error(with_table(R"({"columns": []})")) == "snapshot: schema.tables[0].name: required key missing");
  CHECK(read_error(with_table(R"({"name": "users", "columns": [{"name": "id", "type": {"kind": "int64"}}, {"type": {"kind": "int64"}}]})")) ==
        R"(snapshot: schema.tables[0].columns[1].name: required key missing (table "users"))");
  CHECK(read_error(with_table(R"({"name": "users", "columns": [{"name": "id"}]})")) ==
        R"(snapshot: schema.tables[0].columns[0].type: required key missing (table "users", column "id"))");
  CHECK(read_error(with_table(R"({"name": "users", "columns": [{"name": "id", "type": {"length": 3}}]})")) ==
        R"(snapshot: schema.tables[0].columns[0].type.kind: required key missing (table "users", column "id"))");
  CHECK(read_error(with_table(R"({"name": "users", "columns": [{"name": "id", "type": {"kind": "int64"}, "default": {"kind": "literal"}}]})")) ==
        R"(snapshot: schema.tables[0].columns[0].default.text: required key missing (table "users", column "id"))");
  CHECK(read_error(with_table(R"({"name": "users", "foreign_keys": [{"columns": ["a"], "referenced_columns": ["id"]}]})")) ==
        R"(snapshot: schema.tables[0].foreign_keys[0].referenced_table: required key missing (table "users"))");
  CHECK(read_error(with_table(R"({"name": "users", "primary_key": {"name": "pk"}})")) ==
        R"(snapshot: schema.tables[0].primary_key.columns: required key missing (table "users"))");
  CHECK(read_error(R"({"tempest_snapshot": 1, "schema": {"unmanaged": [{"kind": "view", "ddl": "CREATE VIEW v"}]}})") ==
        "snapshot: schema.unmanaged[0].name: required key missing");
  CHECK(read_error(R"({"tempest_snapshot": 1, "schema": {"renames": [{"table": "t", "column": "c"}]}})") ==
        "snapshot: schema.renames[0].from: required key missing");
}

TEST_CASE("snapshot: an unknown key or a value of the wrong type is refused with its path") {
  auto with_column = [](const std::string& column) {
    return R"({"tempest_snapshot": 1, "schema": {"tables": [{"name": "users", "columns": [)" + column + "]}]}}";
  };
  CHECK(read_error(with_column(R"({"name": "id", "type": {"kind": "int64"}, "nulable": true})")) ==
        R"(snapshot: schema.tables[0].columns[0].nulable: unknown key (table "users", column "id"))");
  CHECK(read_error(R"({"tempest_snapshot": 1, "schema": {}, "comment": "x"})") == "snapshot: comment: unknown key");
  CHECK(read_error(R"({"tempest_snapshot": 1, "schema": {"views": []}})") == "snapshot: schema.views: unknown key");
  CHECK(read_error(with_column(R"({"name": "id", "type": {"kind": "int64"}, "nullable": "yes"})")) ==
        R"(snapshot: schema.tables[0].columns[0].nullable: expected a boolean, got string (table "users", column "id"))");
  CHECK(read_error(with_column(R"({"name": "id", "type": {"kind": "string", "length": 1.5}})")) ==
        R"(snapshot: schema.tables[0].columns[0].type.length: expected an integer, got number (table "users", column "id"))");
  CHECK(read_error(with_column(R"({"name": "id", "type": {"kind": "string", "length": 3000000000}})")) ==
        R"(snapshot: schema.tables[0].columns[0].type.length: 3000000000 is out of range (table "users", column "id"))");
  CHECK(read_error(with_column(R"({"name": "id", "type": {"kind": "enum", "values": ["a", 2]}})")) ==
        R"(snapshot: schema.tables[0].columns[0].type.values[1]: expected a string, got number (table "users", column "id"))");
  CHECK(read_error(with_column(R"({"name": 7, "type": {"kind": "int64"}})")) ==
        R"(snapshot: schema.tables[0].columns[0].name: expected a string, got number (table "users"))");
  CHECK(read_error(R"({"tempest_snapshot": 1, "schema": {"tables": {"name": "users"}}})") ==
        "snapshot: schema.tables: expected an array, got object");
  CHECK(read_error(R"({"tempest_snapshot": 1, "dialect": null, "schema": {}})") ==
        "snapshot: dialect: expected a string, got null");
}

TEST_CASE("snapshot: a file that is missing, not JSON or cut short is reported with its name") {
  temp_folder folder;
  auto file = folder.path / "schema.json";
  auto name = file.string();

  CHECK(error_of([&] { read_snapshot(file); }) == "snapshot " + name + ": cannot be read: No such file or directory");

  put(file, "{\"tempest_snapshot\": 1,\n  \"schema\": {]}\n");
  CHECK(error_of([&] { read_snapshot(file); }) ==
        "snapshot " + name + ": not valid JSON: parse error at line 2, column 14: syntax error while parsing object key - "
                             "unexpected ']'; expected string literal (byte 38)");
  CHECK_THROWS_AS(read_snapshot(file), schema_error);

  put(file, R"({"tempest_snapshot": 1, "schema": {"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "int128"}}]}]}})");
  CHECK(error_of([&] { read_snapshot(file); }) ==
        "snapshot " + name + R"(: schema.tables[0].columns[0].type.kind: unknown type "int128" (table "t", column "c"))");

  schema s;
  s.tables = {table{.name = "users", .columns = {{.name = "id", .type = column_type::of(type_kind::int64)}}}};
  write_snapshot(file, s);
  fs::resize_file(file, 60);  // cut after "tables": [ and three spaces
  CHECK(error_of([&] { read_snapshot(file); }) ==
        "snapshot " + name + ": not valid JSON: parse error at line 5, column 4: syntax error while parsing value - "
                             "unexpected end of input; expected '[', '{', or a literal (byte 61)");
  fs::resize_file(file, 0);
  CHECK(error_of([&] { read_snapshot(file); }) ==
        "snapshot " + name + ": not valid JSON: parse error at line 1, column 1: syntax error while parsing value - "
                             "unexpected end of input; expected '[', '{', or a literal (byte 1)");
}

TEST_CASE("snapshot: a file that cannot be written leaves nothing behind") {
  temp_folder folder;
  auto file = folder.path / "missing" / "schema.json";
  auto message = error_of([&] { write_snapshot(file, schema{}); });
  CHECK(message.starts_with("snapshot " + file.string() + ": cannot write " + file.string() + "."));
  CHECK(message.ends_with(".tmp: No such file or directory"));
  CHECK(folder.files().empty());

  // Text that is not UTF-8 cannot be written as JSON: refused before any file is made.
  schema bad;
  bad.tables = {table{.name = "a\xff" "b"}};
  CHECK(error_of([&] { write_snapshot(folder.path / "bad.json", bad); }) ==
        "snapshot " + (folder.path / "bad.json").string() + ": cannot be written: invalid UTF-8 byte at index 1: 0xFF");
  CHECK_THROWS_AS(write_snapshot(folder.path / "bad.json", bad), schema_error);
  CHECK(folder.files().empty());

  // A folder where the file should be: the temporary file is written, the rename fails and it is removed.
  fs::create_directory(folder.path / "taken.json");
  fs::create_directory(folder.path / "taken.json" / "x");
  message = error_of([&] { write_snapshot(folder.path / "taken.json", schema{}); });
  CHECK(message.starts_with("snapshot " + (folder.path / "taken.json").string() + ": cannot replace it by "));
  CHECK(folder.files() == std::vector<std::string>{"taken.json"});
}
