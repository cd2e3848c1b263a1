#pragma once
// What an application gives tempest::cli::run(): its database, migrations and models, and where
// output goes. Everything but the migrations has a default.

#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "tempest/migration/migration.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest::cli {

// The exit codes of every command, as --help documents them.
enum exit_code : int {
  ok = 0,
  drift = 1,    // check only: the database differs from the models
  failure = 2,  // an error: bad arguments, an unreachable database, a failed migration, …
};

struct config {
  std::string url;  // the default database URL; --url and TEMPEST_DATABASE_URL override it
  std::vector<migration> migrations;
  schema (*models)() = nullptr;  // tempest::models<A, B, …>; check, sync, diff, diagram, revision need them
  std::string migrations_directory = "migrations";  // where `revision` writes
  std::string namespace_name = "migrations";        // the C++ namespace of generated revisions
  std::string version_table = "tempest_migrations";
  std::string environment = "development";  // "production" refuses downgrade …
  bool allow_downgrade_in_production = false;  // … unless this is set
  std::chrono::milliseconds lock_timeout{60'000};
  std::string program_name = "migrate";
  std::string description = "Migrates the application's database with tempest.";
  std::ostream* out = &std::cout;  // what the command prints (one JSON document with --format json)
  std::ostream* err = &std::cerr;  // errors and warnings in text mode
  // Colour: std::nullopt decides by itself (only when `out` is std::cout on a terminal and NO_COLOR
  // is not set); true or false forces it.
  std::optional<bool> colour;
};

}  // namespace tempest::cli
