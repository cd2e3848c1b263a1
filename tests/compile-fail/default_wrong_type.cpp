// Compile-fail case: a string default on an integer field.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int32_t age;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (age, tempest::default_value("ten")));

int main() {}
