#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

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

// Naming conventions (schema/naming_convention.hpp). Every expected name is written by hand from the
// rules each database follows.

#include <tempest/schema/naming_convention.hpp>

namespace req {

naming::request pk(std::string table) { return {naming::object::primary_key, std::move(table)}; }
naming::request fk(std::string table, std::vector<std::string> columns, std::string referenced) {
  naming::request r{naming::object::foreign_key, std::move(table), std::move(columns)};
  r.referenced_table = std::move(referenced);
  return r;
}
naming::request index(std::string table, std::vector<std::string> columns, std::vector<bool> expression = {}) {
  return {naming::object::index, std::move(table), std::move(columns), std::move(expression)};
}
naming::request unique(std::string table, std::vector<std::string> columns) {
  return {naming::object::unique, std::move(table), std::move(columns)};
}
// A column check (its column and label are the column) or, with no column, a table check.
naming::request check(std::string table, std::string label, std::string column = {}) {
  naming::request r{naming::object::check, std::move(table)};
  if (!column.empty()) r.columns = {column};
  r.label = std::move(label);
  return r;
}

}  // namespace req

namespace {

std::vector<std::string> name_all(const naming::convention& c, std::vector<naming::request> requests,
                                  std::vector<naming::taken_name> taken = {}) {
  return naming::names(c, requests, std::move(taken));
}

}  // namespace

TEST_CASE("naming conventions: tempest's is the default, with the hash for long names") {
  CHECK(name_all(naming::standard, {req::pk("users"), req::fk("posts", {"author_id"}, "users"), req::unique("users", {"email"}),
                                 req::index("post_tags", {"tag_id", "post_id"}), req::check("orders", "positive_total")}) ==
        std::vector<std::string>{"pk_users", "fk_posts_author_id_users", "uq_users_email", "ix_post_tags_tag_id_post_id",
                                 "ck_orders_positive_total"});
  std::string long_table(70, 't');
  CHECK(name_all(naming::standard, {req::pk(long_table)}) == std::vector<std::string>{naming::fit("pk_" + long_table)});
}

TEST_CASE("naming conventions: PostgreSQL's names") {
  CHECK(name_all(naming::postgresql, {req::pk("users"), req::fk("posts", {"author_id"}, "users"), req::unique("users", {"email"}),
                                   req::unique("post_tags", {"post_id", "tag_id"}), req::index("posts", {"author_id"}),
                                   req::check("orders", "total", "total"), req::check("orders", "")}) ==
        std::vector<std::string>{"users_pkey", "posts_author_id_fkey", "users_email_key", "post_tags_post_id_tag_id_key",
                                 "posts_author_id_idx", "orders_total_check", "orders_check"});
}

TEST_CASE("naming conventions: PostgreSQL numbers a name already taken in the table") {
  CHECK(name_all(naming::postgresql, {req::check("orders", "total"), req::check("orders", "total"), req::check("orders", "total")}) ==
        std::vector<std::string>{"orders_total_check", "orders_total_check1", "orders_total_check2"});
  // A name given exactly takes precedence.
  CHECK(name_all(naming::postgresql, {req::unique("users", {"email"})}, {{naming::object::unique, "users_email_key"}}) ==
        std::vector<std::string>{"users_email_key1"});
  // Indexes and checks are kept apart where PostgreSQL keeps them apart: an index name is a relation's,
  // a check's a constraint's; a primary key and a unique constraint are both.
  CHECK(name_all(naming::postgresql, {req::index("t", {"a"})}, {{naming::object::check, "t_a_idx"}}) ==
        std::vector<std::string>{"t_a_idx"});
  CHECK(name_all(naming::postgresql, {req::check("t", "a")}, {{naming::object::index, "t_a_check"}}) ==
        std::vector<std::string>{"t_a_check"});
  CHECK(name_all(naming::postgresql, {req::check("t", "a")}, {{naming::object::unique, "t_a_check"}}) ==
        std::vector<std::string>{"t_a_check1"});
  // An index on the same column twice names the second part email1, as PostgreSQL names index columns.
  CHECK(name_all(naming::postgresql, {req::index("users", {"email", "email"})}) == std::vector<std::string>{"users_email_email1_idx"});
}

