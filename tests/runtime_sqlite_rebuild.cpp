// SQLite table rebuilds (runtime/sqlite_rebuild.hpp) lose nothing: what raw SQL made around the
// rebuilt table, views on it, the AUTOINCREMENT high-water mark, child rows, the session's settings.
// Schemas are written the way SQLite users write them; every expectation is a literal or a query of
// the catalog, the pragmas or the rows, made independently of the rebuild.

#include <catch2/catch.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <functional>

#include <tempest/migrations.hpp>

#include "support/database.hpp"

using namespace tempest;

namespace {

using rows = std::vector<result_row>;

std::string sql_name(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A new SQLite file, and a connection of the test's own to it for hand-written SQL and for looking.
struct sqlite_file {
  std::string url = tempest_test::database_url("sqlite");
  connection db{url};

  void execute(std::string_view sql) { db.execute(sql); }
  rows query(std::string_view sql) { return db.query(sql); }
  std::string value(std::string_view sql) {
    auto r = db.query(sql);
    REQUIRE(r.size() == 1);
    return r[0].at(0).value_or("NULL");
  }

  // Applies the migrations not applied yet (one batch); returns what was applied.
  std::vector<migration_result> migrate(const std::vector<migration>& migrations) {
    return tempest::migrate({.url = url, .migrations = migrations}).migrations;
  }
  std::vector<migration_result> migrate_down(const std::vector<migration>& migrations) {
    return tempest::migrate_down({.url = url, .migrations = migrations});
  }

  rows catalog() { return db.query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"); }
  // What raw SQL makes and a rebuild must keep: indexes, triggers and views.
  rows objects() {
    return db.query("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger', 'view') "
                    "AND sql IS NOT NULL ORDER BY name");
  }
  // Every row of every table (sqlite_sequence and the version table too), each led by its table's name.
  rows contents() {
    rows out;
    for (auto& t : db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"))
      for (auto& row : db.query(fmt::format("SELECT ?, * FROM {}", sql_name(*t[0])), {*t[0]}))
        out.push_back(std::move(row));
    std::sort(out.begin(), out.end());
    return out;
  }
  rows violations() { return db.query("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check ORDER BY 1, 2"); }
  std::string rootpage(std::string_view table) {
    auto r = db.query("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?", {std::string(table)});
    REQUIRE(r.size() == 1);
    return r[0][0].value_or("");
  }
  // Nothing of the rebuild's staging is left, in the catalog or in sqlite_sequence.
  void check_no_staging_left() {
    CHECK(value("SELECT count(*) FROM sqlite_schema WHERE name LIKE '\\_tempest\\_rebuild\\_%' ESCAPE '\\'") == "0");
    if (value("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'") == "1")
      CHECK(value("SELECT count(*) FROM sqlite_sequence WHERE name LIKE '\\_tempest\\_rebuild\\_%' ESCAPE '\\'") == "0");
  }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  FAIL("no error");
  return {};
}

migration alter(std::string revision, std::string parent, std::string table, std::function<void(table_alterer&)> change) {
  return {std::move(revision), {std::move(parent)}, "rebuild " + table,
          [table, change](migration_builder& b) { b.alter_table(table, change); }};
}

// ---- triggers and indexes made by raw SQL ------------------------------------------------------

std::vector<migration> accounts_history() {
  return {
      {"0001_accounts", {}, "owners and accounts",
       [](migration_builder& b) {
         b.create_table("owners", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
         b.create_table("accounts", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::string>("name").length(40).index();
           t.column<std::int32_t>("balance").default_value(0);
           t.column<std::optional<std::int64_t>>("owner_id");
         });
         b.insert("owners", {"id"}, {{1LL}, {2LL}});
         b.insert("accounts", {"id", "name", "balance", "owner_id"},
                  {{1LL, std::string("ada"), 10LL, 1LL},
                   {2LL, std::string("bob"), 500LL, 2LL},
                   {3LL, std::string("frozen"), 5LL, 1LL}});
       }},
      {"0002_raw", {"0001_accounts"}, "audit triggers, a view and indexes by hand",
       [](migration_builder& b) {
         b.sql(R"(CREATE TABLE audit (id INTEGER PRIMARY KEY, event TEXT NOT NULL);
CREATE TRIGGER accounts_no_overdraft BEFORE INSERT ON accounts
  WHEN NEW.balance < 0 BEGIN SELECT RAISE(ABORT, 'no overdraft'); END;
CREATE TRIGGER accounts_opened AFTER INSERT ON accounts
  BEGIN INSERT INTO audit (event) VALUES ('opened ' || NEW.name); END;
CREATE TRIGGER accounts_frozen BEFORE UPDATE OF balance ON accounts
  WHEN OLD.name = 'frozen' BEGIN SELECT RAISE(ABORT, 'account is frozen'); END;
CREATE TRIGGER accounts_moved AFTER UPDATE OF balance ON accounts
  BEGIN INSERT INTO audit (event) VALUES (NEW.name || ' ' || OLD.balance || '->' || NEW.balance); END;
CREATE VIEW rich AS SELECT id, name FROM accounts WHERE balance >= 1000;
CREATE TRIGGER rich_open INSTEAD OF INSERT ON rich
  BEGIN INSERT INTO accounts (name, balance) VALUES (NEW.name, 1000); END;
CREATE INDEX accounts_positive ON accounts (balance) WHERE balance > 0;
CREATE UNIQUE INDEX accounts_name_nocase ON accounts (lower(name));)",
               "DROP INDEX accounts_name_nocase; DROP INDEX accounts_positive; DROP TRIGGER rich_open; DROP VIEW rich;"
               "DROP TRIGGER accounts_moved; DROP TRIGGER accounts_frozen; DROP TRIGGER accounts_opened;"
               "DROP TRIGGER accounts_no_overdraft; DROP TABLE audit;");
       }},
  };
}

// A trigger made outside any migration, by the application itself.
constexpr std::string_view accounts_closed_trigger =
    "CREATE TRIGGER accounts_closed AFTER DELETE ON accounts "
    "BEGIN INSERT INTO audit (event) VALUES ('closed ' || OLD.name); END";

std::string last_event(sqlite_file& f) { return f.value("SELECT event FROM audit ORDER BY id DESC LIMIT 1"); }

// The raw triggers fire, the raw indexes hold, and the rows are the rows.
void check_accounts_behave(sqlite_file& f, int round) {
  const std::string name = fmt::format("new{}", round);
  f.execute(fmt::format("INSERT INTO accounts (name, balance) VALUES ('{}', 5)", name));
  CHECK(last_event(f) == "opened " + name);
  CHECK_THAT(error_of([&] { f.execute("INSERT INTO accounts (name, balance) VALUES ('overdrawn', -1)"); }),
             Catch::Contains("no overdraft"));
  f.execute("UPDATE accounts SET balance = 1 WHERE name = 'bob'");
  f.execute("UPDATE accounts SET balance = 2 WHERE name = 'bob'");
  CHECK(last_event(f) == "bob 1->2");
  CHECK_THAT(error_of([&] { f.execute("UPDATE accounts SET balance = 0 WHERE name = 'frozen'"); }),
             Catch::Contains("account is frozen"));
  f.execute(fmt::format("INSERT INTO rich (name) VALUES ('rich{}')", round));
  CHECK(f.value(fmt::format("SELECT balance FROM accounts WHERE name = 'rich{}'", round)) == "1000");
  CHECK(f.value(fmt::format("SELECT count(*) FROM rich WHERE name = 'rich{}'", round)) == "1");
  CHECK_THAT(error_of([&] { f.execute("INSERT INTO accounts (name) VALUES ('ADA')"); }),
             Catch::Contains("UNIQUE constraint failed"));
  f.execute(fmt::format("DELETE FROM accounts WHERE name = '{}'", name));
  CHECK(last_event(f) == "closed " + name);
  CHECK(f.query("SELECT id, name, owner_id FROM accounts WHERE id <= 3 ORDER BY id") ==
        rows{{"1", "ada", "1"}, {"2", "bob", "2"}, {"3", "frozen", "1"}});
}

// ---- views, and triggers of other tables that read the rebuilt table ---------------------------

std::vector<migration> items_history() {
  return {
      {"0001_items", {}, "items",
       [](migration_builder& b) {
         b.create_table("items", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<std::string>("name");
           t.column<std::int32_t>("price");
         });
         b.insert("items", {"id", "name", "price"},
                  {{1LL, std::string("pen"), 2LL}, {2LL, std::string("ink"), 7LL}, {3LL, std::string("desk"), 90LL}});
       }},
      {"0002_views", {"0001_items"}, "views and orders by hand",
       [](migration_builder& b) {
         b.sql(R"(CREATE VIEW cheap_items AS SELECT id, name FROM items WHERE price < 10;
CREATE VIEW cheap_names AS SELECT upper(name) AS shout FROM cheap_items WHERE id > 1;
CREATE VIEW every_item AS SELECT * FROM items;
CREATE TABLE orders (id INTEGER PRIMARY KEY, item_id INTEGER, total INTEGER);
CREATE TRIGGER orders_priced AFTER INSERT ON orders
  BEGIN UPDATE orders SET total = (SELECT price FROM items WHERE id = NEW.item_id) WHERE id = NEW.id; END;)",
               "DROP TRIGGER orders_priced; DROP TABLE orders; DROP VIEW every_item; DROP VIEW cheap_names; "
               "DROP VIEW cheap_items;");
       }},
  };
}

// ---- foreign keys ------------------------------------------------------------------------------

// regions <- stores <- shelves (by the IR) <- slots (by hand), each ON DELETE CASCADE; people and
// notes by hand, unrelated to them.
std::vector<migration> shop_history() {
  return {
      {"0001_shop", {}, "regions, stores, shelves",
       [](migration_builder& b) {
         b.create_table("regions", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<std::string>("name");
         });
         b.create_table("managers", [](table_builder& t) { t.column<std::int64_t>("id").primary_key(); });
         b.create_table("stores", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<std::int64_t>("region_id").references("regions", "id", fk_action::cascade);
           t.column<std::optional<std::int64_t>>("manager_id");
           t.column<std::int32_t>("size").default_value(1);
         });
         b.create_table("shelves", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<std::int64_t>("store_id").references("stores", "id", fk_action::cascade);
           t.column<std::int32_t>("height").default_value(2);
         });
         b.insert("regions", {"id", "name"}, {{1LL, std::string("north")}, {2LL, std::string("south")}});
         b.insert("managers", {"id"}, {{1LL}});
         b.insert("stores", {"id", "region_id", "manager_id"}, {{1LL, 1LL, 1LL}, {2LL, 1LL, 7LL}, {3LL, 2LL, std::monostate{}}});
         b.insert("shelves", {"id", "store_id"}, {{1LL, 1LL}, {2LL, 1LL}, {3LL, 2LL}, {4LL, 3LL}});
       }},
      {"0002_by_hand", {"0001_shop"}, "slots, people and notes",
       [](migration_builder& b) {
         b.sql(R"(CREATE TABLE slots (id INTEGER PRIMARY KEY, shelf_id INTEGER NOT NULL REFERENCES shelves ON DELETE CASCADE);
INSERT INTO slots (shelf_id) VALUES (1), (1), (2), (3), (4);
CREATE TABLE people (id INTEGER PRIMARY KEY);
CREATE TABLE notes (id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES people (id));
CREATE TABLE labels (id INTEGER PRIMARY KEY, region_id INTEGER REFERENCES regions, person_id INTEGER REFERENCES people);
CREATE TRIGGER stores_sized BEFORE UPDATE OF size ON stores WHEN NEW.size < 0 BEGIN SELECT RAISE(ABORT, 'size'); END;)",
               "DROP TRIGGER stores_sized; DROP TABLE labels; DROP TABLE notes; DROP TABLE people; DROP TABLE slots;");
       }},
  };
}

