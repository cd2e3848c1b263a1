// Compile-fail case: a negative default on an unsigned field.
#include <tempest/model/model.hpp>

struct Account {
  std::uint32_t id;
  std::uint8_t age;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (age, tempest::default_value(-1)));

int main() {}
