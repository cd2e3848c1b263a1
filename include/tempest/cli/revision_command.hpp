#pragma once
// `revision -m MSG [--autogenerate]`: writes the next migration — empty, or the plan that brings
// the schema it is compared with (the live database, the history, a snapshot) to the models —
// as a C++ header in the migrations folder, through tempest/codegen (generate_revision,
// write_revision).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/cli/schema_commands.hpp"
#include "tempest/codegen/freeze.hpp"
#include "tempest/codegen/revision.hpp"
#include "tempest/runtime/runner.hpp"
#include "tempest/runtime/verify.hpp"


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
}

struct freeze_args {
  std::string revision;
  std::string directory;  // where its header is (default: config.migrations_directory)
  bool dry = false;       // print the header instead of writing it
};

// `freeze REVISION`: its create_table<Model>() tables spelled out as the models make them, which is
// how it was applied as long as its checksum still matches the version table's. The header in the
// migrations folder is replaced; a migration written elsewhere gets the text printed, to paste.
inline int freeze_command(context& ctx, const freeze_args& args) {
  auto h = history::view(ctx.cfg().migrations);
  const migration* m = h.find(args.revision);
  if (!m) throw error(fmt::format("freeze: no migration \"{}\" in the history", args.revision));
  std::optional<std::string> applied_checksum;
  {
    connection db = ctx.connect();
    if (auto rows = version_table(db, ctx.cfg().version_table).rows_if_exists())
      for (auto& row : *rows)
        if (row.revision == m->revision && row.state == "applied") applied_checksum = row.checksum;
  }
  auto frozen = codegen::freeze_revision(*m, args.directory.empty() ? ctx.cfg().migrations_directory : args.directory,
                                         applied_checksum, ctx.cfg().namespace_name);
  const bool write = frozen.exists && !args.dry;
  ctx.doc()["revision"] = m->revision;
  ctx.doc()["path"] = frozen.path;
  ctx.doc()["written"] = write;
  ctx.doc()["applied"] = applied_checksum.has_value();
  if (!write) {
    ctx.doc()["text"] = frozen.text;
    if (!ctx.json_output()) {
      if (!frozen.exists && !args.dry)
        ctx.line(fmt::format("{} is not in {}: replace the migration's definition with this:", m->revision,
                             std::filesystem::path(frozen.path).parent_path().string()));
      *ctx.cfg().out << frozen.text;
    }
    return exit_code::ok;
  }
  codegen::write_frozen(frozen);
  ctx.line(fmt::format("{} {}: its tables are spelled out; the checksum is unchanged", ctx.paint("Froze", colour::green),
                       frozen.path));
  return exit_code::ok;
}

}  // namespace tempest::cli
