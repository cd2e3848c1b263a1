// Quickstart: an application that keeps its embedded SQLite database in step with its models at
// start-up. Its migrations create the roles table; in a development build (no NDEBUG) sync_schemas
// adds what the models have beyond them (the users table, until a migration is written for it).
//
//   scripts/quickstart            # or: quickstart [sqlite:path.db | postgresql://… | mysql://…]
//
// Run it twice: the second start finds nothing to do.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <tempest/migrations.hpp>

namespace app {

struct Role {
  std::int64_t id;
  std::string name;
};
TEMPEST_MODEL(Role, "roles",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(50), tempest::unique));

struct User {
  std::int64_t id;
  std::string name;
  std::optional<std::string> email;  // optional ⇒ nullable
  bool active;
  std::int64_t role_id;
};
TEMPEST_MODEL(User, "users",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(100)),
              (email, tempest::length(255), tempest::unique),
              (active, tempest::default_value(true), tempest::index),
              (role_id, tempest::references<&Role::id>(tempest::on_delete::cascade)));

// The history so far: the roles table, spelled out as `revision --autogenerate` writes it.
std::vector<tempest::migration> migrations() {
  return {{"0001_roles", {}, "roles", [](tempest::migration_builder& b) {
             b.create_table("roles", [](tempest::table_builder& t) {
               t.column<std::int64_t>("id").primary_key().autoincrement();
               t.column<std::string>("name").length(50).unique();
             });
           }}};
}

}  // namespace app

int main(int argc, char** argv) try {
  tempest::migration_source source{
      .url = argc > 1 ? argv[1] : "sqlite:quickstart.db",
      .models = tempest::models<app::Role, app::User>,
      .migrations = app::migrations(),
#ifdef NDEBUG
      .sync_schemas = false,  // release builds run migrations only
#else
      .sync_schemas = true,
#endif
  };
  fmt::print("starting on {}\n", tempest::parse_database_url(source.url).redacted());
  auto report = tempest::migrate(source);

  if (report.migrations.empty()) fmt::print("migrations: none pending\n");
  for (const auto& m : report.migrations)
    fmt::print("migration {} ({}): applied in {} ms\n", m.revision, m.label, m.duration.count());
  if (report.sync) {
    if (report.sync->applied.empty() && report.sync->skipped.empty()) fmt::print("sync: nothing to do\n");
    for (const auto& line : report.sync->lines()) fmt::print("sync: {}\n", line);
  }

  tempest::connection db(source.url);
  auto drift = tempest::check_drift(db, source.models());
  if (drift.empty()) fmt::print("the database matches the models\n");
  for (const auto& difference : drift) fmt::print("differs from the models: {}\n", difference);
  return drift.empty() ? 0 : 1;
} catch (const std::exception& e) {
  fmt::print(stderr, "quickstart: {}\n", e.what());
  return 1;
}
