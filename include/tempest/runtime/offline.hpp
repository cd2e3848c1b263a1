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
  offline_writer(const dialect& d, const offline_options& options) : d_(d), options_(options) {}

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

  std::string version_statement(const migration_plan& plan, int batch, int sequence) const {
    const auto& q = d_;
    if (plan.direction == direction::down)
      return fmt::format("DELETE FROM {} WHERE {} = {}", q.quote(options_.table), q.quote("revision"),
                         q.string_literal(plan.source->revision));
    return fmt::format(
        "INSERT INTO {} ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}) VALUES ({}, {}, {}, {}, {}, {}, 0, 'applied', 'up', {})",
        q.quote(options_.table), q.quote("revision"), q.quote("label"), q.quote("batch"), q.quote("sequence"),
        q.quote("applied_at"), q.quote("checksum"), q.quote("execution_ms"), q.quote("state"), q.quote("direction"),
        q.quote("next_statement"), q.string_literal(plan.source->revision), q.string_literal(plan.source->label), batch,
        sequence, d_.kind() == dialect_kind::postgresql ? "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                  : d_.kind() == dialect_kind::mysql   ? "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')"
                                                       : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        q.string_literal(plan.source->checksum()), plan.statements.size());
  }

  std::vector<std::string> take() && { return std::move(out_); }
  std::vector<std::string>& statements() { return out_; }

 private:
  const dialect& d_;
  const offline_options& options_;
  std::vector<std::string> out_;
};

}  // namespace detail

// The statements that upgrade a database holding `options.applied` to `target`, version table
// bookkeeping included.
inline std::vector<std::string> upgrade_sql(const dialect& d, const history& h, const upgrade_target& target = {},
                                            const offline_options& options = {}) {
  detail::offline_writer writer(d, options);
  schema state = h.replay(options.applied);
  // The version table itself, created the way the runner creates it.
  table versions = version_table_definition(options.table);
  auto create = d.create_table(versions).front();
  writer.statements().push_back("CREATE TABLE IF NOT EXISTS" + create.substr(std::string_view("CREATE TABLE").size()));

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
    schema before = h.replay(earlier);
    schema state = before;
    history::apply_up(state, **it);
    writer.migration(plan_down(d, **it, before, state), 0, 0);
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
