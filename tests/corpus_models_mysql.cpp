// Models of the hand-written MariaDB schemas (tests/models/corpus_mysql.hpp) against the schemas
// themselves: each .sql file of tests/corpus/mysql/ is loaded as written and read back, and equals
// what the models say the database stores (stored_form); the models created by tempest in a fresh
// database read back as the loaded file does.
#include <catch2/catch.hpp>

#include <tempest/introspect/introspect.hpp>
#include <tempest/model/reflect.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "models/corpus_mysql.hpp"
#include "support/corpus.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

std::string corpus_file(std::string_view name) { return tempest_test::corpus_sql("mysql", name); }

// stored_form, and what it cannot know: a table in the database's default collation reads back with
// none (the default is the server's, asked here).
schema stored_form_in(connection& db, const schema& models) {
  schema expected = db.sql_dialect().stored_form(models);
  auto rows = db.query("SELECT @@collation_database");
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0][0].has_value());
  for (auto& t : expected.tables)
    if (t.collation == *rows[0][0]) t.collation.clear();
  return expected;
}

// Tables and enum types, table by table; unmanaged objects are not modelled.
void check_equal(const schema& live, const schema& expected) {
  INFO("live:\n" << fmt::format("{}", live) << "\nexpected:\n" << fmt::format("{}", expected));
  CHECK(live.enum_types == expected.enum_types);
  CHECK(live.tables.size() == expected.tables.size());
  for (const auto& t : expected.tables) {
    INFO("table " << t.name);
    const table* found = live.find_table(t.name);
    REQUIRE(found);
    INFO("live:\n" << fmt::format("{}", *found) << "expected:\n" << fmt::format("{}", t));
    CHECK(*found == t);
  }
}

// The corpus file `name` and its models: no differences between them, either way.
void check_models(std::string_view name, const schema& models) {
  schema loaded;
  {
    connection db(tempest_test::fresh_database("mysql"));
    db.execute(corpus_file(name));
    loaded = introspect(db);
    check_equal(loaded, stored_form_in(db, models));
  }
  CHECK(loaded.unmanaged.empty());

  connection db(tempest_test::fresh_database("mysql"));
  create_schema(db, models);
  auto created = introspect(db);
  check_equal(created, loaded);
  CHECK(created.unmanaged.empty());
}

}  // namespace

TEST_CASE("corpus models mysql: music_store", "[mysql][corpus][models]") {
  using namespace corpus_mysql::music_store;
  check_models("music_store", reflect<artist, album, genre, media_type, track, employee, customer, invoice,
                                      invoice_line, playlist, playlist_track>());
}

TEST_CASE("corpus models mysql: auth", "[mysql][corpus][models]") {
  using namespace corpus_mysql::auth;
  check_models("auth", reflect<django_content_type, auth_permission, auth_group, auth_group_permissions, auth_user,
                               auth_user_groups, auth_user_user_permissions, django_session>());
}

TEST_CASE("corpus models mysql: blog", "[mysql][corpus][models]") {
  using namespace corpus_mysql::blog;
  check_models("blog", reflect<wp_users, wp_posts, wp_comments, wp_terms, wp_term_relationships>());
}

TEST_CASE("corpus models mysql: billing", "[mysql][corpus][models]") {
  using namespace corpus_mysql::billing;
  check_models("billing", reflect<plans, accounts, subscriptions, invoices, invoice_items, payments>());
}

TEST_CASE("corpus models mysql: inventory", "[mysql][corpus][models]") {
  using namespace corpus_mysql::inventory;
  check_models("inventory", reflect<warehouse, staff, supplier, product, stock, stock_movement>());
}
