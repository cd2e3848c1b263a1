#pragma once
// tempest::cli::run(argc, argv, config): the command line an application compiles into its own
// small migrate tool.
//
//   int main(int argc, char** argv) {
//     tempest::cli::config cfg;
//     cfg.url = "sqlite:app.db";
//     cfg.migrations = migrations::all_migrations();
//     cfg.models = tempest::models<User, Post>;
//     return tempest::cli::run(argc, argv, cfg);
//   }
//
// Never interactive. Text on a terminal is coloured unless NO_COLOR is set; --format json prints
// one JSON document on stdout for every command, errors included. Exit codes: 0 success, 1 drift
// (check only), 2 error.

#include <cstdlib>
#include <functional>
#include <string>
#include <tuple>

#include <CLI/CLI.hpp>

#include "tempest/cli/context.hpp"
#include "tempest/cli/info_commands.hpp"
#include "tempest/cli/migrate_commands.hpp"
#include "tempest/cli/revision_command.hpp"
#include "tempest/cli/schema_commands.hpp"
#include "tempest/runtime/lock.hpp"
#include "tempest/runtime/verify.hpp"

namespace tempest::cli {

inline constexpr std::string_view exit_codes_help =
    "Exit codes: 0 success; 1 the database differs from the models (check only); 2 an error (bad arguments, an "
    "unreachable database, a failed migration, a dirty record, ...).\n"
    "Environment: TEMPEST_DATABASE_URL is the database URL when --url is not given; NO_COLOR turns colour off.";

namespace detail {

inline std::string error_kind(const std::exception& e) {
  if (dynamic_cast<const migration_error*>(&e)) return "migration";
  if (dynamic_cast<const dirty_error*>(&e)) return "dirty";
  if (dynamic_cast<const checksum_error*>(&e)) return "checksum";
  if (dynamic_cast<const connection_error*>(&e)) return "connection";
  if (dynamic_cast<const lock_timeout_error*>(&e)) return "lock_timeout";
  if (dynamic_cast<const history_error*>(&e)) return "history";
  if (dynamic_cast<const verify_error*>(&e)) return "verify";
  if (dynamic_cast<const sql_error*>(&e)) return "sql";
  if (dynamic_cast<const tempest::error*>(&e)) return "error";
  return "internal";
}

// Whether --format json was asked for, read before parsing succeeds (a usage error is JSON too).
inline bool asks_for_json(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--format=json" || (a == "--format" && i + 1 < argc && std::string_view(argv[i + 1]) == "json")) return true;
  }
  return false;
}

inline void print_json(const config& cfg, const json& doc) { *cfg.out << doc.dump(2) << '\n'; }

}  // namespace detail

