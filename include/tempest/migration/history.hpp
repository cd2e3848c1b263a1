#pragma once
// The revision graph of a set of migrations: validation (duplicate ids, missing parents, cycles),
// heads, a deterministic topological order (parents first, ties in registration order), ancestry,
// and replay: the schema the history produces, computed without a database.

#include <algorithm>
#include <map>
#include <queue>
#include <unordered_map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/dialect/apply_as_stored.hpp"
#include "tempest/migration/migration.hpp"
#include "tempest/ops/apply.hpp"
#include "tempest/ops/inverse.hpp"

namespace tempest {

// A history that cannot be ordered: a duplicate revision, a missing parent, a cycle.
struct history_error : error {
  using error::error;
};

class history {
 public:
  explicit history(std::vector<migration> migrations) : owned_(std::move(migrations)), migrations_(&owned_) {
    build();
  }

  // A history over migrations the caller keeps alive for as long as the history is used: no copy,
  // which is what migrate() wants at start-up.
  static history view(const std::vector<migration>& migrations) { return history(&migrations); }

  history(history&& other) noexcept
      : owned_(std::move(other.owned_)),
        migrations_(other.migrations_ == &other.owned_ ? &owned_ : other.migrations_),
        index_(std::move(other.index_)),
        ordered_(std::move(other.ordered_)) {}
  history(const history&) = delete;
  history& operator=(const history&) = delete;
  history& operator=(history&&) = delete;

  const std::vector<migration>& migrations() const noexcept { return *migrations_; }
  // Parents before children; among migrations ready at the same time, registration order.
  const std::vector<const migration*>& ordered() const noexcept { return ordered_; }

  const migration* find(std::string_view revision) const {
    auto it = index_.find(revision);
    return it == index_.end() ? nullptr : &(*migrations_)[it->second];
  }
  const migration& at(std::string_view revision) const {
    if (const migration* m = find(revision)) return *m;
    throw history_error(fmt::format("unknown revision \"{}\"", revision));
  }

  // Revisions no other migration follows.
  std::vector<std::string> heads() const {
    std::set<std::string> parents;
    for (const auto& m : *migrations_) parents.insert(m.down_revisions.begin(), m.down_revisions.end());
    std::vector<std::string> out;
    for (const migration* m : ordered_)
      if (!parents.count(m->revision)) out.push_back(m->revision);
    return out;
  }

  // `revision` and everything it follows, directly or not.
  std::set<std::string> lineage(std::string_view revision) const {
    std::set<std::string> seen;
    std::vector<std::string> stack{std::string(revision)};
    while (!stack.empty()) {
      auto r = std::move(stack.back());
      stack.pop_back();
      if (!seen.insert(r).second) continue;
      for (const auto& parent : at(r).down_revisions) stack.push_back(parent);
    }
    return seen;
  }

  // The schema the whole history produces. With a dialect, as that database carries the steps out
  // (apply_as_stored: MySQL's RENAME TABLE renames the foreign keys it named).
  schema replay(const dialect* stored = nullptr) const {
    schema state;
    for (const migration* m : ordered_) apply_up(state, *m, stored);
    return state;
  }

  // The schema after applying, in order, just the migrations whose revisions are in `revisions`.
  schema replay(const std::set<std::string>& revisions, const dialect* stored = nullptr) const {
    schema state;
    for (const migration* m : ordered_)
      if (revisions.count(m->revision)) apply_up(state, *m, stored);
    return state;
  }

  // The schema after applying the migrations of `revisions` in the order given (the order a
  // database applied them in); revisions not in the history are left out.
  schema replay_in_order(const std::vector<std::string>& revisions, const dialect* stored = nullptr) const {
    schema state;
    for (const auto& revision : revisions)
      if (const migration* m = find(revision)) apply_up(state, *m, stored);
    return state;
  }

  // Applies a migration's up steps to `state` and returns them completed (drops record what they
  // dropped). Errors name the migration.
  static std::vector<operation> apply_up(schema& state, const migration& m, const dialect* stored = nullptr) {
    auto operations = m.up_operations();
    for (std::size_t i = 0; i < operations.size(); ++i) apply_step(state, operations[i], m, "up", i, stored);
    return operations;
  }

