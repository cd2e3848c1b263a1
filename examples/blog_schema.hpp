#pragma once
// The blog's models and migrations, shared by the application (blog.cpp) and its migrate tool
// (blog_migrate.cpp). The history branches after 0003 (tags and view counts were written at the
// same time) and 0005 merges the two branches.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tempest/migrations.hpp>

// The revisions `blog_migrate revision` writes (into examples/blog_migrations/): rebuilt in.
#if __has_include("blog_migrations/all_migrations.hpp")
#include "blog_migrations/all_migrations.hpp"
#define BLOG_GENERATED_MIGRATIONS 1
#endif

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
  bool published;
  std::int64_t views;
};
TEMPEST_MODEL(post, "posts",
              (id, tempest::primary_key, tempest::autoincrement),
              (author_id, tempest::references<&author::id>(tempest::on_delete::cascade), tempest::index),
              (title, tempest::length(200)),
              (body),
              (published, tempest::default_value(false)),
              (views, tempest::default_value(0)));

struct comment {
  std::int64_t id;
  std::int64_t post_id;
  std::string body;
};
TEMPEST_MODEL(comment, "comments",
              (id, tempest::primary_key, tempest::autoincrement),
              (post_id, tempest::references<&post::id>(tempest::on_delete::cascade), tempest::index),
              (body));

struct tag {
  std::int64_t id;
  std::string name;
};
TEMPEST_MODEL(tag, "tags",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(50), tempest::unique));

inline constexpr auto models = tempest::models<author, post, comment, tag>;

// Each table spelled out as it was when the migration was written, so that a migration never
// changes when a model does.
inline std::vector<tempest::migration> migrations() {
  using tempest::migration_builder;
  using tempest::table_builder;
  std::vector<tempest::migration> written{
      {"0001_init", {}, "authors and posts",
       [](migration_builder& b) {
         b.create_table("authors", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::string>("name").length(100);
           t.column<std::optional<std::string>>("email").length(255).unique();
         });
         b.create_table("posts", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::int64_t>("author_id").references("authors", "id", tempest::fk_action::cascade).index();
           t.column<std::string>("title").length(200);
           t.column<std::string>("body");
         });
         b.insert("authors", {"id", "name", "email"},
                  {{1LL, std::string("Ada"), std::string("ada@example.org")}});
       }},
      {"0002_published", {"0001_init"}, "posts can be published",
       [](migration_builder& b) {
         b.alter_table("posts", [](tempest::table_alterer& t) { t.add_column<bool>("published").default_value(false); });
       }},
      {"0003_comments", {"0002_published"}, "comments",
       [](migration_builder& b) {
         b.create_table("comments", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::int64_t>("post_id").references("posts", "id", tempest::fk_action::cascade).index();
           t.column<std::string>("body");
         });
       }},
      {"0004_tags", {"0003_comments"}, "tags",
       [](migration_builder& b) {
         b.create_table("tags", [](table_builder& t) {
           t.column<std::int64_t>("id").primary_key().autoincrement();
           t.column<std::string>("name").length(50).unique();
         });
       }},
      {"0004_views", {"0003_comments"}, "view counts",
       [](migration_builder& b) {
         b.alter_table("posts", [](tempest::table_alterer& t) { t.add_column<std::int64_t>("views").default_value(0); });
       }},
      {"0005_merge", {"0004_tags", "0004_views"}, "merge tags and view counts", [](migration_builder&) {}},
  };
#ifdef BLOG_GENERATED_MIGRATIONS
  for (auto& m : blog_migrations::all_migrations()) written.push_back(std::move(m));
#endif
  return written;
}

}  // namespace blog
