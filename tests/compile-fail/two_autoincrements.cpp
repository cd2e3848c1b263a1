// Compile-fail case: two autoincrement fields in one model.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int64_t other;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key, tempest::autoincrement),
              (other, tempest::primary_key, tempest::autoincrement));

int main() {}
