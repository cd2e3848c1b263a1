// Compile-fail case: a table-level check with its SQL only: it needs a label or a name.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int64_t total;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (total));
TEMPEST_TABLE_CONSTRAINTS(Account, tempest::check("total >= 0"));

int main() {}
