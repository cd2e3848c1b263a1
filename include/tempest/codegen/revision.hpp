#pragma once
// The next migration as a C++ header: generate_revision writes it (and the registry with it), and
// write_revision puts both in their folder.
//
//   code mode: migration_builder calls (emit_code.hpp), each table spelled out column by column;
//              the down is derived from the up, so none is written (a comment says so when a step
//              cannot be reverted);
//   raw mode:  the SQL of one dialect, up and down, in one b.sql(up, down, dialect) step.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/codegen/emit_code.hpp"
#include "tempest/codegen/registry.hpp"
#include "tempest/dialect/registry.hpp"
#include "tempest/error.hpp"
#include "tempest/ops/apply.hpp"
#include "tempest/ops/inverse.hpp"
#include "tempest/runtime/offline.hpp"

namespace tempest::codegen {

enum class output_mode { code, raw };

struct revision_request {
  std::string message;                       // the label; also the file name's slug
  std::vector<operation> up;                 // the plan (diff(...).operations()), in order
  schema before;                             // the schema the plan applies to
  std::vector<std::string> down_revisions;   // the current heads
  std::string directory;                     // the output folder (created when missing)
  output_mode mode = output_mode::code;
  std::optional<dialect_kind> dialect;       // raw mode: the SQL dialect (required there)
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  std::string namespace_name = "migrations";  // the C++ namespace of generated code
};

struct generated_revision {
  std::string revision;       // "<timestamp>_<slug>", e.g. 20261124193000_add_comments
  std::string path;           // <directory>/<revision>.hpp
  std::string text;           // the header
  std::string registry_path;  // <directory>/all_migrations.hpp
  std::string registry_text;  // the registry after adding this revision
};

namespace detail {

// For each step, why it cannot be reverted (empty if it can), found by applying the steps to
// `before` and inverting each.
inline std::vector<std::string> irreversible_steps(const std::vector<operation>& steps, const schema& before) {
  std::vector<std::string> out(steps.size());
  schema state = before;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    operation step = steps[i];
    try {
      apply(state, step);
      (void)inverse(step);
    } catch (const irreversible_error& e) {
      out[i] = fmt::format("This step cannot be reverted ({}): the derived down fails here. To downgrade, give the "
                           "migration a .down that undoes every step by hand.", e.what());
    } catch (const error&) {
      // The plan does not apply to `before` as given: the runner reports that where it runs.
    }
  }
  return out;
}

// The statements as one script; SQLite's table rebuilds spelled out as an offline script does.
inline std::string script_of(const dialect& d, const migration_plan& plan) {
  std::vector<std::string> sql;
  for (const auto& s : plan.statements) {
    if (s.type == statement::kind::sqlite_rebuild)
      for (auto& one : s.rebuild->offline_statements(d)) sql.push_back(std::move(one));
    else
      sql.push_back(s.sql);
  }
  return to_script(sql);
}

inline std::string raw_body(const revision_request& r, const std::string& revision, std::string& notes) {
  if (!r.dialect) throw error(fmt::format("revision {}: raw output needs a dialect", revision));
  const dialect& d = dialect_for(*r.dialect);
  migration m{revision, r.down_revisions, r.message, [&](migration_builder& b) {
                for (const auto& step : r.up) b.add(step);
              }, {}};
  schema state = r.before;
  auto up = plan_up(d, m, state, false, value_style::literals);
  std::optional<std::string> down;
  try {
    schema back = state;
    down = script_of(d, plan_down(d, m, r.before, back, false, value_style::literals));
  } catch (const irreversible_error& e) {
    notes += fmt::format("// It cannot be downgraded ({}): write the down SQL by hand as b.sql's second argument.\n", one_line(e.what()));
  }
  if (up.foreign_keys_off)
    notes += "// SQLite rebuilds a table here: run it with foreign keys off (PRAGMA foreign_keys = OFF) if rows refer to it.\n";
  const std::string indent = "            ";
  return fmt::format("{}b.sql({},\n{}      {},\n{}      tempest::dialect_kind::{});\n", indent,
                     cpp_multiline_string(script_of(d, up), indent + "      "), indent,
                     down ? cpp_multiline_string(*down, indent + "      ") : "std::nullopt", indent, to_string(*r.dialect));
}

// What a revision header holds; `down_body` empty: the down is derived.
struct header_parts {
  std::string namespace_name, revision, label;
  std::vector<std::string> down_revisions;
  std::string how, notes, up_body, down_body;
};

inline std::string revision_header(const header_parts& h) {
  std::string down;
  if (!h.down_body.empty())
    down = fmt::format("      .down =\n          [](tempest::migration_builder& b) {{\n{}          }},\n", h.down_body);
  return fmt::format(
      "#pragma once\n"
      "// {}\n"
      "// Generated by tempest ({}): review it before applying it.\n"
      "{}\n"
      "#include <chrono>\n#include <cstddef>\n#include <cstdint>\n#include <limits>\n#include <optional>\n"
      "#include <string>\n#include <variant>\n#include <vector>\n\n"
      "#include \"tempest/migration/migration.hpp\"\n\n"
      "namespace {} {{\n\n"
      "inline tempest::migration m{}() {{\n"
      "  return {{\n"
      "      .revision = {},\n"
      "      .down_revisions = {},\n"
      "      .label = {},\n"
      "      .up =\n"
      "          [](tempest::migration_builder& b) {{\n"
      "{}"
      "          }},\n"
      "{}"
      "  }};\n"
      "}}\n\n"
      "}}  // namespace {}\n",
      cpp_string(h.label), h.how, h.notes, h.namespace_name, h.revision, cpp_string(h.revision), cpp_strings(h.down_revisions),
      cpp_string(h.label), h.up_body, down, h.namespace_name);
}

inline std::string join_path(const std::string& directory, const std::string& file) {
  return (std::filesystem::path(directory.empty() ? "." : directory) / file).string();
}

}  // namespace detail

