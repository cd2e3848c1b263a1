// The operations the differ emits beyond the first ones (keys, renames of indexes and constraints,
// table options, PostgreSQL enum types, whole-column alters), run through the real runner on each
// database: the table is read back and compared with a literal, its rows survive, and the downgrade
// puts it back.

#include <catch2/catch.hpp>

#include <functional>

#include <tempest/migrations.hpp>

#include "support/database.hpp"

using namespace tempest;

namespace {

using rows = std::vector<result_row>;
const introspect_options without_versions{.exclude_tables = {"tempest_migrations"}};

column col(std::string name, column_type type, bool nullable = false, std::optional<column_default> value = {}) {
  return {std::move(name), std::move(type), nullable, std::move(value)};
}
const column_type int64 = column_type::of(type_kind::int64);

// A database of the test's own and the migrations run on it, one batch each.
struct database {
  explicit database(std::string_view kind) : db(tempest_test::fresh_database(kind)) {}

  connection db;
  std::vector<migration> migrations;

  const dialect& d() const { return db.sql_dialect(); }
  void add(std::string revision, std::function<void(migration_builder&)> up) {
    std::vector<std::string> after;
    if (!migrations.empty()) after.push_back(migrations.back().revision);
    migrations.push_back({revision, std::move(after), revision, std::move(up)});
  }
  std::vector<migration_result> upgrade() { return runner(db, history::view(migrations)).upgrade(); }
  void downgrade() { runner(db, history::view(migrations)).downgrade(); }
  schema live() { return introspect(db, without_versions); }
  // The live schema is what the applied migrations say, in the database's words.
  void check_no_drift() {
    std::set<std::string> applied;
    for (const auto& e : runner(db, history::view(migrations)).status())
      if (e.state == migration_state::applied) applied.insert(e.revision);
    CHECK(live() == d().stored_form(history::view(migrations).replay(applied)));
  }
  // Table `expected.name` reads back as `expected` does once the database has stored it.
  void check_table(const table& expected, std::vector<enum_type_def> enum_types = {}) {
    schema wanted{{expected}, std::move(enum_types), {}, {}};
    const schema stored = d().stored_form(wanted);
    const schema found = live();
    const table* t = found.find_table(expected.name);
    REQUIRE(t);
    INFO("found:\n" << fmt::format("{}", *t) << "expected:\n" << fmt::format("{}", *stored.find_table(expected.name)));
    CHECK(*t == *stored.find_table(expected.name));
  }
  rows query(std::string_view sql) { return db.query(sql); }
  rows all(std::string_view table_name, std::string_view order = "1") {
    return db.query(fmt::format("SELECT * FROM {} ORDER BY {}", d().quote(table_name), order));
  }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

// --- primary keys ------------------------------------------------------------------------------

table parents_table() {
  table t{"parents", {col("id", int64), col("code", column_type::varchar(20)), col("name", column_type::varchar(50), true)}};
  t.key = primary_key_def{"pk_parents", {"id"}};
  return t;
}
table children_table() {
  table t{"children", {col("id", int64), col("parent_id", int64), col("parent_code", column_type::varchar(20))}};
  t.key = primary_key_def{"pk_children", {"id"}};
  t.foreign_keys = {{"fk_children_parent", {"parent_id"}, "parents", {"id"}}};
  return t;
}
// A key that also serves the table's own foreign key (MySQL needs an index for it once it is gone).
table links_table() {
  table t{"links", {col("child_id", int64), col("tag", column_type::of(type_kind::int32))}};
  t.key = primary_key_def{"pk_links", {"child_id", "tag"}};
  t.foreign_keys = {{"fk_links_child", {"child_id"}, "children", {"id"}}};
  return t;
}

void primary_key_changes(std::string_view kind) {
  database x(kind);
  x.add("0001", [](migration_builder& b) {
    b.create_table(parents_table());
    b.create_table(children_table());
    b.create_table(links_table());
    b.insert("parents", {"id", "code", "name"},
             {{1LL, std::string("a"), std::string("one")}, {2LL, std::string("b"), std::monostate{}}});
    b.insert("children", {"id", "parent_id", "parent_code"}, {{10LL, 1LL, std::string("a")}, {11LL, 2LL, std::string("b")}});
    b.insert("links", {"child_id", "tag"}, {{10LL, 7LL}, {11LL, 7LL}, {11LL, 8LL}});
  });
  x.upgrade();
  const rows parents = x.all("parents");
  const rows children = x.all("children");
  const rows links = x.all("links", "1, 2");
  REQUIRE(parents.size() == 2);

  // The key alone cannot go: a foreign key of another table needs it.
  x.add("0002", [](migration_builder& b) { b.drop_primary_key("parents"); });
  CHECK_THAT(error_of([&] { x.upgrade(); }),
             Catch::Contains("drop_primary_key: the primary key pk_parents of table \"parents\" is referenced by foreign "
                             "key fk_children_parent of table \"children\"; drop that first"));
  x.migrations.pop_back();

  // What the differ does instead: the foreign key goes first, and a new one comes after the key.
  x.add("0002", [](migration_builder& b) {
    b.alter_table("children", [](table_alterer& t) { t.drop_foreign_key("fk_children_parent"); });
    b.drop_primary_key("parents");
    b.add_primary_key("parents", {"code"}, "pk_parents_code");
    b.alter_table("children", [](table_alterer& t) {
      t.add_foreign_key({"parent_code"}, "parents", {"code"}, fk_action::no_action, fk_action::no_action, "fk_children_code");
    });
    b.drop_primary_key("links");
    b.add_primary_key("links", {"tag", "child_id"});
  });
  REQUIRE(x.upgrade().size() == 1);
  table parents_after = parents_table();
  parents_after.key = primary_key_def{"pk_parents_code", {"code"}};
  x.check_table(parents_after);
  table children_after = children_table();
  children_after.foreign_keys = {{"fk_children_code", {"parent_code"}, "parents", {"code"}}};
  x.check_table(children_after);
  table links_after = links_table();
  links_after.key = primary_key_def{"pk_links", {"tag", "child_id"}};
  x.check_table(links_after);
  x.check_no_drift();
  CHECK(x.all("parents") == parents);
  CHECK(x.all("children") == children);
  CHECK(x.all("links", "1, 2") == links);
  // The new key holds: a second row with code 'a' is refused.
  CHECK_THROWS(x.db.execute(fmt::format("INSERT INTO {} ({}, {}) VALUES (3, 'a')", x.d().quote("parents"),
                                        x.d().quote("id"), x.d().quote("code"))));

  x.downgrade();
  x.check_table(parents_table());
  x.check_table(children_table());
  x.check_table(links_table());
  x.check_no_drift();
  CHECK(x.all("parents") == parents);
  CHECK(x.all("links", "1, 2") == links);
  // And up again.
  REQUIRE(x.upgrade().size() == 1);
  x.check_table(links_after);
}

// --- renames -----------------------------------------------------------------------------------

table owners_table() {
  table t{"owners", {col("id", int64)}};
  t.key = primary_key_def{"pk_owners", {"id"}};
  return t;
}
table things_table() {
  table t{"things", {col("id", int64), col("code", column_type::varchar(20)), col("label", column_type::varchar(20)),
                     col("owner_id", int64)}};
  t.key = primary_key_def{"pk_things", {"id"}};
  t.indexes = {{"uq_things_code", {"code"}, true}, {"ix_things_label", {"label"}, false}};
  t.foreign_keys = {{"fk_things_owner", {"owner_id"}, "owners", {"id"}, fk_action::cascade}};
  t.checks = {{"ck_things_label", "label <> ''", {}, {}}};
  return t;
}

void renames(std::string_view kind) {
  database x(kind);
  x.add("0001", [](migration_builder& b) {
    b.create_table(owners_table());
    b.create_table(things_table());
    b.insert("owners", {"id"}, {{1LL}, {2LL}});
    b.insert("things", {"id", "code", "label", "owner_id"},
             {{1LL, std::string("x"), std::string("first"), 1LL}, {2LL, std::string("y"), std::string("second"), 2LL}});
  });
  x.upgrade();
  x.add("0002", [](migration_builder& b) {
    b.rename_index("things", "uq_things_code", "uq_things_c");
    b.rename_index("things", "ix_things_label", "ix_things_l");
    b.rename_constraint("things", op::constraint_kind::foreign_key, "fk_things_owner", "fk_things_o");
    b.rename_constraint("things", op::constraint_kind::check, "ck_things_label", "ck_things_l");
    b.rename_constraint("things", op::constraint_kind::primary_key, "pk_things", "pk_things_2");
  });
  x.upgrade();
  table renamed = things_table();
  renamed.key->name = "pk_things_2";
  renamed.indexes = {{"ix_things_l", {"label"}, false}, {"uq_things_c", {"code"}, true}};
  renamed.foreign_keys[0].name = "fk_things_o";
  renamed.checks[0].name = "ck_things_l";
  x.check_table(renamed);
  x.check_no_drift();
  const rows things = x.all("things");
  REQUIRE(things.size() == 2);
  // The renamed ones still work: the check refuses, the unique index refuses, the cascade cascades.
  const auto& d = x.d();
  CHECK_THROWS(x.db.execute(fmt::format("UPDATE {} SET {} = '' WHERE {} = 1", d.quote("things"), d.quote("label"), d.quote("id"))));
  CHECK_THROWS(x.db.execute(fmt::format("UPDATE {} SET {} = 'y' WHERE {} = 1", d.quote("things"), d.quote("code"), d.quote("id"))));

  x.downgrade();
  x.check_table(things_table());
  x.check_no_drift();
  CHECK(x.all("things") == things);
  x.db.execute(fmt::format("DELETE FROM {} WHERE {} = 2", d.quote("owners"), d.quote("id")));
  CHECK(x.all("things").size() == 1);
}

// --- whole-column alters -----------------------------------------------------------------------

table people_table() {
  return {"people",
          {col("id", int64), col("name", column_type::varchar(20), false, column_default::literal("x")),
           col("age", column_type::of(type_kind::int32), true)},
          primary_key_def{"pk_people", {"id"}}};
}

void whole_column(std::string_view kind, const column& name_after, const column& age_after) {
  database x(kind);
  x.add("0001", [](migration_builder& b) {
    b.create_table(people_table());
    b.insert("people", {"id", "name", "age"}, {{1LL, std::string("ada"), 36LL}, {2LL, std::string("bob"), 41LL}});
  });
  x.upgrade();
  x.add("0002", [&](migration_builder& b) {
    b.alter_table("people", [&](table_alterer& t) {
      t.alter_column(name_after);
      t.alter_column(age_after);
    });
  });
  x.upgrade();
  table after = people_table();
  after.columns[1] = name_after;
  after.columns[2] = age_after;
  x.check_table(after);
  x.check_no_drift();
  CHECK(x.all("people") == rows{{"1", "ada", "36"}, {"2", "bob", "41"}});
  x.downgrade();
  x.check_table(people_table());
  x.check_no_drift();
  CHECK(x.all("people") == rows{{"1", "ada", "36"}, {"2", "bob", "41"}});
}

void whole_column_everywhere(std::string_view kind, std::string collation) {
  column name{"name", column_type::varchar(100), true};
  name.collation = std::move(collation);
  whole_column(kind, name, col("age", int64, false, column_default::literal("18")));
}

}  // namespace

TEST_CASE("schema changes sqlite: a primary key referenced by another table changes after its foreign key goes", "[sqlite]") {
  primary_key_changes("sqlite");
}
TEST_CASE("schema changes postgresql: a primary key referenced by another table changes after its foreign key goes",
          "[postgresql]") {
  primary_key_changes("postgresql");
}
TEST_CASE("schema changes mysql: a primary key referenced by another table changes after its foreign key goes", "[mysql]") {
  primary_key_changes("mysql");
}

TEST_CASE("schema changes sqlite: indexes, keys, foreign keys and checks are renamed and keep working", "[sqlite]") {
  renames("sqlite");
}
TEST_CASE("schema changes postgresql: indexes, keys, foreign keys and checks are renamed and keep working", "[postgresql]") {
  renames("postgresql");
}
TEST_CASE("schema changes mysql: indexes, keys, foreign keys and checks are renamed and keep working", "[mysql]") {
  renames("mysql");
}

TEST_CASE("schema changes sqlite: a column becomes a whole new definition, rows kept", "[sqlite]") {
  whole_column_everywhere("sqlite", "NOCASE");
}
TEST_CASE("schema changes postgresql: a column becomes a whole new definition, rows kept", "[postgresql]") {
  whole_column_everywhere("postgresql", "C");
}
TEST_CASE("schema changes mysql: a column becomes a whole new definition, rows kept", "[mysql]") {
  whole_column_everywhere("mysql", "utf8mb4_bin");
}

namespace {

// --- table options -----------------------------------------------------------------------------

// Text of any length, but on MySQL, which indexes text of a bounded length only.
table notes_table(std::string_view kind) {
  const auto text = kind == "mysql" ? column_type::varchar(30) : column_type::text();
  return {"notes", {col("id", int64), col("body", column_type::text(), true), col("title", text), col("kept", text, true)},
          primary_key_def{"pk_notes", {"id"}}};
}

void table_options(std::string_view kind, std::string collation, bool strict, bool without_rowid) {
  database x(kind);
  table notes = notes_table(kind);
  if (kind == "mysql") notes.columns[3].collation = "utf8mb4_general_ci";  // names its own: left as it is
  x.add("0001", [&](migration_builder& b) {
    b.create_table(notes);
    b.insert("notes", {"id", "body", "title"}, {{1LL, std::string("Hello"), std::string("a")}, {2LL, std::monostate{}, std::string("b")}});
  });
  x.upgrade();
  x.add("0002", [&](migration_builder& b) { b.alter_table_options("notes", collation, strict, without_rowid); });
  x.upgrade();
  table after = notes;
  after.collation = collation;
  after.strict = strict;
  after.without_rowid = without_rowid;
  x.check_table(after);
  x.check_no_drift();
  CHECK(x.all("notes") == rows{{"1", "Hello", "a", std::nullopt}, {"2", std::nullopt, "b", std::nullopt}});
  x.downgrade();
  x.check_table(notes);
  x.check_no_drift();
  CHECK(x.all("notes") == rows{{"1", "Hello", "a", std::nullopt}, {"2", std::nullopt, "b", std::nullopt}});
}

}  // namespace

TEST_CASE("schema changes sqlite: a table becomes STRICT and WITHOUT ROWID, and back", "[sqlite]") {
  table_options("sqlite", "", true, true);
  database x("sqlite");
  x.add("0001", [](migration_builder& b) {
    b.create_table(notes_table("sqlite"));
    b.insert("notes", {"id", "body", "title"}, {{1LL, std::string("x"), std::string("a")}});
  });
  x.upgrade();
  const std::string options = "SELECT strict, wr FROM pragma_table_list WHERE name = 'notes'";
  CHECK(x.query(options) == rows{{"0", "0"}});
  x.add("0002", [](migration_builder& b) { b.alter_table_options("notes", "", true); });
  x.upgrade();
  CHECK(x.query(options) == rows{{"1", "0"}});
  CHECK(x.all("notes") == rows{{"1", "x", "a", std::nullopt}});
  // STRICT holds: a blob in a TEXT column is refused now.
  CHECK_THAT(error_of([&] { x.db.execute("INSERT INTO notes (id, title) VALUES (2, X'00')"); }),
             Catch::Contains("cannot store BLOB value in TEXT column notes.title"));
}

TEST_CASE("schema changes mysql: a table's collation changes, its columns follow unless they name their own", "[mysql]") {
  table_options("mysql", "utf8mb4_bin", false, false);
  // utf8mb4_bin tells case apart: 'a' and 'A' are two titles now.
  database x("mysql");
  table notes = notes_table("mysql");
  notes.indexes = {{"uq_notes_title", {"title"}, true}};
  x.add("0001", [&](migration_builder& b) {
    b.create_table(notes);
    b.insert("notes", {"id", "title"}, {{1LL, std::string("a")}});
  });
  x.upgrade();
  CHECK_THROWS(x.db.execute("INSERT INTO notes (id, title) VALUES (2, 'A')"));
  x.add("0002", [](migration_builder& b) { b.alter_table_options("notes", "utf8mb4_bin"); });
  x.upgrade();
  x.db.execute("INSERT INTO notes (id, title) VALUES (2, 'A')");
  CHECK(x.all("notes").size() == 2);
  CHECK_THAT(error_of([&] { x.add("0003", [](migration_builder& b) { b.alter_table_options("notes", "", true); }), x.upgrade(); }),
             Catch::Contains("mysql: table \"notes\" is STRICT, which mysql cannot express"));
}

TEST_CASE("schema changes postgresql: table options are refused by name", "[postgresql]") {
  database x("postgresql");
  x.add("0001", [](migration_builder& b) { b.create_table(notes_table("postgresql")); });
  x.upgrade();
  x.add("0002", [](migration_builder& b) { b.alter_table_options("notes", "C"); });
  CHECK_THAT(error_of([&] { x.upgrade(); }),
             Catch::Contains("postgresql: table \"notes\" has the collation C, which postgresql cannot express"));
  x.check_table(notes_table("postgresql"));
  CHECK(runner(x.db, history::view(x.migrations)).status()[1].state == migration_state::pending);
}

namespace {

// --- enum types (PostgreSQL) --------------------------------------------------------------------

table moods_table(std::vector<std::string> values) {
  return {"moods",
          {col("id", int64), col("m", column_type::enumeration_of("mood", std::move(values)), false, column_default::literal("ok"))},
          primary_key_def{"pk_moods", {"id"}}};
}

void check_mood(database& x, const std::vector<std::string>& values) {
  x.check_table(moods_table(values), {{"mood", values}});
  CHECK(x.live().enum_types == std::vector<enum_type_def>{{"mood", values}});
  x.check_no_drift();
  CHECK(x.all("moods") == rows{{"1", "sad"}, {"2", "ok"}});
}

}  // namespace

TEST_CASE("schema changes postgresql: enum types are created, given values, recreated and dropped, rows kept",
          "[postgresql]") {
  database x("postgresql");
  x.add("0001", [](migration_builder& b) {
    b.create_enum_type("mood", {"sad", "ok"});
    b.create_table(moods_table({"sad", "ok"}));
    b.insert("moods", {"id", "m"}, {{1LL, std::string("sad")}, {2LL, std::string("ok")}});
  });
  x.upgrade();
  check_mood(x, {"sad", "ok"});

  // Values only added: each in its place, inside the migration's transaction.
  const std::vector<std::string> grown{"happy", "sad", "ok", "great"};
  x.add("0002", [&](migration_builder& b) { b.alter_enum_type("mood", grown); });
  auto up = x.upgrade();
  REQUIRE(up.size() == 1);
  CHECK(up[0].statements == std::vector<std::string>{"ALTER TYPE \"mood\" ADD VALUE 'happy' BEFORE 'sad'",
                                                     "ALTER TYPE \"mood\" ADD VALUE 'great'"});
  check_mood(x, grown);
  CHECK(x.query("SELECT enum_range(NULL::mood)::text") == rows{{"{happy,sad,ok,great}"}});
  // Its inverse takes values away: the type is made again, and the rows keep theirs.
  x.downgrade();
  check_mood(x, {"sad", "ok"});
  x.upgrade();
  check_mood(x, grown);

  // Values reordered and taken away: recreated, the column converted, its default set again.
  x.add("0003", [](migration_builder& b) { b.alter_enum_type("mood", {"ok", "sad"}); });
  up = x.upgrade();
  REQUIRE(up.size() == 1);
  CHECK(up[0].statements ==
        std::vector<std::string>{"ALTER TYPE \"mood\" RENAME TO \"_tempest_old_mood\"",
                                 "CREATE TYPE \"mood\" AS ENUM ('ok', 'sad')",
                                 "ALTER TABLE \"moods\" ALTER COLUMN \"m\" DROP DEFAULT, ALTER COLUMN \"m\" TYPE \"mood\" "
                                 "USING \"m\"::text::\"mood\", ALTER COLUMN \"m\" SET DEFAULT 'ok'",
                                 "DROP TYPE \"_tempest_old_mood\""});
  check_mood(x, {"ok", "sad"});
  // The order is the new one, and so is the default.
  CHECK(x.query("SELECT m::text FROM moods ORDER BY m") == rows{{"ok"}, {"sad"}});
  x.db.execute("INSERT INTO moods (id) VALUES (3)");
  CHECK(x.query("SELECT m::text FROM moods WHERE id = 3") == rows{{"ok"}});
  x.db.execute("DELETE FROM moods WHERE id = 3");
  x.downgrade();
  check_mood(x, grown);

  // A row holding a value the new list leaves out makes the conversion fail, and the migration rolls back.
  x.db.execute("INSERT INTO moods (id, m) VALUES (3, 'great')");
  CHECK_THAT(error_of([&] { x.upgrade(); }), Catch::Contains("invalid input value for enum mood: \"great\""));
  x.db.execute("DELETE FROM moods WHERE id = 3");
  check_mood(x, grown);

  // The type goes after its last column; the downgrade makes both again.
  x.migrations.pop_back();
  x.add("0003", [](migration_builder& b) {
    b.alter_table("moods", [](table_alterer& t) { t.drop_column("m"); });
    b.drop_enum_type("mood");
  });
  x.upgrade();
  CHECK(x.live().enum_types.empty());
  x.check_no_drift();
  x.downgrade();
  CHECK(x.live().enum_types == std::vector<enum_type_def>{{"mood", grown}});
  CHECK(x.all("moods") == rows{{"1", "ok"}, {"2", "ok"}});  // the column came back with its default
}

TEST_CASE("schema changes postgresql: a value added to an enum type can be used from the next migration on",
          "[postgresql]") {
  database x("postgresql");
  x.add("0001", [](migration_builder& b) {
    b.create_enum_type("mood", {"sad", "ok"});
    b.create_table(moods_table({"sad", "ok"}));
  });
  x.upgrade();
  // PostgreSQL adds the value inside the transaction but refuses its use before the commit: the
  // migration fails, rolled back whole.
  x.add("0002", [](migration_builder& b) {
    b.alter_enum_type("mood", {"sad", "ok", "new"});
    b.insert("moods", {"id", "m"}, {{1LL, std::string("new")}});
  });
  CHECK_THAT(error_of([&] { x.upgrade(); }), Catch::Contains("unsafe use of new value \"new\" of enum type mood"));
  CHECK(x.live().enum_types == std::vector<enum_type_def>{{"mood", {"sad", "ok"}}});
  x.migrations.pop_back();
  x.add("0002", [](migration_builder& b) { b.alter_enum_type("mood", {"sad", "ok", "new"}); });
  x.add("0003", [](migration_builder& b) { b.insert("moods", {"id", "m"}, {{1LL, std::string("new")}}); });
  CHECK(x.upgrade().size() == 2);
  CHECK(x.query("SELECT m::text FROM moods") == rows{{"new"}});
}

TEST_CASE("schema changes sqlite: enum types are refused by name", "[sqlite]") {
  database x("sqlite");
  x.add("0001", [](migration_builder& b) { b.create_enum_type("mood", {"sad", "ok"}); });
  CHECK_THAT(error_of([&] { x.upgrade(); }), Catch::Contains("sqlite: enum type \"mood\", which sqlite cannot express"));
}

TEST_CASE("schema changes mysql: enum types are refused by name", "[mysql]") {
  database x("mysql");
  x.add("0001", [](migration_builder& b) { b.create_enum_type("mood", {"sad", "ok"}); });
  CHECK_THAT(error_of([&] { x.upgrade(); }), Catch::Contains("mysql: enum type \"mood\", which mysql cannot express"));
}

// --- PostgreSQL identity and generated columns ---------------------------------------------------

TEST_CASE("schema changes postgresql: a column becomes an identity column that counts on from its rows",
          "[postgresql]") {
  database x("postgresql");
  table counters{"counters", {col("id", int64), col("n", int64)}, primary_key_def{"pk_counters", {"id"}}};
  x.add("0001", [&](migration_builder& b) {
    b.create_table(counters);
    b.insert("counters", {"id", "n"}, {{1LL, 10LL}, {5LL, 50LL}});
  });
  x.upgrade();
  column identity = col("id", int64);
  identity.autoincrement = true;
  identity.identity = identity_kind::always;
  x.add("0002", [&](migration_builder& b) { b.alter_table("counters", [&](table_alterer& t) { t.alter_column(identity); }); });
  x.upgrade();
  table after = counters;
  after.columns[0] = identity;
  x.check_table(after);
  x.check_no_drift();
  x.db.execute("INSERT INTO counters (n) VALUES (60)");
  CHECK(x.all("counters") == rows{{"1", "10"}, {"5", "50"}, {"6", "60"}});
  // Always means always: an id given by hand is refused.
  CHECK_THAT(error_of([&] { x.db.execute("INSERT INTO counters (id, n) VALUES (9, 1)"); }),
             Catch::Contains("cannot insert a non-DEFAULT value into column \"id\""));

  // By default, then: both kinds of identity are one SET GENERATED apart.
  column by_default = identity;
  by_default.identity = identity_kind::by_default;
  x.add("0003", [&](migration_builder& b) { b.alter_table("counters", [&](table_alterer& t) { t.alter_column(by_default); }); });
  auto up = x.upgrade();
  CHECK(up.at(0).statements ==
        std::vector<std::string>{"ALTER TABLE \"counters\" ALTER COLUMN \"id\" SET GENERATED BY DEFAULT"});
  x.db.execute("INSERT INTO counters (id, n) VALUES (9, 1)");
  x.db.execute("DELETE FROM counters WHERE id IN (6, 9)");

  x.downgrade();
  x.downgrade();
  x.check_table(counters);
  x.check_no_drift();
  CHECK(x.all("counters") == rows{{"1", "10"}, {"5", "50"}});
}

TEST_CASE("schema changes postgresql: a generated column becomes a plain one; a new expression is refused",
          "[postgresql]") {
  database x("postgresql");
  column doubled = col("doubled", int64, true);
  doubled.generated = generated_column{"n * 2", true};
  table t{"figures", {col("id", int64), col("n", int64), doubled}, primary_key_def{"pk_figures", {"id"}}};
  x.add("0001", [&](migration_builder& b) {
    b.create_table(t);
    b.insert("figures", {"id", "n"}, {{1LL, 21LL}});
  });
  x.upgrade();
  x.add("0002", [&](migration_builder& b) {
    b.alter_table("figures", [&](table_alterer& a) { a.alter_column(col("doubled", int64, true)); });
  });
  x.upgrade();
  table plain = t;
  plain.columns[2].generated.reset();
  x.check_table(plain);
  CHECK(x.all("figures") == rows{{"1", "21", "42"}});
  // The downgrade would give it an expression again, which PostgreSQL 15 cannot.
  CHECK_THAT(error_of([&] { x.downgrade(); }),
             Catch::Contains("postgresql: column \"figures\".\"doubled\" gets the generation expression (n * 2): "
                             "PostgreSQL 15 can only drop one, which postgresql cannot express"));
  x.check_table(plain);
}

// --- SQLite index renames ------------------------------------------------------------------------

TEST_CASE("schema changes sqlite: a named index is made again under its new name; an unnamed one rebuilds its table",
          "[sqlite]") {
  database x("sqlite");
  table labels{"labels",
               {col("id", int64), col("label", column_type::text()), col("kind", column_type::text())},
               primary_key_def{"pk_labels", {"id"}}};
  labels.indexes = {{"", {"label"}, true}, {"ix_labels_kind", {"kind"}, false}};
  x.add("0001", [&](migration_builder& b) {
    b.create_table(labels);
    b.insert("labels", {"id", "label", "kind"}, {{1LL, std::string("a"), std::string("k")}, {2LL, std::string("b"), std::string("k")}});
  });
  x.upgrade();
  x.add("0002", [](migration_builder& b) {
    b.rename_index("labels", "ix_labels_kind", "ix_kind");
    b.rename_index("labels", "", "uq_labels_label");
  });
  auto up = x.upgrade();
  REQUIRE(up.size() == 1);
  REQUIRE(up[0].statements.size() >= 3);
  CHECK(up[0].statements[0] == "DROP INDEX \"ix_labels_kind\"");
  CHECK(up[0].statements[1] == "CREATE INDEX \"ix_kind\" ON \"labels\" (\"kind\")");
  CHECK(up[0].statements[2] == "-- rebuild table \"labels\"");
  table after = labels;
  after.indexes = {{"ix_kind", {"kind"}, false}, {"uq_labels_label", {"label"}, true}};
  x.check_table(after);
  x.check_no_drift();
  CHECK(x.all("labels") == rows{{"1", "a", "k"}, {"2", "b", "k"}});
  x.downgrade();
  x.check_table(labels);
  x.check_no_drift();
  CHECK(x.all("labels") == rows{{"1", "a", "k"}, {"2", "b", "k"}});
}

namespace {

// --- offline scripts and resumption ---------------------------------------------------------------

std::vector<migration> mixed_history(std::string_view kind) {
  std::vector<migration> out{
      {"0001", {}, "tables",
       [](migration_builder& b) {
         b.create_table(owners_table());
         b.create_table(things_table());
         b.create_table(people_table());
         b.insert("owners", {"id"}, {{1LL}});
         b.insert("things", {"id", "code", "label", "owner_id"}, {{1LL, std::string("x"), std::string("first"), 1LL}});
         b.insert("people", {"id", "name", "age"}, {{1LL, std::string("ada"), 36LL}});
       }},
      {"0002", {"0001"}, "changes", [](migration_builder& b) {
         b.rename_index("things", "uq_things_code", "uq_things_c");
         b.rename_constraint("things", op::constraint_kind::check, "ck_things_label", "ck_things_l");
         b.rename_constraint("things", op::constraint_kind::foreign_key, "fk_things_owner", "fk_things_o");
         b.drop_primary_key("people");
         b.add_primary_key("people", {"id", "name"});
         b.alter_table("people", [](table_alterer& t) { t.alter_column(col("age", int64, false, column_default::literal("0"))); });
       }}};
  if (kind == "postgresql")
    out.push_back({"0003", {"0002"}, "enum", [](migration_builder& b) {
                     b.create_enum_type("mood", {"sad", "ok"});
                     b.alter_enum_type("mood", {"sad", "ok", "happy"});
                     b.alter_enum_type("mood", {"ok", "sad"});
                   }});
  if (kind == "mysql")
    out.push_back({"0003", {"0002"}, "collation", [](migration_builder& b) { b.alter_table_options("things", "utf8mb4_bin"); }});
  if (kind == "sqlite")
    out.push_back({"0003", {"0002"}, "strict", [](migration_builder& b) { b.alter_table_options("people", "", false, true); }});
  return out;
}

void offline_matches_runner(std::string_view kind) {
  const auto migrations = mixed_history(kind);
  const auto h = history::view(migrations);
  connection online(tempest_test::fresh_database(kind));
  runner(online, h).upgrade();
  connection offline(tempest_test::fresh_database(kind));
  for (const auto& statement : upgrade_sql(offline.sql_dialect(), h))
    if (!statement.starts_with("--")) offline.execute(statement);
  CHECK(introspect(offline) == introspect(online));
  CHECK(introspect(offline, without_versions) == offline.sql_dialect().stored_form(h.replay()));
  CHECK(runner(offline, h).upgrade().empty());
  // And down again, by script.
  for (const auto& statement : downgrade_sql(offline.sql_dialect(), h, downgrade_target::to("0001"),
                                             {.applied = {"0001", "0002", "0003"}}))
    if (!statement.starts_with("--")) offline.execute(statement);
  CHECK(introspect(offline, without_versions) == offline.sql_dialect().stored_form(h.replay({"0001"})));
}

}  // namespace

TEST_CASE("schema changes sqlite: an offline script does what the runner does", "[sqlite]") {
  offline_matches_runner("sqlite");
}
TEST_CASE("schema changes postgresql: an offline script does what the runner does", "[postgresql]") {
  offline_matches_runner("postgresql");
}
TEST_CASE("schema changes mysql: an offline script does what the runner does", "[mysql]") {
  offline_matches_runner("mysql");
}

TEST_CASE("schema changes: an interrupted key or rename statement is told applied or not from the live schema") {
  schema before{{owners_table(), things_table()}, {}, {}, {}};
  before.normalise();
  for (operation o : {operation{op::rename_constraint{"things", op::constraint_kind::foreign_key, "fk_things_owner", "fk_x"}},
                      operation{op::rename_index{"things", "uq_things_code", "uq_x"}},
                      operation{op::drop_primary_key{"things"}},
                      operation{op::alter_table_options{"things", "utf8mb4_bin", false, false, {}}}}) {
    INFO(canonical_text(o));
    schema after = before;
    apply(after, o);
    CHECK(check_statement(o, before, before, after).outcome == statement_outcome::not_applied);
    CHECK(check_statement(o, after, before, after).outcome == statement_outcome::applied);
    schema elsewhere = before;
    elsewhere.find_table("things")->foreign_keys.clear();
    elsewhere.find_table("things")->indexes.clear();
    elsewhere.find_table("things")->key->columns = {"code"};
    elsewhere.find_table("things")->collation = "latin1_bin";
    CHECK(check_statement(o, elsewhere, before, after).outcome == statement_outcome::unknown);
  }
}
