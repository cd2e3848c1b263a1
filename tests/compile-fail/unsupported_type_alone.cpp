// Compile-fail case: a field of a type with no column type, with options that would break other rules
// if it had one: the type is the one error.
#include <tempest/model/model.hpp>

struct Account {
  std::vector<int> id;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key, tempest::autoincrement, tempest::default_value(0)));

int main() {}
