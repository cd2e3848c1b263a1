// Quickstart: describe two tables as annotated structs, create them in an embedded SQLite file, and
// read the live schema back.
//
//   scripts/quickstart            # or: quickstart [sqlite:path.db | postgresql://… | mysql://…]

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

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

}  // namespace app

int main(int argc, char** argv) try {
  std::string url = argc > 1 ? argv[1] : "sqlite:quickstart.db";
  if (argc <= 1) std::remove("quickstart.db");

  auto target = tempest::reflect<app::Role, app::User>();
  tempest::connection db(url);
  fmt::print("creating on {}:\n", tempest::parse_database_url(url).redacted());
  for (const auto& statement : tempest::create_schema(db.sql_dialect(), target)) fmt::print("{};\n", statement);
  tempest::create_schema(db, target);

  auto live = tempest::introspect(db);
  fmt::print("\nthe database now holds:\n{}", live);
  bool same = live == db.sql_dialect().stored_form(target);
  fmt::print("\nlive schema {} the models\n", same ? "matches" : "DIFFERS FROM");
  return same ? 0 : 1;
} catch (const std::exception& e) {
  fmt::print(stderr, "quickstart: {}\n", e.what());
  return 1;
}
