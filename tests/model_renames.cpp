#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include <fmt/format.h>

#include <tempest/model/model.hpp>
#include <tempest/model/reflect.hpp>

// tempest::renamed_from on fields and tables, and the rename hints reflect() gives the differ.

namespace renames {

struct person {
  std::int64_t id;
  std::string email;
  std::optional<std::string> full_name;
  std::int32_t age;
};
TEMPEST_MODEL(person, "people", (id, tempest::primary_key), (email, tempest::renamed_from("mail")),
              (full_name, tempest::column_name("display_name"), tempest::renamed_from("name", "fullname")), (age));
TEMPEST_TABLE_CONSTRAINTS(person, tempest::renamed_from("users", "accounts"));

struct post {
  std::int64_t id;
  std::int64_t author_id;
  std::string body;
};
TEMPEST_MODEL(post, "posts", (id, tempest::primary_key),
              (author_id, tempest::renamed_from("user_id"), tempest::references<&person::id>()), (body));

// Two columns that swap names.
struct pair {
  std::int64_t id;
  std::string left;
  std::string right;
};
TEMPEST_MODEL(pair, "pairs", (id, tempest::primary_key), (left, tempest::renamed_from("right")),
              (right, tempest::renamed_from("left")));

}  // namespace renames

// The same tables without hints.
namespace plain {

struct person {
  std::int64_t id;
  std::string email;
  std::optional<std::string> full_name;
  std::int32_t age;
};
TEMPEST_MODEL(person, "people", (id, tempest::primary_key), (email),
              (full_name, tempest::column_name("display_name")), (age));

struct post {
  std::int64_t id;
  std::int64_t author_id;
  std::string body;
};
TEMPEST_MODEL(post, "posts", (id, tempest::primary_key), (author_id, tempest::references<&person::id>()), (body));

}  // namespace plain

// Two models that both say they were one table.
namespace split {

struct customer {
  std::int64_t id;
};
TEMPEST_MODEL(customer, "customers", (id, tempest::primary_key));
TEMPEST_TABLE_CONSTRAINTS(customer, tempest::renamed_from("accounts"));

struct supplier {
  std::int64_t id;
};
TEMPEST_MODEL(supplier, "suppliers", (id, tempest::primary_key));
TEMPEST_TABLE_CONSTRAINTS(supplier, tempest::renamed_from("accounts"));

}  // namespace split

namespace Catch {
template <>
struct StringMaker<tempest::rename_hint> {
  static std::string convert(const tempest::rename_hint& h) {
    return fmt::format("{{\"{}\", \"{}\", \"{}\"}}", h.table, h.column, h.from);
  }
};
}  // namespace Catch

using tempest::rename_hint;

TEST_CASE("renamed_from: one hint per old name of a table or column, sorted by table, column and old name") {
  auto s = tempest::reflect<renames::post, renames::person>();
  CHECK(s.renames == std::vector<rename_hint>{{"people", "", "accounts"},
                                              {"people", "", "users"},
                                              {"people", "display_name", "fullname"},
                                              {"people", "display_name", "name"},
                                              {"people", "email", "mail"},
                                              {"posts", "author_id", "user_id"}});
}

TEST_CASE("renamed_from: the order of the models does not change the hints") {
  CHECK(tempest::reflect<renames::person, renames::post>().renames ==
        tempest::reflect<renames::post, renames::person>().renames);
}

TEST_CASE("renamed_from: two columns may swap names") {
  CHECK(tempest::reflect<renames::pair>().renames ==
        std::vector<rename_hint>{{"pairs", "left", "right"}, {"pairs", "right", "left"}});
}

TEST_CASE("renamed_from: hints do not change the tables, and schemas that differ only in hints compare equal") {
  auto hinted = tempest::reflect<renames::person, renames::post>();
  auto unhinted = tempest::reflect<plain::person, plain::post>();
  CHECK(unhinted.renames.empty());
  CHECK(hinted.tables == unhinted.tables);
  CHECK(hinted == unhinted);
  CHECK(fmt::format("{}", hinted) == fmt::format("{}", unhinted));
}

TEST_CASE("renamed_from: the old names are in the model's description at compile time") {
  constexpr const auto& fields = tempest::detail::field_descriptions<renames::person>;
  STATIC_REQUIRE(fields[0].renamed.count == 0);
  STATIC_REQUIRE(fields[1].renamed.count == 1);
  STATIC_REQUIRE(fields[1].renamed.names[0] == "mail");
  STATIC_REQUIRE(fields[2].renamed.count == 2);
  STATIC_REQUIRE(fields[2].renamed.names[0] == "name");
  STATIC_REQUIRE(fields[2].renamed.names[1] == "fullname");
  constexpr auto items = tempest::detail::table_constraints_of<renames::person>();
  STATIC_REQUIRE(items.size() == 1);
  STATIC_REQUIRE(items[0].kind == tempest::detail::table_item::kind_t::renamed_from);
  STATIC_REQUIRE(items[0].renamed.count == 2);
  STATIC_REQUIRE(items[0].renamed.names[1] == "accounts");
}

TEST_CASE("renamed_from: two tables that give the same old name are refused, naming both") {
  CHECK_THROWS_WITH((tempest::reflect<split::supplier, split::customer>()),
                    "tables \"customers\" and \"suppliers\" both give \"accounts\" as their old name "
                    "(tempest::renamed_from): one table cannot become two");
}
