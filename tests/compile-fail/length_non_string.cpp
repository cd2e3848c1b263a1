// Compile-fail case: length on a bool.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  bool active;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (active, tempest::length(10)));

int main() {}