std::string counts(sqlite_file& f) {
  return f.value("SELECT (SELECT count(*) FROM regions) || ' ' || (SELECT count(*) FROM stores) || ' ' || "
                 "(SELECT count(*) FROM shelves) || ' ' || (SELECT count(*) FROM slots)");
}

// `run` fails, names `table`, and leaves every object and row as it was.
void check_refused(sqlite_file& f, const std::function<void()>& run, std::string_view table) {
  const rows catalog = f.catalog();
  const rows contents = f.contents();
  const std::string applied = f.value("SELECT count(*) FROM tempest_migrations");
  auto message = error_of(run);
  CHECK_THAT(message, Catch::Contains(fmt::format("table {}", table)));
  CHECK_THAT(message, Catch::Contains("violat"));
  CHECK(f.catalog() == catalog);
  CHECK(f.contents() == contents);
  CHECK(f.value("SELECT count(*) FROM tempest_migrations") == applied);
}

}  // namespace

TEST_CASE("sqlite rebuild: triggers and indexes made by raw SQL survive every kind of rebuild and still work",
          "[sqlite]") {
  sqlite_file f;
  auto history = accounts_history();
  f.migrate(history);
  f.execute(accounts_closed_trigger);
  const rows objects = f.objects();
  REQUIRE(objects.size() == 10);  // 6 triggers, 1 view, 2 raw indexes, 1 index of the IR
  CHECK(f.value("SELECT count(*) FROM sqlite_schema WHERE name = 'ix_accounts_name' AND tbl_name = 'accounts'") == "1");

  std::vector<migration> rebuilds{
      alter("0003_type", "0002_raw", "accounts",
            [](table_alterer& t) { t.alter_type("balance", column_type::of(type_kind::int64)); }),
      alter("0004_fk", "0003_type", "accounts",
            [](table_alterer& t) { t.add_foreign_key({"owner_id"}, "owners", {"id"}); }),
      alter("0005_check", "0004_fk", "accounts", [](table_alterer& t) { t.add_check("cap", "balance < 1000000"); }),
      alter("0006_code", "0005_check", "accounts",
            [](table_alterer& t) { t.add_column<std::string>("code").default_sql("lower(hex(randomblob(4)))"); }),
      // Two rebuilds in one migration: the second finds what the first made again.
      alter("0007_twice", "0006_code", "accounts",
            [](table_alterer& t) {
              t.add_check("floor", "balance > -1000000");
              t.alter_type("name", column_type::varchar(80));
            }),
  };
  for (int round = 0; round < static_cast<int>(rebuilds.size()); ++round) {
    INFO("migration " << rebuilds[round].revision);
    const std::string page = f.rootpage("accounts");
    const std::string events = f.value("SELECT count(*) FROM audit");
    history.push_back(rebuilds[round]);
    REQUIRE(f.migrate(history).size() == 1);
    // It was rebuilt, not altered in place (rebuilt twice, it is back on the page the first rebuild freed).
    if (rebuilds[round].revision != "0007_twice") CHECK(f.rootpage("accounts") != page);
    CHECK(f.value("SELECT count(*) FROM audit") == events);  // copying and dropping fired no trigger
    CHECK(f.objects() == objects);
    f.check_no_staging_left();
    check_accounts_behave(f, round);
  }
  CHECK(f.query("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('accounts')") ==
        rows{{"owners", "owner_id", "id"}});
  CHECK_THAT(error_of([&] { f.execute("UPDATE accounts SET balance = 2000000 WHERE name = 'ada'"); }),
             Catch::Contains("CHECK constraint failed"));
  CHECK_THAT(f.value("SELECT sql FROM sqlite_schema WHERE name = 'accounts'"),
             Catch::Contains("\"name\" VARCHAR(80)") && Catch::Contains("ck_accounts_floor"));
  CHECK(f.value("SELECT count(*) FROM accounts WHERE length(code) <> 8") == "0");
  CHECK(f.value("SELECT count(DISTINCT code) FROM accounts") == f.value("SELECT count(*) FROM accounts"));
  CHECK(f.violations().empty());
}

