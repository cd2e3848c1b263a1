#pragma once
// migration_source and migrate(source): what an application calls at start-up.
//
//   tempest::migration_source source{
//     .url = "sqlite:app.db",
//     .models = tempest::models<Role, User>,
//     .migrations = app::all_migrations(),
//   };
//   tempest::migrate(source);

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tempest/model/reflect.hpp"
#include "tempest/runtime/runner.hpp"
#include "tempest/runtime/sync.hpp"

namespace tempest {

// tempest::models<A, B>: the schema a set of models describes, as a value a source can hold.
template <model... Models>
inline constexpr schema (*models)() = &reflect<Models...>;

struct migration_source {
  std::string url;                      // sqlite:…, postgresql://…, mysql://…; or, instead:
  soci::session* session = nullptr;     // an open session of the application's
  dialect_kind session_dialect = dialect_kind::sqlite;  // the database behind `session`
  schema (*models)() = nullptr;         // the models the schema should match (tempest::models<...>)
  std::vector<migration> migrations;
  std::string table = "tempest_migrations";
  bool run_migrations = true;
  // After the migrations: adds what the models have and the database lacks (tables, columns,
  // indexes), running only safe steps (runtime/sync.hpp). For development builds.
  bool sync_schemas = false;
  std::string environment = "development";
  bool allow_downgrade_in_production = false;
  std::chrono::milliseconds lock_timeout{60'000};
  std::function<void(const runner_event&)> on_event;
};

struct migrate_report {
  std::vector<migration_result> migrations;  // those applied by this call, in order
  std::optional<sync_report> sync;           // with sync_schemas: what it applied and skipped
};

namespace detail {

inline connection connect(const migration_source& source) {
  if (source.session) return connection(*source.session, source.session_dialect);
  if (source.url.empty()) throw connection_error("migration_source: give a url or a session");
  return connection(source.url);
}

inline runner_options options_of(const migration_source& source) {
  return {source.table, source.lock_timeout, source.on_event};
}

}  // namespace detail

// Brings the database up to the head revisions. Safe to call from any number of processes at once.
inline migrate_report migrate(const migration_source& source) {
  if (source.sync_schemas && !source.models)
    throw error("migration_source.sync_schemas is set but the source has no models (set .models = tempest::models<...>)");
  migrate_report report;
  if (!source.run_migrations && !source.sync_schemas) return report;
  connection db = detail::connect(source);
  if (source.run_migrations) {
    auto h = history::view(source.migrations);
    report.migrations = runner(db, h, detail::options_of(source)).upgrade();
  }
  if (source.sync_schemas) {
    sync_options options;
    options.diff.version_table = source.table;
    options.lock_timeout = source.lock_timeout;
    report.sync = sync_schema(db, source.models(), options);
  }
  return report;
}

// Reverts the last batch (or `target`). Refused when the source's environment is "production",
// unless allow_downgrade_in_production is set.
inline std::vector<migration_result> migrate_down(const migration_source& source,
                                                  const downgrade_target& target = downgrade_target::last_batch()) {
  if (source.environment == "production" && !source.allow_downgrade_in_production)
    throw error("downgrade refused: the migration source's environment is \"production\"; set "
                "allow_downgrade_in_production to allow it");
  connection db = detail::connect(source);
  auto h = history::view(source.migrations);
  return runner(db, h, detail::options_of(source)).downgrade(target);
}

inline std::vector<status_entry> migration_status(const migration_source& source) {
  connection db = detail::connect(source);
  auto h = history::view(source.migrations);
  return runner(db, h, detail::options_of(source)).status();
}

}  // namespace tempest