TEST_CASE("naming conventions: PostgreSQL names an expression key part by its function, else expr") {
  CHECK(name_all(naming::postgresql, {req::index("users", {"lower(email)"}, {true}),
                                   req::index("users", {"lower(email)", "upper(name)"}, {true, true}),
                                   req::index("users", {"(a + b)"}, {true}), req::index("users", {"name", "lower(email)"}, {false, true})}) ==
        std::vector<std::string>{"users_lower_idx", "users_lower_upper_idx", "users_expr_idx", "users_name_lower_idx"});
  CHECK(naming::expression_token("LOWER(email)") == "lower");
  CHECK(naming::expression_token("\"Lower\"(email)") == "Lower");
  CHECK(naming::expression_token("public.f(x)") == "f");
  CHECK(naming::expression_token("(email)") == "email");
  CHECK(naming::expression_token("email::text") == "email");
  CHECK(naming::expression_token("coalesce(a, b)") == "coalesce");
  CHECK(naming::expression_token("a + b") == "expr");
  CHECK(naming::expression_token("1 + a") == "expr");
}

TEST_CASE("naming conventions: PostgreSQL truncates to 63 bytes as PostgreSQL does") {
  // makeObjectName: 63 bytes minus "_" and "_fkey" leave 57 for the table (53 bytes) and the column
  // (28); the longer one is cut first, down to 29, where both fit.
  CHECK(name_all(naming::postgresql, {req::fk("blog_post_audit_entries_with_a_deliberately_long_name",
                                      {"comment_identifier_reference"}, "comments")}) ==
        std::vector<std::string>{"blog_post_audit_entries_with__comment_identifier_reference_fkey"});
  // Two names of 40 bytes with "_key": 58 bytes for both, cut alternately (the second first on a tie)
  // to 29 each.
  std::string table = "abcdefghijabcdefghijabcdefghijabcdefghij";
  std::string column = "klmnopqrstklmnopqrstklmnopqrstklmnopqrst";
  CHECK(name_all(naming::postgresql, {req::unique(table, {column})}) ==
        std::vector<std::string>{"abcdefghijabcdefghijabcdefghi_klmnopqrstklmnopqrstklmnopqrs_key"});
  // A primary key leaves 58 bytes to the table name.
  std::string long_table(70, 'p');
  CHECK(name_all(naming::postgresql, {req::pk(long_table)}) == std::vector<std::string>{std::string(58, 'p') + "_pkey"});
  // Never in the middle of a UTF-8 character: 58 bytes would end inside the 29th "ä".
  std::string utf8 = "x";
  for (int i = 0; i < 40; ++i) utf8 += "ä";
  std::string expected = "x";
  for (int i = 0; i < 28; ++i) expected += "ä";
  CHECK(name_all(naming::postgresql, {req::pk(utf8)}) == std::vector<std::string>{expected + "_pkey"});
  // The columns of a long composite key are joined, then cut like one name.
  CHECK(name_all(naming::postgresql, {req::index("t", {std::string(40, 'a'), std::string(40, 'b')})}) ==
        std::vector<std::string>{"t_" + std::string(40, 'a') + "_" + std::string(16, 'b') + "_idx"});
}

TEST_CASE("naming conventions: MySQL's and MariaDB's names") {
  auto requests = std::vector<naming::request>{req::pk("orders"), req::unique("orders", {"email"}), req::index("orders", {"email"}),
                                               req::unique("orders", {"email", "name"}), req::index("orders", {"Primary"}),
                                               req::fk("orders", {"customer_id"}, "customers"),
                                               req::fk("orders", {"rep_id"}, "employees"), req::check("orders", "total", "total"),
                                               req::check("orders", "balanced"), req::check("orders", "positive")};
  CHECK(name_all(naming::mysql, requests) ==
        std::vector<std::string>{"PRIMARY", "email", "email_2", "email_3", "Primary_2", "orders_ibfk_1", "orders_ibfk_2",
                                 "orders_chk_1", "orders_chk_2", "orders_chk_3"});
  CHECK(name_all(naming::mariadb, requests) ==
        std::vector<std::string>{"PRIMARY", "email", "email_2", "email_3", "Primary_2", "orders_ibfk_1", "orders_ibfk_2",
                                 "total", "CONSTRAINT_1", "CONSTRAINT_2"});
  // Index names compare without case: EMAIL given exactly takes email.
  CHECK(name_all(naming::mysql, {req::index("orders", {"email"})}, {{naming::object::unique, "EMAIL"}}) ==
        std::vector<std::string>{"email_2"});
  // A check's name does not take an index's.
  CHECK(name_all(naming::mariadb, {req::index("orders", {"email"})}, {{naming::object::check, "email"}}) ==
        std::vector<std::string>{"email"});
}

