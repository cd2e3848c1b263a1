#pragma once
// `revision -m MSG [--autogenerate]`: writes the next migration — empty, or the plan that brings
// the schema it is compared with (the live database, the history, a snapshot) to the models —
// as a C++ header in the migrations folder, through tempest/codegen (generate_revision,
// write_revision).

#include <string>
#include <vector>

#include <fmt/ranges.h>

#include <fmt/format.h>

#include "tempest/cli/schema_commands.hpp"
#include "tempest/runtime/runner.hpp"
#include "tempest/runtime/verify.hpp"

// The code generator lives beside the command line; a build without it still has every other command.
#if __has_include("tempest/codegen/revision.hpp")
#include "tempest/codegen/revision.hpp"
#define TEMPEST_CLI_HAS_CODEGEN 1
#else
#define TEMPEST_CLI_HAS_CODEGEN 0
#endif

namespace tempest::cli {

inline constexpr std::string_view no_changes_message = "No new changes detected between database schema and models";

struct revision_args {
  std::string message;
  bool autogenerate = false;
  plan_args source;
  std::string output = "code";  // code or raw
  bool dry = false;             // print the file instead of writing it
  bool verify = false;          // check the plan on a scratch database first
  std::string directory;        // where to write (default: config.migrations_directory)
};

inline int revision_command(context& ctx, const revision_args& args) {
  if (args.message.empty()) throw error("revision needs a message: -m \"what the migration does\"");
  if (args.output != "code" && args.output != "raw")
    throw error(fmt::format("revision: --output is code or raw, not \"{}\"", args.output));
  planned_changes changes;
  if (args.autogenerate) {
    // Compared with a database that is behind, the plan would repeat what the pending migrations do.
    if (args.source.from == "live") {
      connection db = ctx.connect();
      auto h = history::view(ctx.cfg().migrations);
      std::vector<std::string> behind;
      for (const auto& e : runner(db, h, {ctx.cfg().version_table, ctx.cfg().lock_timeout, {}}).status())
        if (e.state == migration_state::pending || e.state == migration_state::dirty) behind.push_back(e.revision);
      if (!behind.empty())
        throw error(fmt::format("revision --autogenerate: the database is not at the heads ({} not applied: {}); "
                                "upgrade it first, or compare with --from history",
                                behind.size(), fmt::join(behind, ", ")));
    }
    changes = plan_changes(ctx, args.source, "revision");
    if (changes.plan.empty()) {
      ctx.doc()["changes"] = false;
      ctx.doc()["message"] = std::string(no_changes_message);
      ctx.line(no_changes_message);
      return exit_code::ok;
    }
    if (args.verify) {
      connection db = ctx.connect();
      require_verified(db, changes.before, changes.plan, detail::models_of(ctx, "revision"));
      ctx.line(ctx.paint("verified: the plan leaves nothing to differ on a scratch database", colour::green));
    }
  }
#if TEMPEST_CLI_HAS_CODEGEN
  auto h = history::view(ctx.cfg().migrations);
  codegen::revision_request request;
  request.message = args.message;
  request.up = changes.plan.operations();
  request.before = changes.before;
  request.down_revisions = h.heads();
  request.directory = args.directory.empty() ? ctx.cfg().migrations_directory : args.directory;
  request.mode = args.output == "raw" ? codegen::output_mode::raw : codegen::output_mode::code;
  if (!args.source.dialect.empty()) request.dialect = detail::dialect_named(args.source.dialect);
  else if (changes.dialect) request.dialect = changes.dialect;
  else if (args.output == "raw") request.dialect = ctx.url_kind();
  request.namespace_name = ctx.cfg().namespace_name;
  auto generated = codegen::generate_revision(request);
  json steps = json::array();
  for (const auto& s : changes.plan.steps) steps.push_back(detail::step_json(s));
  ctx.doc()["changes"] = true;
  ctx.doc()["revision"] = generated.revision;
  ctx.doc()["path"] = generated.path;
  ctx.doc()["registry_path"] = generated.registry_path;
  ctx.doc()["steps"] = steps;
  ctx.doc()["written"] = !args.dry;
  if (args.dry) {
    ctx.doc()["text"] = generated.text;
    if (!ctx.json_output()) *ctx.cfg().out << generated.text;
    return exit_code::ok;
  }
  codegen::write_revision(generated);
  ctx.line(fmt::format("{} {}", ctx.paint("Generated", colour::green), generated.path));
  for (const auto& s : changes.plan.steps)
    ctx.line(fmt::format("  [{}] {}", to_string(s.level()), s.description));
  ctx.line(fmt::format("Updated {}: rebuild to include it.", generated.registry_path));
  return exit_code::ok;
#else
  throw error("revision: this build has no code generator (tempest/codegen/revision.hpp)");
#endif
}

}  // namespace tempest::cli
