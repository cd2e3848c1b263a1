// SQLite introspection of DDL written by hand, case by case: what it reads, and that what it reads
// renders into a schema that behaves the same. Expectations are literals, or what SQLite itself
// does with the original and the copy (the rows they store).

#include <catch2/catch.hpp>

#include <tempest/dialect/sqlite_rebuild.hpp>
#include <tempest/introspect/introspect.hpp>
#include <tempest/runtime/create_schema.hpp>
#include <tempest/runtime/sqlite_rebuild.hpp>

#include "support/database.hpp"

using namespace tempest;

namespace {

struct loaded {
  connection original{tempest_test::fresh_database("sqlite")};
  connection copy{tempest_test::fresh_database("sqlite")};
  schema read;

  // Loads `sql`, introspects it, and creates what was read in the copy, which must read back equal.
  explicit loaded(std::string_view sql) {
    original.execute(sql);
    read = introspect(original);
    create_schema(copy, read);
    schema again = introspect(copy);
    INFO("read:\n" << fmt::format("{}", read) << "read back:\n" << fmt::format("{}", again));
    CHECK(again == read);
  }
  const table& at(std::string_view name) const {
    const table* t = read.find_table(name);
    REQUIRE(t);
    return *t;
  }
};

}  // namespace

TEST_CASE("introspect sqlite: a default reads as the value a row gets, which the copy gives too", "[sqlite]") {
  loaded db(
      "CREATE TABLE d (id INTEGER PRIMARY KEY, b0 BOOLEAN DEFAULT 0, b1 bool DEFAULT TRUE, bq BOOLEAN DEFAULT '1',\n"
      "  bf BOOLEAN DEFAULT 'false', i INT DEFAULT -3, iq INT DEFAULT '7', ia INT DEFAULT 'abc',\n"
      "  blob_default BLOB DEFAULT X'00FF', untyped DEFAULT 0, t TEXT DEFAULT 0, e TEXT DEFAULT (''), n NUMERIC(5,2) DEFAULT 1.50)");
  const table& d = db.at("d");
  CHECK(d.find_column("b0")->default_value == column_default::literal("false"));
  CHECK(d.find_column("b1")->default_value == column_default::literal("true"));
  CHECK(d.find_column("bq")->default_value == column_default::literal("true"));  // '1' is stored as the number 1
  CHECK(d.find_column("bf")->default_value == column_default::expression("'false'"));  // the text 'false', not 0
  CHECK(d.find_column("i")->default_value == column_default::literal("-3"));
  CHECK(d.find_column("iq")->default_value == column_default::literal("7"));
  CHECK(d.find_column("ia")->default_value == column_default::expression("'abc'"));
  CHECK(d.find_column("blob_default")->default_value == column_default::expression("X'00FF'"));
  CHECK(d.find_column("untyped")->default_value == column_default::expression("0"));  // the number 0, not the text '0'
  CHECK(d.find_column("t")->default_value == column_default::literal("0"));
  CHECK(d.find_column("e")->default_value == column_default::literal(""));
  CHECK(d.find_column("n")->default_value == column_default::literal("1.5"));
  // A row of defaults holds the same values, of the same storage classes, in both databases.
  const std::string row = "SELECT typeof(b0), b0, typeof(b1), b1, typeof(bq), bq, typeof(bf), bf, typeof(i), i, typeof(iq), iq, "
                          "typeof(ia), ia, typeof(blob_default), hex(blob_default), typeof(untyped), untyped, typeof(t), t, "
                          "typeof(e), e, typeof(n), n FROM d";
  db.original.execute("INSERT INTO d DEFAULT VALUES");
  db.copy.execute("INSERT INTO d DEFAULT VALUES");
  CHECK(db.copy.query(row) == db.original.query(row));
  CHECK(db.original.query("SELECT typeof(bf), bf, typeof(untyped) FROM d") == std::vector<result_row>{{"text", "false", "integer"}});
}

TEST_CASE("introspect sqlite: INTEGER PRIMARY KEY is the rowid; INTEGER PRIMARY KEY DESC and INT PRIMARY KEY are not", "[sqlite]") {
  loaded db(
      "CREATE TABLE a (id integer primary key, v TEXT);\n"
      "CREATE TABLE b (id INTEGER, v TEXT, CONSTRAINT b_key PRIMARY KEY (id));\n"
      "CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);\n"
      "CREATE TABLE d (id INTEGER PRIMARY KEY DESC, v TEXT);\n"
      "CREATE TABLE e (id INT PRIMARY KEY, v TEXT);\n"
      "CREATE TABLE f (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID;");
  const column rowid{"id", column_type::of(type_kind::int64), false, std::nullopt, true};
  CHECK(db.at("a").columns.front() == rowid);
  CHECK(db.at("b").columns.front() == rowid);
  CHECK(db.at("b").key == primary_key_def{"b_key", {"id"}});
  CHECK(db.at("c").columns.front() == rowid);
  // Not the rowid: SQLite lets a NULL into such a key, and gives no value of its own.
  CHECK(db.at("d").columns.front() == column{"id", column_type::of(type_kind::int64), true});
  CHECK(db.at("e").columns.front() == column{"id", column_type::of(type_kind::int32), true});
  CHECK(db.at("f").columns.front() == column{"id", column_type::of(type_kind::int64), false});
  CHECK(db.at("f").without_rowid);
  for (auto name : {"a", "b", "c"}) {
    db.copy.execute(fmt::format("INSERT INTO {} (v) VALUES ('x')", name));
    CHECK(db.copy.query(fmt::format("SELECT id FROM {}", name)) == std::vector<result_row>{{"1"}});
  }
}

