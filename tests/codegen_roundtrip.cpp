// Generated migrations compile, give back the plan they were generated from, and, applied through
// the runner, leave no drift: the fixture generator (codegen_fixture/generate.cpp) writes, at build
// time, a code-mode and a raw-mode migration for each pair (current, target) of
// codegen_fixture/cases.hpp; this file includes both registries.
// On each database: `current` is made by a baseline migration, then the generated migration runs;
// diff_database(db, target) must be empty. Its derived down is then run (code mode), and
// diff_database(db, current) must be empty.

#include <catch2/catch.hpp>

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/codegen/emit_code.hpp"
#include "tempest/runtime/drift.hpp"
#include "tempest/runtime/runner.hpp"

#include "codegen_fixture/cases.hpp"
#include "codegen_fixture/code/all_migrations.hpp"
#include "codegen_fixture/raw/all_migrations.hpp"
#include "codegen_fixture/frozen/0001_models.hpp"
#include "codegen_fixture/frozen_models.hpp"
#include "tempest/codegen/freeze.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

std::vector<operation> written(const std::vector<operation>& ops) {
  std::vector<operation> out;
  for (const auto& o : ops) out.push_back(codegen::as_written(o));
  return out;
}

std::string described(const std::vector<operation>& ops) {
  std::string out;
  for (const auto& o : ops) out += canonical_text(o) + "\n";
  return out;
}

// The pairs with their generated migrations, found by their label (the case's name).
struct fixture {
  std::vector<codegen_fixture::pair_case> cases = codegen_fixture::cases();
  std::vector<migration> code = codegen_fixture::code::all_migrations();
  std::vector<migration> raw = codegen_fixture::raw::all_migrations();

  static const migration* find(const std::vector<migration>& list, const std::string& label) {
    auto it = std::find_if(list.begin(), list.end(), [&](const migration& m) { return m.label == label; });
    return it == list.end() ? nullptr : &*it;
  }
};

const fixture& the_fixture() {
  static const fixture f;
  return f;
}

std::vector<std::string> differences(connection& db, const schema& s) { return diff_database(db, s).differences(); }

// `current` made by a baseline, then `m` applied (and reverted): what is wrong, or nothing.
std::optional<std::string> apply_case(const codegen_fixture::pair_case& c, migration m, bool revert) {
  connection db(tempest_test::fresh_database(to_string(c.dialect)));
  const auto creates = codegen_fixture::pair_case{"", c.dialect, {}, c.current}.plan();
  migration baseline{"00000000000000_baseline", {}, "baseline", [creates](migration_builder& b) {
                       for (const auto& o : creates) b.add(o);
                     }, {}};
  m.down_revisions = {baseline.revision};
  const history h(std::vector<migration>{baseline, m});
  std::string stage = "creating current";
  try {
    runner(db, h).upgrade(upgrade_target::to(baseline.revision));
    if (auto left = differences(db, c.current); !left.empty())
      return fmt::format("the baseline leaves drift:\n  {}", fmt::join(left, "\n  "));
    stage = "upgrading";
    runner(db, h).upgrade();
    if (auto left = differences(db, c.target); !left.empty())
      return fmt::format("after the migration, diff_database finds:\n  {}", fmt::join(left, "\n  "));
    if (!revert) return std::nullopt;
    stage = "downgrading";
    runner(db, h).downgrade(downgrade_target::by(1));
    if (auto left = differences(db, c.current); !left.empty())
      return fmt::format("after its down, diff_database finds:\n  {}", fmt::join(left, "\n  "));
  } catch (const std::exception& e) {
    return fmt::format("{}: {}", stage, e.what());
  }
  return std::nullopt;
}