// The revision header and the registry with it added. Reads the registry of `r.directory` if there
// is one; writes nothing.
inline generated_revision generate_revision(const revision_request& r) {
  if (!valid_namespace(r.namespace_name))
    throw error(fmt::format("revision: \"{}\" is not a C++ namespace name", r.namespace_name));
  if (r.mode == output_mode::raw && !r.dialect) throw error("revision: raw output needs a dialect (--dialect)");
  generated_revision out;
  out.revision = timestamp(r.now) + "_" + slug(r.message);
  out.path = detail::join_path(r.directory, out.revision + ".hpp");
  out.registry_path = detail::join_path(r.directory, "all_migrations.hpp");

  std::string notes, body;
  const std::string indent = "            ";
  if (r.mode == output_mode::code) {
    auto irreversible = detail::irreversible_steps(r.up, r.before);
    body = builder_calls(r.up, indent, irreversible);
    if (std::any_of(irreversible.begin(), irreversible.end(), [](const std::string& s) { return !s.empty(); }))
      notes += "// Some steps cannot be reverted (see the comments below): the derived down fails at them.\n";
    else
      notes += "// Its down is derived from its up: each step undone, in reverse order.\n";
  } else {
    body = detail::raw_body(r, out.revision, notes);
    notes = fmt::format("// The SQL of {} only.\n", to_string(*r.dialect)) + notes;
  }

  out.text = detail::revision_header({r.namespace_name, out.revision, r.message, r.down_revisions,
                                      r.mode == output_mode::code ? "revision, code mode" : "revision, raw mode", notes, body,
                                      {}});

  std::vector<std::string> revisions;
  if (std::ifstream in(out.registry_path); in) {
    std::stringstream existing;
    existing << in.rdbuf();
    revisions = registry_revisions(existing.str());
  }
  std::erase(revisions, out.revision);
  revisions.push_back(out.revision);
  out.registry_text = registry_text(revisions, r.namespace_name);
  return out;
}

namespace detail {

// Writes `text` to a file beside `path`, then renames it over `path`: a reader sees the old file
// or the new one, never half of one.
inline void replace_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) throw error(fmt::format("revision: cannot write {}", temporary));
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) throw error(fmt::format("revision: cannot rename {} to {}: {}", temporary, path, ec.message()));
}

}  // namespace detail

// Creates the folder if missing, then writes the revision header and the registry.
inline void write_revision(const generated_revision& g) {
  std::error_code ec;
  const auto folder = std::filesystem::path(g.path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  if (ec) throw error(fmt::format("revision: cannot create the folder {}: {}", folder.string(), ec.message()));
  detail::replace_file(g.path, g.text);
  detail::replace_file(g.registry_path, g.registry_text);
}

}  // namespace tempest::codegen
