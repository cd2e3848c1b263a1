// A new project's migrate tool: its models, and the migrations `revision` writes for them (none at
// first). The README's walkthrough starts here.
//
//   notes_migrate revision -m "notebooks and notes" --autogenerate   the first migration, from the models
//   notes_migrate upgrade                                           (after a rebuild, which compiles it in)
//   notes_migrate check                                             the CI gate
//
// The database: --url, else TEMPEST_DATABASE_URL, else sqlite:notes.db. `revision` writes into
// examples/notes_migrations/ (NOTES_MIGRATIONS_DIR), whose registry this file includes once it exists.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tempest/cli/run.hpp>
#include <tempest/migrations.hpp>

#if __has_include("notes_migrations/all_migrations.hpp")
#include "notes_migrations/all_migrations.hpp"
#define NOTES_HAVE_MIGRATIONS 1
#endif

namespace notes {

struct notebook {
  std::int64_t id;
  std::string title;
};
TEMPEST_MODEL(notebook, "notebooks",
              (id, tempest::primary_key, tempest::autoincrement),
              (title, tempest::length(100), tempest::unique));

struct note {
  std::int64_t id;
  std::int64_t notebook_id;
  std::string text;
  bool pinned;
};
TEMPEST_MODEL(note, "notes",
              (id, tempest::primary_key, tempest::autoincrement),
              (notebook_id, tempest::references<&notebook::id>(tempest::on_delete::cascade), tempest::index),
              (text),
              (pinned, tempest::default_value(false)));

}  // namespace notes

int main(int argc, char** argv) {
  tempest::cli::config cfg;
  cfg.url = "sqlite:notes.db";
#ifdef NOTES_HAVE_MIGRATIONS
  cfg.migrations = notes_migrations::all_migrations();
#endif
  cfg.models = tempest::models<notes::notebook, notes::note>;
  cfg.migrations_directory = NOTES_MIGRATIONS_DIR;
  cfg.namespace_name = "notes_migrations";
  cfg.program_name = "notes_migrate";
  cfg.description = "The notes application's database.";
  return tempest::cli::run(argc, argv, cfg);
}
