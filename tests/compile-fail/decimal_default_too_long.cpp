// Compile-fail case: a decimal default as a tempest::decimal longer than the 48 characters it can hold.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  tempest::decimal price;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (price, tempest::precision(60, 50),
               tempest::default_value(tempest::decimal{"0.12345678901234567890123456789012345678901234567890"})));

int main() {}
