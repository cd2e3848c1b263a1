// Compile-ok case: a decimal field's default given as a tempest::decimal (or as text).
#include <tempest/model/model.hpp>
#include <tempest/model/reflect.hpp>

struct Account {
  std::int64_t id;
  tempest::decimal price;
  tempest::decimal fee;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (price, tempest::precision(10, 2), tempest::default_value(tempest::decimal{"0.99"})),
              (fee, tempest::precision(10, 2), tempest::default_value("0.5")));

int main() { return tempest::reflect<Account>().tables.size() == 1 ? 0 : 1; }
