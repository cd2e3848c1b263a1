// Invariant 4 with runners that disagree: plans are made under the lock. Runners with different
// migration lists and different targets race on a branching history, downgrades race each other and
// an upgrade; after every race the version table, the schema and the rows agree.
//
// The history: r01 makes `items`; branch a (a01, a02) adds a column with data and a table that refers
// to items; branch b (b01, b02) adds a foreign key to items and widens one of its columns, both table
// rebuilds on SQLite; m01 merges them. The branches commute (neither adds a column the other moves),
// so the schema does not depend on the order they were applied in. Expected rows are literals.
//
// Racing children are forked, connect, and wait on a pipe that the parent closes once all of them are
// ready. Each reports over a pipe what it applied and reverted, and exits with _exit(). On SQLite the
// lock is per migration, so two tests also let a second runner in at a chosen step, deterministically.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tempest/introspect/introspect.hpp>
#include <tempest/migrations.hpp>

#include "support/database.hpp"
#include "support/process.hpp"

using namespace tempest;
using namespace tempest_test;

namespace {

// ---- the history ------------------------------------------------------------------------------

enum rev : int { r01, a01, a02, b01, b02, m01, revision_count };
const std::array<std::string, revision_count> revision_names = {"r01_items", "a01_note",  "a02_prices",
                                                                "b01_kinds", "b02_names", "m01_merge"};
constexpr unsigned bit(int r) { return 1u << r; }
constexpr unsigned all_revisions = (1u << revision_count) - 1;
constexpr unsigned branch_b = bit(r01) | bit(b01) | bit(b02);

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

// ---- racing ----------------------------------------------------------------------------------------

constexpr int rounds = 20;

// What a child reports to the parent over a pipe (one write, smaller than PIPE_BUF, so atomic).
struct child_report {
  int contender = -1;
  unsigned applied = 0;     // revisions this process applied
  unsigned reverted = 0;    // and reverted
  bool took_lock = false;   // it found work pending and went for the lock
  bool failed = false;
  long long started_us = 0, finished_us = 0;  // steady clock, the same in every process
  char error[1024] = {};
};

struct contender {
  std::string name;
  unsigned migrations;  // the migration list it has
  std::function<std::vector<migration_result>(runner&)> run;
  std::string refusal = {};  // how it may fail, the one way it may
};

long long now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int run_contender(const contender& c, int index, const std::string& url, int ready, int go, int out) {
  connection db(url);
  history h(race_history(c.migrations));
  child_report report;
  report.contender = index;
  // From events rather than from what the call returns: a run that fails has still done what it did.
  runner r(db, h, {.lock_timeout = std::chrono::seconds(60), .on_event = [&](const runner_event& e) {
                     if (e.type == runner_event::kind::lock_waiting) report.took_lock = true;
                     if (e.type == runner_event::kind::migration_finished && e.result->success)
                       (e.direction == direction::up ? report.applied : report.reverted) |= bit(revision_index(e.revision));
                   }});
  char byte = 'r';
  if (::write(ready, &byte, 1) != 1) return 3;
  close_fd(ready);
  if (read_all(go, &byte, 1) != 0) return 4;  // blocks until the parent closes `go`: all start at once
  report.started_us = now_us();
  try {
    c.run(r);
  } catch (const std::exception& e) {
    report.failed = true;
    std::snprintf(report.error, sizeof report.error, "%s", e.what());
  }
  report.finished_us = now_us();
  return ::write(out, &report, sizeof report) == sizeof report ? 0 : 5;
}

// Starts the contenders together on `url` and returns their reports, in the contenders' order.
std::vector<child_report> race(const std::string& url, const std::vector<contender>& contenders) {
  pipe_pair ready, go, report;
  std::vector<pid_t> children;
  for (std::size_t i = 0; i < contenders.size(); ++i) {
    children.push_back(spawn([&]() -> int {
      close_fd(ready.read);
      close_fd(go.write);
      close_fd(report.read);
      return run_contender(contenders[i], static_cast<int>(i), url, ready.write, go.read, report.write);
    }));
  }
  close_fd(ready.write);
  close_fd(report.write);
  close_fd(go.read);
  std::vector<char> ready_bytes(contenders.size());
  CHECK(read_all(ready.read, ready_bytes.data(), ready_bytes.size()) == contenders.size());
  close_fd(go.write);  // start
  std::vector<std::string> exits;
  for (pid_t pid : children) exits.push_back(wait_for(pid));
  CHECK(exits == std::vector<std::string>(contenders.size(), "exit 0"));

  std::vector<child_report> out(contenders.size());
  child_report r;
  while (read_all(report.read, &r, sizeof r) == sizeof r)
    if (r.contender >= 0 && r.contender < static_cast<int>(out.size())) out[static_cast<std::size_t>(r.contender)] = r;
  for (std::size_t i = 0; i < out.size(); ++i) {
    INFO(contenders[i].name << ": " << out[i].error);
    CHECK(out[i].contender == static_cast<int>(i));
    if (out[i].failed) {
      CHECK_FALSE(contenders[i].refusal.empty());
      CHECK_THAT(out[i].error, Catch::Contains(contenders[i].refusal));
    }
  }
  return out;
}

std::string names(unsigned revisions) {
  std::string out;
  for (int r = 0; r < revision_count; ++r)
    if (revisions & bit(r)) out += (out.empty() ? "" : " ") + revision_names[r];
  return out;
}

// Who did what in a race, for the messages of failed checks.
std::string describe(const std::vector<child_report>& reports, const std::vector<contender>& contenders) {
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i)
    out += fmt::format("{}: applied [{}], reverted [{}]{}\n", contenders[i].name, names(reports[i].applied),
                       names(reports[i].reverted), reports[i].failed ? std::string(", failed: ") + reports[i].error : "");
  return out;
}

