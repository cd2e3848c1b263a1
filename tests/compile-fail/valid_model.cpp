// Compile-ok control: every option in valid use, so the compile-fail cases fail for their own reason.
#include <tempest/model/model.hpp>
#include <tempest/model/reflect.hpp>

enum class colour { red, green };
BOOST_DESCRIBE_ENUM(colour, red, green)

struct Role {
  std::int64_t id;
};
TEMPEST_MODEL(Role, "roles", (id, tempest::primary_key, tempest::autoincrement));

struct Account {
  std::int64_t id;
  std::string name;
  std::optional<std::int64_t> role_id;
  colour favourite;
  tempest::decimal balance;
  std::vector<int> scores;
  std::int64_t tenant;
};
TEMPEST_MODEL(Account, "accounts", (id), (name, tempest::length(10), tempest::default_value("x")),
              (role_id, tempest::references<&Role::id>(tempest::on_delete::set_null),
               tempest::renamed_from("group_id")),
              (favourite, tempest::default_value(colour::red)), (balance, tempest::precision(10, 2), tempest::default_value("-12.50")),
              (scores, tempest::sql_type("integer[]")), (tenant, tempest::index));
TEMPEST_TABLE_CONSTRAINTS(Account, tempest::primary_key(&Account::tenant, &Account::id),
                          tempest::check("positive", "tenant > 0"), tempest::renamed_from("users", "members"));

int main() { return tempest::reflect<Role, Account>().tables.size() == 2 ? 0 : 1; }
