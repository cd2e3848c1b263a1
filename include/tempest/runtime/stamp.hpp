#pragma once
// stamp(): baselines a database at a revision without running anything. The version table gets a
// row, as the runner writes it, for the revision and every revision it follows that is not recorded
// yet — for a database whose schema was made before tempest, or by hand. Under the runner's lock, in
// one transaction (SQLite: the write lock), so it cannot interleave with a run.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/migration/history.hpp"
#include "tempest/runtime/apply_plan.hpp"
#include "tempest/runtime/lock.hpp"
#include "tempest/runtime/run_scope.hpp"
#include "tempest/runtime/runner.hpp"
#include "tempest/runtime/version_table.hpp"

namespace tempest {

struct stamp_options {
  std::string table = "tempest_migrations";
  std::chrono::milliseconds lock_timeout{60'000};
};

// Records `revision` ("heads": every head) and its ancestors as applied, in history order, as one
// new batch; returns the revisions recorded now (those recorded already are left as they are).
// Refused while a record is dirty.
inline std::vector<std::string> stamp(connection& db, const history& h, const std::string& revision,
                                      const stamp_options& options = {}) {
  detail::check_recordable(h);
  std::set<std::string> wanted;
  if (revision == "heads" || revision == "head") {
    for (const auto& head : h.heads()) wanted.merge(h.lineage(head));
  } else {
    if (!h.find(revision)) throw history_error(fmt::format("stamp: unknown revision \"{}\"", revision));
    wanted = h.lineage(revision);
  }
  run_scope scope(db, options.lock_timeout, {});
  auto lock = make_migration_lock(db, options.table);
  lock_guard held(lock.get(), options.lock_timeout);
  version_table versions(db, options.table);
  versions.ensure_rows();
  return detail::in_transaction(db, [&](bool) {
    auto rows = versions.rows();  // read again under the lock (SQLite: under the write lock)
    std::set<std::string> recorded;
    int batch = 0, sequence = 0;
    for (const auto& r : rows) {
      if (r.state != "applied")
        throw dirty_error(fmt::format("stamp: \"{}\" has a {} record in {}; resolve it first", r.revision, r.state,
                                      options.table));
      recorded.insert(r.revision);
      batch = std::max(batch, r.batch);
      sequence = std::max(sequence, r.sequence);
    }
    std::vector<std::string> added;
    for (const migration* m : h.ordered()) {
      if (!wanted.count(m->revision) || recorded.count(m->revision)) continue;
      version_row row{m->revision, m->label, batch + 1, ++sequence, detail::utc_now(), m->checksum(), 0,
                      "applied",   "up",     0,         std::nullopt};
      versions.run(versions.insert_statement(row));
      added.push_back(m->revision);
    }
    return added;
  });
}

}  // namespace tempest
