// Models written for the hand-written SQLite schemas (models/corpus_sqlite.hpp) against the files
// themselves (tests/corpus/sqlite/*.sql): each file, loaded as written and introspected, has exactly
// the tables that the dialect's stored_form of its models says; and the models, created by
// create_schema in a fresh database, read back as the loaded file does.

#include <catch2/catch.hpp>

#include <tempest/introspect/introspect.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "models/corpus_sqlite.hpp"
#include "support/corpus.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

std::string corpus_file(std::string_view name) { return tempest_test::corpus_sql("sqlite", name); }

std::vector<std::string> table_names(const schema& s) {
  std::vector<std::string> names;
  for (const auto& t : s.tables) names.push_back(t.name);
  return names;
}

// The tables and enum types of `live` against `expected`, table by table, printing both sides of each.
// (Unmanaged objects are not modelled: the callers check them.)
void check_tables(const schema& live, const schema& expected) {
  CHECK(table_names(live) == table_names(expected));
  CHECK(live.enum_types == expected.enum_types);
  for (const auto& t : expected.tables) {
    const table* found = live.find_table(t.name);
    REQUIRE(found);
    INFO("live:\n" << fmt::format("{}", *found) << "expected:\n" << fmt::format("{}", t));
    CHECK(*found == t);
  }
}

// Loads the file, and checks it against the models; then creates the models in a fresh database and
// checks that it reads back as the file did. Returns the loaded database's reading.
schema check_models(std::string_view name, const schema& models) {
  connection loaded(tempest_test::fresh_database("sqlite"));
  loaded.execute(corpus_file(name));
  schema read = introspect(loaded);
  {
    INFO("the models against " << name << ".sql");
    check_tables(read, loaded.sql_dialect().stored_form(models));
  }
  connection created(tempest_test::fresh_database("sqlite"));
  create_schema(created, models);
  schema again = introspect(created);
  {
    INFO("the models created by tempest against " << name << ".sql");
    check_tables(again, read);
    CHECK(again.unmanaged.empty());
  }
  return read;
}

}  // namespace

TEST_CASE("sqlite corpus models: the music store's models read as music_store.sql", "[sqlite][corpus][models]") {
  using namespace corpus_sqlite::music_store;
  schema read = check_models(
      "music_store", reflect<Artist, Album, Genre, MediaType, Track, Employee, Customer, Invoice, InvoiceLine, Playlist, PlaylistTrack>());
  CHECK(read.unmanaged.empty());
}

TEST_CASE("sqlite corpus models: Django's auth models read as auth.sql", "[sqlite][corpus][models]") {
  using namespace corpus_sqlite::auth;
  schema read = check_models("auth", reflect<django_migrations, django_content_type, auth_permission, auth_group,
                                             auth_group_permissions, auth_user, auth_user_groups,
                                             auth_user_user_permissions, django_admin_log, django_session>());
  CHECK(read.unmanaged.empty());
}

TEST_CASE("sqlite corpus models: the blog's models read as blog.sql", "[sqlite][corpus][models]") {
  using namespace corpus_sqlite::blog;
  schema read = check_models("blog", reflect<authors, posts, comments, tags, post_tags>());
  CHECK(read.unmanaged.empty());
}

TEST_CASE("sqlite corpus models: the billing models read as billing.sql", "[sqlite][corpus][models]") {
  using namespace corpus_sqlite::billing;
  schema read = check_models("billing",
                             reflect<plans, accounts, payment_methods, subscriptions, invoices, invoice_lines, transaction>());
  CHECK(read.unmanaged.empty());
}

TEST_CASE("sqlite corpus models: the inventory models read as inventory.sql", "[sqlite][corpus][models]") {
  using namespace corpus_sqlite::inventory;
  schema read = check_models("inventory", reflect<warehouses, employees, categories, products, stock, stock_movement>());
  CHECK(read.unmanaged.empty());
}
