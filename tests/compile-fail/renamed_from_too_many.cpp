// Compile-fail case: more old names than renamed_from holds.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::string email;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (email, tempest::renamed_from("a", "b", "c", "d", "e")));

int main() {}