TEST_CASE("sqlite rebuild: views, views on views, SELECT * views and other tables' triggers keep working",
          "[sqlite]") {
  sqlite_file f;
  auto history = items_history();
  f.migrate(history);
  const rows objects = f.objects();
  REQUIRE(objects.size() == 4);
  CHECK(f.value("SELECT count(*) FROM pragma_table_info('every_item')") == "3");

  history.push_back(alter("0003_type", "0002_views", "items",
                          [](table_alterer& t) { t.alter_type("price", column_type::of(type_kind::int64)); }));
  history.push_back(alter("0004_sku", "0003_type", "items",
                          [](table_alterer& t) { t.add_column<std::string>("sku").default_sql("'sku-' || random()"); }));
  for (std::size_t applied = 2; applied < history.size(); ++applied) {
    INFO("migration " << history[applied].revision);
    const std::string page = f.rootpage("items");
    std::vector<migration> upto(history.begin(), history.begin() + static_cast<std::ptrdiff_t>(applied) + 1);
    REQUIRE(f.migrate(upto).size() == 1);
    CHECK(f.rootpage("items") != page);
    CHECK(f.objects() == objects);
    f.check_no_staging_left();
    CHECK(f.query("SELECT id, name FROM cheap_items ORDER BY id") == rows{{"1", "pen"}, {"2", "ink"}});
    CHECK(f.query("SELECT shout FROM cheap_names") == rows{{"INK"}});
    CHECK(f.query("SELECT id, name, price FROM every_item ORDER BY id") ==
          rows{{"1", "pen", "2"}, {"2", "ink", "7"}, {"3", "desk", "90"}});
    f.execute(fmt::format("INSERT INTO orders (id, item_id) VALUES ({}, 3)", applied));
    CHECK(f.value(fmt::format("SELECT total FROM orders WHERE id = {}", applied)) == "90");
  }
  // A SELECT * view shows the column the rebuild added.
  CHECK(f.value("SELECT count(*) FROM pragma_table_info('every_item')") == "4");
  CHECK(f.value("SELECT count(*) FROM every_item WHERE sku LIKE 'sku-%'") == "3");
  // A native ALTER re-checks every view and trigger of the schema, and rewrites those naming the column.
  history.push_back(alter("0005_rename", "0004_sku", "items", [](table_alterer& t) { t.rename_column("price", "cost"); }));
  REQUIRE(f.migrate(history).size() == 1);
  CHECK(f.query("SELECT shout FROM cheap_names") == rows{{"INK"}});
  f.execute("INSERT INTO orders (id, item_id) VALUES (9, 2)");
  CHECK(f.value("SELECT total FROM orders WHERE id = 9") == "7");
  CHECK(f.value("PRAGMA quick_check") == "ok");
}

