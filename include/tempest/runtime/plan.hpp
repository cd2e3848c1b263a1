#pragma once
// Plans: the statements of one migration in one direction, rendered against the schema the
// database holds when they run — the applied migrations replayed in the order they were applied.
// A plan is only as good as that schema, so the runner makes its plans while it holds the lock.

#include <string>
#include <vector>

#include "tempest/dialect/render_operation.hpp"
#include "tempest/migration/history.hpp"
#include "tempest/ops/canonical.hpp"
#include "tempest/runtime/targets.hpp"

namespace tempest {

struct migration_plan {
  const migration* source = nullptr;
  tempest::direction direction = direction::up;
  std::vector<statement> statements;
  bool foreign_keys_off = false;
  // Filled in on request (runner resume): for statement i, the schema before and after it.
  std::vector<std::pair<schema, schema>> states;
  std::vector<operation> operations_of;  // the operation each statement renders, completed
};

namespace detail {

// Renders operations one by one against `state`, which ends as the schema after them.
inline void render_into(migration_plan& plan, const dialect& d, schema& state, std::vector<operation> operations,
                        std::string_view direction_name, bool keep_states, value_style values) {
  for (std::size_t i = 0; i < operations.size(); ++i) {
    schema before = state;
    history::apply_step(state, operations[i], *plan.source, direction_name, i, &d);
    auto rendered = render_operation(d, operations[i], before, state, values);
    plan.foreign_keys_off = plan.foreign_keys_off || rendered.foreign_keys_off;
    for (auto& s : rendered.statements) {
      plan.statements.push_back(std::move(s));
      if (keep_states) {
        plan.states.emplace_back(before, state);
        plan.operations_of.push_back(operations[i]);
      }
    }
  }
}

}  // namespace detail

// The up plan of `m` against `state` (the schema before it), which ends as the schema after it.
// `keep_states` records the schema before and after each statement; `values` says how data values
// are written (literals for offline scripts).
inline migration_plan plan_up(const dialect& d, const migration& m, schema& state, bool keep_states = false,
                              value_style values = value_style::parameters) {
  migration_plan plan{&m, direction::up, {}, false, {}, {}};
  detail::render_into(plan, d, state, m.up_operations(), "up", keep_states, values);
  return plan;
}

// The down plan of `m`. Its steps are derived against `before` (the schema before `m` was applied)
// and rendered against `current` (the schema now, which may hold migrations applied after `m`),
// which ends as the schema after the downgrade.
inline migration_plan plan_down(const dialect& d, const migration& m, const schema& before, schema& current,
                                bool keep_states = false, value_style values = value_style::parameters) {
  migration_plan plan{&m, direction::down, {}, false, {}, {}};
  detail::render_into(plan, d, current, history::down_operations(m, before, &d), "down", keep_states, values);
  return plan;
}

// Digests of a plan's statements (SQL and bound values): element k covers the first k. On
// MySQL/MariaDB a migration's record carries the digest of the statements it has run, so that a
// resume can tell whether those were edited since (see runner::resume_dirty).
inline std::vector<std::string> statement_digests(const migration_plan& plan) {
  std::vector<std::string> out;
  std::uint64_t hash = detail::fnv1a64("");
  out.push_back(fmt::format("{:016x}", hash));
  for (const auto& s : plan.statements) {
    detail::canonical_writer text;
    text.str(s.sql);
    for (const auto& v : s.parameters) text.write(v);
    hash = detail::fnv1a64(text.text(), hash);
    out.push_back(fmt::format("{:016x}", hash));
  }
  return out;
}

}  // namespace tempest
