#pragma once
// The registry header, all_migrations.hpp: every revision header of a folder, included in order,
// and one function that lists their migrations in the same order:
//
//   #include "20261101090000_create_users.hpp"
//   #include "20261124193000_add_comments.hpp"
//   namespace migrations {
//   inline std::vector<tempest::migration> all_migrations() {
//     return {m20261101090000_create_users(), m20261124193000_add_comments()};
//   }
//   }
//
// tempest writes it whole each time, from the revisions the one it wrote before includes.

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace tempest::codegen {

// Whether `name` is a revision as generate_revision names one: 14 digits, "_", a slug.
inline bool is_revision_name(std::string_view name) {
  if (name.size() < 16 || name[14] != '_') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = i < 14 ? (c >= '0' && c <= '9') : i == 14 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// The revisions a registry includes, in order.
inline std::vector<std::string> registry_revisions(std::string_view text) {
  std::vector<std::string> out;
  constexpr std::string_view directive = "#include \"";
  for (auto at = text.find(directive); at != std::string_view::npos; at = text.find(directive, at + 1)) {
    const auto start = at + directive.size();
    const auto end = text.find(".hpp\"", start);
    if (end == std::string_view::npos) break;
    const auto name = text.substr(start, end - start);
    if (is_revision_name(name)) out.emplace_back(name);
  }
  return out;
}

inline std::string registry_text(const std::vector<std::string>& revisions, const std::string& namespace_name) {
  std::string out =
      "#pragma once\n"
      "// Every migration of this folder, in order: include this one header. Kept by tempest (revision):\n"
      "// a new revision is added at the end.\n\n"
      "#include <vector>\n\n"
      "#include \"tempest/migration/migration.hpp\"\n\n";
  for (const auto& r : revisions) out += fmt::format("#include \"{}.hpp\"\n", r);
  out += fmt::format("\nnamespace {} {{\n\ninline std::vector<tempest::migration> all_migrations() {{\n  return {{\n", namespace_name);
  for (const auto& r : revisions) out += fmt::format("      m{}(),\n", r);
  out += fmt::format("  }};\n}}\n\n}}  // namespace {}\n", namespace_name);
  return out;
}

}  // namespace tempest::codegen