// Each revision in `wanted` done by exactly one process (in `field`), none outside it.
void check_once(const std::vector<child_report>& reports, unsigned child_report::*field, unsigned wanted) {
  for (int r = 0; r < revision_count; ++r) {
    int by = 0;
    for (const auto& report : reports)
      if (report.*field & bit(r)) ++by;
    INFO(revision_names[r]);
    CHECK(by == ((wanted & bit(r)) ? 1 : 0));
  }
}

// How much the runs of a race overlapped.
struct contention {
  int races = 0;
  int refused = 0;      // one of them failed, in the way it may
  int contended = 0;    // several processes went for the lock (found work pending) at once
  int overlapped = 0;   // the runs of two such processes overlapped in time
  int shared = 0;       // several processes applied or reverted migrations
  int interleaved = 0;  // one process's migrations were not consecutive in the version table

  void count(const std::vector<child_report>& reports, const std::vector<version_entry>& versions) {
    ++races;
    int locking = 0, working = 0;
    bool overlap = false;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      const auto& a = reports[i];
      if (a.took_lock) ++locking;
      if (a.applied || a.reverted) ++working;
      for (std::size_t j = i + 1; j < reports.size(); ++j) {
        const auto& b = reports[j];
        if (a.took_lock && b.took_lock && a.started_us < b.finished_us && b.started_us < a.finished_us) overlap = true;
      }
    }
    refused += std::any_of(reports.begin(), reports.end(), [](const child_report& r) { return r.failed; });
    contended += locking > 1;
    overlapped += overlap;
    shared += working > 1;
    for (const auto& report : reports) {
      std::vector<std::size_t> at;
      for (std::size_t i = 0; i < versions.size(); ++i)
        if (report.applied & bit(versions[i].revision)) at.push_back(i);
      if (!at.empty() && at.back() - at.front() + 1 != at.size()) {
        ++interleaved;
        break;
      }
    }
  }
  std::string summary() const {
    return fmt::format("{} races: {} contended, {} overlapped in time, {} shared the work, {} interleaved, {} with a "
                       "refusal",
                       races, contended, overlapped, shared, interleaved, refused);
  }
};

const std::vector<contender> upgraders{
    {"to the heads", all_revisions, [](runner& r) { return r.upgrade(); }},
    // It cannot know what branch a did to the tables it changes: once a01 is applied, it refuses.
    {"branch b only, to its heads", branch_b, [](runner& r) { return r.upgrade(); },
     "tempest_migrations records a01_note"},
    {"to a02", all_revisions, [](runner& r) { return r.upgrade(upgrade_target::to(revision_names[a02])); }},
    {"by 1", all_revisions, [](runner& r) { return r.upgrade(upgrade_target::by(1)); }},
};

const std::vector<contender> downgraders{
    {"down the last batch", all_revisions, [](runner& r) { return r.downgrade(); }},
    {"down by 1", all_revisions, [](runner& r) { return r.downgrade(downgrade_target::by(1)); }},
};

// The upgrade applies migrations that follow those the downgrades revert; a downgrade refuses to
// revert a migration that the upgrade has followed since the downgrade was planned.
const std::vector<contender> upgrade_against_downgrades{
    {"to the heads", all_revisions, [](runner& r) { return r.upgrade(); }},
    {"down by 3", all_revisions, [](runner& r) { return r.downgrade(downgrade_target::by(3)); }, "which follows it, is applied"},
    {"down the last batch", all_revisions, [](runner& r) { return r.downgrade(); }, "which follows it, is applied"},
};

struct race_counts {
  contention upgrades, downgrades, mixed;
};

// Within a batch, every migration was applied by the same run.
void check_batches_by_run(const std::vector<child_report>& reports, const std::vector<version_entry>& versions) {
  for (std::size_t i = 1; i < versions.size(); ++i) {
    if (versions[i].batch != versions[i - 1].batch) continue;
    INFO("batch " << versions[i].batch);
    CHECK(std::count_if(reports.begin(), reports.end(), [&](const child_report& c) {
            return (c.applied & bit(versions[i].revision)) && (c.applied & bit(versions[i - 1].revision));
          }) == 1);
  }
}

