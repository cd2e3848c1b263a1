#pragma once
// The revision graph of a set of migrations: validation (duplicate ids, missing parents, cycles),
// heads, a deterministic topological order (parents first, ties in registration order), ancestry,
// and replay: the schema the history produces, computed without a database.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

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
  explicit history(std::vector<migration> migrations) : migrations_(std::move(migrations)) {
    for (std::size_t i = 0; i < migrations_.size(); ++i) {
      const auto& m = migrations_[i];
      if (m.revision.empty()) throw history_error(fmt::format("migration #{} (\"{}\") has no revision id", i + 1, m.label));
      if (!index_.emplace(m.revision, i).second)
        throw history_error(fmt::format("duplicate revision id \"{}\"", m.revision));
    }
    for (const auto& m : migrations_)
      for (const auto& parent : m.down_revisions)
        if (!index_.count(parent))
          throw history_error(
              fmt::format("migration \"{}\" follows \"{}\", which is not in the history", m.revision, parent));
    order_topologically();
  }

  const std::vector<migration>& migrations() const noexcept { return migrations_; }
  // Parents before children; among migrations ready at the same time, registration order.
  const std::vector<const migration*>& ordered() const noexcept { return ordered_; }

  const migration* find(std::string_view revision) const {
    auto it = index_.find(std::string(revision));
    return it == index_.end() ? nullptr : &migrations_[it->second];
  }
  const migration& at(std::string_view revision) const {
    if (const migration* m = find(revision)) return *m;
    throw history_error(fmt::format("unknown revision \"{}\"", revision));
  }

  // Revisions no other migration follows.
  std::vector<std::string> heads() const {
    std::set<std::string> parents;
    for (const auto& m : migrations_) parents.insert(m.down_revisions.begin(), m.down_revisions.end());
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

  // The schema the whole history produces.
  schema replay() const {
    schema state;
    for (const migration* m : ordered_) apply_up(state, *m);
    return state;
  }

  // The schema after applying, in order, just the migrations whose revisions are in `revisions`.
  schema replay(const std::set<std::string>& revisions) const {
    schema state;
    for (const migration* m : ordered_)
      if (revisions.count(m->revision)) apply_up(state, *m);
    return state;
  }

  // Applies a migration's up steps to `state` and returns them completed (drops record what they
  // dropped). Errors name the migration.
  static std::vector<operation> apply_up(schema& state, const migration& m) {
    auto operations = m.up_operations();
    apply_all(state, operations, m, "up");
    return operations;
  }

  // The down steps of `m`, given the schema before it: as written, or derived by inverting the up
  // steps in reverse order. Throws irreversible_error naming the migration when they cannot be.
  static std::vector<operation> down_operations(const migration& m, const schema& before) {
    if (m.down) return m.explicit_down_operations();
    schema state = before;
    auto up = apply_up(state, m);
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

  static void apply_all(schema& state, std::vector<operation>& operations, const migration& m, std::string_view direction) {
    for (std::size_t i = 0; i < operations.size(); ++i) {
      try {
        apply(state, operations[i]);
      } catch (const schema_error& e) {
        throw schema_error(fmt::format("migration \"{}\" ({}), {} step {}: {}", m.revision, m.label, direction, i + 1, e.what()));
      }
    }
  }

 private:
  void order_topologically() {
    std::map<std::string, std::size_t> waiting;  // revision → parents not yet ordered
    std::map<std::string, std::vector<std::size_t>> children;
    for (std::size_t i = 0; i < migrations_.size(); ++i) {
      const auto& m = migrations_[i];
      std::set<std::string> parents(m.down_revisions.begin(), m.down_revisions.end());
      waiting[m.revision] = parents.size();
      for (const auto& parent : parents) children[parent].push_back(i);
    }
    std::set<std::size_t> ready;  // by registration index, for a stable order
    for (std::size_t i = 0; i < migrations_.size(); ++i)
      if (waiting[migrations_[i].revision] == 0) ready.insert(i);
    while (!ready.empty()) {
      std::size_t i = *ready.begin();
      ready.erase(ready.begin());
      ordered_.push_back(&migrations_[i]);
      for (std::size_t child : children[migrations_[i].revision])
        if (--waiting[migrations_[child].revision] == 0) ready.insert(child);
    }
    if (ordered_.size() != migrations_.size()) {
      std::vector<std::string> stuck;
      for (const auto& m : migrations_)
        if (waiting[m.revision] > 0) stuck.push_back(m.revision);
      throw history_error(fmt::format("the revisions {} form or follow a cycle", fmt::join(stuck, ", ")));
    }
  }

  std::vector<migration> migrations_;
  std::map<std::string, std::size_t> index_;
  std::vector<const migration*> ordered_;
};

// The schema a list of migrations produces, without a database.
inline schema replay(std::vector<migration> migrations) { return history(std::move(migrations)).replay(); }

}  // namespace tempest
