// Compile-fail case: a decimal without precision.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  tempest::decimal balance;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (balance));

int main() {}