TEST_CASE("naming conventions: SQLite keeps no names but an index's") {
  auto partial = req::unique("t", {"email"});
  partial.inline_unique = false;
  CHECK(name_all(naming::sqlite, {req::pk("t"), req::fk("t", {"a"}, "u"), req::check("t", "a", "a"), req::unique("t", {"email"}), partial,
                               req::index("t", {"email"})}) ==
        std::vector<std::string>{"", "", "", "", "uq_t_email", "ix_t_email"});
}

TEST_CASE("naming conventions: patterns of the user's own, and a callback") {
  constexpr naming::convention mine{.primary_key = "{table}_pk",
                                    .foreign_key = "{table}_{column}_to_{referred_table}",
                                    .unique = "",
                                    .index = "{table}_{columns}_ix",
                                    .check = "{table}_{label}_ck"};
  STATIC_REQUIRE(naming::valid(mine));
  CHECK(name_all(mine, {req::pk("users"), req::fk("posts", {"author_id", "x"}, "users"), req::unique("users", {"email"}),
                     req::index("users", {"a", "b"}), req::check("orders", "positive")}) ==
        std::vector<std::string>{"users_pk", "posts_author_id_to_users", "", "users_a_b_ix", "orders_positive_ck"});
  CHECK(name_all(mine, {req::pk(std::string(70, 'u'))}) == std::vector<std::string>{naming::fit(std::string(70, 'u') + "_pk")});

  constexpr naming::convention django{.callback = [](const naming::request& r) -> std::string {
    return r.kind == naming::object::foreign_key ? r.table + "_" + r.columns.front() + "_fk" : std::string();
  }};
  CHECK(name_all(django, {req::pk("users"), req::fk("posts", {"author_id"}, "users")}) == std::vector<std::string>{"", "posts_author_id_fk"});
}

TEST_CASE("naming conventions: a pattern's tokens are checked at compile time") {
  STATIC_REQUIRE(naming::valid_pattern("pk_{table}"));
  STATIC_REQUIRE(naming::valid_pattern("{table}_{columns}_{column}_{referred_table}_{label}"));
  STATIC_REQUIRE_FALSE(naming::valid_pattern("pk_{tabel}"));
  STATIC_REQUIRE_FALSE(naming::valid_pattern("pk_{table"));
  STATIC_REQUIRE_FALSE(naming::valid_pattern("pk_table}"));
  STATIC_REQUIRE(naming::valid(naming::standard));
}

TEST_CASE("naming conventions: the unnamed constraints of a table, named as a database names what tempest renders") {
  using namespace tempest;
  table t{"orders", {{"id", column_type::of(type_kind::int64)}, {"total", column_type::of(type_kind::int32)},
                     {"Status", column_type::varchar(10)}, {"customer_id", column_type::of(type_kind::int64)}}};
  t.key = primary_key_def{"", {"id"}};
  t.indexes = {{"", {"customer_id", "total"}, true}, {"ix_orders_total", {"total"}, false}};
  t.foreign_keys = {{"", {"customer_id"}, "customers", {"id"}}};
  t.checks = {{"", "total >= 0", {}, {}}, {"", "total < 100 AND customer_id > 0", {}, {}},
              {"", {}, "Status", {"new", "paid"}}, {"", "\"Status\" <> 'total'", {}, {}}};

  auto postgresql = t;
  naming::name_unnamed(naming::postgresql, postgresql);
  CHECK(postgresql.key->name == "orders_pkey");
  CHECK(postgresql.indexes[0].name == "orders_customer_id_total_key");
  CHECK(postgresql.indexes[1].name == "ix_orders_total");
  CHECK(postgresql.foreign_keys[0].name == "orders_customer_id_fkey");
  CHECK(postgresql.checks[0].name == "orders_total_check");
  CHECK(postgresql.checks[1].name == "orders_check");     // two columns: no column in the name
  CHECK(postgresql.checks[2].name == "orders_Status_check");
  CHECK(postgresql.checks[3].name == "orders_Status_check1");  // 'total' is text, not the column

  auto mariadb = t;
  naming::name_unnamed(naming::mariadb, mariadb);
  CHECK(mariadb.key->name == "PRIMARY");
  CHECK(mariadb.indexes[0].name == "customer_id");
  CHECK(mariadb.foreign_keys[0].name == "orders_ibfk_1");
  CHECK(mariadb.checks[0].name == "CONSTRAINT_1");
  CHECK(mariadb.checks[3].name == "CONSTRAINT_4");

  CHECK(naming::columns_named("lower(\"Status\") = 'id' OR total > 0", t) == std::vector<std::string>{"Status", "total"});
  CHECK(naming::columns_named("TOTAL > 0", t) == std::vector<std::string>{"total"});
}
