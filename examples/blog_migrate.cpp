// The blog application's own migrate tool: its models and migrations, and tempest::cli::run.
//
//   blog_migrate upgrade                      apply what is pending
//   blog_migrate status --format json         for machines
//   blog_migrate check                        the CI gate: exit 1 on drift
//   blog_migrate --help                       every command, and the exit codes
//
// The database: --url, else TEMPEST_DATABASE_URL, else sqlite:blog.db. BLOG_ENV=production
// refuses downgrades. The models and migrations are the blog's own (blog_schema.hpp).

#include <cstdlib>

#include <tempest/cli/run.hpp>

#include "blog_schema.hpp"

int main(int argc, char** argv) {
  tempest::cli::config cfg;
  cfg.url = "sqlite:blog.db";
  cfg.migrations = blog::migrations();
  cfg.models = blog::models;
  // `revision` writes into the example's source folder, whose registry blog_schema.hpp includes.
  cfg.migrations_directory = BLOG_MIGRATIONS_DIR;
  cfg.namespace_name = "blog_migrations";
  cfg.program_name = "blog_migrate";
  cfg.description = "The blog's database: migrations, drift checks and diagrams.";
  // BLOG_ENV=production: downgrades are refused.
  if (const char* environment = std::getenv("BLOG_ENV")) cfg.environment = environment;
  return tempest::cli::run(argc, argv, cfg);
}
