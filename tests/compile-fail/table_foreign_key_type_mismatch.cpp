// Compile-fail case: a table-level foreign key from a 32-bit field to a 64-bit key.
#include <tempest/model/model.hpp>

struct Role {
  std::int64_t id;
};
TEMPEST_MODEL(Role, "roles", (id, tempest::primary_key));
struct Account {
  std::int64_t id;
  std::int32_t role_id;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (role_id));
TEMPEST_TABLE_CONSTRAINTS(Account, tempest::foreign_key(&Account::role_id).references<&Role::id>());

int main() {}
