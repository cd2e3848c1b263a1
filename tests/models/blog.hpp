#pragma once
// The blog schema the tests create on every database: roles, users, posts, tags, post_tags
// (composite key), comments (self-reference), a table and columns named by reserved words and by
// names with quotes, spaces and non-ASCII letters, and a foreign key whose conventional name is too
// long for PostgreSQL.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tempest/model/model.hpp>
#include <tempest/model/reflect.hpp>

namespace blog {

enum class post_status { draft, published, archived };
BOOST_DESCRIBE_ENUM(post_status, draft, published, archived)

struct role {
  std::int32_t id;
  std::string name;
  std::optional<std::string> description;
};
TEMPEST_MODEL(role, "roles",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(50), tempest::unique),
              (description));

struct user {
  std::int64_t id;
  std::string name;
  std::optional<std::string> email;
  bool active;
  std::int32_t role_id;
  std::chrono::system_clock::time_point created_at;
  std::optional<std::vector<std::byte>> avatar;
};
TEMPEST_MODEL(user, "users",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(100), tempest::index("ix_users_name_active")),
              (email, tempest::length(255), tempest::unique),
              (active, tempest::default_value(true), tempest::index("ix_users_name_active")),
              (role_id, tempest::references<&role::id>(tempest::on_delete::restrict, tempest::on_update::cascade)),
              (created_at, tempest::default_sql("CURRENT_TIMESTAMP")),
              (avatar));

struct post {
  std::int64_t id;
  std::int64_t author_id;
  std::string title;
  std::string body;
  post_status status;
  std::optional<std::chrono::sys_days> published_on;
  tempest::decimal rating;
  std::int16_t priority;
  double score;
  float weight;
};
TEMPEST_MODEL(post, "posts",
              (id, tempest::primary_key, tempest::autoincrement),
              (author_id, tempest::references<&user::id>(tempest::on_delete::cascade), tempest::index),
              (title, tempest::length(200), tempest::default_value("untitled")),
              (body),
              (status, tempest::default_value(post_status::draft)),
              (published_on),
              (rating, tempest::precision(5, 2), tempest::default_value("0.00")),
              (priority, tempest::default_value(-1)),
              (score, tempest::default_value(0.5)),
              (weight, tempest::default_value(1.25f)));

struct tag {
  std::int32_t id;
  std::string label;
};
TEMPEST_MODEL(tag, "tags",
              (id, tempest::primary_key, tempest::autoincrement),
              (label, tempest::length(40), tempest::unique));

struct post_tag {
  std::int64_t post_id;
  std::int32_t tag_id;
};
TEMPEST_MODEL(post_tag, "post_tags",
              (post_id, tempest::references<&post::id>(tempest::on_delete::cascade)),
              (tag_id, tempest::references<&tag::id>(tempest::on_delete::cascade)));
TEMPEST_TABLE_CONSTRAINTS(post_tag,
                          tempest::primary_key(&post_tag::post_id, &post_tag::tag_id),
                          tempest::index(&post_tag::tag_id, &post_tag::post_id));

struct comment {
  std::int64_t id;
  std::int64_t post_id;
  std::optional<std::int64_t> parent_id;
  std::string text;
};
TEMPEST_MODEL(comment, "comments",
              (id, tempest::primary_key, tempest::autoincrement),
              (post_id, tempest::references<&post::id>(tempest::on_delete::cascade)),
              (parent_id, tempest::references<&comment::id>(tempest::on_delete::set_null)),
              (text));

// Reserved words and awkward names everywhere.
struct order {
  std::int64_t id;
  std::string group;
  std::int32_t select;
  std::optional<std::int64_t> user;
  std::optional<std::string> size;
  std::optional<std::string> quoted;
};
TEMPEST_MODEL(order, "order",
              (id, tempest::primary_key),
              (group, tempest::length(30), tempest::index),
              (select, tempest::default_value(1)),
              (user, tempest::references<&user::id>(tempest::on_delete::set_null)),
              (size, tempest::column_name("größe"), tempest::length(10)),
              (quoted, tempest::column_name("it's a \"name\""), tempest::default_value("a 'quoted' \\ value")));
TEMPEST_TABLE_CONSTRAINTS(order, tempest::check("positive_select", "1 <= 2"));

struct audit_entry {
  std::int64_t id;
  std::int64_t comment_identifier_reference;
};
TEMPEST_MODEL(audit_entry, "blog_post_audit_entries_with_a_deliberately_long_name",
              (id, tempest::primary_key, tempest::autoincrement),
              (comment_identifier_reference, tempest::references<&comment::id>(tempest::on_delete::cascade)));

inline tempest::schema schema() {
  return tempest::reflect<role, user, post, tag, post_tag, comment, order, audit_entry>();
}

}  // namespace blog
