// Compile-fail case: a composite key on a model with a field-level autoincrement key.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int64_t tenant;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key, tempest::autoincrement), (tenant));
TEMPEST_TABLE_CONSTRAINTS(Account, tempest::primary_key(&Account::tenant, &Account::id));

int main() {}
