#pragma once
// Offline SQL: the exact statements an upgrade or a downgrade would run, rendered without a
// database, e.g. for a DBA to review or apply by hand. Values are written as literals that mean the
// same under any server setting; the batch and the sequence of each version row are computed by the
// script from the version table itself, so a script applied after the runner (or before it) keeps
// batches apart.

#include <set>
#include <string>
#include <vector>

#include "tempest/runtime/plan.hpp"
#include "tempest/runtime/runner.hpp"
#include "tempest/runtime/version_table.hpp"

namespace tempest {

struct offline_options {
  std::string table = "tempest_migrations";
  std::set<std::string> applied;  // revisions assumed applied already (none: from an empty database)
};

namespace detail {

// Text for a `--` comment: control characters (a newline would end the comment) become spaces.
inline std::string comment_text(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

class offline_writer {
 public:
  offline_writer(const dialect& d, const offline_options& options)
      : d_(d), versions_(d, options.table, value_style::literals) {}

  // The script's text is UTF-8: the client says so before anything else, whatever its default.
  void start() {
    if (d_.kind() == dialect_kind::postgresql) out_.push_back("SET client_encoding = 'UTF8'");
    if (d_.kind() == dialect_kind::mysql) out_.push_back("SET NAMES utf8mb4");
  }

  void create_version_table() { out_.push_back(versions_.create_statement()); }

  void migration(const migration_plan& plan) {
    const bool transactional = d_.kind() != dialect_kind::mysql;
    const bool sqlite = d_.kind() == dialect_kind::sqlite;
    out_.push_back(fmt::format("-- {} {} ({})", plan.direction == direction::up ? "upgrade" : "downgrade",
                               comment_text(plan.source->revision), comment_text(plan.source->label)));
    if (sqlite && plan.foreign_keys_off) out_.push_back("PRAGMA foreign_keys = OFF");
    if (transactional) out_.push_back("BEGIN");
    for (const auto& s : plan.statements) {
      if (s.type == statement::kind::sqlite_rebuild) {
        out_.push_back(fmt::format("-- rebuild of table {}: triggers and indexes made outside tempest on it must be "
                                   "made again by hand",
                                   comment_text(s.rebuild->table)));
        for (auto& sql : s.rebuild->offline_statements(d_)) out_.push_back(std::move(sql));
      } else {
        out_.push_back(s.sql);
      }
    }
    out_.push_back(version_statement(plan));
    if (transactional) out_.push_back("COMMIT");
    if (sqlite && plan.foreign_keys_off) out_.push_back("PRAGMA foreign_keys = ON");
    first_ = false;
  }

  std::vector<std::string> take() && { return std::move(out_); }

 private:
  // The version row, stamped with the time the script runs, its batch one past the highest for the
  // script's first migration and the same for the others, its sequence one past the highest.
  std::string version_statement(const migration_plan& plan) const {
    if (plan.direction == direction::down) return versions_.delete_statement(plan.source->revision).sql;
    version_row row{plan.source->revision, plan.source->label, 0, 0, {}, plan.source->checksum(), 0,
                    "applied", "up", static_cast<int>(plan.statements.size()), std::nullopt};
    std::string_view now = d_.kind() == dialect_kind::postgresql
                               ? "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                           : d_.kind() == dialect_kind::mysql ? "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')"
                                                              : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
    const std::string batch = fmt::format("COALESCE(MAX({}), 0){}", d_.quote("batch"), first_ ? " + 1" : "");
    const std::string sequence = fmt::format("COALESCE(MAX({}), 0) + 1", d_.quote("sequence"));
    return versions_.insert_statement(row, {.applied_at = now, .batch = batch, .sequence = sequence}).sql;
  }

  const dialect& d_;
  version_table_sql versions_;
  std::vector<std::string> out_;
  bool first_ = true;
};

}  // namespace detail

// The statements that upgrade a database holding `options.applied` to `target`, version table
// bookkeeping included.
inline std::vector<std::string> upgrade_sql(const dialect& d, const history& h, const upgrade_target& target = {},
                                            const offline_options& options = {}) {
  detail::check_recordable(h);
  detail::offline_writer writer(d, options);
  schema state = h.replay(options.applied, &d);
  writer.start();
  writer.create_version_table();

  std::set<std::string> wanted;
  if (target.type == upgrade_target::kind::revision) wanted = h.lineage(target.revision);
  int count = 0;
  for (const migration* m : h.ordered()) {
    if (options.applied.count(m->revision)) continue;
    if (target.type == upgrade_target::kind::revision && !wanted.count(m->revision)) continue;
    if (target.type == upgrade_target::kind::steps && count >= target.steps) break;
    writer.migration(plan_up(d, *m, state, false, value_style::literals));
    ++count;
  }
  return std::move(writer).take();
}

// The statements that revert, newest first, applied revisions from a database holding
// `options.applied` (in history order). Batches live only in the database, so offline the last
// batch means the last migration.
inline std::vector<std::string> downgrade_sql(const dialect& d, const history& h, const downgrade_target& target,
                                              const offline_options& options) {
  detail::check_recordable(h);
  std::vector<const migration*> applied;
  for (const migration* m : h.ordered())
    if (options.applied.count(m->revision)) applied.push_back(m);
  std::set<std::string> keep;
  if (target.type == downgrade_target::kind::revision) keep = h.lineage(target.revision);
  detail::offline_writer writer(d, options);
  writer.start();
  schema current = h.replay(options.applied, &d);
  int reverted = 0;
  for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
    if (target.type == downgrade_target::kind::revision && keep.count((*it)->revision)) continue;
    if (target.type == downgrade_target::kind::steps && reverted >= target.steps) break;
    if (target.type == downgrade_target::kind::last_batch && reverted >= 1) break;
    std::set<std::string> earlier;
    for (auto e = applied.begin(); *e != *it; ++e) earlier.insert((*e)->revision);
    writer.migration(plan_down(d, **it, h.replay(earlier, &d), current, false, value_style::literals));
    ++reverted;
  }
  return std::move(writer).take();
}

// Statements as one script: each ends in a semicolon, on a line of its own where the statement's
// last line could end in a comment; the writer's one-line comments stand alone.
inline std::string to_script(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& s : statements) {
    if (s.starts_with("-- ") && s.find('\n') == std::string::npos) {
      out += s + "\n";
      continue;
    }
    std::string_view text = s;
    while (!text.empty() && (text.back() == ';' || text.back() == ' ' || text.back() == '\n' || text.back() == '\t' ||
                             text.back() == '\r'))
      text.remove_suffix(1);
    auto last_line = text.substr(text.rfind('\n') == std::string_view::npos ? 0 : text.rfind('\n'));
    out += std::string(text) + (last_line.find("--") != std::string_view::npos || last_line.find('#') != std::string_view::npos
                                    ? "\n;\n"
                                    : ";\n");
  }
  return out;
}

