// Invariant 4 with runners that disagree: plans are made under the lock. On SQLite the lock is per
// migration, so another runner can commit between two steps of a run; these tests let one in at a
// chosen step and check that the version table, the schema and the rows still agree.
//
// The history: r01 makes `items`; branch a (a01, a02) adds a column with data and a table that refers
// to items; branch b (b01, b02) adds a foreign key to items and widens one of its columns, both table
// rebuilds on SQLite; m01 merges them. The branches commute (neither adds a column the other moves),
// so the schema does not depend on the order they were applied in. Expected rows are literals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tempest/introspect/introspect.hpp>
#include <tempest/migrations.hpp>

#include "support/database.hpp"

using namespace tempest;
using namespace tempest_test;

namespace {

// ---- the history ------------------------------------------------------------------------------

enum rev : int { r01, a01, a02, b01, b02, m01, revision_count };
const std::array<std::string, revision_count> revision_names = {"r01_items", "a01_note",  "a02_prices",
                                                                "b01_kinds", "b02_names", "m01_merge"};
constexpr unsigned bit(int r) { return 1u << r; }
constexpr unsigned all_revisions = (1u << revision_count) - 1;

const std::string long_name = "a name longer than the forty characters of r01";

std::vector<migration> race_history(unsigned only = all_revisions) {
  std::vector<migration> all{
      {revision_names[r01], {}, "items",
       [](migration_builder& b) {
         b.create_table("items", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<std::string>("name").length(40);
           t.column<std::int32_t>("qty").default_value(0);
           t.column<std::int64_t>("kind_id");
         });
         b.insert("items", {"id", "name", "qty", "kind_id"},
                  {{1LL, std::string("apple"), 10, 1LL}, {2LL, std::string("pear"), 20, 1LL},
                   {3LL, std::string("leek"), 30, 2LL}});
       }},
      {revision_names[a01], {revision_names[r01]}, "a note, with data",
       [](migration_builder& b) {
         b.alter_table("items", [](table_alterer& t) { t.add_column<std::optional<std::string>>("note").length(40); });
         b.sql("UPDATE items SET note = 'ripe' WHERE id = 2", "UPDATE items SET note = NULL WHERE id = 2");
         b.sql("UPDATE items SET qty = qty + 1 WHERE id <= 3", "UPDATE items SET qty = qty - 1 WHERE id <= 3");
       }},
      {revision_names[a02], {revision_names[a01]}, "prices",
       [](migration_builder& b) {
         b.create_table("prices", [](table_builder& t) {
           t.column<std::int64_t>("item_id").primary_key().references("items", "id", fk_action::cascade);
           t.column<std::int32_t>("cents");
         });
         b.insert("prices", {"item_id", "cents"}, {{1LL, 120}, {2LL, 90}});
       }},
      {revision_names[b01], {revision_names[r01]}, "kinds, a foreign key",
       [](migration_builder& b) {
         b.create_table("kinds", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key();
           t.column<std::string>("label").length(20);
         });
         b.insert("kinds", {"id", "label"}, {{1LL, std::string("fruit")}, {2LL, std::string("vegetable")}});
         b.alter_table("items", [](table_alterer& t) { t.add_foreign_key({"kind_id"}, "kinds", {"id"}); });
         b.sql("UPDATE items SET qty = qty + 10 WHERE id <= 3", "UPDATE items SET qty = qty - 10 WHERE id <= 3");
       }},
      {revision_names[b02], {revision_names[b01]}, "longer names",
       [](migration_builder& b) {
         b.alter_table("items", [](table_alterer& t) { t.alter_type("name", column_type::varchar(80)); });
         b.insert("items", {"id", "name", "qty", "kind_id"}, {{4LL, long_name, 40, 2LL}});
       }},
      {revision_names[m01], {revision_names[a02], revision_names[b02]}, "merge",
       [](migration_builder& b) {
         b.alter_table("items", [](table_alterer& t) { t.add_column<std::int32_t>("grade").default_value(0); });
         b.sql("UPDATE items SET qty = qty + 100", "UPDATE items SET qty = qty - 100");
       }},
  };
  std::vector<migration> out;
  for (int r = 0; r < revision_count; ++r)
    if (only & bit(r)) out.push_back(std::move(all[r]));
  return out;
}