inline int run(int argc, char** argv, const config& cfg) {
  CLI::App app{cfg.description, cfg.program_name};
  app.footer(std::string(exit_codes_help));
  app.fallthrough();
  app.require_subcommand(1);
  std::string url_option, format = "text";
  bool no_colour = false;
  app.add_option("--url", url_option, "The database URL (default: TEMPEST_DATABASE_URL, then the tool's own)");
  app.add_option("--format", format, "Output: text (default) or json, one JSON document on stdout")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_flag("--no-color", no_colour, "Plain text even on a terminal");

  std::string name;
  auto add = [&](const std::string& sub, const std::string& help) {
    auto* s = app.add_subcommand(sub, help);
    s->callback([&, sub] { name = sub; });
    return s;
  };

  move_args up, down;
  using move_command = std::tuple<move_args*, const char*, const char*, const char*>;
  for (auto [args, sub, help, target_help] : std::initializer_list<move_command>{
           move_command{&up, "upgrade", "Apply pending migrations up to the heads (or a target)",
                   "heads (default), a revision, or +N for the next N"},
           move_command{&down, "downgrade", "Revert the last batch of migrations (or down to a target)",
                   "a revision to keep, -N for the last N, or base for all (default: the last batch)"}}) {
    auto* s = add(sub, help);
    s->add_option("target", args->target, target_help);
    s->add_flag("--sql", args->sql, "Print the SQL instead of running it (no database needed)");
    s->add_option("--start", args->start, "With --sql: the revision the database is at");
    s->add_flag("--resume", args->resume, "Finish a dirty migration first (MySQL/MariaDB)");
    s->add_flag("-v,--verbose", args->verbose, "Print each statement as it runs");
  }
  add("status", "Every migration: applied, pending, dirty");
  add("current", "The revisions the database is at");
  add("heads", "The head revisions of the history");
  add("history", "The revision graph, newest first");
  std::string stamp_revision;
  add("stamp", "Record a revision and those before it as applied, without running them")
      ->add_option("revision", stamp_revision, "The revision, or heads")
      ->required();
  std::string resolve_revision, resolve_as;
  auto* resolve = add("resolve", "Settle a dirty migration record (MySQL/MariaDB) after fixing the database by hand");
  resolve->add_option("revision", resolve_revision, "The dirty revision")->required();
  resolve->add_option("--as", resolve_as, "applied, not-applied, statement-applied or statement-not-applied")
      ->required()
      ->check(CLI::IsMember({"applied", "not-applied", "statement-applied", "statement-not-applied"}));
  add("check", "Exit 1 when the database differs from the models (the CI gate), listing the differences");
  add("sync", "Add what the models have and the database lacks, running only safe steps");
  plan_args diff_args;
  auto* diff = add("diff", "The plan from the database to the models with each step's safety class, not run");
  auto add_source = [](CLI::App* s, plan_args& a) {
    s->add_option("--from", a.from, "Compare the models with: live (default), history or snapshot")
        ->check(CLI::IsMember({"live", "history", "snapshot"}));
    s->add_option("--snapshot", a.snapshot, "The snapshot file, with --from snapshot");
    s->add_option("--dialect", a.dialect, "sqlite, postgresql or mysql (default: the database URL's)");
  };
  add_source(diff, diff_args);
  bool live_diagram = false;
  add("diagram", "A Mermaid ER diagram of the models")->add_flag("--live", live_diagram, "Of the live database instead");
  revision_args rev;
  auto* revision = add("revision", "Write a new migration file (with --autogenerate: the changes to the models)");
  revision->add_option("-m,--message", rev.message, "What the migration does; also its file name")->required();
  revision->add_flag("--autogenerate", rev.autogenerate, "Fill it with the plan from the database to the models");
  add_source(revision, rev.source);
  revision->add_option("--output", rev.output, "code (builder calls, default) or raw (SQL for one dialect)")
      ->check(CLI::IsMember({"code", "raw"}));
  revision->add_flag("--dry", rev.dry, "Print the file instead of writing it");
  revision->add_option("--directory", rev.directory, "Where to write it (default: " + cfg.migrations_directory + ")");
  revision->add_flag("--verify", rev.verify, "Apply the plan to a scratch database first; refuse if drift remains");

  freeze_args freeze;
  auto* freeze_sub = add("freeze", "Spell out the create_table<Model>() tables of a migration, keeping its checksum");
  freeze_sub->add_option("revision", freeze.revision, "The migration")->required();
  freeze_sub->add_option("--directory", freeze.directory, "Where its header is (default: " + cfg.migrations_directory + ")");
  freeze_sub->add_flag("--dry", freeze.dry, "Print the header instead of replacing it");

  const bool json_wanted = detail::asks_for_json(argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e, *cfg.out, *cfg.err);
    if (json_wanted) {
      detail::print_json(cfg, {{"command", name}, {"ok", false}, {"exit_code", exit_code::failure},
                               {"error", {{"type", "usage"}, {"message", e.what()}}}});
    } else {
      app.exit(e, *cfg.out, *cfg.err);
    }
    return exit_code::failure;
  }

  std::string url = url_option;
  if (url.empty())
    if (const char* env = std::getenv("TEMPEST_DATABASE_URL"); env && *env) url = env;
  if (url.empty()) url = cfg.url;
  context ctx(cfg, url, format == "json", !no_colour && detail::colour_wanted(cfg));
  ctx.doc()["command"] = name;
  int code = exit_code::failure;
  try {
    if (name == "upgrade") code = upgrade_command(ctx, up);
    else if (name == "downgrade") code = downgrade_command(ctx, down);
    else if (name == "status") code = status_command(ctx);
    else if (name == "current") code = current_command(ctx);
    else if (name == "heads") code = heads_command(ctx);
    else if (name == "history") code = history_command(ctx);
    else if (name == "stamp") code = stamp_command(ctx, stamp_revision);
    else if (name == "resolve") code = resolve_command(ctx, resolve_revision, resolve_as);
    else if (name == "check") code = check_command(ctx);
    else if (name == "sync") code = sync_command(ctx);
    else if (name == "diff") code = diff_command(ctx, diff_args);
    else if (name == "diagram") code = diagram_command(ctx, live_diagram);
    else if (name == "revision") code = revision_command(ctx, rev);
    else if (name == "freeze") code = freeze_command(ctx, freeze);
    ctx.doc()["ok"] = true;
  } catch (const std::exception& e) {
    code = exit_code::failure;
    const std::string message = ctx.redact(e.what());
    ctx.doc()["ok"] = false;
    ctx.doc()["error"] = {{"type", detail::error_kind(e)}, {"message", message}};
    if (!ctx.json_output()) *cfg.err << ctx.paint("error: ", colour::red) << message << '\n';
  }
  ctx.doc()["exit_code"] = code;
  if (ctx.json_output()) detail::print_json(cfg, ctx.doc());
  return code;
}

}  // namespace tempest::cli
