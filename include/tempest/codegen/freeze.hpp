#pragma once
// freeze: a migration that creates tables with create_table<Model>() rewritten with those tables
// spelled out column by column, as the models make them now. Its steps, and so its checksum, stay
// the same; afterwards the models can change without changing the migration.
//
// Freeze while the models are still as they were when the migration was applied: `applied_checksum`
// (the version table's) must then equal the migration's checksum, and freezing refuses otherwise.

#include <filesystem>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tempest/codegen/emit_code.hpp"
#include "tempest/codegen/revision.hpp"
#include "tempest/error.hpp"
#include "tempest/migration/migration.hpp"

namespace tempest::codegen {

struct frozen_revision {
  std::string path;  // <directory>/<revision>.hpp
  std::string text;  // the header, spelled out
  bool exists = false;  // the folder holds a header of that revision already (write_frozen replaces it)
};

inline frozen_revision freeze_revision(const migration& m, const std::string& directory,
                                       const std::optional<std::string>& applied_checksum = {},
                                       const std::string& namespace_name = "migrations") {
  const auto from_models = m.tables_from_models();
  if (from_models.empty())
    throw error(fmt::format("freeze: migration \"{}\" ({}) creates no table with create_table<Model>(): it is spelled out already",
                            m.revision, m.label));
  if (applied_checksum && *applied_checksum != m.checksum())
    throw error(fmt::format(
        "freeze: migration \"{}\" ({}) was applied with checksum {}, and its models now give {}: the models of table(s) {} "
        "changed since. Freezing now would write the new tables, not the applied ones. Restore those models as they "
        "were, freeze, then change them again",
        m.revision, m.label, *applied_checksum, m.checksum(), fmt::join(from_models, ", ")));
  const std::string indent = "            ";
  std::vector<std::string> quoted;  // as C++ strings: a name cannot end the comment
  for (const auto& name : from_models) quoted.push_back(cpp_string(name));
  std::string notes = fmt::format("// Frozen from create_table<Model>() of {}: the tables as the models made them.\n",
                                  fmt::join(quoted, ", "));
  detail::header_parts h{namespace_name, m.revision, m.label, m.down_revisions, "freeze", notes,
                         builder_calls(m.up_operations(), indent), {}};
  if (m.down) {
    h.down_body = builder_calls(m.explicit_down_operations(), indent);
    if (h.down_body.empty()) h.down_body = indent + "// nothing\n";
  }
  frozen_revision out;
  out.path = detail::join_path(directory, m.revision + ".hpp");
  out.text = detail::revision_header(h);
  out.exists = std::filesystem::exists(out.path);
  return out;
}

// Replaces the migration's header in its folder.
inline void write_frozen(const frozen_revision& f) { detail::replace_file(f.path, f.text); }

}  // namespace tempest::codegen
