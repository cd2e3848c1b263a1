#pragma once
// The "current" schema a diff starts from, besides the live database (runtime/drift.hpp): the
// migration history, replayed without a database, or a snapshot file tempest wrote.

#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/diff/diff.hpp"
#include "tempest/migration/history.hpp"
#include "tempest/schema/snapshot.hpp"

namespace tempest {

// The models against what the history produces. A migration that creates a table with
// create_table<Model>() replays as the model is now, so a change to that model is invisible from
// the history: the result says so in a finding (diff against the live database or a snapshot, or
// spell the table out in the migration).
inline diff_result diff_history(const history& h, const schema& models, const diff_options& options = {}) {
  auto result = diff(h.replay(detail::dialect_of(options)), models, options);
  for (const migration* m : h.ordered())
    if (auto tables = m->tables_from_models(); !tables.empty())
      result.findings.push_back(
          {diff_finding::kind::history_follows_models, tables.front(), {},
           fmt::format("migration \"{}\" creates {} with create_table<Model>(): replayed, {} the model as it is now, so "
                       "a change to {} is not seen from the history. Diff against the live database or a snapshot, or "
                       "spell the table out in the migration as it was applied",
                       m->revision, fmt::join(tables, ", "), tables.size() == 1 ? "it is" : "they are",
                       tables.size() == 1 ? "that model" : "those models")});
  return result;
}

// The models against a snapshot file (schema/snapshot.hpp), e.g. the one written with the last
// generated migration.
inline diff_result diff_snapshot(const std::filesystem::path& snapshot, const schema& models,
                                 const diff_options& options = {}) {
  return diff(read_snapshot(snapshot), models, options);
}

}  // namespace tempest
