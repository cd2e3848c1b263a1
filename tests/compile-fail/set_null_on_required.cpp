// Compile-fail case: ON DELETE SET NULL on a non-optional field.
#include <tempest/model/model.hpp>

struct Role {
  std::int64_t id;
};
TEMPEST_MODEL(Role, "roles", (id, tempest::primary_key));
struct Account {
  std::int64_t id;
  std::int64_t role_id;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (role_id, tempest::references<&Role::id>(tempest::on_delete::set_null)));

int main() {}
