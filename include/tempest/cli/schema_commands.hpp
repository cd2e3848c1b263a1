#pragma once
// The commands that compare the models with the database: check (the CI gate), diff (the plan with
// its safety classes, not run), sync (the safe part of it, run), diagram. And plan_changes(), the
// comparison `diff` and `revision` share: the models against the live database, the history
// replayed, or a snapshot file.

#include <optional>
#include <string>

#include <fmt/format.h>

#include "tempest/cli/context.hpp"
#include "tempest/cli/diagram.hpp"
#include "tempest/diff/sources.hpp"
#include "tempest/introspect/introspect.hpp"
#include "tempest/runtime/drift.hpp"
#include "tempest/runtime/sync.hpp"

namespace tempest::cli {

struct plan_args {
  std::string from = "live";  // live, history or snapshot
  std::string snapshot;       // --from snapshot: the file
  std::string dialect;        // history, snapshot: the database the plan is for (default: the URL's)
};

struct planned_changes {
  diff_result plan;
  schema before;  // the schema the plan applies to
  std::optional<dialect_kind> dialect;
};

namespace detail {

inline schema models_of(const context& ctx, std::string_view command) {
  if (!ctx.cfg().models)
    throw error(fmt::format("{} compares with the models, and {} was given none (config.models = "
                            "tempest::models<...>)",
                            command, ctx.cfg().program_name));
  return ctx.cfg().models();
}

inline dialect_kind dialect_named(std::string_view name) {
  if (name == "sqlite") return dialect_kind::sqlite;
  if (name == "postgresql" || name == "postgres") return dialect_kind::postgresql;
  if (name == "mysql" || name == "mariadb") return dialect_kind::mysql;
  throw error(fmt::format("unknown dialect \"{}\": expected sqlite, postgresql or mysql", name));
}

inline live_diff_options live_options(const context& ctx) {
  live_diff_options options;
  options.version_table = ctx.cfg().version_table;
  return options;
}

inline json step_json(const planned_step& s) {
  json notes = json::array();
  for (const auto& n : s.safety)
    notes.push_back({{"class", std::string(to_string(n.level))}, {"code", n.code}, {"reason", n.reason}});
  return {{"description", s.description}, {"class", std::string(to_string(s.level()))}, {"safety", notes}};
}

inline json findings_json(const std::vector<diff_finding>& findings) {
  json out = json::array();
  for (const auto& f : findings)
    out.push_back({{"kind", std::string(to_string(f.type))}, {"table", f.table}, {"column", f.column}, {"message", f.message}});
  return out;
}

inline colour class_colour(safety_class c) {
  switch (c) {
    case safety_class::safe: return colour::green;
    case safety_class::locking:
    case safety_class::backward_incompatible: return colour::yellow;
    case safety_class::data_dependent:
    case safety_class::destructive: return colour::red;
  }
  return colour::none;
}

}  // namespace detail

inline planned_changes plan_changes(context& ctx, const plan_args& args, std::string_view command) {
  const schema models = detail::models_of(ctx, command);
  planned_changes out;
  if (args.from == "live") {
    connection db = ctx.connect();
    const auto facts = tempest::detail::with_connection_facts(db, detail::live_options(ctx));
    out.before = introspect(db, {{facts.version_table}});
    out.plan = diff(out.before, models, facts.diff);
    out.dialect = db.kind();
    return out;
  }
  diff_options options;
  options.dialect = args.dialect.empty() ? ctx.url_kind() : detail::dialect_named(args.dialect);
  options.exclude.push_back(ctx.cfg().version_table);
  out.dialect = options.dialect;
  if (args.from == "history") {
    auto h = history::view(ctx.cfg().migrations);
    out.before = h.replay();
    out.plan = diff_history(h, models, options);
  } else if (args.from == "snapshot") {
    if (args.snapshot.empty()) throw error(fmt::format("{} --from snapshot needs --snapshot FILE", command));
    out.before = read_snapshot(args.snapshot);
    out.plan = diff(out.before, models, options);
  } else {
    throw error(fmt::format("{}: --from is live, history or snapshot, not \"{}\"", command, args.from));
  }
  return out;
}

// The CI gate: 0 when the database matches the models, 1 when it does not (the differences in
// words), 2 when it cannot tell.
inline int check_command(context& ctx) {
  const schema models = detail::models_of(ctx, "check");
  connection db = ctx.connect();
  auto differences = check_drift(db, models, detail::live_options(ctx));
  ctx.doc()["in_sync"] = differences.empty();
  ctx.doc()["differences"] = differences;
  if (differences.empty()) {
    ctx.line(ctx.paint("In sync: the database matches the models.", colour::green));
    return exit_code::ok;
  }
  ctx.line(ctx.paint(fmt::format("Drift: the database differs from the models in {} {}:", differences.size(),
                                 differences.size() == 1 ? "way" : "ways"),
                     colour::red));
  for (const auto& d : differences) ctx.line("  - " + d);
  return exit_code::drift;
}

inline int diff_command(context& ctx, const plan_args& args) {
  auto changes = plan_changes(ctx, args, "diff");
  const auto& plan = changes.plan;
  json steps = json::array();
  for (const auto& s : plan.steps) steps.push_back(detail::step_json(s));
  ctx.doc()["from"] = args.from;
  ctx.doc()["steps"] = steps;
  ctx.doc()["worst"] = plan.empty() ? json(nullptr) : json(std::string(to_string(plan.worst())));
  ctx.doc()["findings"] = detail::findings_json(plan.findings);
  if (plan.empty()) {
    ctx.line("No differences: the database matches the models.");
  } else {
    ctx.line(ctx.paint(fmt::format("Plan: {} {} (worst: {}), not run", plan.steps.size(),
                                   plan.steps.size() == 1 ? "step" : "steps", to_string(plan.worst())),
                       colour::bold));
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
      const auto& s = plan.steps[i];
      ctx.line(fmt::format("  {}. {} {}", i + 1,
                           ctx.paint(fmt::format("[{}]", to_string(s.level())), detail::class_colour(s.level())),
                           s.description));
      for (const auto& n : s.safety) ctx.line(fmt::format("       {} {}: {}", to_string(n.level), n.code, n.reason));
    }
  }
  for (const auto& f : plan.findings) ctx.line(fmt::format("note: {}: {}", to_string(f.type), f.message));
  return exit_code::ok;
}

