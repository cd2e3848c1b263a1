// The differ's round trip, on random schema pairs (C, S) (support/random_schema.hpp): the plan
// diff(C, S) turns C into S.
//   - On the IR: its steps applied to C leave nothing that differs from S, and none drops a table.
//   - On each database: C created and filled with rows, the plan of diff_database(db, S) applied,
//     the database is in sync with S, and every column C and S share holds the rows it held.
// A failing pair prints its seed, both schemas, the changes that made S and the plan.
// TEMPEST_ROUNDTRIP_SEED=<n> runs the pair of seed n alone; TEMPEST_ROUNDTRIP_PAIRS=<n> runs the
// pairs of seeds 1..n instead of the default number.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/diff/diff.hpp"

#include "support/random_schema.hpp"

using namespace tempest;
namespace rs = tempest_test::random_schema;

namespace {

std::optional<std::uint64_t> environment_number(const char* name) {
  const char* text = std::getenv(name);
  if (!text || !*text) return std::nullopt;
  return std::strtoull(text, nullptr, 10);
}

// The seeds to run: 1..count, or the one TEMPEST_ROUNDTRIP_SEED names.
std::vector<std::uint64_t> seeds(std::uint64_t count) {
  if (auto seed = environment_number("TEMPEST_ROUNDTRIP_SEED")) return {*seed};
  count = environment_number("TEMPEST_ROUNDTRIP_PAIRS").value_or(count);
  std::vector<std::uint64_t> out;
  for (std::uint64_t seed = 1; seed <= count; ++seed) out.push_back(seed);
  return out;
}

std::string dialect_name(std::optional<dialect_kind> kind) { return kind ? std::string(to_string(*kind)) : "no dialect"; }

std::string show_renames(const schema& s) {
  std::vector<std::string> out;
  for (const auto& h : s.renames)
    out.push_back(h.column.empty() ? fmt::format("table {} from {}", h.table, h.from)
                                   : fmt::format("column {}.{} from {}", h.table, h.column, h.from));
  return out.empty() ? "none" : fmt::format("{}", fmt::join(out, "; "));
}

std::vector<std::string> descriptions(const diff_result& plan) {
  std::vector<std::string> out;
  for (const auto& s : plan.steps) out.push_back(s.description);
  return out;
}

// Everything needed to see a failing pair again.
std::string report(const rs::schema_pair& p, std::optional<dialect_kind> kind, const std::string& problem,
                   const std::vector<std::string>& plan) {
  return fmt::format(
      "seed {} ({}; rerun alone with TEMPEST_ROUNDTRIP_SEED={}): {}\n--- C:\n{}--- changes: {}\n--- S:\n{}--- "
      "rename hints: {}\n--- plan:\n  {}\n",
      p.seed, dialect_name(kind), p.seed, problem, p.current, fmt::join(p.changes, "; "), p.target,
      show_renames(p.target), fmt::join(plan, "\n  "));
}

// The pairs that failed, in full for the first few.
struct failures {
  std::vector<std::uint64_t> seeds;
  std::string shown;

  void add(std::uint64_t seed, const std::string& text) {
    if (seeds.size() < 3) shown += text + "\n";
    seeds.push_back(seed);
  }
  void require_none(std::size_t pairs) {
    INFO(fmt::format("{} of {} pairs failed; seeds: {}\n{}", seeds.size(), pairs, fmt::join(seeds, ", "), shown));
    CHECK(seeds.empty());
  }
};

bool drops_a_table(const diff_result& plan) {
  return std::any_of(plan.steps.begin(), plan.steps.end(),
                     [](const planned_step& s) { return std::holds_alternative<op::drop_table>(s.step); });
}

// The IR property for one pair: what is wrong, or nothing.
std::optional<std::string> ir_round_trip(const rs::schema_pair& p, std::optional<dialect_kind> kind,
                                         std::vector<std::string>& plan_words) {
  diff_options options;
  options.dialect = kind;
  try {
    auto plan = diff(p.current, p.target, options);
    plan_words = descriptions(plan);
    if (drops_a_table(plan)) return "the plan drops a table";
    // The plan applies to C as the database holds it (what the differ compares).
    schema state = kind ? dialect_for(*kind).stored_form(p.current) : p.current;
    state.normalise();
    for (auto step : plan.operations()) apply(state, step);
    auto again = diff(state, p.target, options);
    if (!again.empty()) return fmt::format("after the plan, diff still finds:\n  {}", fmt::join(again.differences(), "\n  "));
  } catch (const std::exception& e) {
    return fmt::format("{}", e.what());
  }
  return std::nullopt;
}

void ir_round_trips(std::optional<dialect_kind> kind, std::uint64_t count) {
  failures failed;
  auto all = seeds(count);
  for (auto seed : all) {
    auto p = rs::generate(seed, {.dialect = kind});
    std::vector<std::string> plan;
    if (auto problem = ir_round_trip(p, kind, plan)) failed.add(seed, report(p, kind, *problem, plan));
  }
  failed.require_none(all.size());
}

}  // namespace

TEST_CASE("diff round trip on the IR: the plan turns C into S (no dialect)") { ir_round_trips(std::nullopt, 2000); }
TEST_CASE("diff round trip on the IR: the plan turns C into S (sqlite)") { ir_round_trips(dialect_kind::sqlite, 2000); }
TEST_CASE("diff round trip on the IR: the plan turns C into S (postgresql)") {
  ir_round_trips(dialect_kind::postgresql, 2000);
}
TEST_CASE("diff round trip on the IR: the plan turns C into S (mysql)") { ir_round_trips(dialect_kind::mysql, 2000); }