TEST_CASE("introspect sqlite: quoted names holding keywords, commas and parentheses stay names", "[sqlite]") {
  loaded db(
      "CREATE TABLE \"where\" (\"from\" TEXT, \"a, b\" INT, \"x)y\" TEXT COLLATE NOCASE, \"when\" TEXT COLLATE BINARY,\n"
      "  g AS (\"a, b\" + 1));\n"
      "CREATE INDEX \"on (x)\" ON \"where\" (\"a, b\" DESC, lower(\"from\") COLLATE NOCASE, \"x)y\" COLLATE binary)\n"
      "  WHERE \"from\" <> 'WHERE' -- only some\n;");
  table expected{"where",
                 {{"from", column_type::text(), true},
                  {"a, b", column_type::of(type_kind::int32), true},
                  {"x)y", column_type::text(), true, std::nullopt, false, identity_kind::by_default, "NOCASE"},
                  {"when", column_type::text(), true},
                  {"g", column_type::sql(""), true, std::nullopt, false, identity_kind::by_default, "", "",
                   generated_column{"\"a, b\" + 1", false}}}};
  // The part on the NOCASE column says BINARY: the column's own collation would be no collation at all.
  expected.indexes = {{"on (x)",
                       {"a, b", "lower(\"from\")", "x)y"},
                       false,
                       {key_part{.descending = true}, key_part{.expression = true, .collation = "NOCASE"}, key_part{.collation = "BINARY"}},
                       "\"from\" <> 'WHERE'"}};
  CHECK(db.at("where") == expected);
}

TEST_CASE("introspect sqlite: foreign keys name their parent as it is spelled, and its key when they name no column", "[sqlite]") {
  loaded db(
      "CREATE TABLE Parent (ID INTEGER PRIMARY KEY, Code TEXT UNIQUE);\n"
      "CREATE TABLE nokey (a, b);\n"
      "CREATE TABLE child (\n"
      "  p INT REFERENCES PARENT,\n"
      "  q TEXT REFERENCES parent(code) DEFERRABLE,\n"
      "  r INT REFERENCES nokey,\n"
      "  s INT REFERENCES nowhere,\n"
      "  CONSTRAINT first FOREIGN KEY (p) REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED,\n"
      "  FOREIGN KEY (p) REFERENCES parent (id) ON DELETE CASCADE);");
  // DEFERRABLE alone is checked at once, as SQLite does; a key to a table that has none, or to a
  // table that is not there, keeps the parent's name and no columns.
  auto expected = std::vector<foreign_key_def>{
      {"", {"p"}, "Parent", {"ID"}},
      {"", {"p"}, "Parent", {"ID"}, fk_action::cascade},
      {"", {"q"}, "Parent", {"Code"}},
      {"", {"r"}, "nokey", {}},
      {"", {"s"}, "nowhere", {}},
      {"first", {"p"}, "Parent", {"ID"}, fk_action::no_action, fk_action::no_action, deferrability::initially_deferred}};
  CHECK(db.at("child").foreign_keys == expected);
}

TEST_CASE("introspect sqlite: the triggers of an excluded table are left out with it; temporary tables are not read", "[sqlite]") {
  connection db(tempest_test::fresh_database("sqlite"));
  db.execute(
      "CREATE TABLE tempest_version (revision TEXT);\n"
      "CREATE TABLE t (a INT);\n"
      "CREATE TRIGGER version_log AFTER INSERT ON tempest_version BEGIN SELECT 1; END;\n"
      "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN SELECT 1; END;\n"
      "CREATE TEMP TABLE t (b TEXT, c TEXT);\n"
      "CREATE TEMP VIEW v AS SELECT 1;");
  schema s = introspect(db, {.exclude_tables = {"tempest_version"}});
  REQUIRE(s.tables.size() == 1);
  CHECK(s.tables[0] == table{"t", {{"a", column_type::of(type_kind::int32), true}}});
  CHECK(s.unmanaged == std::vector<unmanaged_object>{{"trigger", "t_log", "t", "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN SELECT 1; END"}});
}

TEST_CASE("introspect sqlite: a rebuild keeps the unnamed UNIQUE constraints inline", "[sqlite]") {
  connection db(tempest_test::fresh_database("sqlite"));
  db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE COLLATE NOCASE, a INT, b INT, UNIQUE (a, b DESC));"
             "CREATE INDEX t_a ON t (a);"
             "INSERT INTO t (code, a, b) VALUES ('x', 1, 2);");
  table before = introspect(db).tables.at(0);
  table after = before;
  after.checks.push_back({"", "a > 0", {}, {}});
  auto rebuild = sqlite_rebuild(db.sql_dialect(), before, after);
  db.execute("BEGIN");
  run_sqlite_rebuild(db, *rebuild.rebuild, [](const std::string&) {});
  db.execute("COMMIT");
  table expected{"t",
                 {{"id", column_type::of(type_kind::int64), false, std::nullopt, true},
                  {"code", column_type::text(), true, std::nullopt, false, identity_kind::by_default, "NOCASE"},
                  {"a", column_type::of(type_kind::int32), true},
                  {"b", column_type::of(type_kind::int32), true}}};
  expected.key = primary_key_def{"", {"id"}};
  expected.indexes = {{"", {"a", "b"}, true, {key_part{}, key_part{.descending = true}}}, {"", {"code"}, true}, {"t_a", {"a"}}};
  expected.checks = {{"", "a > 0", {}, {}}};
  CHECK(introspect(db).tables.at(0) == expected);
  CHECK_THROWS_AS(db.execute("INSERT INTO t (code, a, b) VALUES ('X', 5, 6)"), sql_error);
  CHECK(db.query("SELECT code, a, b FROM t") == std::vector<result_row>{{"x", "1", "2"}});
}
