// A default that is not a value of its column's type is refused before any SQL of its migration
// runs, with a message naming the migration, the table and the column. (The same default in a
// TEMPEST_MODEL does not compile: see compile-fail/default_not_a_number.cpp.)
#include <catch2/catch.hpp>

#include <limits>

#include <soci/soci.h>

#include <tempest/migrations.hpp>

#include "support/database.hpp"

using namespace tempest;

namespace {

constexpr auto injection = "0; DROP TABLE victim; --";

migration victim_and_prices() {
  return {"0001_prices", {}, "victim and prices", [](migration_builder& b) {
            b.create_table("victim", [](table_builder& t) { t.column<std::int32_t>("id").primary_key(); });
            b.create_table("prices", [](table_builder& t) {
              t.column<std::int64_t>("id").primary_key();
              t.column<decimal>("amount").precision(10, 2);
            });
          }};
}

int count(soci::session& reader, const std::string& sql) {
  int n = 0;
  reader << sql, soci::into(n);
  return n;
}

// Runs `history` on a fresh PostgreSQL database; expects a schema_error containing each of `expected`,
// and that only the migrations in `applied` ran.
void refused_on_postgresql(std::vector<migration> history, std::vector<std::string> expected, int applied) {
  auto url = tempest_test::fresh_database("postgresql");
  try {
    migrate({.url = url, .migrations = std::move(history)});
    FAIL("the migration ran");
  } catch (const schema_error& e) {
    std::string message = e.what();
    INFO(message);
    for (const auto& part : expected) CHECK(message.find(part) != std::string::npos);
  }
  soci::session reader;
  tempest_test::connect(reader, url);
  CHECK(count(reader, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'victim'") ==
        applied);
  CHECK(count(reader, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'prices' "
                      "AND column_name = 'amount' AND column_default IS NOT NULL") == 0);
  if (applied) CHECK(count(reader, "SELECT count(*) FROM tempest_migrations") == applied);
}

}  // namespace

TEST_CASE("literals postgresql: set_default with SQL for a number is refused, naming the migration", "[postgresql][literal]") {
  refused_on_postgresql({victim_and_prices(),
                         {"0002_amount_default", {"0001_prices"}, "default amount", [](migration_builder& b) {
                            b.alter_table("prices", [](table_alterer& t) {
                              t.set_default("amount", column_default::literal(injection));
                            });
                          }}},
                        {"migration \"0002_amount_default\" (default amount), up step 1",
                         "column \"prices\".\"amount\": default '0; DROP TABLE victim; --' is not a number"},
                        1);
}

TEST_CASE("literals postgresql: a column's default_value with SQL for a number is refused", "[postgresql][literal]") {
  refused_on_postgresql({victim_and_prices(),
                         {"0002_discount", {"0001_prices"}, "discounts", [](migration_builder& b) {
                            b.alter_table("prices", [](table_alterer& t) {
                              t.add_column<decimal>("discount").precision(5, 2).default_value(injection);
                            });
                          }}},
                        {"migration \"0002_discount\" (discounts), up step 1",
                         "add_column: column \"prices\".\"discount\": default '0; DROP TABLE victim; --' is not a number"},
                        1);
}

TEST_CASE("literals postgresql: NaN and NUL in a first migration are refused before it runs", "[postgresql][literal]") {
  refused_on_postgresql({{"0001_ratios", {}, "ratios", [](migration_builder& b) {
                            b.create_table("victim", [](table_builder& t) { t.column<std::int32_t>("id"); });
                            b.create_table("ratios", [](table_builder& t) {
                              t.column<double>("ratio").default_value(std::numeric_limits<double>::quiet_NaN());
                            });
                          }}},
                        {"migration \"0001_ratios\" (ratios), up step 2",
                         "create_table: column \"ratios\".\"ratio\": default 'nan' is NaN or an infinity"},
                        0);
  refused_on_postgresql({{"0001_names", {}, "names", [](migration_builder& b) {
                            b.create_table("victim", [](table_builder& t) { t.column<std::int32_t>("id"); });
                            b.insert("victim", {"id"}, {{1LL}});
                            b.create_table("names", [](table_builder& t) { t.column<std::string>("name"); });
                            b.insert("names", {"name"}, {{std::string("a\0b", 3)}});
                          }}},
                        {"migration \"0001_names\" (names), up step 4",
                         "insert_rows: column \"names\".\"name\", row 1: value 'a\\0b' contains a NUL byte"},
                        0);
}