int revision_index(std::string_view revision) {
  auto it = std::find(revision_names.begin(), revision_names.end(), revision);
  REQUIRE(it != revision_names.end());
  return static_cast<int>(it - revision_names.begin());
}

// ---- the rows each set of applied migrations leaves, from literals -------------------------------

using rows = std::vector<result_row>;

rows expected_items(unsigned applied) {
  auto has = [&](rev r) { return (applied & bit(r)) != 0; };
  struct item {
    int id;
    std::string name;
    int qty;
    int kind;
    const char* note;
  };
  std::vector<item> items{{1, "apple", 10, 1, nullptr}, {2, "pear", 20, 1, "ripe"}, {3, "leek", 30, 2, nullptr}};
  if (has(b02)) items.push_back({4, long_name, 40, 2, nullptr});
  rows out;
  for (const auto& i : items) {
    int qty = i.qty;
    if (i.id <= 3 && has(a01)) qty += 1;
    if (i.id <= 3 && has(b01)) qty += 10;
    if (has(m01)) qty += 100;
    result_row row{std::to_string(i.id), i.name, std::to_string(qty), std::to_string(i.kind)};
    if (has(a01)) row.push_back(i.note ? cell(i.note) : std::nullopt);
    if (has(m01)) row.push_back("0");
    out.push_back(std::move(row));
  }
  return out;
}

// One line per row, cells separated by |, NULL for no value: what a failed check prints.
std::string text(const rows& table) {
  std::string out;
  for (const auto& row : table) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("NULL");
    out += "\n";
  }
  return out;
}

void check_rows(connection& db, unsigned applied) {
  std::string columns = "id, name, qty, kind_id";
  if (applied & bit(a01)) columns += ", note";
  if (applied & bit(m01)) columns += ", grade";
  if (applied & bit(r01))
    CHECK(text(db.query("SELECT " + columns + " FROM items ORDER BY id")) == text(expected_items(applied)));
  if (applied & bit(a02))
    CHECK(text(db.query("SELECT item_id, cents FROM prices ORDER BY 1")) == text({{"1", "120"}, {"2", "90"}}));
  if (applied & bit(b01))
    CHECK(text(db.query("SELECT id, label FROM kinds ORDER BY 1")) == text({{"1", "fruit"}, {"2", "vegetable"}}));
}

// ---- the version table, read back independently -------------------------------------------------

struct version_entry {
  int revision;
  int batch;
  int sequence;
  std::string state;
};

std::vector<version_entry> read_versions(connection& db) {
  std::vector<version_entry> out;
  for (const auto& r : db.query("SELECT revision, batch, sequence, state FROM tempest_migrations ORDER BY sequence"))
    out.push_back({revision_index(r[0].value_or("")), std::stoi(r[1].value_or("0")), std::stoi(r[2].value_or("0")),
                   r[3].value_or("")});
  return out;
}

unsigned mask_of(const std::vector<version_entry>& versions) {
  unsigned out = 0;
  for (const auto& v : versions) out |= bit(v.revision);
  return out;
}

struct expectation {
  bool at_heads = false;  // every migration applied: the schema is the whole history's
  bool gapless = true;    // sequences 1..n (a downgrade that raced an upgrade may leave gaps)
};

// Sequences increasing (1..n when gapless), batches non-decreasing in sequence order (so each is a
// run of consecutive sequences), every migration after the migrations it follows.
void check_versions(const std::vector<version_entry>& versions, expectation expect) {
  const auto parents = race_history();
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const auto& v = versions[i];
    INFO("sequence " << v.sequence << ": " << revision_names[v.revision] << ", batch " << v.batch);
    if (expect.gapless) CHECK(v.sequence == static_cast<int>(i) + 1);
    if (i > 0) CHECK(v.sequence > versions[i - 1].sequence);
    CHECK(v.state == "applied");
    if (i > 0) CHECK(v.batch >= versions[i - 1].batch);
    for (const auto& parent : parents[v.revision].down_revisions) {
      auto earlier = std::find_if(versions.begin(), versions.begin() + static_cast<long>(i),
                                  [&](const version_entry& e) { return revision_names[e.revision] == parent; });
      CHECK(earlier != versions.begin() + static_cast<long>(i));
    }
  }
}

