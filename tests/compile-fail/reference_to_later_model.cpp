// Compile-fail case: a column's references names a model declared after it (the foreign key belongs
// in TEMPEST_TABLE_CONSTRAINTS, after both).
#include <tempest/model/model.hpp>

struct Role;
struct Account {
  std::int64_t id;
  std::int64_t role_id;
};
struct Role {
  std::int64_t id;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (role_id, tempest::references<&Role::id>()));
TEMPEST_MODEL(Role, "roles", (id, tempest::primary_key));

int main() {}
