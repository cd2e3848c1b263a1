#pragma once
// The commands that move the database along its history: upgrade, downgrade (live, or as SQL with
// --sql), stamp and resolve.

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/cli/context.hpp"
#include "tempest/runtime/offline.hpp"
#include "tempest/runtime/runner.hpp"
#include "tempest/runtime/stamp.hpp"

namespace tempest::cli {

struct move_args {
  std::string target;  // upgrade: heads, REVISION or +N; downgrade: REVISION, -N or base (none: the last batch)
  bool sql = false;    // print the SQL instead of running it
  std::string start;   // --sql: the revision the database is at (upgrade: none; downgrade: the heads)
  bool resume = false;   // finish a dirty migration first (MySQL/MariaDB)
  bool verbose = false;  // print each statement as it runs
};

namespace detail {

inline upgrade_target upgrade_target_of(const history& h, const std::string& text) {
  if (text.empty() || text == "heads" || text == "head") return upgrade_target::heads();
  if (text.front() == '+') {
    int steps = std::atoi(text.c_str() + 1);
    if (steps <= 0) throw error(fmt::format("upgrade: \"{}\" is not a number of steps (+1, +2, …)", text));
    return upgrade_target::by(steps);
  }
  h.at(text);  // an unknown revision is an error that names it
  return upgrade_target::to(text);
}

inline downgrade_target downgrade_target_of(const history& h, const std::string& text) {
  if (text.empty()) return downgrade_target::last_batch();
  if (text == "base") return downgrade_target::base();
  if (text.front() == '-') {
    int steps = std::atoi(text.c_str() + 1);
    if (steps <= 0) throw error(fmt::format("downgrade: \"{}\" is not a number of steps (-1, -2, …)", text));
    return downgrade_target::by(steps);
  }
  h.at(text);
  return downgrade_target::to(text);
}

inline json result_json(const migration_result& r) {
  json j = {{"revision", r.revision},
            {"label", r.label},
            {"direction", std::string(to_string(r.direction))},
            {"success", r.success},
            {"duration_ms", r.duration.count()},
            {"statements", r.statements}};
  if (!r.error.empty()) j["error"] = r.error;
  return j;
}

// The runner's events as progress lines: one per migration, with its time.
inline std::function<void(const runner_event&)> progress(const context& ctx, bool verbose) {
  return [&ctx, verbose](const runner_event& e) {
    if (e.type == runner_event::kind::statement_started && verbose) ctx.line(fmt::format("      {}", e.sql));
    if (e.type == runner_event::kind::notice) ctx.warn(fmt::format("server notice: {}", e.sql));
    if (e.type != runner_event::kind::migration_finished || !e.result) return;
    const auto& r = *e.result;
    const std::string verb = r.direction == direction::up ? "upgraded" : "reverted";
    if (r.success)
      ctx.line(fmt::format("{} {} ({}) in {} ms", ctx.paint(verb, colour::green), r.revision, r.label,
                           r.duration.count()));
    else
      ctx.line(fmt::format("{} {} ({})", ctx.paint("FAILED", colour::red), r.revision, r.label));
  };
}

inline std::set<std::string> lineage_or_none(const history& h, const std::string& revision) {
  return revision.empty() ? std::set<std::string>{} : h.lineage(revision);
}

inline void print_script(context& ctx, const std::vector<std::string>& statements) {
  const std::string script = to_script(statements);
  if (ctx.json_output()) {
    ctx.doc()["statements"] = statements;
    ctx.doc()["sql"] = script;
  } else {
    *ctx.cfg().out << script;
  }
}

// Runs an upgrade or a downgrade; prints the total, puts every result in the JSON document.
template <class Run>
int run_migrations(context& ctx, std::string_view verb, Run run) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<migration_result> results;
  try {
    results = run();
  } catch (const migration_error& e) {
    json list = json::array();
    for (const auto& r : e.results) list.push_back(result_json(r));
    ctx.doc()["migrations"] = list;
    throw;
  }
  const auto total = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  json list = json::array();
  for (const auto& r : results) list.push_back(result_json(r));
  ctx.doc()["migrations"] = list;
  ctx.doc()["total_ms"] = total.count();
  if (results.empty())
    ctx.line(fmt::format("Nothing to {}.", verb));
  else
    ctx.line(ctx.paint(fmt::format("{} {} {} in {} ms", results.size(), results.size() == 1 ? "migration" : "migrations",
                                   verb == "upgrade" ? "applied" : "reverted", total.count()),
                       colour::bold));
  return exit_code::ok;
}

inline runner_options runner_options_of(const context& ctx, bool verbose) {
  return {ctx.cfg().version_table, ctx.cfg().lock_timeout, progress(ctx, verbose)};
}

}  // namespace detail

inline int upgrade_command(context& ctx, const move_args& args) {
  auto h = history::view(ctx.cfg().migrations);
  auto target = detail::upgrade_target_of(h, args.target);
  if (args.sql) {
    offline_options options{ctx.cfg().version_table, detail::lineage_or_none(h, args.start)};
    detail::print_script(ctx, upgrade_sql(dialect_for(ctx.url_kind()), h, target, options));
    return exit_code::ok;
  }
  connection db = ctx.connect();
  runner r(db, h, detail::runner_options_of(ctx, args.verbose));
  return detail::run_migrations(ctx, "upgrade", [&] { return r.upgrade(target, args.resume); });
}

inline int downgrade_command(context& ctx, const move_args& args) {
  auto h = history::view(ctx.cfg().migrations);
  auto target = detail::downgrade_target_of(h, args.target);
  if (args.sql) {
    std::set<std::string> applied;
    if (args.start.empty())
      for (const auto& m : h.migrations()) applied.insert(m.revision);
    else
      applied = h.lineage(args.start);
    detail::print_script(ctx, downgrade_sql(dialect_for(ctx.url_kind()), h, target, {ctx.cfg().version_table, applied}));
    return exit_code::ok;
  }
  if (ctx.cfg().environment == "production" && !ctx.cfg().allow_downgrade_in_production)
    throw error("downgrade refused: the environment is \"production\" and this tool does not allow downgrades there "
                "(config.allow_downgrade_in_production)");
  connection db = ctx.connect();
  runner r(db, h, detail::runner_options_of(ctx, args.verbose));
  return detail::run_migrations(ctx, "downgrade", [&] { return r.downgrade(target, args.resume); });
}

inline int stamp_command(context& ctx, const std::string& revision) {
  auto h = history::view(ctx.cfg().migrations);
  connection db = ctx.connect();
  auto added = stamp(db, h, revision, {ctx.cfg().version_table, ctx.cfg().lock_timeout});
  ctx.doc()["stamped"] = added;
  if (added.empty()) ctx.line(fmt::format("Nothing to stamp: {} is recorded already.", revision));
  for (const auto& r : added)
    ctx.line(fmt::format("{} {} ({})", ctx.paint("stamped", colour::green), r, h.at(r).label));
  return exit_code::ok;
}

inline int resolve_command(context& ctx, const std::string& revision, const std::string& as) {
  auto how = as == "applied"             ? resolution::applied
             : as == "not-applied"       ? resolution::not_applied
             : as == "statement-applied" ? resolution::statement_applied
                                         : resolution::statement_not_applied;
  auto h = history::view(ctx.cfg().migrations);
  connection db = ctx.connect();
  runner(db, h, detail::runner_options_of(ctx, false)).resolve(revision, how);
  ctx.doc()["resolved"] = revision;
  ctx.doc()["as"] = as;
  ctx.line(fmt::format("resolved {} as {}", revision, as));
  return exit_code::ok;
}

}  // namespace tempest::cli