// The statements as a script for the database's own command-line client: psql, mariadb or mysql,
// sqlite3. It stops at the first error — psql with ON_ERROR_STOP, sqlite3 with `.bail on` (without
// it the shell goes on after an error, and the COMMIT that ends the migration would commit it half
// done); the mariadb client stops by itself — and on MySQL a statement that holds semicolons (a
// trigger body, the statements of a raw step) goes whole between DELIMITER lines, since the client
// would cut it at each one.
inline std::string to_client_script(const dialect& d, const std::vector<std::string>& statements) {
  std::string out;
  if (d.kind() == dialect_kind::postgresql) out += "\\set ON_ERROR_STOP on\n";
  if (d.kind() == dialect_kind::sqlite) out += ".bail on\n";
  for (const auto& s : statements) {
    if (d.kind() == dialect_kind::mysql && s.find(';') != std::string::npos &&
        !(s.starts_with("-- ") && s.find('\n') == std::string::npos)) {
      std::string delimiter = "$$";
      while (s.find(delimiter) != std::string::npos) delimiter += "$";
      out += fmt::format("DELIMITER {0}\n{1}\n{0}\nDELIMITER ;\n", delimiter, s);
      continue;
    }
    out += to_script({s});
  }
  return out;
}

}  // namespace tempest
