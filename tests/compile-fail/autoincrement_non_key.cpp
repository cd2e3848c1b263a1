// Compile-fail case: autoincrement on a field that is not the primary key.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int64_t counter;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (counter, tempest::autoincrement));

int main() {}
