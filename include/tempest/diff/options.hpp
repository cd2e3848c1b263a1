#pragma once
// What diff(current, target, options) compares, and how.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tempest/dialect/dialect.hpp"

namespace tempest {

// A table name pattern: `*` stands for any run of characters, `?` for one character; everything
// else matches itself, case-sensitively ("auth_*", "spatial_ref_sys", "pg_*").
inline bool matches_pattern(std::string_view pattern, std::string_view name) {
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

struct diff_options {
  // The database both schemas are read as (each is brought to its stored_form(): what the
  // database reports back for it). Without one, the schemas are compared as they are.
  std::optional<dialect_kind> dialect;
  // The server's version: PostgreSQL's server_version_num (150004 for 15.4); elsewhere major * 10000
  // + minor * 100 + patch (101106 for MariaDB 10.11.6). 0: unknown, read as a current release.
  int server_version = 0;
  // MySQL: the database's default collation. A table whose collation is this one reads back with
  // none, so it is compared as none on both sides.
  std::string default_collation;
  // Tables to compare: when `include` is not empty, only those matching one of its patterns; never
  // those matching a pattern of `exclude`. Other tables are not looked at, on either side.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // A constraint or index that differs from the target only in its name is renamed (true) or left
  // with the name it has (false).
  bool rename_constraints = true;

  bool compares(std::string_view table_name) const {
    for (const auto& pattern : exclude)
      if (matches_pattern(pattern, table_name)) return false;
    if (include.empty()) return true;
    for (const auto& pattern : include)
      if (matches_pattern(pattern, table_name)) return true;
    return false;
  }
};

}  // namespace tempest
