#pragma once
// The live database against the models: diff_database() plans the change, check_drift() says in
// words what differs (empty: in sync), for a CI gate.
//
// Introspection takes a fixed number of catalog queries whatever the number of tables, and the
// comparison is linear in the size of the schema, so a drift check of thousands of tables takes
// a fraction of a second.

#include <charconv>
#include <string>
#include <vector>

#include "tempest/diff/diff.hpp"
#include "tempest/introspect/introspect.hpp"

namespace tempest {

struct live_diff_options {
  diff_options diff;  // dialect, server version and default collation are filled in from the connection
  std::string version_table = "tempest_migrations";  // tempest's own, never compared
};

namespace detail {

// The server's version as diff_options::server_version counts it.
inline int server_version(connection& db) {
  auto number = [](std::string_view text, std::size_t& at) {
    int n = 0;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + text.size(), n);
    at = static_cast<std::size_t>(end - text.data()) + 1;
    return ec == std::errc() ? n : 0;
  };
  if (db.kind() == dialect_kind::postgresql) {
    auto text = db.query("SHOW server_version_num").at(0).at(0).value_or("0");
    std::size_t at = 0;
    return number(text, at);
  }
  auto text = db.query(db.kind() == dialect_kind::mysql ? "SELECT VERSION()" : "SELECT sqlite_version()").at(0).at(0).value_or("");
  std::size_t at = 0;
  int major = number(text, at), minor = number(text, at), patch = number(text, at);
  return major * 10000 + minor * 100 + patch;
}

inline live_diff_options with_connection_facts(connection& db, live_diff_options options) {
  options.diff.dialect = db.kind();
  if (!options.diff.server_version) options.diff.server_version = server_version(db);
  if (db.kind() == dialect_kind::mysql && options.diff.default_collation.empty())
    options.diff.default_collation = db.query("SELECT @@collation_database").at(0).at(0).value_or("");
  options.diff.exclude.push_back(options.version_table);
  options.diff.exclude.push_back(std::string(sqlite_rebuild_prefix) + "*");
  return options;
}

}  // namespace detail

// What the live database lacks or has differently from `models`, as a plan.
inline diff_result diff_database(connection& db, const schema& models, const live_diff_options& options = {}) {
  auto facts = detail::with_connection_facts(db, options);
  return diff(introspect(db, {{facts.version_table}}), models, facts.diff);
}

// The differences between the live database and `models`, in words; empty means in sync. A table
// that is not in the models is not a difference (it is left alone); a drop and an add that may be
// a rename are.
inline std::vector<std::string> check_drift(connection& db, const schema& models, const live_diff_options& options = {}) {
  return diff_database(db, models, options).differences();
}

}  // namespace tempest