TEST_CASE("sqlite rebuild: the AUTOINCREMENT high-water mark is kept, and none appears where there was none",
          "[sqlite]") {
  sqlite_file f;
  std::vector<migration> history{{"0001_tables", {}, "tickets", [](migration_builder& b) {
                                    for (std::string name : {"tickets", "never_used", "numbered"})
                                      b.create_table(name, [](table_builder& t) {
                                        t.column<std::int64_t>("id").primary_key().autoincrement();
                                        t.column<std::string>("title").length(20);
                                      });
                                    // SQLite's own idiom: an INTEGER PRIMARY KEY is the rowid, without AUTOINCREMENT.
                                    b.create_table("plain", [](table_builder& t) {
                                      t.column<std::int64_t>("id").sql_type("INTEGER").primary_key();
                                      t.column<std::string>("title").length(20);
                                    });
                                  }}};
  f.migrate(history);
  for (int i = 1; i <= 5; ++i) f.execute(fmt::format("INSERT INTO tickets (title) VALUES ('t{}')", i));
  f.execute("DELETE FROM tickets WHERE id >= 4");
  for (int i = 1; i <= 3; ++i) f.execute(fmt::format("INSERT INTO plain (id, title) VALUES ({}, 'p{}')", i, i));
  f.execute("DELETE FROM plain WHERE id = 3");
  // Ids that start at 1000, the way SQLite's documentation suggests.
  f.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('numbered', 999)");
  REQUIRE(f.query("SELECT name, seq FROM sqlite_sequence ORDER BY name") == rows{{"numbered", "999"}, {"tickets", "5"}});

  history.push_back({"0002_rebuild", {"0001_tables"}, "rebuild all four", [](migration_builder& b) {
                       for (std::string name : {"tickets", "never_used", "numbered", "plain"})
                         b.alter_table(name, [](table_alterer& t) { t.alter_type("title", column_type::varchar(80)); });
                     }});
  const std::string page = f.rootpage("plain");
  REQUIRE(f.migrate(history).size() == 1);
  CHECK(f.rootpage("plain") != page);
  f.check_no_staging_left();
  CHECK(f.query("SELECT name, seq FROM sqlite_sequence ORDER BY name") == rows{{"numbered", "999"}, {"tickets", "5"}});
  CHECK(f.query("SELECT id, title FROM tickets ORDER BY id") == rows{{"1", "t1"}, {"2", "t2"}, {"3", "t3"}});

  f.execute("INSERT INTO tickets (title) VALUES ('t6')");
  CHECK(f.value("SELECT max(id) FROM tickets") == "6");
  f.execute("INSERT INTO never_used (title) VALUES ('first')");
  CHECK(f.value("SELECT id FROM never_used") == "1");
  f.execute("INSERT INTO numbered (title) VALUES ('first')");
  CHECK(f.value("SELECT id FROM numbered") == "1000");
  // Without AUTOINCREMENT SQLite takes max(rowid) + 1, before and after a rebuild alike.
  f.execute("INSERT INTO plain (title) VALUES ('p')");
  CHECK(f.value("SELECT max(id) FROM plain") == "3");
  CHECK(f.value("SELECT count(*) FROM sqlite_sequence WHERE name = 'plain'") == "0");
}