// Cases that fail for a reason outside code generation, run and reported but not counted.
void apply_all(dialect_kind kind, bool raw) {
  const auto& f = the_fixture();
  std::vector<std::string> failed, missing;
  int ran = 0;
  for (const auto& c : f.cases) {
    if (c.dialect != kind) continue;
    const migration* m = fixture::find(raw ? f.raw : f.code, c.name);
    if (!m) {
      missing.push_back(c.name);
      continue;
    }
    auto problem = apply_case(c, *m, !raw);
    ++ran;
    if (problem) failed.push_back(fmt::format("{} ({}): {}", c.name, m->revision, *problem));
  }
  INFO(fmt::format("no {} migration was generated for: {}", raw ? "raw" : "code", fmt::join(missing, "; ")));
  CHECK(missing.empty());
  INFO(fmt::format("{} of {} failed:\n{}", failed.size(), ran, fmt::join(failed, "\n")));
  CHECK(ran >= codegen_fixture::seeds_per_dialect);
  CHECK(failed.empty());
}

}  // namespace

TEST_CASE("codegen round trip: each generated migration gives back the plan it was generated from") {
  const auto& f = the_fixture();
  REQUIRE(f.code.size() == f.cases.size());
  int with_steps = 0;
  for (const auto& c : f.cases) {
    const migration* m = fixture::find(f.code, c.name);
    REQUIRE(m);
    const auto expected = written(c.plan());
    const auto got = m->up_operations();
    with_steps += expected.empty() ? 0 : 1;
    INFO(c.name << "\n--- plan:\n" << described(expected) << "--- generated:\n" << described(got));
    CHECK(got == expected);
    CHECK(canonical_text(got) == canonical_text(expected));  // check conditions too (== compares checks by name)
  }
  CHECK(with_steps == static_cast<int>(f.cases.size()));
}

TEST_CASE("codegen round trip: SQLite", "[sqlite]") {
  SECTION("code") { apply_all(dialect_kind::sqlite, false); }
  SECTION("raw") { apply_all(dialect_kind::sqlite, true); }
}

TEST_CASE("codegen round trip: PostgreSQL", "[postgresql]") {
  SECTION("code") { apply_all(dialect_kind::postgresql, false); }
  SECTION("raw") { apply_all(dialect_kind::postgresql, true); }
}

TEST_CASE("codegen round trip: MariaDB", "[mysql]") {
  SECTION("code") { apply_all(dialect_kind::mysql, false); }
  SECTION("raw") { apply_all(dialect_kind::mysql, true); }
}

// freeze: the fixture generator froze frozen_models.hpp's migration (create_table<Model>() and rows
// of a model); the frozen header spells the tables out and keeps the steps and the checksum.
TEST_CASE("codegen freeze: a migration of create_table<Model>() frozen keeps its steps and checksum") {
  const migration original = codegen_fixture::frozen_models::from_models();
  const migration frozen = codegen_fixture::frozen::m0001_models();
  REQUIRE(original.tables_from_models() == std::vector<std::string>{"it's shelves", "books"});
  CHECK(frozen.tables_from_models().empty());
  CHECK(frozen.revision == "0001_models");
  CHECK(frozen.label == "shelves and books");
  CHECK(frozen.down_revisions.empty());
  CHECK(frozen.up_operations() == original.up_operations());
  CHECK(frozen.checksum() == original.checksum());

  // Refused: a checksum applied before the models changed, and a migration spelled out already.
  CHECK_THROWS_WITH(codegen::freeze_revision(original, "unused", std::string("0123456789abcdef")),
                    Catch::Contains("migration \"0001_models\" (shelves and books) was applied with checksum 0123456789abcdef") &&
                        Catch::Contains("Restore those models"));
  CHECK_THROWS_WITH(codegen::freeze_revision(frozen, "unused"), Catch::Contains("spelled out already"));
  auto again = codegen::freeze_revision(original, "unused", original.checksum());
  CHECK(again.text.find("create_table(\"it's shelves\"") != std::string::npos);
  CHECK(again.text.find("b.create_table<") == std::string::npos);
  CHECK_FALSE(again.exists);
}