inline int sync_command(context& ctx) {
  const schema models = detail::models_of(ctx, "sync");
  connection db = ctx.connect();
  sync_options options;
  options.diff = detail::live_options(ctx);
  options.lock_timeout = ctx.cfg().lock_timeout;
  auto report = sync_schema(db, models, options);
  json applied = json::array(), skipped = json::array();
  for (const auto& s : report.applied) applied.push_back(detail::step_json(s));
  for (const auto& s : report.skipped) {
    auto j = detail::step_json(s.step);
    j["reason"] = s.reason;
    skipped.push_back(j);
  }
  ctx.doc()["applied"] = applied;
  ctx.doc()["skipped"] = skipped;
  ctx.doc()["findings"] = detail::findings_json(report.findings);
  if (report.applied.empty() && report.skipped.empty()) ctx.line("Nothing to sync: the database has what the models add.");
  for (const auto& s : report.applied) ctx.line(fmt::format("{} {}", ctx.paint("applied:", colour::green), s.description));
  for (const auto& s : report.skipped)
    ctx.line(fmt::format("{} {} ({})", ctx.paint("skipped:", colour::yellow), s.step.description, s.reason));
  for (const auto& f : report.findings) ctx.line(fmt::format("note: {}: {}", to_string(f.type), f.message));
  return exit_code::ok;
}

inline int diagram_command(context& ctx, bool live) {
  schema s;
  if (live) {
    connection db = ctx.connect();
    s = introspect(db, {{ctx.cfg().version_table}});
  } else {
    s = detail::models_of(ctx, "diagram");
  }
  const std::string text = mermaid_diagram(s);
  ctx.doc()["source"] = live ? "live" : "models";
  ctx.doc()["mermaid"] = text;
  if (!ctx.json_output()) *ctx.cfg().out << text;
  return exit_code::ok;
}

}  // namespace tempest::cli
