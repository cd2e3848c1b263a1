#include <catch2/catch.hpp>

#include <set>

#include <tempest/schema/naming.hpp>

namespace naming = tempest::naming;

TEST_CASE("naming: conventional names for keys, indexes and checks") {
  CHECK(naming::primary_key("users") == "pk_users");
  CHECK(naming::foreign_key("posts", {"author_id"}, "users") == "fk_posts_author_id_users");
  CHECK(naming::index("post_tags", {"tag_id", "post_id"}) == "ix_post_tags_tag_id_post_id");
  CHECK(naming::unique("users", {"email"}) == "uq_users_email");
  CHECK(naming::check("posts", "status") == "ck_posts_status");
}

TEST_CASE("naming: a name within the limit is kept as is") {
  std::string exact(63, 'a');
  CHECK(naming::fit(exact) == exact);
}

TEST_CASE("naming: long names are shortened to the limit with a stable hash suffix") {
  std::string long_name = "fk_" + std::string(70, 'x') + "_one";
  auto shortened = naming::fit(long_name);
  CHECK(shortened.size() == 63);
  CHECK(shortened == naming::fit(long_name));  // deterministic
  CHECK(shortened.starts_with("fk_xxxx"));
  CHECK(shortened.substr(54, 1) == "_");
  CHECK(shortened != naming::fit("fk_" + std::string(70, 'x') + "_two"));  // same prefix, no collision
}

TEST_CASE("naming: many long names sharing a prefix never collide") {
  std::set<std::string> names;
  for (int i = 0; i < 2000; ++i) names.insert(naming::foreign_key(std::string(60, 't'), {"c" + std::to_string(i)}, "r"));
  CHECK(names.size() == 2000);
  for (const auto& n : names) CHECK(n.size() <= naming::max_identifier_bytes);
}

TEST_CASE("naming: the hash suffix is pinned, so names stay stable across versions") {
  CHECK(naming::fnv1a("") == 0x811c9dc5u);
  CHECK(naming::fnv1a("a") == 0xe40c292cu);
  CHECK(naming::fit(std::string(64, 'b')) == std::string(54, 'b') + "_" + fmt::format("{:08x}", naming::fnv1a(std::string(64, 'b'))));
}

TEST_CASE("naming: shortening never cuts a UTF-8 character in half") {
  std::string name = "ix_";
  for (int i = 0; i < 40; ++i) name += "ä";  // two bytes each
  auto shortened = naming::fit(name);
  REQUIRE(shortened.size() <= 63);
  auto prefix = shortened.substr(0, shortened.size() - 9);
  // Every byte of the kept prefix after "ix_" belongs to a complete two-byte sequence.
  CHECK((prefix.size() - 3) % 2 == 0);
  CHECK((static_cast<unsigned char>(prefix.back()) & 0xC0) == 0x80);
}
