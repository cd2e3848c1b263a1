// Compile-fail case: autoincrement on a string key.
#include <tempest/model/model.hpp>

struct Account {
  std::string id;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key, tempest::autoincrement));

int main() {}
