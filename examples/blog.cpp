// A multi-model blog kept up to date by migrations at start-up.
//
//   blog [database URL]           default: sqlite:blog.db
//
// Run it twice: the second run finds nothing pending. Prints the status of every migration and the
// exact SQL of the history for PostgreSQL, as a reviewer would read it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <tempest/migrations.hpp>

namespace blog {

struct author {
  std::int64_t id;
  std::string name;
  std::optional<std::string> email;
};
TEMPEST_MODEL(author, "authors",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(100)),
              (email, tempest::length(255), tempest::unique));

struct post {
  std::int64_t id;
  std::int64_t author_id;
  std::string title;
  std::string body;
};
TEMPEST_MODEL(post, "posts",
              (id, tempest::primary_key, tempest::autoincrement),
              (author_id, tempest::references<&author::id>(tempest::on_delete::cascade), tempest::index),
              (title, tempest::length(200)),
              (body));

std::vector<tempest::migration> migrations() {
  return {
      {"0001_init", {}, "authors and posts",
       [](tempest::migration_builder& b) {
         b.create_table<author>();
         b.create_table<post>();
         b.insert<author>({{1, "Ada", "ada@example.org"}});
       }},
      {"0002_published", {"0001_init"}, "posts can be published",
       [](tempest::migration_builder& b) {
         b.alter_table("posts", [](tempest::table_alterer& t) {
           t.add_column<bool>("published").default_value(false).index();
           t.add_column<std::optional<std::chrono::sys_days>>("published_on");
         });
       }},
  };
}

}  // namespace blog

int main(int argc, char** argv) try {
  tempest::migration_source source{
      .url = argc > 1 ? argv[1] : "sqlite:blog.db",
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
