// One regression test for each complaint the users of other migration tools have filed about
// autogenerate (issue 8), on the real databases: what tempest must never do.

#include <catch2/catch.hpp>

#include <tempest/migrations.hpp>

#include "support/database.hpp"
#include "support/schema_parts.hpp"

using namespace tempest;

namespace complaints {

// A model with defaults the databases store in their own words, an expression index and a partial
// index written the way a user writes them (not the way the database prints them back).
struct account {
  std::int64_t id;
  std::string email;
  std::string nickname;
  std::int32_t visits;
  bool active;
  double ratio;
  std::optional<std::int64_t> deleted_at;
};
TEMPEST_MODEL(account, "accounts", (id, tempest::primary_key), (email, tempest::length(200)),
              (nickname, tempest::length(40), tempest::default_value("")), (visits, tempest::default_value(0)),
              (active, tempest::default_value(false)), (ratio, tempest::default_value(1.5)), (deleted_at));
TEMPEST_TABLE_CONSTRAINTS(account, tempest::index(tempest::expression("lower(email)")).named("accounts_email_lower"),
                          tempest::index(&account::email).where("deleted_at IS NULL").named("accounts_live"));

// The same account on MariaDB, which has neither expression nor partial indexes.
struct plain_account {
  std::int64_t id;
  std::string email;
  std::string nickname;
  std::int32_t visits;
  bool active;
  double ratio;
};
TEMPEST_MODEL(plain_account, "accounts", (id, tempest::primary_key), (email, tempest::length(200)),
              (nickname, tempest::length(40), tempest::default_value("")), (visits, tempest::default_value(0)),
              (active, tempest::default_value(false)), (ratio, tempest::default_value(1.5)));

// A column and its table renamed together, by hint.
struct member {
  std::int64_t id;
  std::string display_name;
};
TEMPEST_MODEL(member, "members", (id, tempest::primary_key),
              (display_name, tempest::length(100), tempest::renamed_from("name")));
TEMPEST_TABLE_CONSTRAINTS(member, tempest::renamed_from("people"));

}  // namespace complaints

