#pragma once
// Offline SQL: the exact statements an upgrade or a downgrade would run, rendered without a
// database, e.g. for a DBA to review or apply by hand.

#include <set>
#include <string>
#include <vector>

#include "tempest/runtime/runner.hpp"

namespace tempest {

struct offline_options {
  std::string table = "tempest_migrations";
  std::set<std::string> applied;  // revisions assumed applied already (none: from an empty database)
};

namespace detail {

class offline_writer {
 public:
  offline_writer(const dialect& d, const offline_options& options) : d_(d), versions_(d, options.table) {}

  void create_version_table() { out_.push_back(versions_.create_statement()); }

  void migration(const migration_plan& plan, int batch, int sequence) {
    const bool transactional = d_.kind() != dialect_kind::mysql;
    const bool sqlite = d_.kind() == dialect_kind::sqlite;
    out_.push_back(fmt::format("-- {} {} ({})", plan.direction == direction::up ? "upgrade" : "downgrade",
                               plan.source->revision, plan.source->label));
    if (sqlite && plan.foreign_keys_off) out_.push_back("PRAGMA foreign_keys = OFF");
    if (transactional) out_.push_back("BEGIN");
    for (const auto& s : plan.statements) out_.push_back(s);
    out_.push_back(version_statement(plan, batch, sequence));
    if (transactional) out_.push_back("COMMIT");
    if (sqlite && plan.foreign_keys_off) out_.push_back("PRAGMA foreign_keys = ON");
  }

  std::vector<std::string> take() && { return std::move(out_); }

 private:
  // The version row, stamped with the time the script runs, in the database's own words.
  std::string version_statement(const migration_plan& plan, int batch, int sequence) const {
    if (plan.direction == direction::down) return versions_.delete_statement(plan.source->revision);
    version_row row{plan.source->revision, plan.source->label, batch, sequence, {}, plan.source->checksum(), 0,
                    "applied", "up", static_cast<int>(plan.statements.size()), std::nullopt};
    std::string_view now = d_.kind() == dialect_kind::postgresql
                               ? "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                           : d_.kind() == dialect_kind::mysql ? "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')"
                                                              : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
    return versions_.insert_statement(row, {.applied_at = now});
  }

  const dialect& d_;
  version_table_sql versions_;
  std::vector<std::string> out_;
};

}  // namespace detail

// The statements that upgrade a database holding `options.applied` to `target`, version table
// bookkeeping included.
inline std::vector<std::string> upgrade_sql(const dialect& d, const history& h, const upgrade_target& target = {},
                                            const offline_options& options = {}) {
  detail::offline_writer writer(d, options);
  schema state = h.replay(options.applied);
  writer.create_version_table();

  std::set<std::string> wanted;
  if (target.type == upgrade_target::kind::revision) wanted = h.lineage(target.revision);
  int count = 0;
  int sequence = static_cast<int>(options.applied.size());
  for (const migration* m : h.ordered()) {
    if (options.applied.count(m->revision)) continue;
    if (target.type == upgrade_target::kind::revision && !wanted.count(m->revision)) continue;
    if (target.type == upgrade_target::kind::steps && count >= target.steps) break;
    writer.migration(plan_up(d, *m, state), 1, ++sequence);
    ++count;
  }
  return std::move(writer).take();
}

// The statements that revert, newest first, the applied revisions in `revert` (in application order
// as given by the history) from a database holding `options.applied`.
inline std::vector<std::string> downgrade_sql(const dialect& d, const history& h, const downgrade_target& target,
                                              const offline_options& options) {
  std::vector<const migration*> applied;
  for (const migration* m : h.ordered())
    if (options.applied.count(m->revision)) applied.push_back(m);
  std::set<std::string> keep;
  if (target.type == downgrade_target::kind::revision) keep = h.lineage(target.revision);
  detail::offline_writer writer(d, options);
  int reverted = 0;
  for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
    if (target.type == downgrade_target::kind::revision && keep.count((*it)->revision)) continue;
    if (target.type == downgrade_target::kind::steps && reverted >= target.steps) break;
    if (target.type == downgrade_target::kind::last_batch && reverted >= 1) break;  // offline: no batches known
    std::set<std::string> earlier;
    for (auto e = applied.begin(); *e != *it; ++e) earlier.insert((*e)->revision);
    writer.migration(plan_down(d, **it, h.replay(earlier)), 0, 0);
    ++reverted;
  }
  return std::move(writer).take();
}

// Statements as one script: each ends in a semicolon, comments stand alone.
inline std::string to_script(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& s : statements) out += s.starts_with("--") ? s + "\n" : s + ";\n";
  return out;
}

}  // namespace tempest
