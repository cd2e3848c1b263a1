// A multi-model blog kept up to date by migrations at start-up.
//
//   blog [database URL]           default: sqlite:blog.db
//
// Run it twice: the second run finds nothing pending. Prints the status of every migration and the
// exact SQL of the history for PostgreSQL, as a reviewer would read it.

#include <fmt/format.h>
#include <tempest/migrations.hpp>

#include "blog_schema.hpp"  // the models and migrations, shared with its migrate tool (blog_migrate.cpp)

int main(int argc, char** argv) try {
  tempest::migration_source source{
      .url = argc > 1 ? argv[1] : "sqlite:blog.db",
      .models = blog::models,
      .migrations = blog::migrations(),
      .on_event =
          [](const tempest::runner_event& e) {
            if (e.type == tempest::runner_event::kind::migration_finished)
              fmt::print("applied {} ({}) in {} ms\n", e.revision, e.label, e.result->duration.count());
          },
  };
  auto report = tempest::migrate(source);
  if (report.migrations.empty()) fmt::print("nothing to migrate\n");
  for (const auto& entry : tempest::migration_status(source))
    fmt::print("{:<16} {:<8} batch {} {}\n", entry.revision, tempest::to_string(entry.state), entry.batch,
               entry.applied_at);

  fmt::print("\n-- the history as PostgreSQL SQL:\n{}",
             tempest::to_script(tempest::upgrade_sql(tempest::dialect_for(tempest::dialect_kind::postgresql),
                                                     tempest::history(blog::migrations()))));
} catch (const std::exception& e) {
  fmt::print(stderr, "blog: {}\n", e.what());
  return 1;
}