namespace {

using tempest_test::col;
using tempest_test::schema_of;



const column_type int64 = column_type::of(type_kind::int64);

std::vector<std::string> values(connection& db, const std::string& sql) {
  std::vector<std::string> out;
  for (auto& row : db.query(sql)) {
    std::string line;
    for (auto& cell : row) line += (line.empty() ? "" : "|") + cell.value_or("NULL");
    out.push_back(line);
  }
  return out;
}

// Applies the plan from the live database to `target` and checks that nothing differs afterwards.
diff_result migrate_to(connection& db, const schema& target) {
  auto plan = diff_database(db, target);
  apply_operations(db, introspect(db), plan.operations());
  auto again = check_drift(db, target);
  INFO("plan: " << fmt::format("{}", fmt::join(plan.differences(), "; ")));
  CHECK(again == std::vector<std::string>{});
  return plan;
}

// Prisma's "endless migrations", Alembic #1152, sqlite_orm #1328, Alembic #1390/#1165, Prisma #13417:
// defaults and indexes the database keeps in its own words must not come back on every run.
void nothing_comes_back(const char* kind) {
  connection db(tempest_test::fresh_database(kind));
  const schema models = std::string_view(kind) == "mysql" ? reflect<complaints::plain_account>()
                                                          : reflect<complaints::account>();
  sync_schema(db, models);
  CHECK(check_drift(db, models) == std::vector<std::string>{});
  CHECK(diff_database(db, models).empty());
}

// Prisma #4245, TypeORM #3357: a rename is a rename, and the rows stay.
void rename_keeps_rows(const char* kind) {
  connection db(tempest_test::fresh_database(kind));
  table people;
  people.name = "people";
  people.columns = {col("id", int64), col("name", column_type::varchar(100))};
  people.key = primary_key_def{"", {"id"}};
  create_schema(db, schema_of({people}));
  db.execute("INSERT INTO people (id, name) VALUES (1, 'ada'), (2, 'bob')");
  auto plan = migrate_to(db, reflect<complaints::member>());
  std::vector<std::string> expected{"rename table people to members", "rename column members.name to display_name"};
  // The model names its key pk_members (the default naming convention): a rename, not a new key.
  if (std::string_view(kind) == "sqlite") expected.push_back("rename primary key (unnamed) on members to pk_members");
  if (std::string_view(kind) == "postgresql") expected.push_back("rename primary key people_pkey on members to pk_members");
  CHECK(plan.differences() == expected);
  CHECK(values(db, "SELECT id, display_name FROM members ORDER BY id") == std::vector<std::string>{"1|ada", "2|bob"});
}

// TypeORM #6457, #10169: a length or type change is an ALTER that keeps the rows.
void type_change_keeps_rows(const char* kind) {
  connection db(tempest_test::fresh_database(kind));
  table t;
  t.name = "items";
  t.columns = {col("id", int64), col("label", column_type::varchar(20)), col("amount", column_type::of(type_kind::int32))};
  t.key = primary_key_def{"", {"id"}};
  create_schema(db, schema_of({t}));
  db.execute("INSERT INTO items (id, label, amount) VALUES (1, 'short', 40000)");
  table wider = t;
  wider.columns[1].type = column_type::varchar(200);
  wider.columns[2].type = int64;
  auto plan = migrate_to(db, schema_of({wider}));
  CHECK(plan.differences() == std::vector<std::string>{"alter column items.label: type string(20) → string(200)",
                                                       "alter column items.amount: type int32 → int64"});
  for (const auto& step : plan.steps) CHECK(step.level() != safety_class::destructive);
  CHECK(values(db, "SELECT id, label, amount FROM items") == std::vector<std::string>{"1|short|40000"});
}

// Atlas #1696 and #1585, Alembic #626: a key replaced under a foreign key, and a cycle of foreign keys.
void order_is_right(const char* kind) {
  connection db(tempest_test::fresh_database(kind));
  table parent, child;
  parent.name = "parent";
  parent.columns = {col("id", int64), col("code", column_type::varchar(10))};
  parent.key = primary_key_def{"", {"id"}};
  child.name = "child";
  child.columns = {col("id", int64), col("parent_id", int64, true)};
  child.key = primary_key_def{"", {"id"}};
  child.foreign_keys = {{"child_parent_fk", {"parent_id"}, "parent", {"id"}}};
  create_schema(db, schema_of({parent, child}));
  db.execute("INSERT INTO parent (id, code) VALUES (1, 'a')");
  db.execute("INSERT INTO child (id, parent_id) VALUES (10, 1)");

  // The parent's key becomes (id, code), id stays referable through a unique; and a new pair of
  // tables refers to each other.
  table parent2 = parent;
  parent2.key = primary_key_def{"", {"id", "code"}};
  parent2.indexes = {{"parent_id_key", {"id"}, true}};
  table a, b;
  a.name = "cycle_a";
  a.columns = {col("id", int64), col("b_id", int64, true)};
  a.key = primary_key_def{"", {"id"}};
  a.foreign_keys = {{"cycle_a_b_fk", {"b_id"}, "cycle_b", {"id"}}};
  b.name = "cycle_b";
  b.columns = {col("id", int64), col("a_id", int64, true)};
  b.key = primary_key_def{"", {"id"}};
  b.foreign_keys = {{"cycle_b_a_fk", {"a_id"}, "cycle_a", {"id"}}};
  migrate_to(db, schema_of({parent2, child, a, b}));
  CHECK(values(db, "SELECT id, parent_id FROM child") == std::vector<std::string>{"10|1"});
}

// Alembic #826: a new enum value is seen whatever its length.
void enum_value_is_seen(const char* kind) {
  connection db(tempest_test::fresh_database(kind));
  const bool postgresql = std::string_view(kind) == "postgresql";
  auto mood = column_type::enumeration_of(postgresql ? "mood" : "", {"happy", "sad"});
  table t;
  t.name = "diary";
  t.columns = {col("id", int64), col("mood", mood)};
  t.key = primary_key_def{"", {"id"}};
  schema before = schema_of({t});
  if (postgresql) before.enum_types = {{"mood", {"happy", "sad"}}};
  create_schema(db, before);
  db.execute("INSERT INTO diary (id, mood) VALUES (1, 'sad')");
  schema after = before;
  after.tables[0].columns[1].type.values = {"happy", "sad", "ok"};
  if (postgresql) after.enum_types[0].values = {"happy", "sad", "ok"};
  auto plan = migrate_to(db, after);
  INFO(fmt::format("{}", fmt::join(plan.differences(), "; ")));
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].level() == safety_class::safe);
  CHECK(values(db, "SELECT mood FROM diary") == std::vector<std::string>{"sad"});
}

// drizzle #2040, Prisma #8584: what tempest does not manage is never proposed for a drop.
void unmanaged_is_left_alone(const char* kind) {
  connection db(tempest_test::fresh_database(kind));
  table t;
  t.name = "orders";
  t.columns = {col("id", int64), col("total", column_type::of(type_kind::int32))};
  t.key = primary_key_def{"", {"id"}};
  create_schema(db, schema_of({t}));
  db.execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, note VARCHAR(100))");
  db.execute("CREATE VIEW big_orders AS SELECT id FROM orders WHERE total > 100");
  auto plan = diff_database(db, schema_of({t}));
  CHECK(plan.empty());
  REQUIRE(plan.findings.size() == 1);
  CHECK(plan.findings[0].type == diff_finding::kind::unmanaged_table);
  CHECK(plan.findings[0].table == "audit_log");
  CHECK(check_drift(db, schema_of({t})) == std::vector<std::string>{});
}

}  // namespace

