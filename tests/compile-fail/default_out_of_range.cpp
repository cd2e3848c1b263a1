// Compile-fail case: an integer default wider than the field.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int16_t level;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (level, tempest::default_value(40000)));

int main() {}
