// Compile-fail case: an empty old table name.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key));
TEMPEST_TABLE_CONSTRAINTS(Account, tempest::renamed_from("users", ""));

int main() {}
