// Compile-fail case: a table-level option given to a column.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int64_t tenant;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (tenant, tempest::without_rowid));

int main() {}