TEST_CASE("complaints sqlite: defaults and expression or partial indexes do not come back", "[sqlite]") { nothing_comes_back("sqlite"); }
TEST_CASE("complaints postgresql: defaults and expression or partial indexes do not come back", "[postgresql]") {
  nothing_comes_back("postgresql");
}
TEST_CASE("complaints mysql: defaults do not come back", "[mysql]") { nothing_comes_back("mysql"); }

TEST_CASE("complaints sqlite: DEFAULT ('') written by hand is the model's default_value(\"\")", "[sqlite]") {
  connection db(tempest_test::fresh_database("sqlite"));
  db.execute("CREATE TABLE accounts (id BIGINT NOT NULL, email VARCHAR(200) NOT NULL, "
             "nickname VARCHAR(40) NOT NULL DEFAULT (''), visits INT NOT NULL DEFAULT (0), "
             "active BOOLEAN NOT NULL DEFAULT (0), ratio REAL NOT NULL DEFAULT (1.5), "
             "CONSTRAINT pk_accounts PRIMARY KEY (id))");
  CHECK(check_drift(db, reflect<complaints::plain_account>()) == std::vector<std::string>{});
}

TEST_CASE("complaints sqlite: a table and its column renamed by hint keep their rows", "[sqlite]") { rename_keeps_rows("sqlite"); }
TEST_CASE("complaints postgresql: a table and its column renamed by hint keep their rows", "[postgresql]") { rename_keeps_rows("postgresql"); }
TEST_CASE("complaints mysql: a table and its column renamed by hint keep their rows", "[mysql]") { rename_keeps_rows("mysql"); }

TEST_CASE("complaints sqlite: a longer varchar and a wider integer keep the rows", "[sqlite]") { type_change_keeps_rows("sqlite"); }
TEST_CASE("complaints postgresql: a longer varchar and a wider integer keep the rows", "[postgresql]") { type_change_keeps_rows("postgresql"); }
TEST_CASE("complaints mysql: a longer varchar and a wider integer keep the rows", "[mysql]") { type_change_keeps_rows("mysql"); }

TEST_CASE("complaints sqlite: a rebuilt parent does not empty its ON DELETE CASCADE children", "[sqlite]") {
  connection db(tempest_test::fresh_database("sqlite"));
  table parent, child;
  parent.name = "parent";
  parent.columns = {col("id", int64), col("label", column_type::varchar(10))};
  parent.key = primary_key_def{"", {"id"}};
  child.name = "child";
  child.columns = {col("id", int64), col("parent_id", int64)};
  child.key = primary_key_def{"", {"id"}};
  child.foreign_keys = {{"", {"parent_id"}, "parent", {"id"}, fk_action::cascade}};
  create_schema(db, schema_of({parent, child}));
  db.execute("PRAGMA foreign_keys = ON");
  db.execute("INSERT INTO parent (id, label) VALUES (1, 'a'), (2, 'b')");
  db.execute("INSERT INTO child (id, parent_id) VALUES (10, 1), (11, 2)");
  table parent2 = parent;
  parent2.columns[1].type = column_type::varchar(50);  // SQLite rebuilds the parent table
  parent2.columns[1].nullable = true;
  auto plan = migrate_to(db, schema_of({parent2, child}));
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].safety.back().code == "table-rebuild");
  CHECK(values(db, "SELECT id, parent_id FROM child ORDER BY id") == std::vector<std::string>{"10|1", "11|2"});
}

TEST_CASE("complaints sqlite: a key replaced under a foreign key, and a cycle of foreign keys", "[sqlite]") { order_is_right("sqlite"); }
TEST_CASE("complaints postgresql: a key replaced under a foreign key, and a cycle of foreign keys", "[postgresql]") {
  order_is_right("postgresql");
}
TEST_CASE("complaints mysql: a key replaced under a foreign key, and a cycle of foreign keys", "[mysql]") { order_is_right("mysql"); }

TEST_CASE("complaints postgresql: a short new enum value is seen and added", "[postgresql]") { enum_value_is_seen("postgresql"); }
TEST_CASE("complaints mysql: a short new ENUM value is seen and added", "[mysql]") { enum_value_is_seen("mysql"); }

TEST_CASE("complaints sqlite: a view and another application's table are left alone", "[sqlite]") { unmanaged_is_left_alone("sqlite"); }
TEST_CASE("complaints postgresql: a view and another application's table are left alone", "[postgresql]") {
  unmanaged_is_left_alone("postgresql");
}
TEST_CASE("complaints mysql: a view and another application's table are left alone", "[mysql]") { unmanaged_is_left_alone("mysql"); }
