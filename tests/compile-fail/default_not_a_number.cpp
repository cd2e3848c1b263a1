// Compile-fail case: a decimal default that is SQL, not a number.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  tempest::decimal balance;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (balance, tempest::precision(10, 2), tempest::default_value("0; DROP TABLE victim; --")));

int main() {}
