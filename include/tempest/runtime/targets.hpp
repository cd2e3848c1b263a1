#pragma once
// Where an upgrade or a downgrade stops, and what a run reports.

#include <chrono>
#include <string>
#include <vector>

#include "tempest/error.hpp"

namespace tempest {

enum class direction : std::uint8_t { up, down };

constexpr std::string_view to_string(direction d) noexcept { return d == direction::up ? "up" : "down"; }

struct upgrade_target {
  enum class kind : std::uint8_t { heads, revision, steps };
  kind type = kind::heads;
  std::string revision;
  int steps = 0;

  static upgrade_target heads() { return {}; }
  static upgrade_target to(std::string revision) { return {kind::revision, std::move(revision), 0}; }
  static upgrade_target by(int steps) { return {kind::steps, {}, steps}; }  // "+N"
};

struct downgrade_target {
  enum class kind : std::uint8_t { last_batch, steps, revision, base };
  kind type = kind::last_batch;
  std::string revision;
  int steps = 0;

  static downgrade_target last_batch() { return {}; }
  static downgrade_target by(int steps) { return {kind::steps, {}, steps}; }  // "-N"
  static downgrade_target to(std::string revision) { return {kind::revision, std::move(revision), 0}; }
  static downgrade_target base() { return {kind::base, {}, 0}; }
};

struct migration_result {
  std::string revision;
  std::string label;
  tempest::direction direction = direction::up;
  bool success = false;
  std::string error;                    // empty on success
  std::vector<std::string> statements;  // those executed, the failed one last
  std::chrono::milliseconds duration{};
};

// A migration failed; the database is as the message says (rolled back, or dirty on MySQL).
struct migration_error : error {
  migration_error(const std::string& message, std::vector<migration_result> results)
      : error(message), results(std::move(results)) {}
  std::vector<migration_result> results;  // every migration attempted in the run, the failed one last
};

// The version table records an interrupted or failed migration on a database without transactional
// DDL; the runner will not go on until it is resumed or resolved.
struct dirty_error : error {
  using error::error;
};

// An applied migration whose steps changed since it was applied.
struct checksum_error : error {
  using error::error;
};

struct runner_event {
  enum class kind : std::uint8_t {
    lock_waiting,
    lock_acquired,
    migration_started,
    statement_started,
    migration_finished,
    notice,  // a message the server sent besides results (a PostgreSQL NOTICE or WARNING)
  };
  kind type;
  std::string_view revision;
  std::string_view label;
  tempest::direction direction = direction::up;
  std::size_t statement_index = 0;  // statement_started: 0-based
  std::string_view sql;             // statement_started; notice: the message
  const migration_result* result = nullptr;  // migration_finished
};

enum class migration_state : std::uint8_t {
  applied,
  pending,
  unknown,  // in the version table, not in the migrations given
  dirty,    // failed or interrupted half way (MySQL/MariaDB)
};

constexpr std::string_view to_string(migration_state s) noexcept {
  switch (s) {
    case migration_state::applied: return "applied";
    case migration_state::pending: return "pending";
    case migration_state::unknown: return "applied, unknown";
    case migration_state::dirty: return "dirty";
  }
  return "?";
}

struct status_entry {
  std::string revision;
  std::string label;
  migration_state state = migration_state::pending;
  int batch = 0;
  std::string applied_at;
  bool checksum_mismatch = false;
  std::string error;       // dirty: what failed
  int next_statement = 0;  // dirty: where a resume starts
};

// How to settle a dirty migration once the database has been fixed by hand.
enum class resolution : std::uint8_t {
  applied,      // the migration's changes are in place: record it as applied
  not_applied,  // they are not: forget the record
  // The statement a dirty record stops at (MySQL/MariaDB) took effect, or did not: an upgrade with
  // resume then goes on after it, or runs it again. For a raw SQL step in doubt, which the runner
  // cannot check for itself.
  statement_applied,
  statement_not_applied,
};

}  // namespace tempest