  // The down steps of `m`, given the schema before it: as written, or derived by inverting the up
  // steps in reverse order. Throws irreversible_error naming the migration when they cannot be.
  static std::vector<operation> down_operations(const migration& m, const schema& before, const dialect* stored = nullptr) {
    if (m.down) return m.explicit_down_operations();
    schema state = before;
    auto up = apply_up(state, m, stored);
    std::vector<operation> down;
    for (auto it = up.rbegin(); it != up.rend(); ++it) {
      try {
        down.push_back(inverse(*it));
      } catch (const irreversible_error& e) {
        throw irreversible_error(fmt::format("migration \"{}\" ({}) cannot be downgraded: {}", m.revision, m.label, e.what()));
      }
    }
    return down;
  }

  // Applies step `index` (0-based) of `m`; an error names the migration, the direction and the step.
  static void apply_step(schema& state, operation& step, const migration& m, std::string_view direction,
                         std::size_t index, const dialect* stored = nullptr) {
    try {
      detail::apply_as_stored(stored, state, step);
    } catch (const schema_error& e) {
      throw schema_error(
          fmt::format("migration \"{}\" ({}), {} step {}: {}", m.revision, m.label, direction, index + 1, e.what()));
    }
  }

 private:
  explicit history(const std::vector<migration>* migrations) : migrations_(migrations) { build(); }

  void build() {
    const auto& all = *migrations_;
    index_.reserve(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
      const auto& m = all[i];
      if (m.revision.empty()) throw history_error(fmt::format("migration #{} (\"{}\") has no revision id", i + 1, m.label));
      if (!index_.emplace(m.revision, i).second)
        throw history_error(fmt::format("duplicate revision id \"{}\"", m.revision));
    }
    for (const auto& m : all)
      for (const auto& parent : m.down_revisions)
        if (!index_.count(parent))
          throw history_error(
              fmt::format("migration \"{}\" follows \"{}\", which is not in the history", m.revision, parent));
    order_topologically();
  }

  // Kahn's algorithm over registration indexes; a min-heap keeps ties in registration order. The
  // graph is held in a few flat vectors: a history of thousands is ordered at every start-up.
  void order_topologically() {
    const auto& all = *migrations_;
    const std::size_t n = all.size();
    std::vector<std::pair<std::size_t, std::size_t>> edges;  // (parent, child), a parent named twice once
    edges.reserve(n);
    std::vector<std::size_t> waiting(n, 0);  // parents not yet ordered
    for (std::size_t i = 0; i < n; ++i) {
      const auto& parents = all[i].down_revisions;
      for (auto p = parents.begin(); p != parents.end(); ++p) {
        if (std::find(parents.begin(), p, *p) != p) continue;
        edges.emplace_back(index_.find(*p)->second, i);
        ++waiting[i];
      }
    }
    // The children of parent p: children[first[p]] to children[first[p + 1] - 1].
    std::vector<std::size_t> first(n + 1, 0), children(edges.size());
    for (const auto& [parent, child] : edges) ++first[parent + 1];
    for (std::size_t p = 0; p < n; ++p) first[p + 1] += first[p];
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (const auto& [parent, child] : edges) children[next[parent]++] = child;

    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t i = 0; i < n; ++i)
      if (waiting[i] == 0) ready.push(i);
    ordered_.reserve(n);
    while (!ready.empty()) {
      std::size_t i = ready.top();
      ready.pop();
      ordered_.push_back(&all[i]);
      for (std::size_t c = first[i]; c < first[i + 1]; ++c)
        if (--waiting[children[c]] == 0) ready.push(children[c]);
    }
    if (ordered_.size() != n) {
      std::vector<std::string> stuck;
      for (std::size_t i = 0; i < n; ++i)
        if (waiting[i] > 0) stuck.push_back(all[i].revision);
      throw history_error(fmt::format("the revisions {} form or follow a cycle", fmt::join(stuck, ", ")));
    }
  }

  std::vector<migration> owned_;
  const std::vector<migration>* migrations_;
  // Revision -> registration index. The keys view the revisions of *migrations_, which outlive the
  // index (moving a history leaves the elements of its vector where they are).
  std::unordered_map<std::string_view, std::size_t> index_;
  std::vector<const migration*> ordered_;
};

// The schema a list of migrations produces, without a database.
inline schema replay(std::vector<migration> migrations) { return history(std::move(migrations)).replay(); }

}  // namespace tempest