TEST_CASE("sqlite rebuild: ON DELETE CASCADE children through three levels keep every row", "[sqlite]") {
  sqlite_file f;
  auto history = shop_history();
  f.migrate(history);
  REQUIRE(counts(f) == "2 3 4 5");
  history.push_back({"0003_rebuild", {"0002_by_hand"}, "rebuild every level", [](migration_builder& b) {
                       b.alter_table("regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); });
                       b.alter_table("stores", [](table_alterer& t) { t.alter_type("size", column_type::of(type_kind::int64)); });
                       b.alter_table("shelves", [](table_alterer& t) { t.add_check("tall", "height > 0"); });
                     }});
  auto pages = f.rootpage("regions") + f.rootpage("stores") + f.rootpage("shelves");
  REQUIRE(f.migrate(history).size() == 1);
  CHECK(f.rootpage("regions") + f.rootpage("stores") + f.rootpage("shelves") != pages);
  CHECK(counts(f) == "2 3 4 5");
  CHECK(f.violations().empty());
  CHECK(f.query("SELECT \"table\", on_delete FROM pragma_foreign_key_list('stores')") == rows{{"regions", "CASCADE"}});
  // The keys still cascade: a region takes its stores, their shelves and those shelves' slots along.
  f.execute("DELETE FROM regions WHERE id = 1");
  CHECK(counts(f) == "1 1 1 1");
}

TEST_CASE("sqlite rebuild: a violation elsewhere neither blocks the rebuild nor is blamed on it", "[sqlite]") {
  sqlite_file f;
  auto history = shop_history();
  f.migrate(history);
  f.execute("PRAGMA foreign_keys = OFF");
  f.execute("INSERT INTO notes (id, person_id) VALUES (1, 99)");
  // A table referring to the rebuilt one, with a violation of its other key.
  f.execute("INSERT INTO labels (id, region_id, person_id) VALUES (1, 1, 98)");
  f.execute("PRAGMA foreign_keys = ON");
  const rows before = f.violations();
  REQUIRE(before == rows{{"labels", "1", "people"}, {"notes", "1", "people"}});
  // A key SQLite cannot check at all: its parent column is not unique.
  f.execute("CREATE TABLE odd (person_id INTEGER REFERENCES notes (person_id))");
  REQUIRE_THAT(error_of([&] { f.query("SELECT * FROM pragma_foreign_key_check('odd')"); }),
               Catch::Contains("foreign key mismatch"));

  SECTION("a rebuild") {
    history.push_back(
        alter("0003_check", "0002_by_hand", "regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); }));
  }
  SECTION("a rebuild and raw SQL, which is checked against the whole database") {
    history.push_back({"0003_check", {"0002_by_hand"}, "check and raw SQL", [](migration_builder& b) {
                         b.alter_table("regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); });
                         b.sql("UPDATE regions SET name = upper(name)", "UPDATE regions SET name = lower(name)");
                       }});
  }
  auto applied = f.migrate(history);
  REQUIRE(applied.size() == 1);
  CHECK(applied[0].success);
  CHECK(applied[0].error.empty());
  f.execute("DROP TABLE odd");
  CHECK(f.violations() == before);
  CHECK(counts(f) == "2 3 4 5");
}

TEST_CASE("sqlite rebuild: a violation the migration causes fails it whole, names the table, and changes nothing",
          "[sqlite]") {
  sqlite_file f;
  auto history = shop_history();
  f.migrate(history);

  SECTION("a foreign key that existing rows violate") {
    history.push_back(alter("0003_fk", "0002_by_hand", "stores",
                            [](table_alterer& t) { t.add_foreign_key({"manager_id"}, "managers", {"id"}); }));
    check_refused(f, [&] { f.migrate(history); }, "stores");
  }
  SECTION("a data step inserting an orphan next to a rebuild") {
    history.push_back({"0003_orphan", {"0002_by_hand"}, "orphan", [](migration_builder& b) {
                         b.alter_table("regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); });
                         b.insert("shelves", {"id", "store_id"}, {{9LL, 99LL}});
                       }});
    check_refused(f, [&] { f.migrate(history); }, "shelves");
  }
  SECTION("a data step inserting an orphan of the rebuilt table") {
    history.push_back({"0003_orphan", {"0002_by_hand"}, "orphan", [](migration_builder& b) {
                         b.alter_table("regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); });
                         b.insert("stores", {"id", "region_id"}, {{9LL, 99LL}});
                       }});
    check_refused(f, [&] { f.migrate(history); }, "stores");
  }
  SECTION("a data step deleting a parent whose children would cascade, next to a rebuild") {
    history.push_back({"0003_orphans", {"0002_by_hand"}, "orphans", [](migration_builder& b) {
                         b.alter_table("regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); });
                         b.remove("stores", {"id"}, {{3LL}});
                       }});
    check_refused(f, [&] { f.migrate(history); }, "shelves");
  }
  SECTION("a raw SQL step inserting an orphan next to a rebuild") {
    history.push_back({"0003_orphan", {"0002_by_hand"}, "orphan", [](migration_builder& b) {
                         b.alter_table("regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); });
                         b.sql("INSERT INTO slots (id, shelf_id) VALUES (9, 99)", "DELETE FROM slots WHERE id = 9");
                       }});
    check_refused(f, [&] { f.migrate(history); }, "slots");
  }
  SECTION("a raw SQL step deleting a parent whose children would cascade, next to a rebuild") {
    history.push_back({"0003_orphans", {"0002_by_hand"}, "orphans", [](migration_builder& b) {
                         b.alter_table("regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); });
                         b.sql("DELETE FROM shelves WHERE id = 4", "INSERT INTO shelves (id, store_id) VALUES (4, 3)");
                       }});
    check_refused(f, [&] { f.migrate(history); }, "slots");
  }
  SECTION("a hand-written down whose data step inserts an orphan next to a rebuild") {
    history.push_back({"0003_check", {"0002_by_hand"}, "check",
                       [](migration_builder& b) {
                         b.alter_table("regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); });
                       },
                       [](migration_builder& b) {
                         b.alter_table("regions", [](table_alterer& t) { t.drop_check("ck_regions_named"); });
                         b.insert("shelves", {"id", "store_id"}, {{9LL, 99LL}});
                       }});
    f.migrate(history);
    check_refused(f, [&] { f.migrate_down(history); }, "shelves");
  }
}

TEST_CASE("sqlite rebuild: awkward table names, referred to in another case by raw triggers and indexes", "[sqlite]") {
  // name, and how the raw SQL spells it
  const std::vector<std::pair<std::string, std::string>> names{
      {"a\"b", "\"A\"\"B\""}, {"with space", "\"WITH SPACE\""}, {"order", "\"ORDER\""}, {":x", "\":X\""},
      {"MixedCase", "mixedcase"}};
  std::vector<migration> history{{"0001_tables", {}, "tables", [names](migration_builder& b) {
                                    for (const auto& [name, spelling] : names)
                                      b.create_table(name, [](table_builder& t) {
                                        t.column<std::int64_t>("id").primary_key().autoincrement();
                                        t.column<std::int32_t>("v");
                                      });
                                  }}};
  std::string raw = "CREATE TABLE seen (what TEXT);";
  for (const auto& [name, spelling] : names)
    raw += fmt::format(
        "CREATE TRIGGER {} AFTER INSERT ON {} BEGIN INSERT INTO seen VALUES ({} || NEW.v); END;"
        "CREATE INDEX {} ON {} (v) WHERE v > 0;"
        "INSERT INTO {} (v) VALUES (1), (2); DELETE FROM {} WHERE v = 2;",
        sql_name(name + " seen"), spelling, "'" + name.substr(0, 1) + "'", sql_name(name + " v"), spelling, spelling,
        spelling);
  history.push_back({"0002_raw", {"0001_tables"}, "triggers and indexes", [raw](migration_builder& b) { b.sql(raw); }});
  sqlite_file f;
  f.migrate(history);
  const rows objects = f.objects();
  REQUIRE(objects.size() == 10);
  const rows sequence = f.query("SELECT name, seq FROM sqlite_sequence ORDER BY name");
  REQUIRE(sequence.size() == 5);

  history.push_back({"0003_rebuild", {"0002_raw"}, "checks", [names](migration_builder& b) {
                       for (const auto& entry : names)
                         b.alter_table(entry.first, [](table_alterer& t) { t.add_check("positive", "v > 0"); });
                     }});
  std::vector<std::string> pages;
  for (const auto& entry : names) pages.push_back(f.rootpage(entry.first));
  REQUIRE(f.migrate(history).size() == 1);
  for (std::size_t i = 0; i < names.size(); ++i) CHECK(f.rootpage(names[i].first) != pages[i]);
  CHECK(f.objects() == objects);
  CHECK(f.query("SELECT name, seq FROM sqlite_sequence ORDER BY name") == sequence);
  f.check_no_staging_left();
  for (const auto& [name, spelling] : names) {
    INFO(name);
    CHECK(f.value(fmt::format("SELECT group_concat(id || ':' || v) FROM {}", sql_name(name))) == "1:1");
    f.execute(fmt::format("INSERT INTO {} (v) VALUES (3)", spelling));
    CHECK(f.value(fmt::format("SELECT max(id) FROM {}", sql_name(name))) == "3");
    CHECK(f.value(fmt::format("SELECT count(*) FROM seen WHERE what = '{}3'", name.substr(0, 1))) == "1");
    CHECK_THAT(error_of([&] { f.execute(fmt::format("INSERT INTO {} (v) VALUES (-1)", spelling)); }),
               Catch::Contains("CHECK constraint failed"));
  }
}

TEST_CASE("sqlite rebuild: a table already named like the staging table stops the rebuild and is left alone",
          "[sqlite]") {
  sqlite_file f;
  auto history = items_history();
  f.migrate(history);
  f.execute("CREATE TABLE _tempest_rebuild_items (keep TEXT); INSERT INTO _tempest_rebuild_items VALUES ('mine')");
  history.push_back(alter("0003_type", "0002_views", "items",
                          [](table_alterer& t) { t.alter_type("price", column_type::of(type_kind::int64)); }));
  const rows catalog = f.catalog();
  const rows contents = f.contents();
  auto message = error_of([&] { f.migrate(history); });
  CHECK_THAT(message, Catch::Contains("cannot rebuild table items: a table named _tempest_rebuild_items already exists"));
  CHECK_THAT(message, Catch::Contains("Rename or drop it"));
  CHECK(f.catalog() == catalog);
  CHECK(f.contents() == contents);
}

TEST_CASE("sqlite rebuild: the session's temporary objects neither capture the rebuild nor are lost", "[sqlite]") {
  sqlite_file f;
  soci::session s;
  tempest_test::connect(s, f.url);
  auto history = items_history();
  migration_source source{.session = &s, .session_dialect = dialect_kind::sqlite, .migrations = history};
  tempest::migrate(source);
  history.push_back(alter("0003_type", "0002_views", "items",
                          [](table_alterer& t) { t.alter_type("price", column_type::of(type_kind::int64)); }));
  source.migrations = history;
  const rows catalog = f.catalog();
  const rows contents = f.contents();

  SECTION("a temporary table named like the staging table, or like the table, is refused") {
    for (std::string name : {"_tempest_rebuild_items", "ITEMS"}) {
      INFO(name);
      s << "CREATE TEMP TABLE " + name + " (id INTEGER PRIMARY KEY, name TEXT, price INT)";
      s << "INSERT INTO temp." + name + " VALUES (7, 'temporary', 1)";
      CHECK_THAT(error_of([&] { tempest::migrate(source); }),
                 Catch::Contains("cannot rebuild table items: this session has a temporary table named " + name));
      CHECK(f.catalog() == catalog);
      CHECK(f.contents() == contents);
      s << "DROP TABLE temp." + name;
    }
  }
  SECTION("a temporary trigger on the table comes back, temporary") {
    s << "CREATE TEMP TABLE seen (id INTEGER)";
    s << "CREATE TEMP TRIGGER items_seen AFTER INSERT ON main.items BEGIN INSERT INTO seen VALUES (NEW.id); END";
    std::string sql;
    s << "SELECT sql FROM sqlite_temp_schema WHERE name = 'items_seen'", soci::into(sql);
    CHECK(tempest::migrate(source).migrations.size() == 1);
    CHECK(f.catalog() != catalog);  // the table was rebuilt: its new column type
    std::string after;
    s << "SELECT sql FROM sqlite_temp_schema WHERE name = 'items_seen'", soci::into(after);
    CHECK(after == sql);
    CHECK(f.value("SELECT count(*) FROM sqlite_schema WHERE name = 'items_seen'") == "0");
    s << "INSERT INTO items (id, name, price) VALUES (4, 'cap', 3)";
    int seen = 0;
    s << "SELECT count(*) FROM seen WHERE id = 4", soci::into(seen);
    CHECK(seen == 1);
  }
}

TEST_CASE("sqlite rebuild: a borrowed session keeps its foreign_keys and legacy_alter_table settings", "[sqlite]") {
  auto history = shop_history();
  history.push_back(alter("0003_check", "0002_by_hand", "regions", [](table_alterer& t) { t.add_check("named", "name <> ''"); }));
  auto failing = history;
  failing.push_back(alter("0004_fk", "0003_check", "stores",
                          [](table_alterer& t) { t.add_foreign_key({"manager_id"}, "managers", {"id"}); }));
  for (int foreign_keys : {0, 1})
    for (int legacy : {0, 1}) {
      INFO("foreign_keys " << foreign_keys << ", legacy_alter_table " << legacy);
      soci::session s;
      tempest_test::connect(s, tempest_test::database_url("sqlite"));
      s << fmt::format("PRAGMA foreign_keys = {}", foreign_keys);
      s << fmt::format("PRAGMA legacy_alter_table = {}", legacy);
      auto settings = [&] {
        int fk = -1, la = -1;
        s << "PRAGMA foreign_keys", soci::into(fk);
        s << "PRAGMA legacy_alter_table", soci::into(la);
        return std::pair(fk, la);
      };
      const migration_source source{.session = &s, .session_dialect = dialect_kind::sqlite, .migrations = history};
      CHECK(tempest::migrate(source).migrations.size() == 3);
      CHECK(settings() == std::pair(foreign_keys, legacy));
      auto fail_source = source;
      fail_source.migrations = failing;
      CHECK_THROWS_AS(tempest::migrate(fail_source), migration_error);
      CHECK(settings() == std::pair(foreign_keys, legacy));
      CHECK(tempest::migrate_down(source).size() == 3);
      CHECK(settings() == std::pair(foreign_keys, legacy));
    }
}

TEST_CASE("sqlite rebuild: a downgrade that rebuilds keeps triggers, indexes, views and the sequence", "[sqlite]") {
  sqlite_file f;
  auto history = accounts_history();
  f.migrate(history);
  f.execute(accounts_closed_trigger);
  history.push_back(alter("0003_fk", "0002_raw", "accounts",
                          [](table_alterer& t) { t.add_foreign_key({"owner_id"}, "owners", {"id"}); }));
  f.migrate(history);
  f.execute("INSERT INTO accounts (name, owner_id) VALUES ('gone', 2)");
  f.execute("DELETE FROM accounts WHERE name = 'gone'");
  REQUIRE(f.value("SELECT seq FROM sqlite_sequence WHERE name = 'accounts'") == "4");
  const rows objects = f.objects();
  const std::string page = f.rootpage("accounts");

  REQUIRE(f.migrate_down(history).size() == 1);
  CHECK(f.rootpage("accounts") != page);
  CHECK(f.query("SELECT count(*) FROM pragma_foreign_key_list('accounts')") == rows{{"0"}});
  CHECK(f.objects() == objects);
  CHECK(f.value("SELECT seq FROM sqlite_sequence WHERE name = 'accounts'") == "4");
  f.check_no_staging_left();
  check_accounts_behave(f, 0);
  CHECK(f.value("SELECT max(id) FROM accounts") == "6");  // new0 was 5 and is gone, rich0 is 6
}

TEST_CASE("sqlite rebuild: a downgrade that re-adds a violated foreign key fails whole and changes nothing",
          "[sqlite]") {
  sqlite_file f;
  auto history = shop_history();
  history.push_back(alter("0003_unlink", "0002_by_hand", "shelves",
                          [](table_alterer& t) { t.drop_foreign_key("fk_shelves_store_id_stores"); }));
  f.migrate(history);
  f.execute("INSERT INTO shelves (id, store_id) VALUES (9, 99)");
  const rows catalog = f.catalog();
  const rows contents = f.contents();
  auto message = error_of([&] { f.migrate_down(history); });
  CHECK_THAT(message, Catch::Contains("table shelves"));
  CHECK(f.catalog() == catalog);
  CHECK(f.contents() == contents);
}

TEST_CASE("sqlite rebuild: a column added by raw SQL is not dropped silently", "[sqlite]") {
  sqlite_file f;
  auto history = items_history();
  history.push_back({"0003_note", {"0002_views"}, "a column by hand", [](migration_builder& b) {
                       b.sql("ALTER TABLE items ADD COLUMN note TEXT; UPDATE items SET note = 'keep ' || name",
                             "ALTER TABLE items DROP COLUMN note");
                     }});
  f.migrate(history);
  history.push_back(alter("0004_type", "0003_note", "items",
                          [](table_alterer& t) { t.alter_type("price", column_type::of(type_kind::int64)); }));
  const rows contents = f.contents();
  auto message = error_of([&] { f.migrate(history); });
  CHECK_THAT(message, Catch::Contains("note"));
  CHECK(f.contents() == contents);
}