std::string text(const std::vector<version_entry>& versions) {
  std::string out;
  for (const auto& v : versions)
    out += fmt::format("{} {} batch {} {}\n", v.sequence, revision_names[v.revision], v.batch, v.state);
  return out;
}

const introspect_options without_versions{.exclude_tables = {"tempest_migrations"}};

void check_schema(connection& db, const schema& expected) {
  const schema live = introspect(db, without_versions);
  INFO("live:\n" << fmt::format("{}", live) << "\nexpected:\n" << fmt::format("{}", expected));
  CHECK(live == expected);
}

// The version table agrees with the schema (its migrations replayed in its order, or at the heads
// the whole history) and with the rows; returns it.
std::vector<version_entry> check_consistent(connection& db, expectation expect = {}) {
  auto versions = read_versions(db);
  INFO("version table:\n" << text(versions));
  check_versions(versions, expect);
  history h(race_history());
  if (expect.at_heads) {
    CHECK(mask_of(versions) == all_revisions);
    check_schema(db, db.sql_dialect().stored_form(h.replay()));
  } else {
    std::vector<std::string> order;
    for (const auto& v : versions) order.push_back(revision_names[v.revision]);
    check_schema(db, db.sql_dialect().stored_form(h.replay_in_order(order)));
  }
  check_rows(db, mask_of(versions));
  return versions;
}

// ---- one runner letting another in, at a chosen step --------------------------------------------

// A runner that, once, lets another runner in at the moment `when` says: SQLite's lock is per
// migration, so another connection can commit between two steps of a downgrade.
runner_options letting_in(const std::function<bool(const runner_event&)>& when, const std::function<void()>& other) {
  auto done = std::make_shared<bool>(false);
  return {.on_event = [=](const runner_event& e) {
    if (*done || !when(e)) return;
    *done = true;
    other();
  }};
}

// Batch 1: r01 a01 a02; then one batch for each of the next `more` migrations in history order.
std::string sqlite_in_batches(const history& h, int more) {
  const std::string url = fresh_database("sqlite");
  connection db(url);
  runner(db, h).upgrade(upgrade_target::to(revision_names[a02]));
  for (int i = 0; i < more; ++i) runner(db, h).upgrade(upgrade_target::by(1));
  return url;
}

}  // namespace

TEST_CASE("race sqlite: a downgrade decides what the last batch is under the lock", "[sqlite]") {
  history h(race_history());
  const std::string url = sqlite_in_batches(h, 1);
  connection db(url), other(url);
  // Between reading the version table and taking the lock, another runner applies b02 (batch 3).
  auto options = letting_in([](const runner_event& e) { return e.type == runner_event::kind::lock_waiting; },
                            [&] { CHECK(runner(other, h).upgrade(upgrade_target::by(1)).size() == 1); });
  auto reverted = runner(db, h, options).downgrade();
  REQUIRE(reverted.size() == 1);
  CHECK(reverted[0].revision == revision_names[b02]);
  CHECK(mask_of(check_consistent(db)) == (all_revisions & ~bit(b02) & ~bit(m01)));
}

TEST_CASE("race sqlite: a downgrade does not revert a migration that another runner followed meanwhile", "[sqlite]") {
  history h(race_history());
  const std::string url = sqlite_in_batches(h, 2);
  connection db(url), other(url);
  // Down by 2 is b02, then b01; after b02, another runner applies b02 and m01 again.
  auto options = letting_in([](const runner_event& e) { return e.type == runner_event::kind::migration_finished; },
                            [&] { CHECK(runner(other, h).upgrade().size() == 2); });
  CHECK_THROWS_WITH(runner(db, h, options).downgrade(downgrade_target::by(2)),
                    Catch::Contains("cannot downgrade \"b01_kinds\"") && Catch::Contains("b02_names"));
  check_consistent(db, {.at_heads = true});
}