void one_round(std::string_view kind, int round, race_counts& counts) {
  INFO("round " << round);
  const std::string url = fresh_database(kind);
  history h(race_history());

  // 1. Upgrades: each migration applied once, by one of them; a batch is one run's.
  auto up = race(url, upgraders);
  INFO("upgrades:\n" << describe(up, upgraders));
  check_once(up, &child_report::applied, all_revisions);
  {
    connection db(url);
    auto versions = check_consistent(db, {.at_heads = true});
    counts.upgrades.count(up, versions);
    check_batches_by_run(up, versions);
    CHECK(runner(db, h).upgrade().empty());
  }

  // 2. The last batch, exactly: the migrations with the highest batch number, latest first. Then
  // the heads again, and two downgrades at once: whatever each took, what is left is consistent and
  // was there before, first in sequence.
  std::vector<version_entry> before;
  {
    connection db(url);
    auto versions = read_versions(db);
    std::vector<std::string> last;
    for (const auto& r : db.query("SELECT revision FROM tempest_migrations WHERE batch = (SELECT MAX(batch) FROM "
                                  "tempest_migrations) ORDER BY sequence DESC"))
      last.push_back(r[0].value_or(""));
    std::vector<std::string> reverted;
    for (const auto& r : runner(db, h).downgrade()) reverted.push_back(r.revision);
    CHECK(reverted == last);
    unsigned expected = mask_of(versions);
    for (const auto& revision : last) expected &= ~bit(revision_index(revision));
    CHECK(mask_of(check_consistent(db)) == expected);
    runner(db, h).upgrade();
    before = read_versions(db);
  }
  auto down = race(url, downgraders);
  INFO("downgrades:\n" << describe(down, downgraders));
  {
    unsigned reverted = 0;
    for (const auto& d : down) reverted |= d.reverted;
    check_once(down, &child_report::reverted, reverted);
    connection db(url);
    auto after = check_consistent(db);
    CHECK(mask_of(after) == (mask_of(before) & ~reverted));
    CHECK(text(after) == text(std::vector<version_entry>(before.begin(), before.begin() + static_cast<long>(after.size()))));
    counts.downgrades.count(down, before);
    if (after.empty()) runner(db, h).upgrade(upgrade_target::to(revision_names[a02]));
  }

  // 3. An upgrade racing downgrades, from what the downgrades left; then the heads.
  auto mixed = race(url, upgrade_against_downgrades);
  INFO("upgrade against downgrades:\n" << describe(mixed, upgrade_against_downgrades));
  connection db(url);
  counts.mixed.count(mixed, check_consistent(db, {.gapless = false}));
  runner(db, h).upgrade();
  check_consistent(db, {.at_heads = true, .gapless = false});
}

void race_runners(std::string_view kind) {
  const auto started = std::chrono::steady_clock::now();
  race_counts counts;
  for (int round = 1; round <= rounds; ++round) one_round(kind, round, counts);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Not vacuous: the runners did overlap, several finding work pending and going for the lock at once.
  CHECK(counts.upgrades.contended >= 1);
  CHECK(counts.downgrades.contended >= 1);
  CHECK(counts.mixed.contended >= 1);
  WARN(kind << ", " << rounds << " rounds in " << fmt::format("{:.1f}", seconds) << " s\n  upgrades: "
            << counts.upgrades.summary() << "\n  downgrades: " << counts.downgrades.summary()
            << "\n  upgrade against downgrade: " << counts.mixed.summary());
}

}  // namespace

TEST_CASE("race sqlite: a run that another run interleaves starts a new batch after it", "[sqlite]") {
  history h(race_history());
  const std::string url = fresh_database("sqlite");
  connection db(url), other(url);
  // After this run's r01, another applies b01; this run's a01 and a02 come after it.
  auto options = letting_in([](const runner_event& e) { return e.type == runner_event::kind::migration_finished; },
                            [&] { CHECK(runner(other, h).upgrade(upgrade_target::to(revision_names[b01])).size() == 1); });
  CHECK(runner(db, h, options).upgrade(upgrade_target::to(revision_names[a02])).size() == 3);
  CHECK(text(read_versions(db)) ==
        "1 r01_items batch 1 applied\n2 b01_kinds batch 2 applied\n3 a01_note batch 3 applied\n"
        "4 a02_prices batch 3 applied\n");
  // So the last batch is the latest migrations, and nothing before them.
  std::vector<std::string> reverted;
  for (const auto& r : runner(db, h).downgrade()) reverted.push_back(r.revision);
  CHECK(reverted == std::vector<std::string>{revision_names[a02], revision_names[a01]});
  CHECK(mask_of(check_consistent(db)) == (bit(r01) | bit(b01)));
}

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

TEST_CASE("race sqlite: runners with different lists and targets, and downgrades, on a branching history",
          "[sqlite][concurrency]") {
  race_runners("sqlite");
}
TEST_CASE("race postgresql: runners with different lists and targets, and downgrades, on a branching history",
          "[postgresql][concurrency]") {
  race_runners("postgresql");
}
TEST_CASE("race mysql: runners with different lists and targets, and downgrades, on a branching history",
          "[mysql][concurrency]") {
  race_runners("mysql");
}
